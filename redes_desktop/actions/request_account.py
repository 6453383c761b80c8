"""Request a new institutional account (7.i, 7.ii): the areas the person may request for,
with their people, and the request itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.account_requests import (
    CENTRAL_ACCOUNTS_REMINDER as CENTRAL_ACCOUNTS_REMINDER,
)
from redes_desktop.services.account_requests import purposes as purposes

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.models import Network


@dataclass(frozen=True)
class RequestableArea:
    area_id: str
    name: str
    people: tuple[tuple[str, str], ...]  # (label, person id)


@dataclass(frozen=True)
class AccountRequestInput:
    area_id: str
    network: Network
    name: str
    handle: str
    email: str
    purposes: tuple[str, ...]
    justification: str
    titular_id: str
    suplente_id: str
    oficio: str | None
    rhythm: str


def requestable_areas(database: Database, *, clock: Clock,
                      person_id: uuid.UUID | None) -> tuple[RequestableArea, ...]:
    """The areas for which the person may request an account (5.1); none without a person."""
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory
    from redes_desktop.services.permissions import Action, Permissions

    if person_id is None:
        return ()
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        directory = Directory(session, clock, NullRecorder())  # reading only
        permissions = Permissions(session, clock)
        people = directory.people()
        return tuple(
            RequestableArea(str(area.id), area.name, tuple(
                (f"{p.name} — {p.level.label}", str(p.id)) for p in people
                if p.area_id == area.id))
            for area in directory.areas()
            if permissions.check(person, Action.REQUEST_ACCOUNT, area=area))


def request_account(procedures: Procedures, form: AccountRequestInput, *,
                    person_id: uuid.UUID | None) -> uuid.UUID:
    """Record the request and mail CNCS; the id of the new request."""
    from redes_desktop.errors import ValidationError
    from redes_desktop.models import Area
    from redes_desktop.services.account_requests import RequestForm

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        service = procedures.account_procedures(session)
        try:
            area = session.get(Area, uuid.UUID(form.area_id)) if form.area_id else None
        except ValueError:
            area = None
        if area is None:
            raise ValidationError("Elija el área que solicita la cuenta.", criterion="7.ii",
                                  field="area")
        request = service.request_account(actor, RequestForm(
            area=area, network=form.network, name=form.name, handle=form.handle,
            email=form.email, purposes=list(form.purposes), justification=form.justification,
            titular=service.directory.person(form.titular_id),
            suplente=service.directory.person(form.suplente_id),
            oficio=form.oficio, rhythm=form.rhythm))
        return request.id
