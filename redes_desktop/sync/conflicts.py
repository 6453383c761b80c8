"""Resolving a sync conflict: keep the shared version, take the other one, or a manual merge.
Taking a version (or a merge) is an ordinary local edit: a new version that syncs as usual."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Base
from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.sync.policies import policy_for, table
from redes_desktop.sync.rows import from_json
from redes_desktop.sync.setaside import is_local_set_aside

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
    if is_local_set_aside(conflict):
        _resolve_set_aside(session, conflict, choice, person_id, now)
    else:
        _resolve_shared(session, conflict, choice, person_id, now, merged)
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


def _resolve_shared(session: Session, conflict: SyncConflict, choice: str,
                    person_id: uuid.UUID | None, now: datetime,
                    merged: dict[str, Any] | None) -> None:
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


def _resolve_set_aside(session: Session, conflict: SyncConflict, choice: str,
                       person_id: uuid.UUID | None, now: datetime) -> None:
    """A received row this workstation could not take (setaside.py). Keeping the shared version
    applies it here now, exactly as a pull would (not captured: it is already the shared
    version); keeping this workstation's data leaves it out. The conflict itself is local: it is
    closed without being captured, so it never reaches the shared database."""
    if choice == MERGED:
        raise ValidationError(
            "Este registro no llegó a esta estación: conserve la versión compartida y después "
            "edítelo, o conserve la de esta estación.")
    session.flush()
    conn = session.connection()
    if choice == KEEP_SERVER:
        t = table(conflict.table_name)
        values = from_json(t, conflict.server_data or {})
        stmt = sqlite_insert(t).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"], set_={k: stmt.excluded[k] for k in values if k != "id"})
        try:
            with session.begin_nested():
                conn.execute(stmt)
        except IntegrityError as error:
            raise ValidationError(
                "La versión compartida todavía choca con un registro de esta estación (el mismo "
                "correo u otro dato único, o un registro al que apunta y que aquí no existe). "
                "Resuelva primero ese registro, o conserve la versión de esta estación."
            ) from error
        except (ValueError, TypeError) as error:
            raise ValidationError(
                f"La versión compartida guardada no sirve para este registro ({error}); "
                "conserve la versión de esta estación y sincronice de nuevo.") from error
    conflicts_table = table_of(SyncConflict)
    conn.execute(update(conflicts_table).where(conflicts_table.c.id == conflict.id).values(
        resolved_at=now, resolved_by_id=person_id, resolution=choice, updated_at=now))
    session.expire(conflict)


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
