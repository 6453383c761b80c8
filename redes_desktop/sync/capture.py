"""Local change capture: every flush that inserts, updates or deletes a synced row also appends
(table, row id, base version) to `sync_changes`, in the same transaction.

Rows the sync engine writes itself (pulled from the shared database) go through Core statements
on a connection, which fire no flush events: they are never captured again.
Bulk `session.execute(update(...))` statements bypass the capture too: services write synced
rows through the ORM.
"""

from __future__ import annotations

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from redes_desktop.models.sync_state import SyncChange


def _base_version(obj: object, deleted: bool) -> int:
    state = inspect(obj)
    history = state.attrs.row_version.history
    current = state.dict.get("row_version") or 1
    if deleted:
        return int(current)
    if history.deleted and history.deleted[0] is not None:
        return int(history.deleted[0])
    return int(current) - 1


def _after_flush(session: Session, _context) -> None:
    from redes_desktop.sync.policies import synced_table_names

    names = synced_table_names()
    rows: list[dict] = []

    def add(obj: object, base: int) -> None:
        table = inspect(obj).mapper.local_table
        if getattr(table, "name", None) in names:
            rows.append({"table_name": table.name, "row_id": obj.id, "base_version": base})

    for obj in session.new:
        add(obj, 0)
    deleted = {id(o): o for o in session.deleted}
    # Orphans removed by a delete-orphan cascade are not in session.deleted: ask the flush.
    for state, (is_delete, list_only) in getattr(_context, "states", {}).items():
        if is_delete and not list_only and state.obj() is not None:
            deleted.setdefault(id(state.obj()), state.obj())
    for obj in session.dirty:
        if id(obj) not in deleted and session.is_modified(obj, include_collections=False):
            add(obj, _base_version(obj, deleted=False))
    for obj in deleted.values():
        add(obj, _base_version(obj, deleted=True))
    if rows:
        session.connection().execute(insert(SyncChange), rows)


def install_change_capture(sessions: sessionmaker[Session] | type[Session]) -> None:
    """Capture synced writes made through sessions of this factory (idempotent)."""
    if not event.contains(sessions, "after_flush", _after_flush):
        event.listen(sessions, "after_flush", _after_flush)
