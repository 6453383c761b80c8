"""The heads of the chains, anchored outside the bitácora file (main database table
`bitacora_anchors`, migration 0004).

Appends update the anchor after the bitácora's own durable commit, without waiting: when a
service's transaction holds the main database's write lock, the update is left pending and done
on the next append, at start-up verification or on close. The anchor therefore may lag behind
the file (never run ahead of it); entries below the anchored head can never silently disappear.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import OperationalError

from redes_desktop.models.base import table_of
from redes_desktop.models.bitacora_anchor import BitacoraAnchor

_TABLE = table_of(BitacoraAnchor)


@dataclass(frozen=True)
class Anchor:
    origin: str
    is_local: bool
    head_seq: int
    head_mac: str
    verified_seq: int
    verified_mac: str


class AnchorStore:
    def __init__(self, engine) -> None:
        self.engine = engine
        self._sqlite = engine.dialect.name == "sqlite"

    def all(self) -> dict[str, Anchor]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(_TABLE)).mappings().all()
        return {
            str(r["origin"]): Anchor(
                str(r["origin"]), bool(r["is_local"]), r["head_seq"], r["head_mac"],
                r["verified_seq"], r["verified_mac"],
            )
            for r in rows
        }

    def _write(self, values: dict, origin: str, *, wait: bool, only_forward: str | None) -> bool:
        key = uuid.UUID(origin)
        try:
            with self.engine.connect() as conn:
                if self._sqlite and not wait:
                    conn.exec_driver_sql("PRAGMA busy_timeout=0")
                    conn.commit()
                try:
                    with conn.begin():
                        exists = conn.execute(
                            select(_TABLE.c.origin).where(_TABLE.c.origin == key)
                        ).first()
                        if exists is None:
                            conn.execute(insert(_TABLE).values(origin=key, **_defaults(values)))
                        else:
                            statement = update(_TABLE).where(_TABLE.c.origin == key)
                            if only_forward:
                                column = _TABLE.c[only_forward]
                                statement = statement.where(column < values[only_forward])
                            conn.execute(statement.values(**values))
                finally:
                    if self._sqlite and not wait:
                        conn.rollback()
                        conn.exec_driver_sql("PRAGMA busy_timeout=5000")
                        conn.commit()
        except OperationalError as error:
            if "locked" in str(error).lower() or "busy" in str(error).lower():
                return False
            raise
        return True

    def set_head(
        self, origin: str, seq: int, mac: bytes, now: datetime, *, is_local: bool, wait: bool
    ) -> bool:
        """Move the anchored head forward; False when the database was busy (not waited)."""
        values = {"head_seq": seq, "head_mac": mac.hex(), "updated_at": now}
        if is_local:
            values["is_local"] = True
        return self._write(values, origin, wait=wait, only_forward="head_seq")

    def set_verified(self, origin: str, seq: int, mac: bytes, now: datetime) -> bool:
        values = {"verified_seq": seq, "verified_mac": mac.hex(), "updated_at": now}
        return self._write(values, origin, wait=True, only_forward=None)


def _defaults(values: dict) -> dict:
    row = {
        "is_local": False, "head_seq": 0, "head_mac": "", "verified_seq": 0, "verified_mac": "",
    }
    row.update(values)
    return row
