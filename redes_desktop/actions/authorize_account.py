"""CNCS decides a request for an account (7.iii): authorize it or reject it with reasons."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.models.procedures import AccountRequest

REQUEST_GONE = "La solicitud ya no existe; actualice la lista."


def load_request(session: Session, request_id: uuid.UUID | str) -> AccountRequest:
    from redes_desktop.errors import NotFound
    from redes_desktop.models.procedures import AccountRequest

    request = session.get(AccountRequest, uuid.UUID(str(request_id)))
    if request is None:
        raise NotFound(REQUEST_GONE)
    return request


def authorize_account(procedures: Procedures, request_id: uuid.UUID | str, reasons: str = "",
                      *, person_id: uuid.UUID | None) -> None:
    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        procedures.account_procedures(session).authorize(
            actor, load_request(session, request_id), reasons)


def reject_account(procedures: Procedures, request_id: uuid.UUID | str, reasons: str, *,
                   person_id: uuid.UUID | None) -> None:
    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        procedures.account_procedures(session).reject(
            actor, load_request(session, request_id), reasons)
