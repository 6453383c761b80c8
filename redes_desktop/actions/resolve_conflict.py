"""Resolve a sync conflict: keep the shared version, keep the other one, or save a merge.
The resolution is recorded in the bitácora (`conflicto_resuelto`, 8.iii) with who did it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from redes_desktop.actions.conflict_fields import ConflictField, differing_fields, record_title
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
    # As a person reads it (issue 15): the differing fields only, Spanish labels, names and
    # México City times; and what the record is about («@INEJalisco (X)», a person's name).
    fields: tuple[ConflictField, ...] = ()
    title: str = ""

    def merged(self, local_fields: set[str] | frozenset[str]) -> dict[str, Any]:
        """The shared version with the fields named in `local_fields` taken from the other
        one (a merge chosen field by field)."""
        shared = dict(self.server_data or {})
        local = self.local_data or {}
        for name in local_fields:
            if name in local:
                shared[name] = local[name]
        return shared


def list_conflicts(database: Database) -> tuple[ConflictItem, ...]:
    """The conflicts still open at this workstation, oldest first. Reading only."""
    from redes_desktop.sync.conflicts import open_conflicts
    from redes_desktop.sync.policies import table

    with unit_of_work(database) as session:
        items = []
        for c in open_conflicts(session):
            fields: tuple[ConflictField, ...] = ()
            title = ""
            try:
                described = table(c.table_name)
            except KeyError:  # a kind of record this version does not know
                described = None
            if described is not None:
                try:
                    fields = differing_fields(session, described, c.server_data, c.local_data)
                    title = record_title(session, described, c.server_data or c.local_data)
                except (ValueError, TypeError):  # a stored version that no longer fits
                    fields, title = (), ""
            items.append(ConflictItem(c.id, c.table_name, c.kind, c.reason, c.detected_at,
                                      c.local_data, c.server_data, fields, title))
        return tuple(items)


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
