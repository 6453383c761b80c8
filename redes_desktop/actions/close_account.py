"""Close an account (7.vii, 7.viii): which accounts the person may close, the request by
oficio, the checklist that concludes it, and the list of closures."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.account_closure import ClosureChecklist as ClosureChecklist

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.account_closure import ClosureChecklist

ACCOUNT_GONE = "La cuenta ya no existe; actualice la lista."
CLOSURE_GONE = "La baja ya no existe; actualice la lista."


@dataclass(frozen=True)
class ClosableAccount:
    account_id: str
    label: str


@dataclass(frozen=True)
class ClosureRow:
    id: str
    handle: str
    network_label: str
    area_name: str
    status_label: str
    requested_at: datetime
    completed_at: datetime | None
    may_complete: bool  # requested, not yet concluded, and the person may conclude it
    reason: str = ""
    waiting: bool = False  # not concluded yet
    recorded: bool = True  # False: an account «En baja» with no closure on record


def closable_accounts(procedures: Procedures, *,
                      person_id: uuid.UUID | None) -> tuple[ClosableAccount, ...]:
    """The accounts the person may ask to close (titular of the area or of the account)."""
    from redes_desktop.models import Account
    from redes_desktop.services.account_closure import CLOSABLE

    if person_id is None:
        return ()
    with unit_of_work(procedures.database) as session:
        person = acting_person(session, person_id)
        service = procedures.closures(session)
        accounts = session.query(Account).filter(Account.status.in_(CLOSABLE),
                                                 Account.deleted_at.is_(None))
        return tuple(
            ClosableAccount(str(a.id), f"{a.handle} ({a.network.label}) — {a.area.name}")
            for a in accounts if service.may_close(person, a))


def request_closure(procedures: Procedures, account_id: uuid.UUID | str, oficio: str | None,
                    reason: str, *, person_id: uuid.UUID | None) -> uuid.UUID:
    from redes_desktop.errors import NotFound
    from redes_desktop.models import Account

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        account = session.get(Account, uuid.UUID(str(account_id))) if account_id else None
        if account is None:
            raise NotFound(ACCOUNT_GONE)
        return procedures.closures(session).request_closure(actor, account, oficio, reason).id


def complete_closure(procedures: Procedures, closure_id: uuid.UUID | str,
                     checklist: ClosureChecklist, *, person_id: uuid.UUID | None) -> None:
    """Conclude with the checklist: the password leaves the keyring, the notice is sent."""
    from redes_desktop.errors import NotFound
    from redes_desktop.models.procedures import AccountClosure

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        closure = session.get(AccountClosure, uuid.UUID(str(closure_id)))
        if closure is None:
            raise NotFound(CLOSURE_GONE)
        procedures.closures(session).complete(actor, closure, checklist)
        # 7.viii: a closed account keeps no access to its network from here.
        from redes_desktop.actions.network_connection import NetworkSettings, revoke_connection
        from redes_desktop.services.publishing_queue import cancel_account_jobs

        settings = procedures.settings
        revoke_connection(
            session=session, clock=procedures.clock, recorder=procedures.recorder,
            secrets=procedures.secrets,
            networks=NetworkSettings.of(settings, procedures.secrets),
            actor_id=actor.id, account_id=closure.account_id, network=closure.account.network,
            reason="cierre de la cuenta (7.viii)")
        cancel_account_jobs(session, closure.account_id, "La cuenta se cerró (7.viii).")


def list_closures(database: Database, *, person_id: uuid.UUID | None = None,
                  clock: Clock | None = None) -> tuple[ClosureRow, ...]:
    """A queue: the closures still open first. `may_complete` is for `person_id` (the area's
    titular, the account's titular administrator, or a CNCS reviewer, who confirms the closure
    for the official registry, 7.ix). An account the directory lists «En baja» with no closure
    on record is listed too, marked: without the oficio (7.vii) nobody can conclude it."""
    from sqlalchemy import select

    from redes_desktop.clock import system_clock
    from redes_desktop.models import Account, AccountStatus
    from redes_desktop.models.procedures import AccountClosure
    from redes_desktop.services.account_closure import may_complete
    from redes_desktop.services.permissions import Permissions

    with unit_of_work(database) as session:
        person = acting_person(session, person_id) if person_id is not None else None
        permissions = Permissions(session, clock or system_clock)
        rows = []
        for closure in session.query(AccountClosure).order_by(
                AccountClosure.requested_at.desc()):
            account = closure.account
            open_ = closure.completed_at is None and account.status == AccountStatus.EN_BAJA
            rows.append(ClosureRow(
                id=str(closure.id), handle=account.handle, network_label=account.network.label,
                area_name=account.area.name, status_label=account.status.label,
                requested_at=closure.requested_at, completed_at=closure.completed_at,
                may_complete=open_ and (person is None or may_complete(permissions, person,
                                                                       account)),
                reason=closure.reason, waiting=closure.completed_at is None))
        orphans = session.scalars(
            select(Account).where(Account.status == AccountStatus.EN_BAJA,
                                  Account.deleted_at.is_(None),
                                  ~select(AccountClosure.id)
                                  .where(AccountClosure.account_id == Account.id).exists())
            .order_by(Account.handle))
        for account in orphans:
            rows.append(ClosureRow(
                id="", handle=account.handle, network_label=account.network.label,
                area_name=account.area.name, status_label=account.status.label,
                requested_at=account.updated_at, completed_at=None, may_complete=False,
                reason=UNRECORDED_CLOSURE, waiting=True, recorded=False))
        rows.sort(key=lambda r: (not r.waiting, -r.requested_at.timestamp()))
        return tuple(rows)


UNRECORDED_CLOSURE = (
    "La cuenta figura «En baja» pero no hay baja registrada: falta el oficio con que el área "
    "informa la cancelación (criterio 7.vii). Pida al área que la solicite en «Solicitar "
    "baja…»; entonces se concluye con la lista de verificación (7.viii).")
