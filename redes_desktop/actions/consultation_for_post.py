"""What the composer shows about a draft's latest consultation to CNCS (6.viii)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.database import Database
from redes_desktop.models import ConsultationState


@dataclass(frozen=True)
class PostConsultation:
    consultation_id: uuid.UUID
    state: ConsultationState
    deadline: datetime
    decided_at: datetime | None
    reasoning: str
    requested_changes: str
    changed_since: bool  # the draft differs from what was consulted (or approved)


def consultation_for_post(database: Database, *,
                          post_id: uuid.UUID) -> PostConsultation | None:
    from redes_desktop.services.consultation_rules import differs_from_snapshot, latest_for_post

    with unit_of_work(database) as session:
        c = latest_for_post(session, post_id)
        if c is None:
            return None
        changed = c.invalidated_at is not None or (
            c.state == ConsultationState.APROBADA and differs_from_snapshot(c.post, c.snapshot))
        return PostConsultation(c.id, c.state, c.deadline, c.decided_at, c.reasoning,
                                c.requested_changes, changed)
