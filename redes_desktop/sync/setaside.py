"""Received rows this workstation cannot take, set aside instead of wedging every pull.

A pulled row can clash with local data in two ways:
- at once, on a unique constraint (another local row has the same e-mail): `pull._upsert_isolating`
  catches it in a savepoint;
- only at COMMIT, on a foreign key: the pull defers foreign keys (rows of a cycle arrive in any
  order), so a row pointing at a row that was itself set aside (A's post by A's person, when B
  already has a person with that e-mail) made the whole pull fail with «FOREIGN KEY constraint
  failed», every time. `violations()` asks SQLite which rows break a foreign key before the
  commit; the pull rolls back to its savepoint, sets those rows aside and applies the rest again.

Set-aside rows are local "rechazado" conflicts with no local version and no origin (they never
leave the workstation). Every later pull tries them again with the shared database's current
version: one that now fits (the clash was resolved) is applied and its conflict closes.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.rows import row_json

conflicts = table_of(SyncConflict)
AUTO_RESOLUTION = "servidor"

UNIQUE_REASON = (
    "Esta estación ya tiene otro registro con los mismos datos que deben ser únicos (por ejemplo, "
    "el mismo correo creado en dos estaciones). El registro recibido no se aplicó aquí; elija "
    "cuál conservar. (Detalle: {detail})"
)
FOREIGN_KEY_REASON = (
    "El registro recibido apunta a otro que esta estación no tiene (quizá también se apartó por "
    "un conflicto). No se aplicó aquí; se aplicará solo en cuanto el otro registro exista. "
    "(Detalle: {detail})"
)


def is_local_set_aside(conflict) -> bool:
    """A received row set aside on this workstation (not a conflict of the shared database)."""
    return conflict.local_data is None and not conflict.origin and conflict.kind == "rechazado"


def open_set_aside(lconn: Connection) -> dict[tuple[str, uuid.UUID], uuid.UUID]:
    """(table, row id) -> conflict id, for the rows set aside and not yet resolved."""
    c = conflicts.c
    rows = lconn.execute(
        select(c.table_name, c.row_id, c.id, c.local_data)
        .where(c.resolved_at.is_(None), c.origin == "", c.kind == "rechazado")
    ).all()
    # JSON null, not SQL NULL: filtered here.
    return {(r.table_name, r.row_id): r.id for r in rows if r.local_data is None}


def record(lconn: Connection, name: str, row: dict, reason: str, now: datetime) -> None:
    lconn.execute(insert(conflicts).values(
        id=uuid.uuid4(), created_at=now, updated_at=now, row_version=1,
        table_name=name, row_id=row["id"], kind="rechazado", reason=reason,
        local_data=None, server_data=row_json(row), origin="", detected_at=now,
        resolution="",
    ))


def close(lconn: Connection, conflict_ids: list[uuid.UUID], now: datetime) -> None:
    """The row now fits: the shared version is applied, the conflict closes (not captured:
    a set-aside conflict is local)."""
    if conflict_ids:
        lconn.execute(update(conflicts).where(conflicts.c.id.in_(conflict_ids))
                      .values(resolved_at=now, resolution=AUTO_RESOLUTION, updated_at=now))


def violations(lconn: Connection, tables: set[str], written: set[tuple[str, uuid.UUID]],
               deleted: set[tuple[str, uuid.UUID]]
               ) -> tuple[dict[tuple[str, uuid.UUID], str], set[tuple[str, uuid.UUID]]]:
    """Rows that break a foreign key right now, among `tables` and the tables pointing at them.

    Returns (received rows to set aside -> detail, received deletes to skip): a received row
    pointing at a missing row is set aside; a local row left pointing at a row this pull
    deleted keeps that row (the local change is pushed later and meets the deletion there).
    Violations that neither explains were there before this pull and are left alone."""
    culprits: dict[tuple[str, uuid.UUID], str] = {}
    keep: set[tuple[str, uuid.UUID]] = set()
    deleted_tables = {name for name, _ in deleted}
    candidates = set(tables)
    if deleted_tables:
        for (name,) in lconn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'").all():
            targets = {fk[2] for fk in lconn.exec_driver_sql(
                f'PRAGMA foreign_key_list("{name}")').all()}
            if targets & deleted_tables:
                candidates.add(name)
    for name in sorted(candidates):
        found = lconn.exec_driver_sql(f'PRAGMA foreign_key_check("{name}")').all()
        if not found:
            continue
        keys = {fk[0]: fk for fk in lconn.exec_driver_sql(
            f'PRAGMA foreign_key_list("{name}")').all()}
        for _table, rowid, parent, fkid in found:
            fk = keys[fkid]
            child = lconn.exec_driver_sql(
                f'SELECT id, "{fk[3]}" FROM "{name}" WHERE rowid = ?', (rowid,)).first()
            if child is None:
                continue
            row_id, target = _uuid(child[0]), _uuid(child[1])
            if row_id is None:
                continue
            if (name, row_id) in written:
                culprits[(name, row_id)] = f"{name}.{fk[3]} → {parent}"
            elif target is not None and (parent, target) in deleted:
                keep.add((parent, target))
    return culprits, keep


def _uuid(value) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(value if isinstance(value, str) else bytes(value).hex())
    except (ValueError, TypeError):
        return None
