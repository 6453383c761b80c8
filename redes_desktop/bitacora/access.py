"""Who may read which entries of the bitácora (8.iii: "readable by those entitled to it").

CNCS reviewers oversee every account and read everything; so do auditors, who read through the
command line (`redes-desktop bitacora export`, no person chosen). Anyone else reads the entries
of the accounts they may `Action.READ_BITACORA` today (their current administrators and the
titular of the account's area), plus the entries they made themselves (including those without
an account). A workstation with no person chosen shows nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.bitacora.query import Filters
from redes_desktop.clock import Clock
from redes_desktop.models import Account, AccountAdministrator, Area, Person, Role
from redes_desktop.services.permissions import Action, Permissions


@dataclass(frozen=True)
class Visibility:
    everything: bool
    accounts: tuple[uuid.UUID, ...] = ()
    actor: uuid.UUID | None = None

    def apply(self, filters: Filters) -> Filters:
        if self.everything:
            return replace(filters, visible_accounts=None, visible_actor=None)
        return replace(filters, visible_accounts=self.accounts, visible_actor=self.actor)

    def shows_account(self, account: uuid.UUID | str) -> bool:
        return self.everything or uuid.UUID(str(account)) in self.accounts


EVERYTHING = Visibility(True)
NOTHING = Visibility(False)


def visibility_for(session: Session, clock: Clock, person: Person | None) -> Visibility:
    """What `person` may read in the bitácora."""
    if person is None:
        return NOTHING
    if person.has_role(Role.REVISOR_CNCS):
        return EVERYTHING
    # Candidates in two queries, then the permission rule itself decides (dates, roles).
    designated = select(AccountAdministrator.account_id).where(
        AccountAdministrator.person_id == person.id)
    headed = select(Account.id).join(Area, Account.area_id == Area.id).where(
        Area.titular_id == person.id)
    candidates = set(session.scalars(designated)) | set(session.scalars(headed))
    permissions = Permissions(session, clock)
    found: Iterable[Account] = (
        session.scalars(select(Account).where(Account.id.in_(candidates))) if candidates else []
    )
    accounts = sorted(
        (a.id for a in found if permissions.check(person, Action.READ_BITACORA, account=a)),
        key=str)
    return Visibility(False, tuple(accounts), person.id)
