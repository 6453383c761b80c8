"""Restoring the bitácora's anchors after a genuine loss (bitacora/reanchor.py): the one
function the command line (`redes-desktop bitacora reanclar`) and the window's alarm bar
(«Restablecer anclas…») call.

Who may: the person using the workstation (the identity chosen in the program, remembered in
its settings) must be the titular of an area or a CNCS reviewer (`Action.RESTORE_BITACORA_ANCHORS`
in permissions.py) — people who answer for the work done there and who auditors can ask. The
program has no password sign-in, so this names who did it rather than keeping anyone out; what
keeps an attacker from using it as a reset button are the checks in reanchor.py, and the entry
it leaves on the chain.
"""

from __future__ import annotations

from redes_desktop.bitacora.reanchor import (
    Reanchored,
    ReanchorNotAllowed,
    clean_reason,
    reanchor,
)
from redes_desktop.errors import UserFacingError
from redes_desktop.services.permissions import Action


def restore_bitacora_anchors(context, reason: str) -> Reanchored:
    """Re-anchor the bitácora of `context` (an AppContext with its bitácora attached and its
    identity loaded) for `reason`; raises the Spanish refusal with nothing changed."""
    bitacora = getattr(context.recorder, "bitacora", None)
    if bitacora is None:
        raise UserFacingError("Esta estación no tiene la bitácora abierta; no se cambió nada.")
    reason = clean_reason(reason)
    with context.session() as session:
        person = context.current_person(session)
        if person is None:
            raise ReanchorNotAllowed(
                "No hay una persona elegida en esta estación: abra el programa, elija quién lo "
                "usa y vuelva a intentarlo. Las anclas no se cambiaron.")
        decision = context.permissions(session).check(person, Action.RESTORE_BITACORA_ANCHORS)
        if not decision:
            raise ReanchorNotAllowed(f"{decision.reason} Las anclas no se cambiaron.")
        actor_id = person.id
    url = context.workspace.settings.shared_database_url

    def shared_check():
        from redes_desktop.sync.bitacora_shared_check import shared_verdict

        return shared_verdict(url, context.secrets, bitacora)

    return reanchor(bitacora, reason=reason, actor_id=actor_id, shared_check=shared_check)
