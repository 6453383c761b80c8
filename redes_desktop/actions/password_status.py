"""The Contraseñas section's data (6.xxxiii, 6.xxx): the accounts the person may see by urgency
of their password change, the incidents, what the person may do with one account, and the
words a new password must not contain."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.password_service import RotationRow as RotationRow
from redes_desktop.services.permissions import Action as Action

if TYPE_CHECKING:
    from redes_desktop.actions.passwords import Passwords
    from redes_desktop.models import IncidentState
    from redes_desktop.services.password_service import RotationRow
    from redes_desktop.services.permissions import Action


@dataclass(frozen=True)
class IncidentRow:
    id: uuid.UUID
    account_id: uuid.UUID
    handle: str
    state: IncidentState
    observed_at: datetime
    reported_at: datetime
    reported_by: str
    description: str
    resolution: str


@dataclass(frozen=True)
class PasswordsOverview:
    rows: tuple[RotationRow, ...]
    incidents: tuple[IncidentRow, ...]


@dataclass(frozen=True)
class Allowed:
    allowed: bool
    reason: str


def password_overview(passwords: Passwords, *,
                      person_id: uuid.UUID | None) -> PasswordsOverview:
    """Empty when nobody is signed in: who sees which rows is decided by the service."""
    if person_id is None:
        return PasswordsOverview((), ())
    with unit_of_work(passwords.database) as session:
        person = acting_person(session, person_id)
        rows = tuple(passwords.service(session).status(person))
        incidents = tuple(
            IncidentRow(
                id=i.id, account_id=i.account_id, handle=i.account.handle, state=i.state,
                observed_at=i.observed_at, reported_at=i.reported_at,
                reported_by=i.reported_by.name if i.reported_by else "",
                description=i.description, resolution=i.resolution or "")
            for i in passwords.incidents(session).incidents(person))
        return PasswordsOverview(rows, incidents)


def account_permissions(passwords: Passwords, account_id: uuid.UUID, actions: tuple[Action, ...],
                        *, person_id: uuid.UUID | None) -> dict[Action, Allowed]:
    """For each action, whether the person may do it on the account and, if not, why."""
    if person_id is None:
        return {action: Allowed(False, "") for action in actions}
    with unit_of_work(passwords.database) as session:
        person = acting_person(session, person_id)
        service = passwords.service(session)
        account = service.account(account_id)
        result = {}
        for action in actions:
            decision = service.permissions.check(person, action, account=account)
            result[action] = Allowed(bool(decision), decision.reason)
        return result


def password_words(passwords: Passwords, account_id: uuid.UUID | None) -> list[str]:
    """Words of the account (handle, name, area) a generated password must avoid."""
    from redes_desktop.passwords.strength import context_words
    from redes_desktop.services.password_service import account_words

    if account_id is None:
        return context_words([])
    with unit_of_work(passwords.database) as session:
        return account_words(passwords.service(session).account(account_id))


def passwords_due(database, *, clock, secrets, recorder) -> tuple[RotationRow, ...]:
    """Every account's password change that is due or overdue (the command line's `due`)."""
    from redes_desktop.services.password_service import PasswordService

    with unit_of_work(database) as session:
        return tuple(PasswordService(session, clock, secrets, recorder).due(None))
