"""Whom the person covers today and until when (5.1): for the window's banner and for the
lists that must include the covered accounts' work (drafts, consultations, rotations)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database


@dataclass(frozen=True)
class Coverage:
    titular_name: str
    kind_label: str
    starts_on: date
    ends_on: date
    handles: tuple[str, ...]
    account_ids: tuple[uuid.UUID, ...]


def coverage_status(database: Database, *, clock: Clock,
                    person_id: uuid.UUID | None) -> tuple[Coverage, ...]:
    """Nothing when nobody is signed in or the person covers nobody today."""
    from redes_desktop.services.coverage import active_coverages
    from redes_desktop.services.permissions import Permissions

    if person_id is None:
        return ()
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        today = Permissions(session, clock).today()
        return tuple(
            Coverage(titular_name=absence.person.name, kind_label=absence.kind.label,
                     starts_on=absence.starts_on, ends_on=absence.ends_on,
                     handles=tuple(a.handle for a in accounts),
                     account_ids=tuple(a.id for a in accounts))
            for absence, accounts in active_coverages(session, person, today))
