"""Record that an authorized account was opened on its network (7.iii)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.actions.authorize_account import load_request
from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.procedures import Procedures


def open_account(procedures: Procedures, request_id: uuid.UUID | str, url: str, *,
                 person_id: uuid.UUID | None) -> uuid.UUID:
    """The id of the account, now active."""
    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        account = procedures.account_procedures(session).open_account(
            actor, load_request(session, request_id), url)
        return account.id
