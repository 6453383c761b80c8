"""The Redactor at 1366×768 (issue 15): findings shown in full (wrapped), the criterion column
always in view, the alt-text field of an image fully visible."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt, QThreadPool
from PySide6.QtGui import QFontMetrics

from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer.findings_panel import FindingsPanel
from redes_desktop.ui.main_window import MainWindow
from redes_desktop.workspace import open_workspace
from tests.factories import make_office

LONG = ("Toda publicación en X debe ir acompañada de una imagen o un video que la ilustre; "
        "no se debe publicar sólo texto. Adjunte una imagen con su texto alternativo o un "
        "video antes de marcarla como publicada (criterio 6.xxvi).")


def _results(*messages: str) -> dict:
    from redes_desktop.models.enums import Network

    findings = [Finding(rule="6.xxvi", severity=Severity.BLOQUEA, message=m, code=f"c{i}")
                for i, m in enumerate(messages)]
    return {Network.X: CheckResult("t", Network.X, 1, 280, findings)}


def _shows_in_full(tree, row: int) -> bool:
    item = tree.topLevelItem(row)
    rect = tree.visualItemRect(item)
    text = item.text(1)
    needed = QFontMetrics(tree.font()).boundingRect(
        QRect(0, 0, tree.columnWidth(1) - 6, 100_000), int(Qt.TextFlag.TextWordWrap), text)
    return rect.height() >= needed.height()


@pytest.mark.parametrize("width", [360, 520, 900])
def test_findings_wrap_and_the_criterion_never_scrolls_away(qtbot, width):
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_results(_results(LONG, "Corto.", LONG + " " + LONG))
    qtbot.wait(1)
    tree = panel.tree
    for row in range(3):
        assert _shows_in_full(tree, row), row
    assert tree.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways
    viewport = tree.viewport().rect()
    for column in range(3):  # every column inside the view, the criterion first
        left = tree.header().sectionViewportPosition(column)
        assert left >= 0 and left + tree.columnWidth(column) <= viewport.width() + 1
    # Narrower afterwards (the splitter moved): still in full.
    panel.resize(max(300, width - 150), 500)
    qtbot.wait(1)
    assert all(_shows_in_full(tree, row) for row in range(3))


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.choose_identity(titular)
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    ctx.close()
    workspace.close()


def _fully_visible(widget, window) -> bool:
    """Shown, not clipped by its parents, and inside the window."""
    if not widget.isVisible():
        return False
    visible = widget.visibleRegion().boundingRect()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return visible == widget.rect() and inside and widget.height() >= (
        widget.minimumSizeHint().height())


def test_at_1366x768_the_alt_text_and_the_criterion_column_are_in_view(qtbot, context,
                                                                        tmp_path):
    from PIL import Image

    window = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(window)
    window.set_context(context)
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    window.show_section("redactor")
    composer = window.page("redactor")
    image = tmp_path / "Cartel del Consejo.png"
    Image.new("RGB", (1600, 900), (200, 30, 90)).save(image)
    composer.media.add_files([str(image)])
    qtbot.waitUntil(lambda: len(composer.media.rows) == 1, timeout=5000)
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(1)
    row = composer.media.rows[0]
    assert row.name_label.text() == "Cartel del Consejo.png"  # not the hash of the copy
    assert _fully_visible(row.alt_edit, window)
    # More images: none squeezed; the one being described scrolls into view whole.
    second = tmp_path / "Mapa.png"
    Image.new("RGB", (1600, 900), (20, 30, 90)).save(second)
    composer.media.add_files([str(second)])
    qtbot.waitUntil(lambda: len(composer.media.rows) == 2, timeout=5000)
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(1)
    for each in composer.media.rows:
        assert each.alt_edit.height() >= each.alt_edit.sizeHint().height()
    qtbot.waitUntil(composer.media.scroll_area.verticalScrollBar().isVisible, timeout=2000)
    composer.media.rows[1].alt_edit.setFocus()
    qtbot.wait(1)
    assert _fully_visible(composer.media.rows[1].alt_edit, window)
    composer.findings.set_results(_results(LONG, LONG))
    qtbot.wait(1)
    tree = composer.findings.tree
    assert tree.horizontalScrollBar().maximum() == 0
    assert tree.header().sectionViewportPosition(0) == 0 and tree.columnWidth(0) > 0
    assert _shows_in_full(tree, 0)
    QThreadPool.globalInstance().waitForDone()
