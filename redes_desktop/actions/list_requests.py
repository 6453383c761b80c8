"""The account requests a person may see (7.ii), and whether that person decides them (7.iii)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.models.procedures import RequestState


@dataclass(frozen=True)
class RequestRow:
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
        return RequestsListing(
            tuple(rows), bool(service.permissions.check(person, Action.AUTHORIZE_ACCOUNT)))
