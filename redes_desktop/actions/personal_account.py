"""7.vi: mark an account as the personal account of a Consejera or Consejero Electoral (the
only personal accounts the official registry lists), or as institutional again."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.models import Network
    from redes_desktop.services.activity import ActivityRecorder


@dataclass(frozen=True)
class PersonalAccountForm:
    """What the form shows: the account's current owner and whom it may choose."""

    handle: str
    owner_id: uuid.UUID | None
    owner_name: str
    choices: tuple[tuple[uuid.UUID, str], ...]  # (person id, name) of the Consejeros


def personal_account_form(database: Database, account_id: uuid.UUID | str) -> PersonalAccountForm:
    from redes_desktop.services.personal_accounts import consejeros, find_account

    with unit_of_work(database) as session:
        account = find_account(session, account_id)
        owner = account.personal_of
        return PersonalAccountForm(account.handle, account.personal_of_id,
                                   owner.name if owner is not None else "",
                                   tuple((o.id, o.name) for o in consejeros(session)))


def set_personal_account(database: Database, account_id: uuid.UUID | str,
                         owner_id: uuid.UUID | str | None, *, person_id: uuid.UUID | None,
                         clock: Clock, recorder: ActivityRecorder) -> bool:
    from redes_desktop.services.personal_accounts import set_personal_owner

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        return set_personal_owner(session, clock, actor, account_id, owner_id,
                                  recorder=recorder)


def set_personal_account_by_handle(database: Database, account: str, owner_email: str | None,
                                   *, network: Network | None, person_id: uuid.UUID | None,
                                   clock: Clock, recorder: ActivityRecorder) -> tuple[str, str]:
    """The command line's form: the account by id or @handle (on `network` when the handle is
    shared) and the owner by e-mail (None: institutional). (handle, owner's name or "")."""
    from redes_desktop.actions.account_check_context import choose_account
    from redes_desktop.errors import NotFound
    from redes_desktop.models import Person
    from redes_desktop.services.accounts_lookup import find_accounts
    from redes_desktop.services.personal_accounts import set_personal_owner

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        found = choose_account(find_accounts(session, account), account, network)
        owner = None
        if owner_email is not None:
            email = owner_email.strip().lower()
            owner = session.query(Person).filter(Person.email == email,
                                                 Person.deleted_at.is_(None)).one_or_none()
            if owner is None:
                raise NotFound(f"No hay nadie con el correo «{owner_email}» en el directorio.")
        set_personal_owner(session, clock, actor, found.id, owner.id if owner else None,
                           recorder=recorder)
        return found.handle, owner.name if owner else ""
