"""Preferencias never reads nor writes the secret store on the UI thread: a keyring can block
for seconds (a Secret Service unlock prompt, a slow Windows credential store). Offscreen, with
a real thread pool: the store records the thread of each call, a slow one waits on an event
while the dialog keeps answering, a failing one leaves the typed values in the form."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.preferences.dialog import PreferencesDialog
from redes_desktop.workspace import open_workspace
from tests.factories import make_office

SECRET_TABS = ("correo", "base", "bitacora", "redes")


class WatchedStore:
    """The real store, recording the thread of each call; with a `gate`, each call waits for
    it (a keyring waiting for its unlock prompt). A call on the UI thread fails at once rather
    than freezing the test."""

    description = SecretStore.description
    location = SecretStore.location

    def __init__(self, gate: threading.Event | None = None, fail_writes: bool = False) -> None:
        self.inner = SecretStore()
        self.gate = gate
        self.fail_writes = fail_writes
        self.threads: list[threading.Thread] = []

    def _called(self) -> None:
        self.threads.append(threading.current_thread())
        if threading.current_thread() is threading.main_thread():
            raise AssertionError("secret store used on the UI thread")
        if self.gate is not None:
            assert self.gate.wait(30)

    def get(self, key: str) -> str | None:
        self._called()
        return self.inner.get(key)

    def set(self, key: str, secret: str) -> None:
        self._called()
        if self.fail_writes:
            raise SecretsUnavailable("No hay un llavero del sistema disponible. Ábralo o "
                                     "desbloquéelo y vuelva a intentarlo.")
        self.inner.set(key, secret)

    def delete(self, key: str) -> None:
        self._called()
        self.inner.delete(key)


@pytest.fixture
def context(data_dir, clock, memory_keyring):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular_id = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.choose_identity(titular_id)
    yield ctx
    database.dispose()
    workspace.close()


@pytest.fixture
def pool():
    threads = QThreadPool()
    yield threads
    threads.waitForDone(30_000)


def _open(qtbot, context, pool, store) -> PreferencesDialog:
    context.secrets = store
    dialog = PreferencesDialog(context, pool=pool)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _fill_mail(tab) -> None:
    tab.host.setText("smtp.ine.mx")
    tab.user.setText("redes")
    tab.password.setText("Clave-De-Correo-31")
    for edit in tab.addresses.values():
        edit.setText("unicom@ine.mx")


def test_reads_and_writes_of_the_secret_store_never_run_on_the_ui_thread(
        qtbot, context, pool, memory_keyring, data_dir):
    store = WatchedStore()
    dialog = _open(qtbot, context, pool, store)
    qtbot.waitUntil(lambda: dialog.pending == 0)
    assert len(store.threads) >= 4  # one read for each tab that shows a stored secret
    mail = dialog.pages["correo"]
    assert mail.isEnabled() and "sin contraseña" in mail.password.placeholderText()
    _fill_mail(mail)
    mail.save_button.click()
    networks = dialog.pages["redes"]
    networks.youtube_secret.setText("GOCSPX-secreto")
    networks.save_button.click()
    qtbot.waitUntil(lambda: dialog.pending == 0)
    assert mail.message.ok and networks.message.ok, (mail.message.text(),
                                                     networks.message.text())
    assert memory_keyring.store[("redes-desktop", "smtp")] == "Clave-De-Correo-31"
    assert "guardada" in mail.password.placeholderText()
    assert "guardado" in networks.youtube_secret.placeholderText()
    assert json.loads((data_dir / "settings.json").read_text("utf-8"))["smtp_host"] == \
        "smtp.ine.mx"
    assert store.threads and threading.main_thread() not in store.threads


def test_a_slow_store_leaves_the_dialog_answering_and_the_form_waiting(qtbot, context, pool):
    gate = threading.Event()
    store = WatchedStore(gate)
    dialog = _open(qtbot, context, pool, store)
    try:
        for key in SECRET_TABS:
            page = dialog.pages[key]
            assert not page.isEnabled() and page.message.text() == "Cargando…"
        # The event loop runs while the store waits: a timer fires, another tab is chosen.
        fired: list[bool] = []
        QTimer.singleShot(0, lambda: fired.append(True))
        qtbot.waitUntil(lambda: bool(fired))
        dialog.show_tab("sesion")
        QApplication.processEvents()
        assert dialog.current_tab() == "sesion" and dialog.pages["sesion"].isEnabled()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.pending == 0)
    mail = dialog.pages["correo"]
    assert mail.isEnabled() and mail.message.text() == ""
    assert "sin contraseña" in mail.password.placeholderText()
    # A write on its way: the dialog does not close under it, and says why.
    gate.clear()
    try:
        _fill_mail(mail)
        mail.save_button.click()
        QApplication.processEvents()
        assert not mail.isEnabled() and mail.message.text() == "Guardando…"
        dialog.reject()
        assert dialog.isVisible() and "Espere" in dialog.notice.text()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: dialog.pending == 0)
    assert mail.message.ok, mail.message.text()
    assert not dialog.notice.isVisible()
    dialog.reject()
    assert not dialog.isVisible()


def test_reads_on_their_way_do_not_keep_the_dialog_open(qtbot, context, pool):
    gate = threading.Event()
    dialog = _open(qtbot, context, pool, WatchedStore(gate))
    try:
        assert dialog.pending
        dialog.reject()
        assert not dialog.isVisible()
    finally:
        gate.set()
    pool.waitForDone(30_000)
    QApplication.processEvents()  # the late answers find the tabs gone or closed, quietly


def test_a_failed_write_says_why_in_spanish_and_keeps_what_was_typed(
        qtbot, context, pool, memory_keyring, data_dir):
    store = WatchedStore(fail_writes=True)
    dialog = _open(qtbot, context, pool, store)
    qtbot.waitUntil(lambda: dialog.pending == 0)
    mail = dialog.pages["correo"]
    _fill_mail(mail)
    mail.save_button.click()
    assert not mail.isEnabled() and mail.message.text() == "Guardando…"
    qtbot.waitUntil(lambda: dialog.pending == 0)
    assert not mail.message.ok and "llavero" in mail.message.text()
    assert mail.password.text() == "Clave-De-Correo-31" and mail.host.text() == "smtp.ine.mx"
    assert memory_keyring.store == {}
    assert json.loads((data_dir / "settings.json").read_text("utf-8"))["smtp_host"] == ""
    assert threading.main_thread() not in store.threads
