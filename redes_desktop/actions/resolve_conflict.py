"""Resolve a sync conflict: keep the shared version, keep the other one, or save a merge.
The resolution is recorded in the bitácora (`conflicto_resuelto`, 8.iii) with who did it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder


@dataclass(frozen=True)
class ConflictItem:
    conflict_id: uuid.UUID
    table_name: str
    kind: str  # "versiones", "eliminado", "rechazado"
    reason: str  # Spanish
    detected_at: datetime
    local_data: dict[str, Any] | None  # the version that was not applied
    server_data: dict[str, Any] | None  # the version in the shared database


def list_conflicts(database: Database) -> tuple[ConflictItem, ...]:
    """The conflicts still open at this workstation, oldest first. Reading only."""
    from redes_desktop.sync.conflicts import open_conflicts

    with unit_of_work(database) as session:
        return tuple(
            ConflictItem(c.id, c.table_name, c.kind, c.reason, c.detected_at,
                         c.local_data, c.server_data)
            for c in open_conflicts(session))


def resolve_conflict(database: Database, conflict_id: uuid.UUID, choice: str, *,
                     merged: dict[str, Any] | None = None, person_id: uuid.UUID | None,
                     clock: Clock, recorder: ActivityRecorder) -> None:
    """`choice` is KEEP_SERVER, KEEP_LOCAL or MERGED (with `merged`, the edited record).
    `NotFound` when it was resolved meanwhile; `ValidationError` when the version does not fit
    the record (nothing is changed then)."""
    from redes_desktop.sync.conflicts import resolve

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        resolve(session, conflict_id, choice, person_id=actor.id, now=clock(), merged=merged,
                recorder=recorder)
