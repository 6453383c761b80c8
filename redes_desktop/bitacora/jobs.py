"""Start-up job: verify what the bitácora gained since the last verification."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification


def verify_bitacora(context) -> list[Notification]:
    bitacora = getattr(getattr(context, "recorder", None), "bitacora", None)
    if bitacora is None:
        return []
    notes: list[Notification] = []
    if bitacora.blocked:
        notes.append(Notification(
            "Bitácora alterada",
            f"{bitacora.blocked} No se registrarán ni realizarán acciones hasta revisarla; "
            "avise al área de informática.",
            kind="urgente", target=("bitacora", ""),
        ))
    # Anchors first (database and keyring), so the comparison covers every entry written.
    bitacora.flush_anchors(wait=True)
    report = bitacora.verify(incremental=True)
    for problem in report.problems:
        notes.append(Notification(
            "Bitácora alterada",
            f"{problem.message} Ejecute «redes-desktop bitacora verify» y avise al área de "
            "informática.",
            kind="urgente", target=("bitacora", ""),
        ))
    return notes
