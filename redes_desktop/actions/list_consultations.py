"""List the consultations to CNCS a person may see (6.viii): reviewers see all of them, an
area's people those of their area (the queue's own visibility rule)."""

from __future__ import annotations

import uuid

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import ConsultationState
from redes_desktop.services.consultation_queue import ConsultationRow as ConsultationRow
from redes_desktop.services.consultation_rules import URGENT_LEFT as URGENT_LEFT
from redes_desktop.services.consultation_rules import WARNING_LEFT as WARNING_LEFT
from redes_desktop.services.consultation_rules import format_countdown as format_countdown
from redes_desktop.services.consultation_rules import format_mexico as format_mexico
from redes_desktop.services.consultation_rules import is_expired as is_expired
from redes_desktop.services.consultation_rules import remaining as remaining


def list_consultations(database: Database, *, clock: Clock, person_id: uuid.UUID | None
                       ) -> list[ConsultationRow]:
    """The queue as the acting person may see it (rows are plain tuples)."""
    from redes_desktop.services.consultation_queue import queue_rows
    from redes_desktop.services.permissions import Permissions

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        today = Permissions(session, clock).today()
        return queue_rows(session, visible_to=person, today=today)


def all_consultations(database: Database, *, state: ConsultationState | None = None
                      ) -> list[ConsultationRow]:
    """Every consultation (the command line's `consultas list`, run by whoever administers
    the workstation), optionally only those in `state`; newest first."""
    from redes_desktop.services.consultation_queue import queue_rows

    with unit_of_work(database) as session:
        return queue_rows(session, state=state)
