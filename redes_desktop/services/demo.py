"""Demo institution (placeholder until the full demo lands)."""

from __future__ import annotations

from redes_desktop.clock import Clock
from redes_desktop.models import AreaKind, Level, Network, Role, AccountStatus
from redes_desktop.services.directory import Directory


def seed_demo(session, clock: Clock):
    directory = Directory(session, clock)
    cncs = directory.create_area("Coordinación Nacional de Comunicación Social", AreaKind.OFICINAS_CENTRALES, acronym="CNCS")
    titular = directory.create_person("Ana López", "ana.lopez@ine.mx", Level.MANDO_SUPERIOR, cncs, [Role.REVISOR_CNCS])
    suplente = directory.create_person("Luis Pérez", "luis.perez@ine.mx", Level.OPERATIVO, cncs)
    directory.set_area_titular(cncs, titular)
    account = directory.create_account(area=cncs, network=Network.X, name="INE México", handle="@INEMexico", email="redes@ine.mx", status=AccountStatus.ACTIVA, official=True)
    directory.designate_administrators(account, titular, suplente)
    return "demo"


def seed_demo_folder(workspace, force: bool = False) -> str:
    db = workspace.open_database()
    with db.session() as session:
        seed_demo(session, workspace.clock)
        session.commit()
    return "Demostración creada."
