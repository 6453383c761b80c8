"""The Contraseñas section under pytest-qt: generator, rotation dialog, reveal refused to
whoever may not, clipboard cleared after 30 s (the timer is fired, never waited for),
incidents reported through the real SMTP server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication

from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.models import Incident, IncidentState, PasswordRotation
from redes_desktop.passwords.generator import generate_password
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.password_service import PasswordService, secret_key
from redes_desktop.ui.passwords.generator_dialog import GeneratorDialog
from redes_desktop.ui.passwords.incident_dialogs import ReportIncidentDialog
from redes_desktop.ui.passwords.section_view import PasswordsSection
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool


@pytest.fixture
def context(data_dir, clock, mail_settings):
    workspace = open_workspace(data_dir, clock=clock)
    for name in ("smtp_host", "smtp_port", "smtp_security", "smtp_sender"):
        setattr(workspace.settings, name, getattr(mail_settings, name))
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id, "account": office.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def section(qtbot, context):
    view = PasswordsSection(context, pool=SynchronousPool())
    qtbot.addWidget(view)
    view.show()
    yield view
    QThreadPool.globalInstance().waitForDone()


def _store(context, password: str) -> None:
    with context.session() as session:
        person = context.current_person(session)
        PasswordService(session, context.clock, context.secrets, context.recorder).rotate(
            person, context.ids["account"], password, confirmed_on_network=True)
        session.commit()


def test_models_pass_the_model_tester(qtmodeltester, section, context):
    assert section.rotation_model.rowCount() == 1
    qtmodeltester.check(section.rotation_model)
    section.submit_report(context.ids["account"], "Publicaciones que nadie del área hizo.",
                          context.clock())
    assert section.incident_model.rowCount() == 1
    qtmodeltester.check(section.incident_model)


def test_generator_dialog(qtbot):
    dialog = GeneratorDialog()
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert len(panel.password.text()) == 20
    assert panel.meter.value() == 4 and "Cumple el criterio 5.2 g" in panel.summary.text()
    panel.passphrase_mode.setChecked(True)
    assert not panel.length.isEnabled() and panel.words.isEnabled()
    panel.generate_button.click()
    assert panel.password.text().count("-") == 6
    panel.password.clear()
    qtbot.keyClicks(panel.password, "password")
    qtbot.waitUntil(lambda: panel.verdict is not None and panel.verdict.score == 0, timeout=2000)
    assert "No cumple el criterio 5.2 g" in panel.reasons.text()
    assert "Mide 8 caracteres" in panel.reasons.text()
    panel.characters_mode.setChecked(True)
    for box in (panel.lowercase, panel.uppercase, panel.digits, panel.specials):
        box.setChecked(False)
    panel.generate()
    assert "Elija al menos un tipo" in panel.error.text()


def test_rotation_dialog_stores_and_records(section, context, memory_keyring, qtbot):
    assert section.rotation_model.row_at(0).state == RotationState.VENCIDA
    section.select_account(context.ids["account"])
    assert section.rotate_button.isEnabled()
    dialog = section.rotation_dialog()
    qtbot.waitUntil(lambda: dialog.panel.idle)
    assert not dialog.save_button.isEnabled()  # not yet confirmed on the network
    dialog.confirm.setChecked(True)
    assert dialog.save_button.isEnabled()
    password = dialog.panel.password.text()
    dialog.copy()
    assert QGuiApplication.clipboard().text() == password
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert memory_keyring.store[("redes-desktop", secret_key(context.ids["account"]))] == password
    with context.session() as session:
        assert session.query(PasswordRotation).count() == 1
    assert section.rotation_model.row_at(0).state == RotationState.AL_DIA
    assert [e.action for e in context.recorder.entries] == ["contrasena_rotada"]
    section.guard.timer.timeout.emit()
    assert QGuiApplication.clipboard().text() == ""


def test_rotation_dialog_refuses_a_weak_password(section, context, memory_keyring, qtbot):
    section.select_account(context.ids["account"])
    dialog = section.rotation_dialog()
    qtbot.waitUntil(lambda: dialog.panel.idle)
    dialog.confirm.setChecked(True)
    dialog.panel.password.clear()
    qtbot.keyClicks(dialog.panel.password, "Jalisco2026!")
    dialog.panel.evaluate()
    assert not dialog.save_button.isEnabled()
    assert "«jalisco»" in dialog.panel.reasons.text()
    dialog.save()  # even if forced, the service refuses and stores nothing
    assert "5.2 g" in dialog.message.text()
    assert memory_keyring.store == {}


def test_reveal_refused_for_someone_who_may_not(qtbot, context):
    _store(context, generate_password())
    context.choose_identity(context.ids["reviewer"])
    view = PasswordsSection(context, pool=SynchronousPool())
    qtbot.addWidget(view)
    assert view.select_account(context.ids["account"])
    assert not view.reveal_button.isEnabled() and not view.rotate_button.isEnabled()
    assert "criterio 5.1" in view.reveal_button.toolTip()
    assert view.report_button.isEnabled()  # CNCS may report an incident
    view.reveal_selected()
    assert "criterio 5.1" in view.message.text()
    assert view.revealed.text() == ""


def test_reveal_then_hidden_and_copy_then_cleared(section, context):
    password = generate_password()
    _store(context, password)
    section.refresh()
    section.select_account(context.ids["account"])
    section.reveal_selected()
    assert section.revealed.text() == password and section.hide_timer.isActive()
    section.hide_timer.timeout.emit()
    assert section.revealed.text() == ""

    clipboard = QGuiApplication.clipboard()
    section.copy_selected()
    assert clipboard.text() == password and section.guard.timer.isActive()
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    section.guard.timer.timeout.emit()
    assert clipboard.text() == ""

    section.copy_selected()
    clipboard.setText("otra cosa que copió la persona")
    section.guard.timer.timeout.emit()
    assert clipboard.text() == "otra cosa que copió la persona"  # not ours: left alone


def test_report_and_close_incident(section, context, smtp_server, typer, qtbot):
    _h, _p, inbox = smtp_server
    dialog = ReportIncidentDialog("@JLE_JaliscoINE", to_mexico(context.clock()))
    qtbot.addWidget(dialog)
    typer(dialog.description, "Publicación ajena: «¡Vótenle a Fulano!» a las 9:00.")
    description, observed = dialog.values()
    assert description.startswith("Publicación ajena")
    assert observed == context.clock().replace(second=0, microsecond=0)
    section.select_account(context.ids["account"])
    section.submit_report(context.ids["account"], description, observed)
    assert "se avisó al titular del área" in section.message.text()
    assert len(inbox.messages) == 1
    row = section.rotation_model.row_at(0)
    assert row.compromised and row.state == RotationState.VENCIDA
    section.incident_table.selectRow(0)
    assert section.close_incident_button.isEnabled()
    incident = section.selected_incident()
    section.submit_close(incident.id, "")
    assert "cómo se resolvió" in section.message.text()
    section.submit_close(incident.id, "Se recuperó el acceso y se cambió la contraseña.")
    assert section.message.text() == "Incidente cerrado."
    with context.session() as session:
        assert session.get(Incident, incident.id).state == IncidentState.CERRADO
    assert not section.rotation_model.row_at(0).compromised


def test_the_tables_and_permissions_are_read_off_the_ui_thread(qtbot, context):
    pool = HeldPool()
    view = PasswordsSection(context, pool=pool)
    qtbot.addWidget(view)
    assert view.rotation_model.rowCount() == 0 and view.summary.text() == ""
    pool.run_all()
    assert view.rotation_model.rowCount() > 0 and view.summary.text()
    view.rotation_table.selectRow(0)
    assert not view.rotate_button.isEnabled()  # nothing decided on the UI thread
    pool.run_all()
    assert view.rotate_button.isEnabled() and view.idle


def test_password_dialogs_read_the_account_words_off_the_ui_thread(qtbot, context, monkeypatch):
    from redes_desktop.ui.passwords import section_view

    pool = HeldPool()
    view = PasswordsSection(context, pool=pool)
    qtbot.addWidget(view)
    pool.run_all()
    pool.run_all()  # the permissions, asked after the rows arrived
    assert view.select_account(context.ids["account"])
    pool.run_all()
    read = []
    real = section_view.password_words
    monkeypatch.setattr(section_view, "password_words",
                        lambda *args: read.append(args) or real(*args))
    rotation = view.rotation_dialog()
    generator = view.open_generator()
    assert read == [] and len(pool.held) == 2
    rotation.confirm.setChecked(True)
    assert not rotation.panel.isEnabled() and not rotation.save_button.isEnabled()
    assert not rotation.copy_button.isEnabled()
    assert not generator.panel.isEnabled() and not generator.copy_button.isEnabled()
    pool.run_all()
    assert len(read) == 2 and rotation.panel.idle and generator.panel.idle
    assert rotation.panel.isEnabled() and rotation.save_button.isEnabled()
    assert "jalisco" in [word.lower() for word in rotation.panel.user_inputs]
    assert generator.panel.isEnabled() and generator.copy_button.isEnabled()
    generator.close()


def test_password_words_failure_is_shown_in_spanish(qtbot, context, monkeypatch):
    from redes_desktop.ui.passwords import section_view

    def broken(*_args):
        raise RuntimeError("database gone")

    view = PasswordsSection(context, pool=SynchronousPool())
    qtbot.addWidget(view)
    assert view.select_account(context.ids["account"])
    monkeypatch.setattr(section_view, "password_words", broken)
    pool = HeldPool()
    view.pool = pool
    rotation = view.rotation_dialog()
    pool.run_all()
    rotation.confirm.setChecked(True)
    assert "Ocurrió un error inesperado (RuntimeError)" in rotation.message.text()
    assert not rotation.save_button.isEnabled() and not rotation.copy_button.isEnabled()
