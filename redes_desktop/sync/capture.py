"""Local change capture: every flush that inserts, updates or deletes a synced row also appends
(table, row id, base version) to `sync_changes`, in the same transaction.

Rows the sync engine writes itself (pulled from the shared database) go through Core statements
on a connection, which fire no flush events: they are never captured again.
Bulk `session.execute(update(...))` statements bypass the capture too: services write synced
rows through the ORM.

Whether a session factory already captures is kept as a flag on its own class, never asked of
SQLAlchemy's `event.contains()`: that registry is keyed by the target's memory address, so a new
sessionmaker born at the address of a collected one was taken as already listening and its edits
never left the workstation (see tests/test_sync_capture.py).

A local database (`require_capture`) refuses a flush of synced rows from any session that does
not capture: the guard listens on the `Session` class itself, which lives as long as the program,
and asks the session's own listeners, so it cannot be fooled by a reused address either.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import Engine, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from redes_desktop.errors import UserFacingError
from redes_desktop.models.sync_state import SyncChange

_FLAG = "_redes_change_capture"
_required: weakref.WeakSet[Engine] = weakref.WeakSet()  # local databases
_guard_installed = False


class UncapturedWrite(UserFacingError):
    """A synced row was about to be written to the local database without being captured."""

    exit_code = 4


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

    def add(obj: Any, base: int) -> None:  # any mapped entity; synced ones have `id`
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
    target = sessions.class_ if isinstance(sessions, sessionmaker) else sessions
    if target is Session:
        raise TypeError("capture is installed per session factory, never on Session itself")
    # getattr, not vars(): a subclass of a capturing class inherits its listener too.
    if getattr(target, _FLAG, False):
        return
    event.listen(target, "after_flush", _after_flush)
    setattr(target, _FLAG, True)


def captures(session: Session) -> bool:
    """The ground truth: is the capture listener among this session's own listeners?"""
    return any(fn is _after_flush for fn in session.dispatch.after_flush)


def require_capture(engine: Engine) -> None:
    """From now on, a session that does not capture cannot write synced rows to `engine`."""
    global _guard_installed
    _required.add(engine)
    if not _guard_installed:
        event.listen(Session, "before_flush", _refuse_uncaptured)
        _guard_installed = True


def _refuse_uncaptured(session: Session, _context, _instances) -> None:
    from redes_desktop.sync.policies import synced_table_names

    if captures(session):
        return
    names = synced_table_names()
    for obj in (*session.new, *session.dirty, *session.deleted):
        mapper = inspect(obj).mapper
        if getattr(mapper.local_table, "name", None) not in names:
            continue
        bind = session.get_bind(mapper)
        engine = getattr(bind, "engine", bind)
        if engine in _required:
            raise UncapturedWrite(
                "Se intentó guardar un cambio en la base de datos local sin registrarlo para la "
                "sincronización; no se guardó nada. Cierre y vuelva a abrir el programa; si se "
                "repite, avise a soporte técnico."
            )
