"""Change an account's administrators (7.iv): who may, the form's choices and the change,
with what became of the notices to CNCS and the Comité de Gestión."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from redes_desktop.actions.unit_of_work import NO_IDENTITY_MESSAGE, acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database

ACCOUNT_GONE = "La cuenta ya no existe; actualice la lista."
CHOICE_GONE = ("La cuenta o una de las personas elegidas ya no está registrada (pudo cambiar "
               "desde otra estación). Cierre esta ventana y vuelva a abrirla.")


@dataclass(frozen=True)
class Candidate:
    person_id: str
    name: str
    level_label: str


@dataclass(frozen=True)
class AdministratorsForm:
    handle: str
    network_label: str
    area_name: str
    titular_name: str | None
    suplente_name: str | None
    titular_id: str | None
    suplente_id: str | None
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class ChangeOutcome:
    """How many notices were queued and why those that did not leave did not."""

    mails: int
    errors: tuple[str, ...]

    @property
    def sent(self) -> bool:
        return self.mails > 0 and not self.errors


def may_change_administrators(database: Database, *, clock: Clock,
                              person_id: uuid.UUID | None, account_id: uuid.UUID | str) -> str:
    """"" when the person may change the account's administrators, else why not."""
    from redes_desktop.models import Account
    from redes_desktop.services.permissions import Action, Permissions

    if person_id is None:
        return NO_IDENTITY_MESSAGE
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        account = session.get(Account, uuid.UUID(str(account_id)))
        if account is None or account.deleted_at is not None:
            return ACCOUNT_GONE
        decision = Permissions(session, clock).check(
            person, Action.MANAGE_ADMINISTRATORS, account=account)
        return "" if decision else decision.reason


def administrators_form(database: Database, *, account_id: uuid.UUID | str,
                        today: date) -> AdministratorsForm | None:
    """The account, its administrators today and the area's people; None when it is gone."""
    from redes_desktop.models import Account, AdminKind, Person

    with unit_of_work(database) as session:
        account = session.get(Account, uuid.UUID(str(account_id)))
        if account is None or account.deleted_at is not None:
            return None
        current = {a.kind: a.person for a in account.current_administrators(today)}
        people = session.query(Person).filter(
            Person.area_id == account.area_id, Person.deleted_at.is_(None)
        ).order_by(Person.name).all()
        titular, suplente = current.get(AdminKind.TITULAR), current.get(AdminKind.SUPLENTE)
        return AdministratorsForm(
            handle=account.handle, network_label=account.network.label,
            area_name=account.area.name,
            titular_name=titular.name if titular else None,
            suplente_name=suplente.name if suplente else None,
            titular_id=str(titular.id) if titular else None,
            suplente_id=str(suplente.id) if suplente else None,
            candidates=tuple(Candidate(str(p.id), p.name, p.level.label) for p in people))


def change_administrators(procedures: Procedures, *, person_id: uuid.UUID | None,
                          account_id: uuid.UUID | str, titular_id: str | None,
                          suplente_id: str | None, since: date) -> ChangeOutcome:
    from redes_desktop.errors import NotFound
    from redes_desktop.models import Account, OutgoingMail, Person
    from redes_desktop.services.account_requests import AccountProcedures
    from redes_desktop.services.mail import Outbox

    mails: list[OutgoingMail] = []

    class WatchedOutbox(Outbox):
        """The workstation's outbox that also keeps what became of each mail."""

        def queue(self, *args: Any, **kwargs: Any) -> OutgoingMail:
            mail = super().queue(*args, **kwargs)
            mails.append(mail)
            return mail

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        outbox = procedures.outbox(session)
        service = AccountProcedures(
            session, procedures.clock, settings=procedures.settings,
            data_dir=procedures.data_dir,
            outbox=WatchedOutbox(outbox.session, outbox.clock, outbox.mailer),
            recorder=procedures.recorder)
        account = session.get(Account, uuid.UUID(str(account_id)))
        titular = session.get(Person, uuid.UUID(titular_id)) if titular_id else None
        suplente = session.get(Person, uuid.UUID(suplente_id)) if suplente_id else None
        if account is None or titular is None or suplente is None:
            raise NotFound(CHOICE_GONE)
        service.change_administrators(actor, account, titular, suplente, since)
        return ChangeOutcome(
            mails=len(mails),
            errors=tuple(m.last_error for m in mails if m.status != "enviado"))
