"""Tray notifications under pytest-qt: the click carries the notification and leads to its
section (Startup._open_notification), the status-bar fallback where there is no tray (offscreen),
and — with a pseudo-translator installed — that user-visible strings go through tr()."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QCoreApplication, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from redes_desktop.services.notifications import Notification
from redes_desktop.ui.notifications import TrayNotifier
from redes_desktop.workspace import open_workspace


class PseudoTranslator(QTranslator):
    """Wraps every translated string in ⟦…⟧: text that shows the marks went through tr()."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return f"⟦{source}⟧"

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@contextmanager
def pseudo_translated() -> Iterator[PseudoTranslator]:
    """Install the pseudo-translator for the block (other test modules use it too)."""
    translator = PseudoTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def pseudo_translation(qapp):
    with pseudo_translated() as translator:
        yield translator


@pytest.fixture
def startup(qtbot, data_dir, clock):
    from redes_desktop.ui.application import Startup

    workspace = open_workspace(data_dir, clock=clock)
    started = Startup(QApplication.instance(), workspace, quit_after_startup=False)
    # Clicking shows the window: its first paint must not start loading the data layer here.
    started.window.first_painted.disconnect(started._on_first_paint)
    qtbot.addWidget(started.window)
    yield started
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


class SelectablePage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.selected: list[uuid.UUID] = []

    def select(self, record_id: uuid.UUID) -> None:
        self.selected.append(record_id)


def click(notifier: TrayNotifier) -> None:
    """What the user's click on the balloon does."""
    if notifier.tray is not None:
        notifier.tray.messageClicked.emit()
    else:
        notifier._clicked()  # no tray offscreen: the same slot messageClicked is wired to


def test_click_carries_the_notification(qtbot, startup):
    notifier = TrayNotifier(startup.window)
    first = Notification("Consulta pendiente", "Quedan 2 h", "aviso", ("consultas", ""))
    last = Notification("Consulta vencida", "Sin respuesta en 48 h", "urgente",
                        ("consultas", str(uuid.uuid4())))
    notifier.notify(first)
    notifier.notify(last)
    assert notifier.history == [first, last]
    with qtbot.waitSignal(notifier.activated, timeout=1000) as blocker:
        click(notifier)
    assert blocker.args == [last]


def test_click_opens_the_section_and_selects_the_record(qtbot, startup):
    window = startup.window
    window.show_section("redactor")
    page = SelectablePage()
    window._pages["consultas"] = page
    notifier = TrayNotifier(window)
    notifier.activated.connect(startup._open_notification)  # as Startup._on_loaded does
    record = uuid.uuid4()
    notifier.notify(Notification("Consulta decidida", "Aprobada", "info",
                                 ("consultas", str(record))))
    click(notifier)
    assert window.current_section() == "consultas"
    assert page.selected == [record]


def test_routing_ignores_a_bad_record_id_and_no_target(startup):
    window = startup.window
    page = SelectablePage()
    window._pages["cuentas"] = page
    startup._open_notification(Notification("Aviso", "x", target=("cuentas", "no-es-uuid")))
    assert window.current_section() == "cuentas" and page.selected == []
    window.show_section("bitacora")
    startup._open_notification(Notification("Aviso", "sin destino"))
    assert window.current_section() == "bitacora"


def test_without_a_tray_the_status_bar_shows_it(qtbot, startup):
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop has a system tray: the balloon is used instead")
    notifier = TrayNotifier(startup.window)
    assert notifier.tray is None
    notifier.notify(Notification("Contraseña por rotar", "La de @JLE_JaliscoINE vence hoy."))
    assert startup.window.statusBar().currentMessage() == (
        "Contraseña por rotar: La de @JLE_JaliscoINE vence hoy.")


def test_status_bar_message_goes_through_tr(qtbot, startup, pseudo_translation):
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop has a system tray: the balloon is used instead")
    notifier = TrayNotifier(startup.window)
    notifier.notify(Notification("Título", "Mensaje"))
    assert startup.window.statusBar().currentMessage() == "⟦Título: Mensaje⟧"
