"""7.vi «Únicamente los Consejeros Electorales podrán solicitar la publicidad de sus cuentas
personales … en las páginas de Internet del Instituto»: an account of the registry may be marked
as the personal account of a Consejera or Consejero Electoral, and of nobody else. CNCS keeps the
registry (7.ix), so only a CNCS reviewer marks or unmarks it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import Account, Person, Role
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder

ONLY_CONSEJEROS = ("Únicamente las Consejeras y los Consejeros Electorales pueden pedir que sus "
                   "cuentas personales se publiquen en las páginas del Instituto (criterio "
                   "7.vi). Elija a una Consejera o un Consejero Electoral, o deje la cuenta como "
                   "institucional.")


@dataclass(frozen=True)
class Owner:
    id: uuid.UUID
    name: str


def consejeros(session: Session) -> list[Owner]:
    """The current people with the role of Consejera or Consejero Electoral, by name."""
    people = session.scalars(select(Person).where(Person.deleted_at.is_(None))
                             .order_by(Person.name))
    return [Owner(p.id, p.name) for p in people if p.has_role(Role.CONSEJERO_ELECTORAL)]


def find_account(session: Session, account_id: uuid.UUID | str) -> Account:
    try:
        key = uuid.UUID(str(account_id))
    except ValueError:
        key = None
    account = session.get(Account, key) if key is not None else None
    if account is None or account.deleted_at is not None:
        raise NotFound("La cuenta ya no existe; actualice la lista.")
    return account


def set_personal_owner(session: Session, clock: Clock, actor: Person,
                       account_id: uuid.UUID | str, owner_id: uuid.UUID | str | None, *,
                       recorder: ActivityRecorder) -> bool:
    """Mark the account as the personal account of `owner_id` (None: an institutional account).
    False when nothing changed. The caller commits."""
    if not actor.has_role(Role.REVISOR_CNCS):
        raise PermissionDenied("Solo la Coordinación Nacional de Comunicación Social, que lleva "
                               "el registro de cuentas oficiales (criterio 7.ix), marca una "
                               "cuenta como personal.")
    account = find_account(session, account_id)
    owner: Person | None = None
    if owner_id is not None:
        try:
            owner = session.get(Person, uuid.UUID(str(owner_id)))
        except ValueError:
            owner = None
        if owner is None or owner.deleted_at is not None:
            raise NotFound("Esa persona ya no está en el directorio; actualice la lista.")
        if not owner.has_role(Role.CONSEJERO_ELECTORAL):
            raise ValidationError(f"{owner.name} no es Consejera ni Consejero Electoral. "
                                  + ONLY_CONSEJEROS, criterion="7.vi", field="cuenta_personal")
    new = owner.id if owner is not None else None
    if account.personal_of_id == new:
        return False
    account.personal_of_id = new
    session.flush()
    recorder.record(ActivityEntry(
        at=clock(), actor_id=actor.id, account_id=account.id,
        action="cuenta_personal_marcada" if owner else "cuenta_personal_desmarcada",
        details={"persona": str(owner.id), "nombre": owner.name} if owner else {}))
    return True
