"""Restore the bitácora's anchors after a genuine loss (8.iii; bitacora/reanchor.py): the one
action the command line (`redes-desktop bitacora reanclar`) and the window's alarm bar
(«Restablecer anclas…») call.

Who may: the person using the workstation (the identity chosen in the program, remembered in
its settings) must be the titular of an area or a CNCS reviewer (`Action.RESTORE_BITACORA_ANCHORS`
in permissions.py, decided against `clock`) — people who answer for the work done there and who
auditors can ask. The program has no password sign-in, so this names who did it rather than
keeping anyone out; what keeps an attacker from using it as a reset button are the checks in
reanchor.py, and the entry it leaves on the chain through `recorder` (the workstation's
bitácora). Anyone else, or nobody chosen, gets `ReanchorNotAllowed` (exit 11 on the command
line) with nothing changed.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import NoIdentity, acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.bitacora.reanchor import Reanchored, SharedVerdict
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import ActivityRecorder

NO_PERSON = ("No hay una persona elegida en esta estación: abra el programa, elija quién lo usa "
             "y vuelva a intentarlo. Las anclas no se cambiaron.")
NOT_OPEN = "Esta estación no tiene la bitácora abierta; no se cambió nada."


def restore_bitacora_anchors(recorder: ActivityRecorder, database: Database, reason: str, *,
                             person_id: uuid.UUID | None, clock: Clock, secrets: SecretStore,
                             shared_database_url: str) -> Reanchored:
    """Re-anchor the bitácora `recorder` writes to, for `reason`, as `person_id` (who must be
    entitled on `clock`'s date); the shared database at `shared_database_url` (read with
    `secrets`; "" when none is configured) is compared first. Raises the Spanish refusal with
    nothing changed."""
    from redes_desktop.bitacora.reanchor import ReanchorNotAllowed, clean_reason, reanchor
    from redes_desktop.errors import UserFacingError
    from redes_desktop.services.permissions import Action, Permissions

    bitacora = getattr(recorder, "bitacora", None)
    if bitacora is None:
        raise UserFacingError(NOT_OPEN)
    reason = clean_reason(reason)
    with unit_of_work(database) as session:
        try:
            person = acting_person(session, person_id)
        except NoIdentity as error:
            raise ReanchorNotAllowed(NO_PERSON) from error
        decision = Permissions(session, clock).check(person, Action.RESTORE_BITACORA_ANCHORS)
        if not decision:
            raise ReanchorNotAllowed(f"{decision.reason} Las anclas no se cambiaron.")
        actor_id = person.id

    def shared_check() -> SharedVerdict:
        from redes_desktop.sync.bitacora_shared_check import shared_verdict

        return shared_verdict(shared_database_url, secrets, bitacora)

    return reanchor(bitacora, reason=reason, actor_id=actor_id, shared_check=shared_check)
