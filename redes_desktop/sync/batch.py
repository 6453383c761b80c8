"""How one push transaction writes: in bulk, or row by row inside savepoints (isolated mode,
see `refusals.py`), and the conflicts it records."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, bindparam, insert, select, text, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError

from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.policies import table
from redes_desktop.sync.refusals import is_refusal, refusal_reason
from redes_desktop.sync.rows import late_columns, row_json

if TYPE_CHECKING:
    from redes_desktop.sync.push_types import Actor, Pending, PushReport

conflicts_table = table_of(SyncConflict)
# A table's foreign-key columns written in a second pass, and the rows that carry them.
LateUpdate = tuple[Table, list[str], list[dict[str, Any]]]


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass
class Batch:
    """What one push transaction writes, and how (in bulk, or row by row in savepoints)."""

    conn: Connection
    actor: Actor
    report: PushReport
    isolate: bool
    pending: dict[tuple[str, uuid.UUID], Pending]
    settled: dict[tuple[str, uuid.UUID], int | None] = field(default_factory=dict)
    followups: list[tuple[str, Any]] = field(default_factory=list)
    deletes: list[tuple[str, list[uuid.UUID]]] = field(default_factory=list)
    late_updates: list[LateUpdate] = field(default_factory=list)
    sent: set[tuple[str, uuid.UUID]] = field(default_factory=set)

    def guarded(self, key: tuple[str, uuid.UUID], action: Callable[[], object]) -> bool:
        """Run `action`; in isolated mode inside a savepoint, a refusal keeping the row aside."""
        if not self.isolate:
            action()
            return True
        try:
            with self.conn.begin_nested():
                action()
        except DBAPIError as error:
            if not is_refusal(error):
                raise
            self.refuse(key, error)
            return False
        return True

    def refuse(self, key: tuple[str, uuid.UUID], error: DBAPIError) -> None:
        name, row_id = key
        p = self.pending[key]
        self.settled[key] = None
        if key in self.sent:
            self.sent.discard(key)
            self.report.sent -= 1
            self.report.by_table[name] -= 1
        t = table(name)
        current = self.conn.execute(select(t).where(t.c.id == row_id)).mappings().first()
        conflict(self, name, p, dict(current) if current else None, "rechazado",
                  refusal_reason(error), refused=True)

    def upsert(self, t: Table, rows: list[dict]) -> None:
        if not self.isolate:
            _upsert(self.conn, t, rows, self.late_updates)
            self._count_sent(t.name, rows)
            return
        for row in rows:
            late: list[LateUpdate] = []
            if self.guarded((t.name, row["id"]), partial(_upsert, self.conn, t, [row], late)):
                self.late_updates.extend(late)
                self._count_sent(t.name, [row])

    def _count_sent(self, name: str, rows: list[dict]) -> None:
        self.report.sent += len(rows)
        self.report.by_table[name] += len(rows)
        self.sent.update((name, r["id"]) for r in rows)

    def apply_late(self) -> None:
        if not self.isolate:
            _apply_late(self.conn, self.late_updates)
            return
        for t, late, values in self.late_updates:
            for row in values:
                self.guarded((t.name, row["id"]),
                             partial(_apply_late, self.conn, [(t, late, [row])]))

    def delete(self, name: str, ids: list[uuid.UUID]) -> None:
        t = table(name)
        if not self.isolate:
            self.conn.execute(sql_delete(t).where(t.c.id.in_(ids)))
            self.report.deleted += len(ids)
            return
        for row_id in ids:
            if self.guarded((name, row_id), partial(
                    self.conn.execute, sql_delete(t).where(t.c.id == row_id))):
                self.report.deleted += 1

    def apply_followups(self) -> None:
        index = 0
        while index < len(self.followups):  # a refused merge adds a conflict while we go
            kind, payload = self.followups[index]
            index += 1
            if kind == "merge":
                name, row = payload
                t = table(name)
                if self.guarded((name, row["id"]), partial(
                        self.conn.execute, update(t).where(t.c.id == row["id"]).values(row))):
                    self.report.merged += 1
            elif kind == "conflict":
                self._insert_conflict(payload)
            elif kind == "touch":
                name, row_id = payload
                self.conn.execute(text("SELECT redes_sync_touch(:t, ARRAY[CAST(:i AS uuid)])"),
                                  {"t": name, "i": str(row_id)})

    def _insert_conflict(self, payload: dict) -> None:
        if not self.isolate:
            self.conn.execute(insert(conflicts_table).values(payload))
            return
        # The row's area may not be one of the person's (that may be why it was refused):
        # keep the conflict under the person's own area, else under none.
        own = self.conn.execute(text(
            "SELECT area_id FROM people WHERE id = redes_person()")).scalar()
        areas = list(dict.fromkeys([payload["area_id"], own, None]))
        for position, area in enumerate(areas):
            try:
                with self.conn.begin_nested():
                    self.conn.execute(insert(conflicts_table).values(
                        {**payload, "area_id": area}))
                return
            except DBAPIError as error:
                if not is_refusal(error) or position == len(areas) - 1:
                    raise


def conflict(batch: Batch, name: str, p: Pending, current: dict | None, kind: str,
              reason: str, *, refused: bool = False) -> None:
    actor = batch.actor
    batch.followups.append(("conflict", {
        "id": uuid.uuid4(), "created_at": actor.now, "updated_at": actor.now, "row_version": 1,
        "table_name": name, "row_id": p.row_id, "kind": kind, "reason": reason,
        "local_data": row_json(p.local), "server_data": row_json(current),
        "origin": actor.origin, "person_id": actor.person_id,
        "area_id": _area_of(batch.conn, name, p.local or current or {}),
        "detected_at": actor.now, "resolution": "",
    }))
    batch.followups.append(("touch", (name, p.row_id)))
    if refused:
        batch.report.refused += 1
    else:
        batch.report.conflicts += 1


def _area_of(conn: Connection, name: str, row: dict) -> uuid.UUID | None:
    if name == "areas":
        return row.get("id")
    if row.get("area_id") and name != "people":
        return row["area_id"]
    account_id = row.get("account_id")
    if account_id is None and row.get("post_id"):
        account_id = conn.execute(
            text("SELECT account_id FROM posts WHERE id = :i"), {"i": row["post_id"]}
        ).scalar()
    if account_id is None:
        return row.get("area_id")
    return conn.execute(
        text("SELECT area_id FROM accounts WHERE id = :i"), {"i": account_id}
    ).scalar()


def _upsert(conn: Connection, t: Table, rows: list[dict], late_updates: list[LateUpdate]
            ) -> None:
    late = set(late_columns(t.name))
    first = [{k: (None if k in late else v) for k, v in r.items()} for r in rows] if late else rows
    for chunk in _chunks(first, 1000):
        stmt = pg_insert(t)
        keep = {c.name: stmt.excluded[c.name] for c in t.columns
                if c.name != "id" and c.name not in late}
        conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=keep), chunk)
    values = [r for r in rows if late and any(r.get(c) is not None for c in late)]
    if values:
        late_updates.append((t, sorted(late), values))


def _apply_late(conn: Connection, late_updates: list[LateUpdate]) -> None:
    """Second pass: foreign keys that may point at rows written later in the batch."""
    for t, late, values in late_updates:
        columns = [*late, "updated_at"]
        stmt = (update(t).where(t.c.id == bindparam("_id"))
                .values({c: bindparam(f"_v_{c}") for c in columns}))
        conn.execute(stmt, [{"_id": r["id"], **{f"_v_{c}": r.get(c) for c in columns}}
                            for r in values])
