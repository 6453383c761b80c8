"""Resolving a sync conflict: keep the shared version, take the other one, or a manual merge.
Taking a version (or a merge) is an ordinary local edit: a new version that syncs as usual."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Base
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.policies import policy_for, table
from redes_desktop.sync.rows import from_json

KEEP_SERVER, KEEP_LOCAL, MERGED = "servidor", "local", "combinada"
_BOOKKEEPING = {"id", "created_at", "updated_at", "row_version"}


def open_conflicts(session: Session) -> list[SyncConflict]:
    return list(session.scalars(
        select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        .order_by(SyncConflict.detected_at)
    ))


def _model_for(table_name: str):
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table_name:
            return mapper.class_
    raise NotFound(f"El tipo de registro «{table_name}» ya no existe en esta versión.")


def resolve(session: Session, conflict_id: uuid.UUID, choice: str, *, person_id: uuid.UUID | None,
            now: datetime, merged: dict[str, Any] | None = None) -> None:
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise NotFound("El conflicto ya se resolvió (quizá en otra estación).")
    if choice not in (KEEP_SERVER, KEEP_LOCAL, MERGED):
        raise ValidationError(f"Resolución desconocida: {choice}.")
    if choice != KEEP_SERVER:
        data = merged if choice == MERGED else conflict.local_data
        if not data:
            raise ValidationError(
                "Esta versión era una eliminación: para conservarla, elimine el registro.")
        _apply(session, conflict.table_name, conflict.row_id, data)
    conflict.resolved_at = now
    conflict.resolved_by_id = person_id
    conflict.resolution = choice
    session.flush()


def _apply(session: Session, table_name: str, row_id: uuid.UUID, data: dict[str, Any]) -> None:
    model = _model_for(table_name)
    values = from_json(table(table_name), data)
    immutable = policy_for(table_name).immutable_columns
    row = session.get(model, row_id)
    if row is None:
        row = model(id=row_id)
        session.add(row)
    for name, value in values.items():
        if name in _BOOKKEEPING or (name in immutable and getattr(row, name, None) is not None):
            continue
        setattr(row, name, value)
