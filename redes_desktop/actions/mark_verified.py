"""6.xxix: mark an account verified by its network, with the date; clears the reminder."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder


def mark_verified(database: Database, account_id: uuid.UUID | str, verified_on: date, *,
                  person_id: uuid.UUID | None, clock: Clock,
                  recorder: ActivityRecorder) -> None:
    from redes_desktop.services.account_verification import mark_verified as mark

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        mark(session, clock, actor, account_id, verified_on, recorder=recorder)
