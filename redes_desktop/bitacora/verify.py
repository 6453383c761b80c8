"""Verification of the chains in a bitácora file: full or from the last verified position.

For each origin, entries are read in sequence order and each must: have the next sequence
number, sit after the previous one in the file, link to the previous MAC, decrypt under the
local key with its metadata as associated data, and carry the right MAC under the origin's chain
key. Then the anchored head (main database) must still be there with the same MAC: entries cut
from the end are detected. The local chain is also held to the head kept in the OS keyring
(head.py), which catches a cut tail even when the main database was restored or swapped. The
first failure of each origin is named.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag

from redes_desktop.bitacora.anchor import Anchor
from redes_desktop.bitacora.chain import GENESIS, compute_mac, header_bytes, macs_equal
from redes_desktop.bitacora.crypto import Sealer
from redes_desktop.bitacora.store import EntryRows, uuid_bytes, uuid_text


@dataclass(frozen=True)
class Problem:
    origin: str
    seq: int
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class OriginResult:
    origin: str
    checked: int = 0
    last_seq: int = 0
    last_mac: bytes = GENESIS
    problem: Problem | None = None


@dataclass
class VerifyReport:
    origins: dict[str, OriginResult] = field(default_factory=dict)

    @property
    def checked(self) -> int:
        return sum(o.checked for o in self.origins.values())

    @property
    def problems(self) -> list[Problem]:
        return [o.problem for o in self.origins.values() if o.problem is not None]

    @property
    def ok(self) -> bool:
        return not self.problems


def _short(origin: str) -> str:
    return origin[:8]


def verify_origin(
    rows: EntryRows,
    origin: str,
    sealer: Sealer,
    chain_key: bytes | None,
    anchor: Anchor | None = None,
    start: tuple[int, bytes] | None = None,
    kept: tuple[int, bytes] | None = None,
) -> OriginResult:
    """Verify one origin's chain after `start` (seq, mac) — from the beginning when None —
    against its anchor in the main database and `kept`, the (seq, mac) in the keyring."""
    result = OriginResult(origin)
    where = f"de la estación {_short(origin)}"

    def fail(seq: int, message: str) -> OriginResult:
        result.problem = Problem(origin, seq, message)
        return result

    if chain_key is None:
        return fail(0, f"Falta la clave de cadena {where} en el llavero: no se puede verificar.")
    key = uuid_bytes(origin)
    expected, prev, last_id = 1, GENESIS, 0
    if start is not None and start[0] > 0:
        seq, mac = start
        row = rows.at_seq(key, seq)
        if row is None or not macs_equal(row[10], mac):
            return fail(seq, f"La entrada {seq} {where}, ya verificada antes, fue alterada o "
                             "quitada.")
        expected, prev, last_id = seq + 1, mac, row[0]
        result.last_seq, result.last_mac = seq, mac
    head_mac = None
    head_seq = anchor.head_seq if anchor else 0
    if anchor and 0 < head_seq < expected:
        row = rows.at_seq(key, head_seq)
        head_mac = row[10] if row else None
    kept_seq, kept_mac = kept if kept else (0, b"")  # kept_seq 0: kept_mac is never read
    if 0 < kept_seq < expected:
        row = rows.at_seq(key, kept_seq)
        kept_mac = kept_mac if row is not None and macs_equal(row[10], kept_mac) else b""
    # Bound once: this loop runs hundreds of thousands of times.
    open_sealed, text, same = sealer.open, uuid_text, hmac.compare_digest
    for row in rows.after(key, expected - 1):
        row_id, _o, seq, at, actor, account, area, action, sealed, prev_mac, mac = row
        if seq != expected:
            return fail(expected, f"Falta la entrada {expected} {where} (la siguiente en el "
                                  f"archivo es la {seq}): se quitó o se insertó una entrada.")
        if row_id <= last_id:
            return fail(seq, f"La entrada {seq} {where} está fuera de orden en el archivo: "
                             "se movió o se intercambió con otra.")
        if not same(prev_mac, prev):
            return fail(seq, f"La entrada {seq} {where} no enlaza con la anterior: se insertó, "
                             "se quitó o se alteró una entrada.")
        header = header_bytes(origin, seq, at, text(actor), text(account), text(area), action)
        try:
            details = open_sealed(sealed, header)
        except (InvalidTag, ValueError):
            return fail(seq, f"La entrada {seq} {where} fue alterada: su contenido cifrado o "
                             "sus datos (fecha, persona, cuenta, acción) no coinciden.")
        if not same(compute_mac(chain_key, prev, header, details), mac):
            return fail(seq, f"La entrada {seq} {where} fue alterada: su huella no coincide.")
        if seq == head_seq:
            head_mac = mac
        if seq == kept_seq and not same(mac, kept_mac):
            kept_mac = b""
        prev, last_id, expected = mac, row_id, seq + 1
        result.checked += 1
        result.last_seq, result.last_mac = seq, mac
    if anchor and head_seq > result.last_seq:
        return fail(result.last_seq + 1,
                    f"Faltan las entradas {result.last_seq + 1} a {head_seq} {where}: se "
                    "quitaron del final de la bitácora.")
    if anchor and head_seq and (head_mac is None or anchor.head_mac != head_mac.hex()):
        return fail(head_seq, f"La entrada {head_seq} {where} no coincide con la registrada "
                              "en la base de datos: la bitácora fue reemplazada o alterada.")
    if kept_seq > result.last_seq:
        return fail(result.last_seq + 1,
                    f"Faltan las entradas {result.last_seq + 1} a {kept_seq} {where}: se "
                    "quitaron del final de la bitácora (la última registrada en el llavero del "
                    f"sistema es la {kept_seq}).")
    if kept_seq and kept_mac == b"":
        return fail(kept_seq, f"La entrada {kept_seq} {where} no coincide con la registrada "
                              "en el llavero del sistema: la bitácora fue reemplazada o "
                              "alterada.")
    return result


def verify_all(
    rows: EntryRows,
    sealer: Sealer,
    chain_key: Callable[[str], bytes | None],
    anchors: dict[str, Anchor],
    starts: dict[str, tuple[int, bytes]] | None = None,
    kept: dict[str, tuple[int, bytes]] | None = None,
) -> VerifyReport:
    report = VerifyReport()
    origins = {uuid_text(o) for o in rows.origins()} | set(anchors) | set(kept or {})
    for origin in sorted(origins):
        start = (starts or {}).get(origin)
        report.origins[origin] = verify_origin(
            rows, origin, sealer, chain_key(origin), anchors.get(origin), start,
            (kept or {}).get(origin),
        )
    return report
