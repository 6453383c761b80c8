"""See the accounts and the areas with their people, filtered by one search text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.services.directory import AccountRow as AccountRow

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.directory import AccountRow


@dataclass(frozen=True)
class AreaMember:
    name: str
    level_label: str
    email: str
    roles: str


@dataclass(frozen=True)
class AreaGroup:
    name: str
    kind_label: str
    state: str
    members: tuple[AreaMember, ...]


@dataclass(frozen=True)
class AccountsListing:
    rows: tuple[AccountRow, ...]
    areas: tuple[AreaGroup, ...]


def list_accounts(database: Database, *, clock: Clock, text: str = "") -> AccountsListing:
    """Accounts matching `text`, and the areas whose name or people match it (all when empty)."""
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory, fold

    needle = fold(text)
    with unit_of_work(database) as session:
        # Reading only: nothing here is recorded in the bitácora.
        directory = Directory(session, clock, NullRecorder())
        rows = tuple(directory.search_accounts(text))
        people_by_area: dict = {}
        for person in directory.people():
            people_by_area.setdefault(person.area_id, []).append(person)
        areas = []
        for area in directory.areas():
            area_text = fold(f"{area.name} {area.state or ''} {area.acronym}")
            matching = [p for p in people_by_area.get(area.id, [])
                        if not needle or needle in fold(f"{p.name} {p.email}")
                        or needle in area_text]
            if needle and needle not in area_text and not matching:
                continue
            areas.append(AreaGroup(
                name=area.name, kind_label=area.kind.label, state=area.state or "",
                members=tuple(AreaMember(p.name, p.level.label, p.email,
                                         ", ".join(r.label for r in sorted(p.role_set)))
                              for p in matching)))
        return AccountsListing(rows=rows, areas=tuple(areas))
