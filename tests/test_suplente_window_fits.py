"""The main window of a suplente covering an absence, with its coverage banner, still fits a
1366×768 screen in every section (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

from redes_desktop.ui.main_window import MainWindow
from tests import test_window_fits as _fits

context = _fits.context  # fixture


def test_the_window_with_the_banner_still_fits_1366x768(qtbot, context):
    from tests.test_window_fits import MAX_HEIGHT, MAX_WIDTH, _minimum

    context.choose_identity(context.ids["suplente"])
    window = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(window)
    window.set_context(context)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.coverage_banner.isVisible(), timeout=5000)
    assert "Cubre a María Guadalupe" in window.coverage_banner.text()
    for key in window.section_keys():
        window.show_section(key)
        if key == "bitacora":
            qtbot.waitUntil(lambda key=key: window.page(key).loaded, timeout=10_000)
        qtbot.wait(1)
        width, height = _minimum(window)
        assert width <= MAX_WIDTH and height <= MAX_HEIGHT, (key, width, height)
    QThreadPool.globalInstance().waitForDone()
