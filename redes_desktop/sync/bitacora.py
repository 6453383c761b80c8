"""The bitácora on the shared database: append-only entries keyed by (origin, seq).

The bitácora keeps its own file; it is reached through `BitacoraSource`:
`entries_after(origin, seq)` gives this workstation's entries after `seq`, and
`import_entries(entries)` stores entries of other workstations, ignoring those it already has
(so a pull repeated after a crash is harmless). Entries travel as written — encrypted payload and
MAC untouched — so each workstation's chain stays verifiable wherever it is pulled.

Before each push, the local chain is compared with the copy of it the shared database holds
(`compare_with_shared`): that copy is the anchor the workstation cannot roll back on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from redes_desktop.sync.server_bookkeeping import LOCK_TIMEOUT_MS, transaction_settings
from redes_desktop.sync.shared_schema import bitacora_entries

PULLED = "bitacora_pulled_seq"
COMPARED = 64  # last positions of this origin compared with the shared copy at every push


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

    # Optional (the real bitácora has them; `compare_with_shared` is skipped without them):
    # local_head() -> int, local_macs(seqs) -> {seq: mac hex}, alarm(message) -> None.


def push_bitacora(conn: Connection, source: BitacoraSource, origin: str,
                  problems: list[str] | None = None,
                  lock_timeout_ms: int = LOCK_TIMEOUT_MS) -> int:
    """Send this workstation's entries the shared database lacks (inside the push lock).

    The chain id belongs to the login that first wrote under it: under another login nothing
    is sent and `problems` says so. Then the local chain is compared with the copy the shared
    database already holds (`compare_with_shared`): on a disagreement nothing is sent and the
    bitácora is blocked. Entries on the server beyond this workstation's own chain, from a
    source that cannot compare, are reported, and every entry the server lacks is sent anyway."""
    problems = problems if problems is not None else []
    b = bitacora_entries.c
    last, holder = conn.execute(
        select(func.max(b.seq), func.redes_origin_holder(origin)).where(b.origin == origin)
    ).one()
    if holder is not None:
        problems.append(
            f"Bitácora: la cadena de esta estación ({origin[:8]}) está registrada en la base "
            f"compartida a nombre de otro usuario ({holder}); sus entradas no se enviaron. "
            "Avise a quien administra la base compartida.")
        return 0
    last = int(last or 0)
    problem = compare_with_shared(conn, source, origin, last)
    if problem is not None:
        source.alarm(problem)  # type: ignore[attr-defined]  # compare_with_shared checked it
        problems.append(f"Bitácora: {problem} No se enviaron entradas; la bitácora quedó "
                        "bloqueada hasta que el área de informática la revise.")
        return 0
    top = _local_top(source, origin)
    if top is not None and last > top:
        problems.append(
            f"Bitácora: la base compartida tiene entradas con el identificador de esta estación "
            f"que esta estación no escribió (números {top + 1} a {last}); se enviaron las "
            "entradas propias que faltaban. Avise a quien administra la base compartida.")
        present = set(conn.execute(
            select(b.seq).where(b.origin == origin, b.seq <= top)).scalars())
        entries = [e for e in source.entries_after(origin, 0) if e.seq not in present]
    else:
        entries = source.entries_after(origin, last)
    if not entries:
        return 0
    conn.execute(text(f"SELECT {transaction_settings(lock_timeout_ms)}, redes_sync_lock()"))
    rows = [
        {"origin": e.origin, "seq": e.seq, "recorded_at": e.recorded_at,
         "metadata": e.metadata, "payload": e.payload, "mac": e.mac}
        for e in entries
    ]
    conn.execute(pg_insert(bitacora_entries).on_conflict_do_nothing(), rows)
    return len(rows)


def compare_with_shared(conn: Connection, source: BitacoraSource, origin: str,
                        last: int) -> str | None:
    """The anchor a workstation cannot roll back on its own: the shared database's copy of its
    chain. The shared database must not hold a later entry of this origin than the local file
    (a cut tail), nor another MAC at any of its last `COMPARED` positions (a rewritten chain:
    each MAC covers every entry before it). Returns the Spanish alarm, or None. Reads only
    this origin's rows, which its own login may read."""
    local_head = getattr(source, "local_head", None)
    local_macs = getattr(source, "local_macs", None)
    if local_head is None or local_macs is None or last <= 0:
        return None
    head = int(local_head())
    if last > head:
        return (f"La base de datos compartida tiene las entradas de esta estación hasta la "
                f"{last}, pero la bitácora local termina en la {head}: se quitaron entradas "
                "del final de la bitácora local.")
    b = bitacora_entries.c
    shared = conn.execute(
        select(b.seq, b.mac).where(b.origin == origin, b.seq > last - COMPARED)
        .order_by(b.seq)
    ).all()
    mine = local_macs([int(seq) for seq, _mac in shared])
    for seq, mac in shared:
        if mine.get(int(seq)) != str(mac):
            return (f"La entrada {seq} de esta estación en la bitácora local no es la que se "
                    "envió a la base de datos compartida: la bitácora local fue reescrita o "
                    "reemplazada.")
    return None


