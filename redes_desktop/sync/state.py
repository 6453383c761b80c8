"""Named local sync values (`sync_state`): workstation id, positions, offline since."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncState

_state = table_of(SyncState)
WORKSTATION = "workstation_id"


def get_state(conn: Connection, name: str) -> str | None:
    return conn.execute(select(_state.c.value).where(_state.c.name == name)).scalar()


def set_state(conn: Connection, name: str, value: str | None) -> None:
    if value is None:
        conn.execute(_state.delete().where(_state.c.name == name))
        return
    stmt = sqlite_insert(_state).values(name=name, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": value}))


def workstation_id(conn: Connection) -> str:
    """This workstation's id (created on first use); it is the `origin` of its changes."""
    value = get_state(conn, WORKSTATION)
    if value is None:
        value = str(uuid.uuid4())
        set_state(conn, WORKSTATION, value)
    return value
