"""8.iv «usuarios»: the users (followers) of an account at the end of a quarter, entered by hand
from the network's statistics when no network provides it to the program."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import Account, AccountUserCount, Person, Role
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Action, Permissions
from redes_desktop.services.reports import quarter_bounds

MAX_USERS = 1_000_000_000


def record_user_count(session: Session, clock: Clock, actor: Person,
                      account_id: uuid.UUID | str, *, year: int, quarter: int, users: int,
                      source: str = "", recorder: ActivityRecorder) -> AccountUserCount:
    """Enter (or correct) the figure; by the account's administrators, its area's titular or
    CNCS. A quarter that has not started is refused. The caller commits."""
    account = session.get(Account, uuid.UUID(str(account_id)))
    if account is None or account.deleted_at is not None:
        raise NotFound("La cuenta ya no existe; actualice la lista.")
    if not (actor.has_role(Role.REVISOR_CNCS)
            or Permissions(session, clock).check(actor, Action.VIEW_ACCOUNT, account=account)):
        raise PermissionDenied(f"No puede registrar los usuarios de {account.handle}: solo sus "
                               "administradores, el titular de su área y la CNCS.")
    start, _end = quarter_bounds(year, quarter)  # validates the quarter, in Spanish
    if to_mexico(clock()) < start:
        raise ValidationError(f"El trimestre {quarter} de {year} aún no comienza.",
                              criterion="8.iv", field="trimestre")
    if isinstance(users, bool) or not isinstance(users, int) or not 0 <= users <= MAX_USERS:
        raise ValidationError("El número de usuarios debe ser un entero entre 0 y mil millones.",
                              criterion="8.iv", field="usuarios")
    note = " ".join((source or "").split())[:200]
    row = session.scalars(select(AccountUserCount).where(
        AccountUserCount.account_id == account.id, AccountUserCount.year == year,
        AccountUserCount.quarter == quarter)).first()
    if row is None:
        row = AccountUserCount(account_id=account.id, year=year, quarter=quarter, users=users)
        session.add(row)
    row.users, row.source, row.recorded_by_id = users, note, actor.id
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=account.id,
                                  action="usuarios_registrados",
                                  details={"anio": year, "trimestre": quarter,
                                           "usuarios": users}))
    return row
