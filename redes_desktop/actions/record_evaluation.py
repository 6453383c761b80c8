"""Record the semestral effectiveness evaluation of an account (8.i); only CNCS applies it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.reports import EVALUATION_MONTHS as EVALUATION_MONTHS

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder


def record_evaluation(database: Database, account_id: uuid.UUID | str, *, period_start: date,
                      period_end: date, score: int, findings: str, person_id: uuid.UUID | None,
                      clock: Clock, recorder: ActivityRecorder) -> uuid.UUID:
    """The id of the recorded evaluation; the service refuses who may not and bad input."""
    from redes_desktop.services.reports import record_evaluation as record

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        evaluation = record(session, clock, actor, account_id, period_start=period_start,
                            period_end=period_end, score=score, findings=findings,
                            recorder=recorder)
        return evaluation.id
