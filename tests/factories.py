"""Small builders for tests: an area with people and an account, through the real services."""

from __future__ import annotations

from dataclasses import dataclass

from redes_desktop.models import (
    Account,
    AccountStatus,
    Area,
    AreaKind,
    Level,
    Network,
    Person,
    Role,
)
from redes_desktop.services.directory import Directory


@dataclass
class Office:
    area: Area
    head: Person
    titular: Person
    suplente: Person
    account: Account


def make_office(
    directory: Directory,
    *,
    name: str = "Junta Local Ejecutiva en Jalisco",
    state: str = "Jalisco",
    handle: str = "@JLE_JaliscoINE",
    slug: str = "jal",
) -> Office:
    area = directory.create_area(name, AreaKind.JUNTA_LOCAL, state=state, acronym="JLE")
    head = directory.create_person(
        f"Vocal {slug}", f"vocal.{slug}@ine.mx", Level.MANDO_SUPERIOR, area
    )
    directory.set_area_titular(area, head)
    titular = directory.create_person(
        f"Titular {slug}", f"titular.{slug}@ine.mx", Level.MANDO_MEDIO, area
    )
    suplente = directory.create_person(
        f"Suplente {slug}", f"suplente.{slug}@ine.mx", Level.OPERATIVO, area
    )
    account = directory.create_account(
        area=area,
        network=Network.X,
        name=f"INE {state}",
        handle=handle,
        email=f"redes.{slug}@ine.mx",
        status=AccountStatus.ACTIVA,
        official=True,
    )
    directory.designate_administrators(account, titular, suplente)
    return Office(area, head, titular, suplente, account)


def make_reviewer(directory: Directory) -> Person:
    cncs = directory.create_area(
        "Coordinación Nacional de Comunicación Social", AreaKind.OFICINAS_CENTRALES, acronym="CNCS"
    )
    return directory.create_person(
        "Revisora CNCS", "revisora@ine.mx", Level.MANDO_MEDIO, cncs, [Role.REVISOR_CNCS]
    )
