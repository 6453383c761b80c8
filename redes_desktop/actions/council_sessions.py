"""The calendar of Consejo General sessions (6.xxvii): CNCS adds and removes them; everybody
lists them."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder
    from redes_desktop.services.council_sessions import SessionRow


def add_council_session(database: Database, *, title: str, starts_at: datetime,
                        ends_at: datetime, person_id: uuid.UUID | None, clock: Clock,
                        recorder: ActivityRecorder) -> uuid.UUID:
    from redes_desktop.services.council_sessions import add_session

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return add_session(session, clock, actor, title=title, starts_at=starts_at,
                           ends_at=ends_at, recorder=recorder).id


def add_council_session_on(database: Database, *, title: str, day: date, start: time,
                           end: time, person_id: uuid.UUID | None, clock: Clock,
                           recorder: ActivityRecorder) -> uuid.UUID:
    """A session as CNCS enters it: its date and its start and end times in Mexico City."""
    from redes_desktop.services.council_sessions import local_times

    starts_at, ends_at = local_times(day, start, end)
    return add_council_session(database, title=title, starts_at=starts_at, ends_at=ends_at,
                               person_id=person_id, clock=clock, recorder=recorder)


def remove_council_session(database: Database, session_id: uuid.UUID | str, *,
                           person_id: uuid.UUID | None, clock: Clock,
                           recorder: ActivityRecorder) -> None:
    from redes_desktop.services.council_sessions import remove_session

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        remove_session(session, clock, actor, session_id, recorder=recorder)


def council_sessions(database: Database, *, clock: Clock,
                     everything: bool = False) -> tuple[SessionRow, ...]:
    """Sessions that have not ended a week ago (`everything`: all of them), earliest first."""
    from datetime import timedelta

    from redes_desktop.services.council_sessions import sessions

    with unit_of_work(database) as session:
        since = None if everything else clock() - timedelta(days=7)
        return tuple(sessions(session, since=since))
