"""Who may sign in at this workstation (5.1: permissions follow the person): list the people
and areas to choose from, the identity of one of them once proven (`actions/sign_in.py`), or
fill an empty folder with the demo. Nobody registers themself: the CNCS reviewers register
people (`actions/organization.py`), and a new institution's first reviewer is created by the
first-start assistant (`actions/first_start.py`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.services.directory import fold as fold

if TYPE_CHECKING:
    from pathlib import Path

    from redes_desktop.bitacora import Bitacora
    from redes_desktop.clock import Clock
    from redes_desktop.context import Identity
    from redes_desktop.database import Database


@dataclass(frozen=True)
class PersonChoice:
    person_id: uuid.UUID
    name: str
    area_name: str
    email: str
    roles: str  # Spanish labels, comma-separated; "" without a role


@dataclass(frozen=True)
class IdentityChoices:
    people: tuple[PersonChoice, ...]
    areas: tuple[tuple[uuid.UUID, str], ...]  # (id, name), in the directory's order
    empty: bool  # no area registered yet: the demo may be offered


def identity_choices(database: Database, *, clock: Clock) -> IdentityChoices:
    """The people one may say one is, and the areas one may register in. Reading only."""
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory

    with unit_of_work(database) as session:
        # Reading only: nothing here is recorded in the bitácora.
        directory = Directory(session, clock, NullRecorder())
        people = tuple(
            PersonChoice(person.id, person.name, person.area.name, person.email,
                         ", ".join(r.label for r in sorted(person.role_set)))
            for person in directory.people())
        areas = tuple((area.id, area.name) for area in directory.areas())
        return IdentityChoices(people, areas, directory.is_empty())


def choose_identity(database: Database, person_id: uuid.UUID, *, clock: Clock) -> Identity:
    """The identity of `person_id`; `NotFound` when that person is no longer in the directory
    (removed by a sync after the list was read)."""
    from redes_desktop.context import Identity
    from redes_desktop.errors import NotFound
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory

    with unit_of_work(database) as session:
        person = Directory(session, clock, NullRecorder()).person(person_id)
        if person is None:
            raise NotFound("La persona elegida ya no existe; elija otra.")
        return Identity.of(person)


def open_demo(database: Database, *, clock: Clock, data_dir: Path,
              bitacora: Bitacora | None = None) -> int:
    """Fill this empty folder's database with the demo institution; how many people it has.
    The oficios of its pending requests and closures go into `data_dir` (the data folder).
    With this workstation's `bitacora`, the demo's past weeks are recorded in it too (issue 15).
    Refused (`DemoRefused`) when the database already has areas."""
    from redes_desktop.services.demo import record_demo_history, seed_demo

    with unit_of_work(database) as session:
        summary = seed_demo(session, clock, data_dir=data_dir)
    if bitacora is not None:
        record_demo_history(summary, bitacora, database, clock)
    return summary.people
