"""The calendar of Consejo General sessions (6.xxvii): CNCS adds and removes them; everybody
lists them."""

from __future__ import annotations

import uuid
from datetime import datetime
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


def remove_council_session(database: Database, session_id: uuid.UUID | str, *,
                           person_id: uuid.UUID | None, clock: Clock,
                           recorder: ActivityRecorder) -> None:
    from redes_desktop.services.council_sessions import remove_session

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        remove_session(session, clock, actor, session_id, recorder=recorder)


def council_sessions(database: Database, *, clock: Clock) -> tuple[SessionRow, ...]:
    """Sessions that have not ended a week ago, earliest first."""
    from datetime import timedelta

    from redes_desktop.services.council_sessions import sessions

    with unit_of_work(database) as session:
        return tuple(sessions(session, since=clock() - timedelta(days=7)))
