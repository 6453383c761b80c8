"""Report a compromised account (6.xxx) and close the incident once it is resolved."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.actions.passwords import Passwords


def report_incident(passwords: Passwords, account_id: uuid.UUID, description: str,
                    observed: datetime, *, person_id: uuid.UUID | None) -> bool:
    """Open the incident and mail the area titular, CNCS and UNICOM; whether the mail left."""
    with unit_of_work(passwords.database) as session:
        actor = acting_person(session, person_id)
        reported = passwords.incidents(session).report(actor, account_id, description,
                                                       observed)
        return reported.mail_sent


def close_incident(passwords: Passwords, incident_id: uuid.UUID, resolution: str, *,
                   person_id: uuid.UUID | None) -> None:
    with unit_of_work(passwords.database) as session:
        actor = acting_person(session, person_id)
        passwords.incidents(session).close(actor, incident_id, resolution)
