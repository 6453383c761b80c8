"""What the bitácora checks before a session chains anything onto it (issue 11).

Two checks at opening, each a Spanish alarm that blocks recording (`Bitacora.blocked`):

* The anchors (`check_anchors`). The local chain's head is kept in two places outside the file:
  the main database (`bitacora_anchors`, anchor.py) and the OS keyring (head.py). Both are
  written *before* a new bitácora file is created (opening.py), so a bitácora file without
  either anchor is never a new bitácora: an absent anchor is an alarm, as is an anchor ahead of
  the file or naming another MAC than the file's entry at its position. (Each may lag behind
  the file — the database one when a service held the database, the keyring one by up to
  `KEYRING_HEAD_INTERVAL` — but never disagree with it.)
* The stretch the session chains onto (`verify_stretch`): the last `STRETCH` entries of a chain,
  up to and including its head, fully verified (decrypted, MAC recomputed, linked). An entry
  edited in place there — person, time, account, details, the head entry itself — is caught
  before a new entry is chained onto it. Older entries are covered by the full verification
  that runs in the background (jobs.py) and by `redes-desktop bitacora verify`.

The workstation alone can still roll every local anchor back together with the file; the anchor
it cannot roll back is the shared database's copy of its chain (sync/bitacora.py), compared at
every sync.
"""

from __future__ import annotations

from redes_desktop.bitacora.anchor import Anchor
from redes_desktop.bitacora.chain import macs_equal
from redes_desktop.bitacora.crypto import Sealer
from redes_desktop.bitacora.head import Head
from redes_desktop.bitacora.store import EntryRows, uuid_bytes
from redes_desktop.bitacora.verify import OriginResult, verify_origin

# Entries verified before the first append of a session: ~5 µs each, so a few milliseconds.
STRETCH = 1000


def check_anchors(
    rows: EntryRows,
    origin: str,
    head: tuple[int, bytes],
    kept: Head | None,
    anchor: Anchor | None,
    has_database: bool,
) -> str | None:
    """The alarm (Spanish) when the anchors of the local chain are absent or disagree with the
    file whose last entry is `head` (seq, mac); None when they agree."""
    return _keyring_alarm(rows, origin, head, kept) or (
        _database_alarm(rows, origin, head, anchor) if has_database else None)


def disagreeing_anchor(
    rows: EntryRows,
    origin: str,
    head: tuple[int, bytes],
    kept: Head | None,
    anchor: Anchor | None,
) -> str | None:
    """Like `check_anchors`, but an absent anchor is no alarm here: the alarm (Spanish) when an
    anchor that is present runs ahead of the file or names another MAC than the file's entry at
    its position — the database anchor's verified position included. What a re-anchoring
    refuses (reanchor.py): such an anchor is evidence of a cut tail or a replaced file."""
    if kept is not None and (alarm := _keyring_alarm(rows, origin, head, kept)):
        return alarm
    if anchor is None:
        return None
    if alarm := _database_alarm(rows, origin, head, anchor):
        return alarm
    seq, verified = head[0], (anchor.verified_seq, _hex(anchor.verified_mac))
    if verified[0] > seq or (verified[0] and not _matches(rows, origin, *verified)):
        return (
            f"La entrada {verified[0]} de la bitácora, ya verificada antes según la base de "
            "datos, falta o es otra: se quitaron entradas del final o el archivo fue "
            "reemplazado."
        )
    return None


def _keyring_alarm(rows, origin, head, kept: Head | None) -> str | None:
    seq, _mac = head
    if kept is None:
        return (
            "Falta en el llavero del sistema la copia de la última entrada de la bitácora (la "
            f"bitácora tiene {seq} entradas de esta estación). Esa copia se guarda desde que "
            "se crea la bitácora, así que alguien la borró o se cambió el llavero: podrían "
            "haberse quitado entradas del final."
        )
    if kept.seq > seq:
        return (
            f"A la bitácora le faltan las entradas {seq + 1} a {kept.seq} de esta estación (se "
            "quitaron del final; la última registrada en el llavero del sistema es la "
            f"{kept.seq})."
        )
    if kept.seq and not _matches(rows, origin, kept.seq, kept.mac):
        return (
            f"La entrada {kept.seq} de la bitácora no es la registrada en el llavero del "
            "sistema: el archivo fue reemplazado o alterado."
        )
    return None


def _database_alarm(rows, origin, head, anchor: Anchor | None) -> str | None:
    seq, _mac = head
    if anchor is None:
        return (
            "Falta en la base de datos local el ancla de la bitácora de esta estación (la "
            f"bitácora tiene {seq} entradas). El ancla se guarda desde que se crea la "
            "bitácora: la base de datos se restauró de una copia anterior o se alteró, y "
            "podrían haberse quitado entradas del final."
        )
    if anchor.head_seq > seq:
        return (
            f"A la bitácora le faltan las entradas {seq + 1} a {anchor.head_seq} de esta "
            "estación (se quitaron del final)."
        )
    if anchor.head_seq and not _matches(rows, origin, anchor.head_seq,
                                        _hex(anchor.head_mac)):
        return (
            f"La entrada {anchor.head_seq} de la bitácora no es la registrada en la base de "
            "datos: el archivo fue reemplazado o alterado."
        )
    return None


def _hex(text: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except ValueError:
        return b""


def _matches(rows: EntryRows, origin: str, seq: int, mac: bytes) -> bool:
    row = rows.at_seq(uuid_bytes(origin), seq)
    return row is not None and macs_equal(row[10], mac)


def verify_stretch(
    rows: EntryRows, origin: str, sealer: Sealer, chain_key: bytes | None, head_seq: int,
    length: int = STRETCH,
) -> OriginResult:
    """Fully verify the last `length` entries of `origin` up to its head."""
    start = max(0, head_seq - length)
    anchor_row = rows.at_seq(uuid_bytes(origin), start) if start else None
    begin = (start, anchor_row[10]) if anchor_row is not None else None
    if start and anchor_row is None:
        begin = (start, b"")  # a missing entry: verify_origin names it
    return verify_origin(rows, origin, sealer, chain_key, None, begin, None)
