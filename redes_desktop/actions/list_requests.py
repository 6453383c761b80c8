"""The account requests a person may see (7.ii), and whether that person decides them (7.iii).

A queue: the pending requests first, with their count. An account the directory lists as
«Solicitada» without a request on record (made before the procedure was recorded, or whose
request has not arrived through the sync) is listed too, marked: CNCS cannot authorise it
without the signed oficio (7.ii), so the row says so instead of leaving the tab empty."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.models.procedures import RequestState

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures


@dataclass(frozen=True)
class RequestRow:
    @property
    def recorded(self) -> bool:
        """False: an account «Solicitada» with no request on record (nothing to decide yet)."""
        return not self.id.startswith(UNRECORDED_PREFIX)

    @property
    def waiting(self) -> bool:
        """Still waiting for someone: a pending request, or an account without its oficio."""
        return self.state == RequestState.PENDIENTE

    id: str
    handle: str
    network_label: str
    area_name: str
    state: RequestState
    requested_at: datetime
    requested_by: str
    reasons: str
    oficio_name: str
    oficio_path: str
    description: str
    network: str = ""  # Network value: the URL asked at opening is this network's


@dataclass(frozen=True)
class RequestsListing:
    rows: tuple[RequestRow, ...]
    is_reviewer: bool

    @property
    def pending(self) -> int:
        return sum(1 for row in self.rows if row.waiting)


def list_requests(procedures: Procedures, *, person_id: uuid.UUID | None) -> RequestsListing:
    """Nothing (and no error) when nobody is signed in: the tab simply stays empty."""
    from redes_desktop.services.permissions import Action

    if person_id is None:
        return RequestsListing((), False)
    with unit_of_work(procedures.database) as session:
        person = acting_person(session, person_id)
        service = procedures.account_procedures(session)
        rows = []
        for request in service.requests(person):
            account = request.account
            rows.append(RequestRow(
                id=str(request.id), handle=account.handle, network_label=account.network.label,
                area_name=account.area.name, network=account.network.value,
                state=request.state,
                requested_at=request.requested_at, requested_by=request.requested_by.name,
                reasons=request.reasons or "", oficio_name=request.oficio_name or "",
                oficio_path=request.oficio_path or "", description=service.describe(request)))
        reviewer = bool(service.permissions.check(person, Action.AUTHORIZE_ACCOUNT))
        rows += _unrecorded(session, person, reviewer)
        rows.sort(key=lambda r: (not r.waiting, -r.requested_at.timestamp()))
        return RequestsListing(tuple(rows), reviewer)


UNRECORDED_PREFIX = "cuenta:"
UNRECORDED = ("La cuenta figura como «Solicitada» pero no hay solicitud registrada: falta el "
              "oficio firmado por el titular del área (criterio 7.ii). Pida al área que "
              "presente la solicitud en «Nueva solicitud…»; la CNCS la decide entonces (7.iii).")


def _unrecorded(session, person, reviewer: bool) -> list[RequestRow]:
    from sqlalchemy import select

    from redes_desktop.models import Account, AccountStatus
    from redes_desktop.models.procedures import AccountRequest

    stmt = (select(Account).where(Account.status == AccountStatus.SOLICITADA,
                                  Account.deleted_at.is_(None),
                                  ~select(AccountRequest.id)
                                  .where(AccountRequest.account_id == Account.id).exists())
            .order_by(Account.handle))
    if not reviewer:
        stmt = stmt.where(Account.area_id == person.area_id)
    return [RequestRow(
        id=f"{UNRECORDED_PREFIX}{account.id}", handle=account.handle,
        network_label=account.network.label,
        area_name=account.area.name, state=RequestState.PENDIENTE,
        requested_at=account.created_at, requested_by="—", reasons="", oficio_name="",
        oficio_path="", description=UNRECORDED)
        for account in session.scalars(stmt)]
