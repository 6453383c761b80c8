"""Re-anchoring: the way out of an anchor alarm that is bad luck, not an attack.

An absent anchor blocks recording (integrity.py). When the only trouble is that an anchor of
the local chain was lost — the OS keyring reset, a Windows profile rebuilt, the main database
restored from a backup — restoring a backup is no remedy, and the workstation would stay
blocked forever. `reanchor` rewrites the anchors to the file's verified head, and only when
nothing points at an alteration:

* the whole file verifies as a chain from its first entry (every origin, every MAC, under the
  chain keys); an entry that fails is a refusal;
* every anchor that is still present agrees with the file: none runs ahead of it, none names
  another MAC than the file's entry at its position (that is a cut tail or a replaced file);
* the shared database's copy of this origin's chain (when a shared database is configured)
  holds no later entry and no other MAC than the file (`sync.bitacora.compare_with_shared`);
  when it is configured but cannot be reached, nothing is done: retry when it is back.

The re-anchoring is itself an entry, `anclas_restablecidas`, written before any anchor moves:
the reason, the person, the alarm, the old anchor values and what the shared copy said. It is
on the chain for auditors and is pushed at the next sync.

What it cannot tell apart: without a shared database, someone who cut the tail and also
removed both local anchors looks the same as a lost keyring. That is no new power — the local
anchors can be moved back by hand without any key (README) — but now it leaves a signed entry,
and the next sync still compares the chain with the shared copy, which catches the cut tail.

Who may ask is decided by the caller (actions/reanchor_bitacora.py): the titular of an area or
a CNCS reviewer.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from redes_desktop.bitacora.chain import GENESIS
from redes_desktop.bitacora.head import head_key_name
from redes_desktop.bitacora.integrity import disagreeing_anchor
from redes_desktop.bitacora.store import EntryRows, connect
from redes_desktop.bitacora.verify import verify_all
from redes_desktop.errors import UsageError, UserFacingError
from redes_desktop.services.activity import ActivityEntry

ACTION = "anclas_restablecidas"
MAX_REASON = 2000
MIN_REASON = 10

NOTHING_TO_DO = ("La bitácora no tiene ninguna alarma: no hay anclas que restablecer. No se "
                 "cambió nada.")
KEEP_BLOCKED = (" Las anclas no se cambiaron y la bitácora sigue bloqueada: no es una pérdida "
                "de anclas sino una posible alteración. Restaure la bitácora desde un respaldo "
                "o avise al área de informática.")


class ReanchorRefused(UserFacingError):
    """The bitácora shows an alteration: re-anchoring it would hide it."""

    exit_code = 1


class ReanchorRetryLater(UserFacingError):
    """The shared database is configured but cannot be reached (or answered an error)."""

    exit_code = 7


class ReanchorNotAllowed(UserFacingError):
    """The person is not entitled to re-anchor (or no person is chosen)."""

    exit_code = 11


@dataclass(frozen=True)
class SharedVerdict:
    """What the shared database's copy of this origin's chain says: `alarm` (Spanish) when it
    disagrees with the file; `note` (Spanish) for the entry, e.g. "no configurada"."""

    alarm: str | None
    note: str


# Compares the file with the shared copy; raises ReanchorRetryLater when it cannot.
SharedCheck = Callable[[], SharedVerdict]


@dataclass(frozen=True)
class Reanchored:
    changed: bool
    entry_seq: int
    message: str


def clean_reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if len(reason) < MIN_REASON:
        raise UsageError(
            "Escriba el motivo del restablecimiento (al menos 10 caracteres): qué se perdió y "
            "por qué, por ejemplo «se reinstaló el perfil de Windows y se perdió el llavero». "
            "Queda en la bitácora para la auditoría.")
    if len(reason) > MAX_REASON:
        raise UsageError(f"El motivo es demasiado largo ({len(reason)} caracteres; el máximo es "
                         f"{MAX_REASON}). Resúmalo.")
    return reason


def reanchor(
    bitacora,
    *,
    reason: str,
    actor_id: uuid.UUID,
    shared_check: SharedCheck,
) -> Reanchored:
    """Rewrite the local chain's anchors to the file's verified head and record it (see the
    module docstring); raises ReanchorRefused / ReanchorRetryLater with nothing changed."""
    reason = clean_reason(reason)
    alarm = bitacora.blocked
    if not alarm:
        return Reanchored(False, 0, NOTHING_TO_DO)
    workstation = bitacora.workstation
    raw_kept = bitacora.secrets.get(head_key_name(workstation))  # a locked keyring raises
    kept = bitacora.keyring_head.load()
    stored = bitacora.anchors.all() if bitacora.anchors is not None else {}
    anchor = stored.get(workstation)
    rows = EntryRows(connect(bitacora.path, readonly=True))
    try:
        others = {o: a for o, a in stored.items() if o != workstation}
        report = verify_all(rows, bitacora.sealer, bitacora.chain_key, others)
        if report.problems:
            raise ReanchorRefused(f"{report.problems[0].message}{KEEP_BLOCKED}")
        local = report.origins.get(workstation)
        head = (local.last_seq, local.last_mac) if local else (0, GENESIS)
        disagreement = disagreeing_anchor(rows, workstation, head, kept, anchor)
    finally:
        rows.conn.close()
    if disagreement:
        raise ReanchorRefused(f"{disagreement}{KEEP_BLOCKED}")
    verdict = shared_check()
    if verdict.alarm:
        raise ReanchorRefused(f"{verdict.alarm}{KEEP_BLOCKED}")
    details = {
        "motivo": reason,
        "alarma": alarm,
        "ancla_llavero_anterior": raw_kept,
        "ancla_base_datos_anterior": (f"{anchor.head_seq}:{anchor.head_mac}"
                                      if anchor is not None else None),
        "ancla_verificada_anterior": (f"{anchor.verified_seq}:{anchor.verified_mac}"
                                      if anchor is not None else None),
        "cabeza_verificada": f"{head[0]}:{head[1].hex()}",
        "entradas_verificadas": report.checked,
        "base_compartida": verdict.note,
    }
    entry = ActivityEntry(bitacora.clock(), actor_id, None, ACTION, details)
    seq = bitacora.record_reanchoring(entry, head)
    return Reanchored(True, seq, (
        f"Anclas restablecidas: se verificaron {report.checked} entradas y las anclas apuntan "
        f"ahora a la entrada {seq}, que registra el restablecimiento, su motivo y las anclas "
        "anteriores. La bitácora vuelve a registrar."))
