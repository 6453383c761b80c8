"""The bitácora on the shared database: append-only entries keyed by (origin, seq).

The bitácora keeps its own file; it is reached through `BitacoraSource`:
`entries_after(origin, seq)` gives this workstation's entries after `seq`, and
`import_entries(entries)` stores entries of other workstations, ignoring those it already has
(so a pull repeated after a crash is harmless). Entries travel as written — encrypted payload and
MAC untouched — so each workstation's chain stays verifiable wherever it is pulled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from redes_desktop.sync.shared_schema import bitacora_entries

PULLED = "bitacora_pulled_seq"


@dataclass(frozen=True)
class BitacoraEntry:
    origin: str
    seq: int
    recorded_at: datetime
    metadata: dict[str, Any]
    payload: bytes
    mac: str


class BitacoraSource(Protocol):
    def entries_after(self, origin: str, seq: int) -> list[BitacoraEntry]: ...

    def import_entries(self, entries: Sequence[BitacoraEntry]) -> int: ...


def push_bitacora(conn: Connection, source: BitacoraSource, origin: str) -> int:
    """Send this workstation's entries the shared database lacks (inside the push lock)."""
    last = conn.execute(
        select(func.max(bitacora_entries.c.seq)).where(bitacora_entries.c.origin == origin)
    ).scalar() or 0
    entries = source.entries_after(origin, int(last))
    if not entries:
        return 0
    conn.execute(text("SELECT redes_sync_lock()"))
    rows = [
        {"origin": e.origin, "seq": e.seq, "recorded_at": e.recorded_at,
         "metadata": e.metadata, "payload": e.payload, "mac": e.mac}
        for e in entries
    ]
    conn.execute(pg_insert(bitacora_entries).on_conflict_do_nothing(), rows)
    return len(rows)


def pull_bitacora(conn: Connection, source: BitacoraSource, origin: str,
                  after: int) -> tuple[int, int]:
    """Import other workstations' entries after server position `after`.
    Returns (entries imported, new position)."""
    b = bitacora_entries.c
    rows = conn.execute(
        select(bitacora_entries).where(b.server_seq > after, b.origin != origin)
        .order_by(b.server_seq)
    ).mappings().all()
    if not rows:
        return 0, after
    entries = [
        BitacoraEntry(r["origin"], r["seq"], r["recorded_at"], r["metadata"],
                      bytes(r["payload"]), r["mac"])
        for r in rows
    ]
    source.import_entries(entries)
    return len(entries), int(rows[-1]["server_seq"])