def _local_top(source: BitacoraSource, origin: str) -> int | None:
    """The last seq of this workstation's own chain, when the source can tell."""
    last_seq = getattr(source, "last_seq", None)
    return last_seq(origin) if callable(last_seq) else None


class MalformedEntry(Exception):
    """An entry pulled from the shared bitácora that cannot be imported here (Spanish reason).
    It is skipped (quarantined) and reported; the pull goes on."""


# What a malformed row or a refused import raises; anything else (a missing readers key, a
# full disk) is a real failure and stops the pull.
_MALFORMED = (MalformedEntry, ValueError, KeyError, TypeError, AttributeError)


@dataclass
class BitacoraPull:
    received: int
    position: int
    problems: list[str]


def pull_bitacora(conn: Connection, source: BitacoraSource, origin: str,
                  after: int) -> BitacoraPull:
    """Import other workstations' entries after server position `after`. A malformed entry is
    skipped with a Spanish message (with the rest of its chain in this pull, which could not
    verify without it); the position still moves past it, so it never blocks a later pull."""
    b = bitacora_entries.c
    rows = conn.execute(
        select(bitacora_entries).where(b.server_seq > after, b.origin != origin)
        .order_by(b.server_seq)
    ).mappings().all()
    if not rows:
        return BitacoraPull(0, after, [])
    entries: list[BitacoraEntry] = []
    problems: list[str] = []
    for r in rows:
        try:
            entries.append(_entry(r))
        except _MALFORMED as error:
            problems.append(f"Bitácora: se omitió la entrada {r['seq']} de la estación "
                            f"{str(r['origin'])[:8]}: {_reason(error)}")
    imported, more = _import(source, entries)
    return BitacoraPull(imported, int(rows[-1]["server_seq"]), problems + more)


def _entry(row) -> BitacoraEntry:
    if not isinstance(row["metadata"], dict):
        raise MalformedEntry("sus datos visibles no tienen la forma esperada")
    return BitacoraEntry(str(row["origin"]), int(row["seq"]), row["recorded_at"],
                         row["metadata"], bytes(row["payload"]), str(row["mac"]))


def _reason(error: BaseException) -> str:
    if isinstance(error, MalformedEntry):
        return str(error)
    return f"la entrada está mal formada ({type(error).__name__})"


def _import(source: BitacoraSource, entries: list[BitacoraEntry]) -> tuple[int, list[str]]:
    if not entries:
        return 0, []
    try:
        source.import_entries(entries)
        return len(entries), []
    except _MALFORMED:
        pass
    # Find the bad entry: per origin, then one by one in order; a chain stops at its gap.
    by_origin: dict[str, list[BitacoraEntry]] = {}
    for entry in entries:
        by_origin.setdefault(entry.origin, []).append(entry)
    imported, problems = 0, []
    for name, items in by_origin.items():
        items.sort(key=lambda e: e.seq)
        try:
            source.import_entries(items)
            imported += len(items)
            continue
        except _MALFORMED:
            pass
        for index, entry in enumerate(items):
            try:
                source.import_entries([entry])
                imported += 1
            except _MALFORMED as error:
                left = len(items) - index
                problems.append(
                    f"Bitácora: se omitieron {left} entrada{'s' if left != 1 else ''} de la "
                    f"estación {name[:8]} desde la {entry.seq}: {_reason(error)}"
                )
                break
    return imported, problems
