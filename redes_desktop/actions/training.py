"""The annual training (5.3): CNCS schedules it, invites by mail, records attendance; Informes
shows the year's sessions and the administrators without one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import OutboxFactory
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.training import PendingAdministrator, SessionSummary


@dataclass(frozen=True)
class TrainingOverview:
    year: int
    sessions: tuple[SessionSummary, ...]
    pending: tuple[PendingAdministrator, ...]
    may_organise: bool  # the person is a CNCS reviewer


def training_overview(database: Database, *, person_id: uuid.UUID | None,
                      clock: Clock) -> TrainingOverview:
    from redes_desktop.clock import to_mexico
    from redes_desktop.models import Role
    from redes_desktop.services.reports import report_scope
    from redes_desktop.services.training import sessions_of_year, without_training

    today = to_mexico(clock()).date()
    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        scope = report_scope(session, actor)
        return TrainingOverview(today.year, tuple(sessions_of_year(session, today.year)),
                                tuple(without_training(session, today, area_ids=scope)),
                                actor.has_role(Role.REVISOR_CNCS))


def schedule_training(database: Database, *, title: str, held_on: date, notes: str = "",
                      person_id: uuid.UUID | None, clock: Clock,
                      recorder: ActivityRecorder) -> uuid.UUID:
    from redes_desktop.services.training import schedule

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return schedule(session, clock, actor, title=title, held_on=held_on, notes=notes,
                        recorder=recorder).id


def invite_to_training(database: Database, session_id: uuid.UUID | str, *,
                       person_id: uuid.UUID | None, clock: Clock, outbox: OutboxFactory,
                       recorder: ActivityRecorder) -> int:
    """How many administrators were invited (mail queued; the outbox job sends it)."""
    from redes_desktop.services.training import invite

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return invite(session, clock, actor, session_id, outbox=outbox(session),
                      recorder=recorder)


def record_training_attendance(database: Database, session_id: uuid.UUID | str,
                               attendee_id: uuid.UUID | str, attended: bool, *,
                               person_id: uuid.UUID | None, clock: Clock,
                               recorder: ActivityRecorder) -> None:
    from redes_desktop.services.training import record_attendance

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        record_attendance(session, clock, actor, session_id, attendee_id, attended,
                          recorder=recorder)
