"""Scheduling a draft (issue 15): the time is stored in UTC with the draft through the draft's
own save, recorded in the bitácora, shown in México City's time in the Redactor, refused when
already past (in Spanish, without losing the text), and cleared by unticking the box."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QDateTime, QThreadPool, QTime

from redes_desktop.actions.open_draft import open_draft
from redes_desktop.actions.save_draft import KEEP, create_draft, save_draft
from redes_desktop.clock import to_mexico
from redes_desktop.models import Post
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.ui.composer.composer_view import ComposerSection
from tests.actions_support import seed
from tests.composer_support import opened, ready, saved
from tests.composer_world import context, engine  # noqa: F401 - fixtures

# The clock fixture: Tuesday 10 March 2026, 18:00 UTC = 12:00 in México City (UTC-6).
TOMORROW_10_30_LOCAL = datetime(2026, 3, 11, 16, 30, tzinfo=UTC)


def _stored(database, post_id):
    with database.session() as session:
        return session.get(Post, post_id).scheduled_at


# -- the action ---------------------------------------------------------------------------------
def test_the_save_action_stores_changes_and_clears_the_time(database, clock):
    people = seed(database, clock)
    recorder = MemoryRecorder()
    common = dict(clock=clock, recorder=recorder, person_id=people.titular, is_reply=False,
                  media=(), findings=None)
    created = create_draft(database, account_id=people.account, text="Aviso",
                           scheduled_at=TOMORROW_10_30_LOCAL, **common)
    assert _stored(database, created.post_id) == TOMORROW_10_30_LOCAL
    assert [e.action for e in recorder.entries] == ["borrador_creado", "publicacion_programada"]
    assert recorder.entries[-1].details["programada_para"] == "2026-03-11T16:30:00+00:00"

    # Only the time changes: a save that changed something, and its own bitácora entry.
    later = TOMORROW_10_30_LOCAL + timedelta(hours=2)
    saved = save_draft(database, post_id=created.post_id, text="Aviso", scheduled_at=later,
                       **common)
    assert saved.changed and _stored(database, created.post_id) == later
    assert recorder.entries[-1].details["programada_antes"] == "2026-03-11T16:30:00+00:00"
    # KEEP leaves it; the same time again changes nothing.
    assert not save_draft(database, post_id=created.post_id, text="Aviso", scheduled_at=KEEP,
                          **common).changed
    assert not save_draft(database, post_id=created.post_id, text="Aviso", scheduled_at=later,
                          **common).changed
    # None: unscheduled.
    cleared = save_draft(database, post_id=created.post_id, text="Aviso", scheduled_at=None,
                         **common)
    assert cleared.changed and _stored(database, created.post_id) is None
    assert recorder.entries[-1].action == "programacion_retirada"
    assert open_draft(database, person_id=people.titular,
                      post_id=created.post_id).scheduled_at is None


def test_a_past_time_is_refused_and_the_text_is_still_saved(database, clock):
    people = seed(database, clock)
    recorder = MemoryRecorder()
    common = dict(clock=clock, recorder=recorder, person_id=people.titular, is_reply=False,
                  media=(), findings=None)
    post_id = create_draft(database, account_id=people.account, text="Aviso",
                           scheduled_at=TOMORROW_10_30_LOCAL, **common).post_id
    yesterday = clock() - timedelta(days=1)
    saved = save_draft(database, post_id=post_id, text="Aviso corregido",
                       scheduled_at=yesterday, **common)
    assert "ya pasaron" in saved.schedule_error
    assert "lunes 9 de marzo de 2026, 12:00 h" in saved.schedule_error  # México City's time
    data = open_draft(database, person_id=people.titular, post_id=post_id)
    assert data.text == "Aviso corregido"  # the text was not lost
    assert data.scheduled_at == TOMORROW_10_30_LOCAL  # the time stayed as it was
    assert "publicacion_programada" not in [e.action for e in recorder.entries[2:]]


# -- the Redactor -------------------------------------------------------------------------------
@pytest.fixture
def view(qtbot, context, engine):  # noqa: F811 - the fixtures imported above
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


def _set_local(view, day: QDate, time: QTime) -> None:
    view.schedule.enabled_box.setChecked(True)
    shown = view.schedule.edit.dateTime()
    view.schedule.edit.setDateTime(QDateTime(day, time, shown.timeZone()))


def test_the_schedule_round_trips_through_save_and_reload(qtbot, context, view,  # noqa: F811
                                                          typer):
    typer(view.editor, "Mañana hay simulacro")
    _set_local(view, QDate(2026, 3, 11), QTime(10, 30))
    assert view.schedule.error == ""
    saved(qtbot, view)
    post_id = view.post_id
    assert post_id is not None
    assert _stored(context.database, post_id) == TOMORROW_10_30_LOCAL  # 10:30 local = 16:30 UTC
    entries = [e for e in context.recorder.entries if e.action == "publicacion_programada"]
    assert entries and entries[-1].details["programada_para"] == "2026-03-11T16:30:00+00:00"

    view.drafts.new_draft()
    qtbot.waitUntil(lambda: view.post_id is None, timeout=5000)
    assert not view.schedule.enabled_box.isChecked()  # a new draft is not scheduled
    assert opened(qtbot, view, post_id)
    assert view.schedule.enabled_box.isChecked()
    shown = view.schedule.edit.dateTime()
    assert (shown.date(), shown.time()) == (QDate(2026, 3, 11), QTime(10, 30))
    assert view.schedule.value() == TOMORROW_10_30_LOCAL

    # Unticking the box unschedules the draft.
    view.schedule.enabled_box.setChecked(False)
    saved(qtbot, view)
    assert _stored(context.database, post_id) is None


def test_a_past_date_is_refused_in_spanish_and_nothing_is_lost(qtbot, context,  # noqa: F811
                                                               view, typer):
    typer(view.editor, "Aviso")
    _set_local(view, QDate(2026, 3, 11), QTime(10, 30))
    saved(qtbot, view)
    post_id = view.post_id
    _set_local(view, QDate(2026, 3, 9), QTime(9, 0))  # yesterday
    assert "ya pasaron" in view.schedule.error  # said at once, before any save
    assert view.schedule.error_label.isVisible()
    typer(view.editor, " importante")
    saved(qtbot, view)
    with context.database.session() as session:
        post = session.get(Post, post_id)
        assert post.text == "Aviso importante"
        assert post.scheduled_at == TOMORROW_10_30_LOCAL  # unchanged
    # A future time clears the message and is stored.
    _set_local(view, QDate(2026, 3, 12), QTime(9, 0))
    assert view.schedule.error == "" and not view.schedule.error_label.isVisible()
    saved(qtbot, view)
    assert to_mexico(_stored(context.database, post_id)).hour == 9


@pytest.mark.parametrize(("action", "label"), [
    ("publicacion_programada", "Publicación programada"),
    ("programacion_retirada", "Programación retirada"),
])
def test_the_schedule_entries_read_in_spanish_in_the_bitacora(action, label):
    from redes_desktop.ui.bitacora.table_model import action_label

    assert action_label(action) == label


def test_ticking_the_box_after_the_default_time_passed_starts_from_the_next_hour(
        qtbot, view, clock):
    clock.advance(timedelta(hours=5))  # the form stayed open: the default 13:00 has passed
    view.schedule.enabled_box.setChecked(True)
    assert view.schedule.error == ""
    # 23:00 UTC now; the next hour is 00:00 UTC, 18:00 in México City.
    assert view.schedule.value() == datetime(2026, 3, 11, 0, 0, tzinfo=UTC)
