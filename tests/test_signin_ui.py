"""Sign-in under pytest-qt (issue 14): the dialog (first sign-in sets the local credential,
a wrong password is refused and slowed down), the idle lock with a fake clock, and the
window: nothing shows and review mode is off until someone signs in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher, Type
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from redes_desktop.actions.sign_in import LOCAL, NEW_LOCAL, SignInService
from redes_desktop.context import AppContext
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.signin.credentials import LocalCredential
from redes_desktop.signin.idle import IdlePolicy
from redes_desktop.signin.throttle import Throttle
from redes_desktop.ui.idle_lock import IdleLock
from redes_desktop.ui.main_window import MainWindow
from redes_desktop.ui.signin_dialog import SignInDialog
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.test_signin import MemorySecrets

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=MemorySecrets(), recorder=MemoryRecorder())
    ctx.ids = ids
    yield ctx
    workspace.close()


@pytest.fixture
def service(context):
    return SignInService.of(context, Throttle(sleeper=lambda _s: None),
                            LocalCredential(context.secrets, FAST))


def _dialog(qtbot, context, service, **options):
    dialog = SignInDialog(context, service, pool=SynchronousPool(), **options)
    qtbot.addWidget(dialog)
    return dialog


def test_first_sign_in_sets_the_password_then_asks_it(qtbot, context, service, typer):
    titular = context.ids["titular"]
    dialog = _dialog(qtbot, context, service, preselect=titular)
    assert dialog.selected_person_id() == titular
    assert dialog.state.mode == NEW_LOCAL and not dialog.confirm_edit.isHidden()
    typer(dialog.password_edit, "contraseña-nueva")
    typer(dialog.confirm_edit, "contraseña-otra")
    dialog.enter_button.click()
    assert dialog.signed_in is None and "no coinciden" in dialog.error_label.text()
    assert context.identity is None
    typer(dialog.password_edit, "contraseña-nueva")
    typer(dialog.confirm_edit, "contraseña-nueva")
    dialog.enter_button.click()
    assert dialog.signed_in is not None and context.identity.person_id == titular
    # «Cambiar de usuario» later: the same person now types the password once.
    context.identity = None
    again = _dialog(qtbot, context, service, preselect=titular)
    assert again.state.mode == LOCAL and again.confirm_edit.isHidden()
    typer(again.password_edit, "adivinando")
    again.enter_button.click()
    assert again.signed_in is None and context.identity is None
    assert "no es correcta" in again.error_label.text() and again.password_edit.text() == ""
    actions = [e.action for e in context.recorder.entries]
    assert actions == ["sesion_iniciada", "sesion_fallida"]


def test_choosing_a_name_is_not_enough(qtbot, context, service):
    """The attack of the issue: pick the CNCS reviewer and press Entrar without a password."""
    reviewer = context.ids["reviewer"]
    service.credential.set(reviewer, "clave-de-la-revisora", "clave-de-la-revisora")
    dialog = _dialog(qtbot, context, service, preselect=reviewer)
    dialog.enter_button.click()
    assert dialog.signed_in is None and context.identity is None
    assert dialog.result() == 0


def test_locked_dialog_cannot_be_dismissed(qtbot, context, service, typer):
    titular = context.ids["titular"]
    service.credential.set(titular, "clave-del-titular", "clave-del-titular")
    dialog = _dialog(qtbot, context, service, locked_person=titular)
    dialog.show()
    dialog.reject()  # Esc or the close button
    assert dialog.isVisible() and dialog.people_list.isHidden()
    typer(dialog.password_edit, "clave-del-titular")
    dialog.enter_button.click()
    assert dialog.signed_in is not None and not dialog.isVisible()


def test_review_mode_only_for_a_signed_in_reviewer(qtbot, context):
    window = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(window)
    window.set_context(context)
    assert not window.review_mode and "Sin sesión" in window.user_label.text()
    context.choose_identity(context.ids["reviewer"])
    window.set_identity(context.identity)
    assert window.review_mode and window.user_label.text().startswith("Sesión: ")
    window.set_locked(True)
    assert not window.review_mode and window.centralWidget().isHidden()
    assert not window.conflicts_action.isEnabled()
    window.set_locked(False)
    assert window.review_mode


def _move_mouse(widget) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_idle_lock_fires_after_the_idle_time_and_input_postpones_it(qtbot, clock):
    window = MainWindow("datos")
    qtbot.addWidget(window)
    lock = IdleLock(IdlePolicy(5, clock), window, interval_ms=10)
    fired: list[bool] = []
    lock.lock_due.connect(lambda: fired.append(True))
    clock.advance(timedelta(minutes=4))
    _move_mouse(window)  # input at minute 4: the idle time counts from here
    clock.advance(timedelta(minutes=4))
    lock.check()
    assert fired == []
    clock.advance(timedelta(minutes=1))
    qtbot.waitUntil(lambda: fired == [True], timeout=5000)
    lock.check()
    assert fired == [True]  # once, until the next sign-in
    lock.reset()
    assert not lock.policy.due()
    lock.stop()


def test_the_window_locks_when_idle_and_opens_with_the_password(qtbot, data_dir, clock,
                                                                typer):
    from PySide6.QtCore import QThreadPool

    from redes_desktop.ui.application import Startup
    from tests.signin_support import sign_in_at_startup

    workspace = open_workspace(data_dir, clock=clock)
    with workspace.open_database().session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        workspace.settings.current_person_id = str(office.titular.id)
    workspace.database.dispose()
    workspace.database = None
    workspace.settings.idle_lock_minutes = 10
    workspace.save_settings()
    startup = Startup(QApplication.instance(), workspace, quit_after_startup=False)
    qtbot.addWidget(startup.window)
    startup.start()
    qtbot.waitUntil(lambda: startup.context is not None, timeout=15_000)
    try:
        window = startup.window
        assert window.locked
        sign_in_at_startup(qtbot, startup, "clave-del-titular", typer)
        assert not window.locked and startup.idle is not None
        clock.advance(timedelta(minutes=9))
        startup.idle.check()
        assert not window.locked
        clock.advance(timedelta(minutes=1))
        startup.idle.check()  # what the timer does every 15 s
        assert window.locked and window.centralWidget().isHidden()
        dialog = startup.signin_dialog
        assert dialog is not None and dialog.locked_person == office.titular.id
        # A wrong password keeps it locked; the right one opens it.
        qtbot.waitUntil(lambda: dialog.state is not None, timeout=15_000)
        typer(dialog.password_edit, "otra-clave-cualquiera")
        dialog.enter_button.click()
        qtbot.waitUntil(lambda: "no es correcta" in dialog.error_label.text(), timeout=15_000)
        assert window.locked
        dialog.password_edit.clear()
        sign_in_at_startup(qtbot, startup, "clave-del-titular", typer)
        assert not window.locked and "Titular jal" in window.user_label.text()
        QThreadPool.globalInstance().waitForDone()
        bitacora = startup.context.recorder.bitacora
        bitacora.flush_anchors(wait=True)
        from redes_desktop.bitacora.query import Filters

        reader = bitacora.reader()
        try:
            actions = [reader.decode(row).action for row in reader.page(Filters(), 0, 50)]
        finally:
            reader.close()
        for action in ("sesion_iniciada", "sesion_bloqueada", "sesion_fallida"):
            assert action in actions
    finally:
        startup.window.close()
        QThreadPool.globalInstance().waitForDone()
        if startup.sync is not None:
            startup.sync.stop()
        if startup.context is not None:
            startup.context.close()
        workspace.close()


def test_a_section_replaced_by_a_change_of_user_ignores_its_late_rows(qtbot, context):
    """Signing in as someone else rebuilds the sections; the Consultas queue's rows still on
    their way must not reach its deleted table (found by the sign-in tests)."""
    import shiboken6

    from redes_desktop.ui.consultas.queue_view import ConsultasSection
    from tests.pools import HeldPool

    context.choose_identity(context.ids["titular"])
    pool = HeldPool()
    section = ConsultasSection(context, pool=pool)
    assert pool.held
    shiboken6.delete(section)  # what replacing the page does (deleteLater), at once
    pool.run_all()  # without the guard: RuntimeError on the deleted QTableView


@pytest.fixture
def empty_context(tmp_path, clock):
    folder = tmp_path / "vacia"
    folder.mkdir()
    workspace = open_workspace(folder, clock=clock)
    ctx = AppContext(workspace=workspace, database=workspace.open_database(), clock=clock,
                     secrets=MemorySecrets(), recorder=MemoryRecorder())
    yield ctx
    workspace.close()


def test_first_start_creates_the_institution_and_signs_in(qtbot, empty_context, typer):
    context = empty_context
    service = SignInService.of(context, Throttle(sleeper=lambda _s: None),
                               LocalCredential(context.secrets, FAST))
    dialog = _dialog(qtbot, context, service)
    assert not dialog.first_start_button.isHidden() and dialog.not_listed.isHidden()
    assistant = dialog.open_first_start()
    typer(assistant.name_edit, "Revisora Primera")
    typer(assistant.email_edit, "revisora.primera@ine.mx")
    typer(assistant.new_password, "clave-de-la-revisora")
    typer(assistant.new_confirm, "clave-de-la-revisora")
    assistant.create_button.click()
    assert dialog.signed_in is not None and dialog.signed_in.is_reviewer
    assert context.identity == dialog.signed_in and dialog.result() == 1


def test_first_start_demo_is_separate_and_then_one_signs_in(qtbot, empty_context):
    context = empty_context
    service = SignInService.of(context, Throttle(sleeper=lambda _s: None),
                               LocalCredential(context.secrets, FAST))
    dialog = _dialog(qtbot, context, service)
    assistant = dialog.open_first_start()
    assistant.demo_button.click()
    assert assistant.demo_opened and assistant.signed_in is None
    assert dialog.signed_in is None and context.identity is None
    assert dialog.people_list.count() > 0 and dialog.first_start_button.isHidden()


def test_choosing_a_person_while_the_list_reloads_keeps_the_list(qtbot, context, service):
    """The people and the chosen person's state are two reads: the newer of one must not
    drop the other (one shared revision left the dialog busy for ever)."""
    from tests.pools import HeldPool

    pool = HeldPool()
    dialog = SignInDialog(context, service, pool=pool)
    qtbot.addWidget(dialog)
    pool.run_all()
    pool.run_all()
    assert dialog.people_list.count() > 1 and dialog.enter_button.isEnabled()
    dialog._reload()  # the list is read again (as after a failed sign-in)…
    dialog.people_list.setCurrentRow(1)  # …while the person picks another name
    pool.run_all()
    assert not dialog._busy and dialog.enter_button.isEnabled()
    assert dialog.state is not None


def test_nobody_registers_themself_at_sign_in(qtbot, context, service):
    """Identity is proven, not picked (issue 14): the sign-in offers no way to add oneself;
    it says who registers people and where."""
    from PySide6.QtWidgets import QPushButton

    dialog = _dialog(qtbot, context, service)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = " ".join(b.text() for b in dialog.findChildren(QPushButton))
    assert "Regístrese" not in buttons and "registr" not in buttons.lower()
    assert dialog.not_listed.isVisible()
    assert "revisor de la CNCS" in dialog.not_listed.text()
    assert "Organización" in dialog.not_listed.text()
