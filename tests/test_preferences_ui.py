"""The Preferencias dialog (issue 14), offscreen: each tab stores where it belongs, the tests run
through the task pool, and the window leads to the dialog instead of asking for a command."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from redes_desktop.actions import preferences_dictionary as dictionary
from redes_desktop.bitacora import crypto
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.preferences.dialog import TABS, PreferencesDialog
from redes_desktop.ui.preferences.wiring import PreferencesOpener, linked
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.conftest import POSTGRES_URL
from tests.factories import make_office


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
def dialog(qtbot, context):
    widget = PreferencesDialog(context, pool=SynchronousPool())
    qtbot.addWidget(widget)
    return widget


def _settings_text(data_dir) -> str:
    return (data_dir / "settings.json").read_text(encoding="utf-8")


def test_every_tab_opens(dialog):
    for key in TABS:
        dialog.show_tab(key)
        assert dialog.current_tab() == key


def test_the_dialog_is_wide_enough_for_every_tab_title_the_screen_allows(dialog):
    """At 720 pixels «Correo» and «Base compartida» hid behind scroll arrows while «Redes»
    was shown; a 1366-pixel screen has the room for every title."""
    needed = dialog.tabs.tabBar().sizeHint().width()
    screen = dialog.screen().availableGeometry().width()
    assert dialog.width() >= min(needed + 40, screen - 40)
    assert dialog.width() <= max(720, screen - 40)
    if screen >= 1366:
        dialog.show()
        dialog.show_tab("redes")
        assert dialog.tabs.tabBar().width() >= needed


def test_mail_tab_stores_values_in_settings_and_password_in_the_store(
        dialog, data_dir, memory_keyring):
    tab = dialog.pages["correo"]
    tab.host.setText("smtp.ine.mx")
    tab.user.setText("redes")
    tab.password.setText("Clave-De-Correo-31")
    tab.addresses["unicom_email"].setText("unicom@")
    tab.save_button.click()
    assert not tab.message.ok and "UNICOM" in tab.message.text()
    assert memory_keyring.store == {}
    assert json.loads(_settings_text(data_dir))["smtp_host"] == ""
    tab.addresses["unicom_email"].setText("unicom@ine.mx")
    tab.save_button.click()
    assert tab.message.ok, tab.message.text()
    stored = json.loads(_settings_text(data_dir))
    assert stored["smtp_host"] == "smtp.ine.mx" and stored["unicom_email"] == "unicom@ine.mx"
    assert "Clave-De-Correo-31" not in _settings_text(data_dir)
    assert memory_keyring.store[("redes-desktop", "smtp")] == "Clave-De-Correo-31"
    assert tab.password.text() == "" and "guardada" in tab.password.placeholderText()


def test_mail_tab_sends_a_test_mail(dialog, smtp_server):
    host, port, inbox = smtp_server
    tab = dialog.pages["correo"]
    tab.host.setText(host)
    tab.port.setValue(port)
    tab.security.setCurrentIndex(tab.security.findData("none"))
    tab.test_to.setText("prueba@ine.mx")
    tab.test_button.click()
    assert tab.message.ok and "prueba@ine.mx" in tab.message.text()
    assert [m["To"] for m in inbox.messages] == ["prueba@ine.mx"]
    assert tab.test_button.isEnabled()


def test_shared_tab_tests_the_real_postgresql_and_moves_the_password_out(
        dialog, data_dir, memory_keyring, postgres_engine):
    tab = dialog.pages["base"]
    tab.url.setText(POSTGRES_URL)
    tab.test_button.click()
    assert tab.message.ok and "Conexión correcta" in tab.message.text(), tab.message.text()
    tab.url.setText("postgresql+psycopg://redes:Secreto-En-Url-5@db.ine.mx/redes")
    tab.interval.setValue(300)
    changed = []
    dialog.changed.connect(changed.append)
    tab.save_button.click()
    # The login has its own field; the password left the address for the secret store.
    assert tab.url.text() == "postgresql+psycopg://db.ine.mx/redes"
    assert tab.login.text() == "redes"
    stored_url = json.loads(_settings_text(data_dir))["shared_database_url"]
    assert stored_url == "postgresql+psycopg://redes@db.ine.mx/redes"
    assert "Secreto-En-Url-5" not in _settings_text(data_dir)
    assert memory_keyring.store[("redes-desktop", "base-compartida")] == "Secreto-En-Url-5"
    assert json.loads(_settings_text(data_dir))["sync_interval_seconds"] == 300
    assert changed == ["base"]
    tab.forget_password.click()
    assert ("redes-desktop", "base-compartida") not in memory_keyring.store
    assert "sin contraseña" in tab.password.placeholderText()
    # Another login, typed in its own field, replaces the address's.
    tab.login.setText("ana.revisora@ine.mx")
    tab.save_button.click()
    assert tab.message.ok, tab.message.text()
    assert json.loads(_settings_text(data_dir))["shared_database_url"] == (
        "postgresql+psycopg://ana.revisora%40ine.mx@db.ine.mx/redes")
    assert tab.login.text() == "ana.revisora@ine.mx"
    tab.login.setText("con espacio")
    tab.save_button.click()
    assert not tab.message.ok and "usuario de base de datos" in tab.message.text()


def test_dictionary_tab(dialog, context, tmp_path):
    tab = dialog.pages["diccionario"]
    tab.new_word.setText("Consejería")
    tab.add()
    tab.new_word.setText("#mal")
    tab.add()
    assert not tab.message.ok
    source = tmp_path / "lista.txt"
    source.write_text("PREP\nsindicatura\n", encoding="utf-8")
    tab.import_file(source)
    assert "2" in tab.message.text()
    tab.words.setCurrentRow(0)
    tab.remove()
    assert dictionary.read_words(context.workspace) == ["PREP", "sindicatura"]
    assert [tab.words.item(i).text() for i in range(tab.words.count())] == ["PREP", "sindicatura"]
    tab.domains.setPlainText("https://www.ine.mx/\nno es dominio")
    tab.save_domains()
    assert not tab.message.ok and context.workspace.settings.official_domains == []
    tab.domains.setPlainText("https://www.ine.mx/\n\ncentralelectoral.ine.mx")
    tab.save_domains()
    assert context.workspace.settings.official_domains == ["ine.mx", "centralelectoral.ine.mx"]


def test_contacts_tab_lists_areas_and_stores_the_chosen_one(dialog, context):
    tab = dialog.pages["contactos"]
    assert tab.area.count() >= 1
    area_id = tab.area.currentData()
    tab.phones.setPlainText("55 5628 4200")
    tab.emails.setPlainText("area@ine.mx")
    tab.save()
    assert tab.message.ok, tab.message.text()
    assert context.workspace.settings.area_contacts[area_id]["phones"] == ["55 5628 4200"]


def test_bitacora_tab_installs_a_key_and_only_cncs_creates_one(dialog, context, tmp_path):
    tab = dialog.pages["bitacora"]
    assert not tab.create_button.isEnabled()  # a titular, not a CNCS reviewer
    assert "no tiene" in tab.status.text()
    key_file = tmp_path / "clave.txt"
    key = crypto.encode_key(crypto.new_key())
    key_file.write_text(key, encoding="utf-8")
    tab.install_from(key_file)
    assert context.secrets.get(crypto.READERS_KEY) == key
    assert "tiene la clave" in tab.status.text() and not tab.install_button.isEnabled()


def test_bitacora_tab_creates_the_key_for_a_reviewer(qtbot, context, tmp_path):
    from dataclasses import replace

    from redes_desktop.models import Role

    context.identity = replace(context.identity, roles=frozenset({Role.REVISOR_CNCS}))
    widget = PreferencesDialog(context, pool=SynchronousPool(), tab="bitacora")
    qtbot.addWidget(widget)
    tab = widget.pages["bitacora"]
    assert tab.create_button.isEnabled()
    tab.create_key()
    shown = tab.created.toPlainText()
    assert shown == context.secrets.get(crypto.READERS_KEY)
    tab.save_created_to(tmp_path / "clave.txt")
    assert (tmp_path / "clave.txt").read_text(encoding="utf-8").strip() == shown
    assert not tab.create_button.isEnabled()


# -- the window -------------------------------------------------------------------------------
def test_preferences_action_and_sync_now_unconfigured_open_the_dialog(qtbot, context):
    from redes_desktop.ui.main_window import MainWindow
    from redes_desktop.ui.sync.controller import SyncController

    window = MainWindow("datos")
    qtbot.addWidget(window)
    window.set_context(context)
    assert QKeySequence("Ctrl+,") in window.preferences_action.shortcuts()
    assert window.preferences_action.isEnabled()
    sync = SyncController(context.database.engine, None, pool=SynchronousPool())
    opener = PreferencesOpener(window, context, sync, pool=SynchronousPool())
    window.sync_now_action.triggered.connect(sync.sync_now)  # as the application does
    sync.start()
    assert 'href="preferencias:base"' in window.sync_label.text()
    window.sync_now_action.trigger()
    assert opener.dialog is not None and opener.dialog.current_tab() == "base"
    assert "No hay base de datos compartida" in opener.dialog.notice.text()
    tab = opener.dialog.pages["base"]
    tab.url.setText(POSTGRES_URL.replace("5432", "1"))  # saved, not reachable: that is fine
    sync.running = True  # keep the reconfigured sync from running in this test
    tab.save()
    assert sync.configured  # the sync uses the new address without a restart
    opener.dialog.reject()
    window.preferences_action.trigger()
    assert opener.dialog.current_tab() == "correo"
    opener.dialog.reject()
    # A passing message that names a tab (e.g. a mail left pending) gets a link to it.
    window.statusBar().showMessage("No hay servidor de correo configurado. Indique el servidor "
                                   "SMTP en Archivo → Preferencias → Correo; el correo queda "
                                   "pendiente.")
    assert not opener.status_link.isHidden()
    assert 'href="preferencias:correo"' in opener.status_link.text()
    opener.open_link("preferencias:contactos")
    assert opener.dialog.current_tab() == "contactos"
    window.statusBar().clearMessage()
    assert opener.status_link.isHidden()


def test_status_messages_link_to_the_tab_they_name():
    text = ("La bitácora no se comparte: falta la clave de lectores; instálela en "
            "Archivo → Preferencias → Bitácora. <b>")
    html = linked(text)
    assert '<a href="preferencias:bitacora">Archivo → Preferencias → Bitácora</a>' in html
    assert "&lt;b&gt;" in html


def test_no_window_message_asks_to_type_a_command():
    """The messages a settings problem produces point to Preferencias, never to a command."""
    from redes_desktop.bitacora.crypto import readers_key
    from redes_desktop.errors import UserFacingError
    from redes_desktop.sync.connect import PASSWORD_IN_SETTINGS

    with pytest.raises(UserFacingError) as caught:
        readers_key(SecretStore())
    for message in (caught.value.message, PASSWORD_IN_SETTINGS):
        assert "redes-desktop" not in message and "Preferencias →" in message


# -- the checks pick up the changes without a restart ---------------------------------------
class _DeferredPool:
    """Holds the runnables until `run_all`, to change settings while an engine is built."""

    def __init__(self) -> None:
        self.waiting: list = []

    def start(self, runnable) -> None:
        self.waiting.append(runnable)

    def run_all(self) -> None:
        waiting, self.waiting = self.waiting, []
        for runnable in waiting:
            runnable.run()


def test_scheduler_rebuilds_its_engine_and_drops_one_built_with_old_settings(qtbot):
    from redes_desktop.ui.composer.check_scheduler import CheckScheduler

    built: list[int] = []

    def factory():
        built.append(len(built))
        return object()

    pool = _DeferredPool()
    scheduler = CheckScheduler(factory, pool)
    scheduler.ensure_engine()
    scheduler.rebuild_engine()  # the settings changed while the first engine was built
    pool.run_all()
    qtbot.waitUntil(lambda: built == [0])
    assert scheduler.engine is None  # the stale engine was dropped
    scheduler.ensure_engine()
    pool.run_all()
    qtbot.waitUntil(lambda: scheduler.engine is not None)
    assert built == [0, 1]


def test_engine_factory_reads_the_settings_when_it_builds(context, monkeypatch):
    from redes_desktop.checks import engine as engine_module
    from redes_desktop.ui.composer.engine_factory import default_engine_factory

    seen = {}
    monkeypatch.setattr(engine_module, "build_engine", lambda **kw: seen.update(kw))
    factory = default_engine_factory(context)
    from redes_desktop.actions import preferences as prefs

    prefs.apply_official_domains(context.workspace, ["ine.mx"])
    prefs.apply_languagetool(context.workspace, "http://127.0.0.1:8081")
    factory()
    assert seen["official_domains"] == ("ine.mx",)
    assert seen["languagetool_url"] == "http://127.0.0.1:8081"


def test_the_dialog_fits_a_1366x768_screen(dialog):
    for key in TABS:
        hint = dialog.pages[key].minimumSizeHint()
        assert hint.width() <= 900 and hint.height() <= 600, (key, hint)
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 680, hint


def test_mail_tab_has_every_institution_address_stored_and_used(dialog, context, data_dir,
                                                                smtp_server):
    """CNCS, UNICOM and the Comité de Gestión's Presidencia and Secretaría Técnica (7.iii,
    7.iv): each one in the tab, stored in settings.json, and used by the next notice."""
    from PySide6.QtWidgets import QFormLayout, QLabel
    from sqlalchemy import select

    from redes_desktop.actions import organization as org
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.models import Account, Level, Role
    from redes_desktop.services.incidents import IncidentService

    host, port, inbox = smtp_server
    tab = dialog.pages["correo"]
    labels = " ".join(w.text() for w in tab.findChildren(QLabel))
    for name in ("CNCS", "UNICOM", "Presidencia del Comité de Gestión",
                 "Secretaría Técnica del Comité de Gestión"):
        assert name in labels
    assert isinstance(tab.layout(), QFormLayout)
    new = {"cncs_email": "cncs.nueva@ine.mx", "unicom_email": "unicom.nueva@ine.mx",
           "comite_presidente_email": "presidencia.nueva@ine.mx",
           "comite_secretario_email": "secretaria.tecnica.nueva@ine.mx"}
    assert set(tab.addresses) == set(new)
    tab.host.setText(host)
    tab.port.setValue(port)
    tab.security.setCurrentIndex(tab.security.findData("none"))
    for name, value in new.items():
        tab.addresses[name].setText(value)
    tab.save_button.click()
    assert tab.message.ok, tab.message.text()
    stored = json.loads(_settings_text(data_dir))
    assert {name: stored[name] for name in new} == new
    # Used at once, without a restart: a new area titular is mailed per 7.iv…
    with context.session() as session:
        directory = Directory(session, context.clock, NullRecorder())
        area = directory.areas()[0]
        reviewer = directory.create_person("Revisora", "revisora.prefs@ine.mx",
                                           Level.MANDO_MEDIO, area, [Role.REVISOR_CNCS])
        directory.create_person("Nuevo Vocal", "nuevo.vocal@ine.mx", Level.MANDO_SUPERIOR,
                                area)
        session.commit()
        reviewer_id = reviewer.id
    org.set_role(Procedures.of(context), person_id=reviewer_id, email="nuevo.vocal@ine.mx",
                 role=Role.TITULAR_AREA)
    [mail] = [m for m in inbox.messages if "Cambio de titular" in m["Subject"]]
    recipients = {r.strip() for r in mail["To"].split(",")}
    assert recipients == {new["cncs_email"], new["comite_presidente_email"],
                          new["comite_secretario_email"]}
    # …and a compromised account is reported to the CNCS and UNICOM (6.xxx).
    with context.session() as session:
        account = session.scalars(select(Account)).first()
        found = IncidentService.for_context(context, session).recipients(account)
    assert new["cncs_email"] in found and new["unicom_email"] in found


def test_any_message_naming_preferencias_leads_there(qtbot, context):
    """Issue 14: an error line (a dialog's, a section's) and a plain status line that name
    «Archivo → Preferencias → …» open that tab; the error lines show it as a link."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    from redes_desktop.ui.cuentas.operations import show_error
    from redes_desktop.ui.main_window import MainWindow

    window = MainWindow("datos")
    qtbot.addWidget(window)
    window.set_context(context)
    opener = PreferencesOpener(window, context, None, pool=SynchronousPool())
    panel = QWidget()
    qtbot.addWidget(panel)
    error_line, status_line = QLabel(), QLabel()
    layout = QVBoxLayout(panel)
    layout.addWidget(error_line)
    layout.addWidget(status_line)
    mail_error = ("El aviso por correo quedó pendiente: No hay servidor de correo configurado. "
                  "Indique el servidor SMTP en Archivo → Preferencias → Correo.")
    show_error(error_line, mail_error)
    assert 'href="preferencias:correo"' in error_line.text()
    error_line.linkActivated.emit("preferencias:correo")
    assert opener.dialog is not None and opener.dialog.current_tab() == "correo"
    opener.dialog.reject()
    show_error(error_line, "Sin enlaces <b> aquí.")
    assert error_line.text() == "Sin enlaces <b> aquí."  # plain text stays plain
    status_line.setText("La bitácora no se comparte: falta la clave de lectores; instálela en "
                        "Archivo → Preferencias → Bitácora.")
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.mouseClick(status_line, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert opener.dialog is not None and opener.dialog.current_tab() == "bitacora"
    opener.dialog.reject()
    status_line.setText("Nada que ver con la configuración.")
    qtbot.mouseClick(status_line, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert opener.dialog is None
