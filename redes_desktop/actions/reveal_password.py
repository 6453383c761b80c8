"""Show or copy an account's password to who may (5.1); every reveal is recorded."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.passwords import Passwords


def reveal_password(passwords: Passwords, account_id: uuid.UUID, *, purpose: str,
                    person_id: uuid.UUID | None) -> str:
    with unit_of_work(passwords.database) as session:
        actor = acting_person(session, person_id)
        return passwords.service(session).reveal(actor, account_id, purpose=purpose)
