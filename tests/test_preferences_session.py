"""Preferencias → Sesión (issue 14): the minutes of inactivity before the lock are validated,
stored in settings.json, and applied to the running idle lock without a restart."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from redes_desktop.actions import preferences as prefs
from redes_desktop.context import AppContext
from redes_desktop.errors import ValidationError
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.settings import SettingsStore
from redes_desktop.signin.idle import IdlePolicy
from redes_desktop.ui.idle_lock import IdleLock
from redes_desktop.ui.preferences.dialog import PreferencesDialog
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
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


def _stored_minutes(data_dir) -> int | None:
    return json.loads((data_dir / "settings.json").read_text(encoding="utf-8")).get(
        "idle_lock_minutes")


@pytest.mark.parametrize("value", [-1, prefs.MAX_IDLE_LOCK_MINUTES + 1, "15", 1.5, True, None])
def test_bad_minutes_are_refused_in_spanish_and_nothing_is_stored(context, data_dir, value):
    context.workspace.settings.idle_lock_minutes = 20
    context.workspace.save_settings()
    with pytest.raises(ValidationError) as raised:
        prefs.apply_idle_lock(context.workspace, value)
    assert "minutos de inactividad" in raised.value.message
    assert context.workspace.settings.idle_lock_minutes == 20
    assert _stored_minutes(data_dir) == 20


@pytest.mark.parametrize("value", [0, 1, 30, prefs.MAX_IDLE_LOCK_MINUTES])
def test_good_minutes_are_stored(context, data_dir, value):
    assert prefs.apply_idle_lock(context.workspace, value) == value
    assert _stored_minutes(data_dir) == value
    assert SettingsStore(data_dir / "settings.json").load().idle_lock_minutes == value


def test_the_session_tab_saves_the_minutes_and_says_so(qtbot, context, data_dir):
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="sesion")
    qtbot.addWidget(dialog)
    tab = dialog.pages["sesion"]
    assert dialog.current_tab() == "sesion"
    assert tab.minutes.value() == context.workspace.settings.idle_lock_minutes
    tab.minutes.setValue(45)
    with qtbot.waitSignal(dialog.changed) as changed:
        tab.save()
    assert changed.args == ["sesion"]
    assert _stored_minutes(data_dir) == 45
    assert tab.message.ok and "45 minutos" in tab.message.text()
    tab.minutes.setValue(0)
    assert tab.minutes.text() == "Nunca"
    tab.save()
    assert _stored_minutes(data_dir) == 0
    assert "ya no se bloquea" in tab.message.text()


def test_a_hand_edited_bad_value_opens_the_tab_without_crashing(qtbot, context):
    context.workspace.settings.idle_lock_minutes = "mucho"  # type: ignore[assignment]
    dialog = PreferencesDialog(context, pool=SynchronousPool(), tab="sesion")
    qtbot.addWidget(dialog)
    assert dialog.pages["sesion"].minutes.value() == 0


def test_new_minutes_apply_to_the_running_lock(qtbot, clock):
    lock = IdleLock(IdlePolicy(15, clock), interval_ms=60_000)
    try:
        fired: list[bool] = []
        lock.lock_due.connect(lambda: fired.append(True))
        lock.set_minutes(0)
        assert not lock.timer.isActive()
        clock.advance(timedelta(hours=2))
        lock.check()
        assert fired == []
        lock.set_minutes(5)
        assert lock.timer.isActive()
        clock.advance(timedelta(minutes=4))
        lock.check()
        assert fired == []
        clock.advance(timedelta(minutes=1))
        lock.check()
        assert fired == [True]
    finally:
        lock.stop()


def test_the_opener_hands_the_saved_minutes_to_the_application(qtbot, context):
    from redes_desktop.ui.main_window import MainWindow
    from redes_desktop.ui.preferences.wiring import PreferencesOpener

    window = MainWindow("datos")
    qtbot.addWidget(window)
    window.set_context(context)
    opener = PreferencesOpener(window, context, None, pool=SynchronousPool())
    received: list[int] = []
    opener.idle_minutes_changed = received.append
    opener.open("sesion")
    assert opener.dialog is not None
    tab = opener.dialog.pages["sesion"]
    tab.minutes.setValue(7)
    tab.save()
    assert received == [7]
    opener.dialog.reject()
