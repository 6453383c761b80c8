"""Names of the people, accounts and areas the bitácora's ids point to (from the main database),
for showing and exporting entries. Not part of the chain."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass
class Names:
    people: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    # account id -> area id (current), for the area filter
    account_area: dict[str, str] = field(default_factory=dict)

    def __call__(self, value: str | None) -> str:
        if value is None:
            return ""
        return (self.people.get(value) or self.accounts.get(value) or self.areas.get(value)
                or "")

    def accounts_in_area(self, area: str) -> tuple[uuid.UUID, ...]:
        return tuple(uuid.UUID(a) for a, ar in self.account_area.items() if ar == area)


def names_from(session) -> Names:
    """Everyone, including deleted records (old entries still name them), read in the caller's
    session (the action that needs them owns it)."""
    from sqlalchemy import select

    from redes_desktop.models import Account, Area, Person

    names = Names()
    for pid, name in session.execute(select(Person.id, Person.name)):
        names.people[str(pid)] = name
    for aid, name in session.execute(select(Area.id, Area.name)):
        names.areas[str(aid)] = name
    rows = session.execute(select(Account.id, Account.handle, Account.network, Account.area_id))
    for aid, handle, network, area in rows:
        names.accounts[str(aid)] = f"{handle} ({network.label})"
        names.account_area[str(aid)] = str(area)
    return names
