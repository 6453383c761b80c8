"""6.xxix — the authenticity of an institutional account is requested from the network as soon
as it qualifies. Marking the account verified, with the date, clears the reminder in «Salud»."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import Account, AdminKind, Person, Role
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Permissions


def mark_verified(session: Session, clock: Clock, actor: Person, account_id: uuid.UUID | str,
                  verified_on: date, *, recorder: ActivityRecorder) -> Account:
    """By the account's titular administrator, its area's titular or CNCS. The caller commits."""
    account = session.get(Account, uuid.UUID(str(account_id)))
    if account is None or account.deleted_at is not None:
        raise NotFound("La cuenta ya no existe; actualice la lista.")
    permissions = Permissions(session, clock)
    if not (actor.has_role(Role.REVISOR_CNCS)
            or permissions.designation(actor, account) == AdminKind.TITULAR
            or permissions.is_area_titular(actor, account.area)):
        raise PermissionDenied(f"Solo el administrador titular de {account.handle}, el titular "
                               "de su área o la CNCS la marcan como verificada.")
    if not isinstance(verified_on, date):
        raise ValidationError("Indique la fecha en que la red verificó la cuenta.",
                              criterion="6.xxix", field="fecha")
    if verified_on > to_mexico(clock()).date():
        raise ValidationError("La fecha de verificación no puede ser futura.",
                              criterion="6.xxix", field="fecha")
    account.verified = True
    account.verified_on = verified_on
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=account.id,
                                  action="cuenta_verificada",
                                  details={"fecha": verified_on.isoformat()}))
    return account
