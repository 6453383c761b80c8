"""Rotate an account's password (6.xxxiii): keep it in the keyring, record who and when."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.passwords import Passwords


def rotate_password(passwords: Passwords, account_id: uuid.UUID, password: str, *,
                    confirmed_on_network: bool, person_id: uuid.UUID | None) -> None:
    with unit_of_work(passwords.database) as session:
        actor = acting_person(session, person_id)
        passwords.service(session).rotate(actor, account_id, password,
                                          confirmed_on_network=confirmed_on_network)
