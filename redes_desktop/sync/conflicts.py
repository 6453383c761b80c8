"""Resolving a sync conflict: keep the shared version, take the other one, or a manual merge.
Taking a version (or a merge) is an ordinary local edit: a new version that syncs as usual."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Base
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
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
            now: datetime, merged: dict[str, Any] | None = None,
            recorder: ActivityRecorder | None = None) -> None:
    """Resolve a conflict; the resolution is recorded through `recorder` (the bitácora)."""
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None or conflict.resolved_at is not None:
        raise NotFound("El conflicto ya se resolvió (quizá en otra estación).")
    if choice not in (KEEP_SERVER, KEEP_LOCAL, MERGED):
        raise ValidationError(f"Resolución desconocida: {choice}.")
    if choice == MERGED and not isinstance(merged, dict):
        raise ValidationError(
            "La combinación debe ser un objeto JSON entre llaves { … } con los campos del "
            "registro; corríjala y vuelva a guardarla.")
    if choice != KEEP_SERVER:
        data = merged if choice == MERGED else conflict.local_data
        if not data:
            raise ValidationError(
                "Esta versión era una eliminación: para conservarla, elimine el registro.")
        try:
            _apply(session, conflict.table_name, conflict.row_id, data)
        except (ValueError, TypeError, AttributeError) as error:
            raise ValidationError(
                f"La combinación tiene un valor que no sirve para este registro ({error}); "
                "corríjalo y vuelva a guardarla.") from error
    conflict.resolved_at = now
    conflict.resolved_by_id = person_id
    conflict.resolution = choice
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise ValidationError(
            "Esa versión choca con otro registro de esta estación (datos que deben ser únicos o "
            "un registro que ya no existe); corrija la combinación o conserve la otra versión."
        ) from error
    if recorder is not None:
        row = conflict.local_data or conflict.server_data or {}
        account = row.get("account_id") if isinstance(row, dict) else None
        try:
            account_id = uuid.UUID(str(account)) if account else None
        except ValueError:
            account_id = None
        recorder.record(ActivityEntry(
            at=now, actor_id=person_id, account_id=account_id, action="conflicto_resuelto",
            details={"tabla": conflict.table_name, "registro": str(conflict.row_id),
                     "tipo": conflict.kind, "resolucion": choice},
        ))


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
