"""Organisation changes made in one workstation's window reach the shared database (the real
PostgreSQL) and a second workstation (another data folder, the new titular's own login), and the
notices of 7.iv go out by mail (a real SMTP server, aiosmtpd on loopback) to the CNCS and to the
Presidencia and the Secretaría Técnica of the Comité de Gestión (issue 14)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from redes_desktop.actions import organization as org
from redes_desktop.actions.procedures import Procedures
from redes_desktop.clock import FixedClock
from redes_desktop.context import AppContext
from redes_desktop.errors import ValidationError
from redes_desktop.models import AccountStatus, AreaKind, Level, Network, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.engine import SyncEngine
from redes_desktop.workspace import open_workspace
from tests import test_sync_support as _support

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
logins = _support.logins  # fixture

T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
ADDRESSES = {"cncs_email": "titular.cncs@ine.mx",
             "comite_presidente_email": "presidencia.comite@ine.mx",
             "comite_secretario_email": "secretaria.tecnica.comite@ine.mx"}


def _workstation(root, clock, smtp=None):
    workspace = open_workspace(root, clock=clock)
    settings = workspace.settings
    for name, value in ADDRESSES.items():
        setattr(settings, name, value)
    if smtp is not None:
        host, port, _inbox = smtp
        settings.smtp_host, settings.smtp_port, settings.smtp_security = host, port, "none"
        settings.smtp_sender = "Redes INE <redes@ine.mx>"
    context = AppContext(workspace=workspace, database=workspace.open_database(), clock=clock,
                         secrets=SecretStore(), recorder=MemoryRecorder())
    return workspace, context


def _roles(view, email):
    return next(p.roles for p in view.people if p.email == email)


def test_organisation_changes_reach_a_second_workstation_and_mail_goes_out(
        tmp_path, shared_engine, logins, smtp_server):
    clock = FixedClock(T0)
    _host, _port, inbox = smtp_server
    workspace_a, a = _workstation(tmp_path / "estacion-cncs", clock, smtp_server)
    procedures = Procedures.of(a)
    try:
        # A new institution, set up at the CNCS workstation (before any reviewer exists).
        org.add_area(procedures, person_id=None, name="Coordinación Nacional de Comunicación "
                     "Social", kind=AreaKind.OFICINAS_CENTRALES, acronym="CNCS")
        org.add_area(procedures, person_id=None, name="Junta Local Ejecutiva en Jalisco",
                     kind=AreaKind.JUNTA_LOCAL, acronym="JLE", state="Jalisco")
        ana = org.add_person(procedures, person_id=None, name="Ana Revisora",
                             email="ana@ine.mx", level=Level.MANDO_MEDIO, area="CNCS")
        org.set_role(procedures, person_id=None, email="ana@ine.mx", role=Role.REVISOR_CNCS)
        ana_id = uuid.UUID(ana)
        for name, email, level in (("Luis Vocal", "luis@ine.mx", Level.MANDO_SUPERIOR),
                                   ("Marta Enlace", "marta@ine.mx", Level.MANDO_MEDIO),
                                   ("Beto Paz", "beto@ine.mx", Level.OPERATIVO),
                                   ("Carla Ruiz", "carla@ine.mx", Level.OPERATIVO)):
            org.add_person(procedures, person_id=ana_id, name=name, email=email, level=level,
                           area="JLE")
        org.set_role(procedures, person_id=ana_id, email="luis@ine.mx", role=Role.TITULAR_AREA)
        with a.session() as session:  # an account of the Junta, already open
            directory = Directory(session, clock, NullRecorder())
            area = next(x for x in directory.areas() if x.acronym == "JLE")
            account = directory.create_account(
                area=area, network=Network.X, name="INE Jalisco", handle="@JLE_JaliscoINE",
                email="redes.jal@ine.mx", status=AccountStatus.ACTIVA, official=True)
            session.commit()
        outcome = org.change_account_administrators(
            procedures, person_id=ana_id, account="@JLE_JaliscoINE", titular_email="marta@ine.mx",
            suplente_email="beto@ine.mx")
        assert outcome.sent
        # A refusal changes nothing, here or on the server: Luis heads the Junta.
        with pytest.raises(ValidationError, match="titular de Junta Local"):
            org.remove_person(procedures, person_id=ana_id, email="luis@ine.mx")
        org.remove_person(procedures, person_id=ana_id, email="carla@ine.mx")
        actions = [e.action for e in a.recorder.entries]
        assert {"area_registrada", "persona_registrada", "rol_otorgado",
                "titular_area_designado", "administradores_designados",
                "persona_dada_de_baja"} <= set(actions)

        # 7.iv: the new area titular and the new account administrators, mailed to the CNCS,
        # the Presidencia and the Secretaría Técnica of the Comité de Gestión.
        subjects = {m["Subject"]: m for m in inbox.messages}
        titular_mail = subjects["Cambio de titular de área: Junta Local Ejecutiva en Jalisco"]
        admins_mail = subjects["Cambio de administradores: @JLE_JaliscoINE (X)"]
        for mail in (titular_mail, admins_mail):
            assert set(ADDRESSES.values()) <= {r.strip() for r in mail["To"].split(",")}
        assert "Luis Vocal" in titular_mail.get_body(("plain",)).get_content()
        assert "Marta Enlace" in admins_mail.get_body(("plain",)).get_content()

        # To the shared database…
        station_a = SyncEngine(a.database.engine, shared_engine, person_id=ana_id,
                               is_reviewer=True, clock=clock)
        station_a.sync()
        with shared_engine.connect() as conn:
            people = dict(conn.execute(text(
                "SELECT email, roles FROM people WHERE deleted_at IS NULL")).all())
            assert set(people) == {"ana@ine.mx", "luis@ine.mx", "marta@ine.mx", "beto@ine.mx"}
            assert "revisor_cncs" in str(people["ana@ine.mx"])
            assert "titular_area" in str(people["luis@ine.mx"])
            titular = conn.execute(text(
                "SELECT p.email FROM areas a JOIN people p ON p.id = a.titular_id "
                "WHERE a.acronym = 'JLE'")).scalar()
            assert titular == "luis@ine.mx"
            admins = set(conn.execute(text(
                "SELECT p.email, d.kind FROM account_administrators d JOIN people p "
                "ON p.id = d.person_id WHERE d.account_id = :a"), {"a": account.id}).all())
            assert {("marta@ine.mx", "titular"), ("beto@ine.mx", "suplente")} <= admins
    finally:
        workspace_a.close()

    # …and from there to the Junta's own workstation, which syncs with Luis's own login.
    luis_engine = logins("luis@ine.mx")
    workspace_b, b = _workstation(tmp_path / "estacion-junta", clock)
    try:
        with shared_engine.connect() as conn:
            luis_id = uuid.UUID(str(conn.execute(text(
                "SELECT id FROM people WHERE email = 'luis@ine.mx'")).scalar()))
        SyncEngine(b.database.engine, luis_engine, person_id=luis_id, is_reviewer=False,
                   clock=clock).sync()
        view = org.organization_view(Procedures.of(b), person_id=luis_id)
        areas = {x.acronym: x for x in view.areas}
        assert areas["JLE"].titular == "Luis Vocal"
        assert {p.email for p in view.people} >= {"ana@ine.mx", "luis@ine.mx", "marta@ine.mx",
                                                 "beto@ine.mx"}
        assert "carla@ine.mx" not in {p.email for p in view.people}
        assert _roles(view, "ana@ine.mx") == ("revisor_cncs",)
        assert "titular_area" in _roles(view, "luis@ine.mx")
        assert not view.may_manage  # Luis is not a reviewer: he sees, he does not manage
        clock.advance(timedelta(hours=1))
        [row] = org.account_administrators(Procedures.of(b))
        assert (row.handle, row.titular, row.suplente) == ("@JLE_JaliscoINE", "Marta Enlace",
                                                          "Beto Paz")
        with b.session() as session:
            assert Directory(session, clock, NullRecorder()).person(ana_id).has_role(
                Role.REVISOR_CNCS)
    finally:
        workspace_b.close()
