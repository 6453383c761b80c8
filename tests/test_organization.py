"""Managing the organisation (issue 14) on a real SQLite file: only CNCS reviewers manage,
each refusal of 5.1 with its Spanish reason and nothing changed, changes recorded in the
bitácora, the 7.iv notice mailed, and the CSV import of the institution's directory."""

from __future__ import annotations

import pytest

from redes_desktop.actions import organization as org
from redes_desktop.actions.procedures import Procedures
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import AreaKind, Level, OutgoingMail, Person, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from tests.factories import make_office, make_reviewer


@pytest.fixture
def recorder():
    return MemoryRecorder()


@pytest.fixture
def procedures(database, clock, data_dir, mail_settings, recorder):
    return Procedures(database=database, clock=clock, settings=mail_settings,
                      data_dir=data_dir,
                      outbox=lambda s: Outbox(s, clock, SmtpMailer(
                          MailConfig.from_settings(mail_settings))),
                      secrets=SecretStore(), recorder=recorder)


@pytest.fixture
def world(database, clock):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        return dict(head=office.head.id, titular=office.titular.id, suplente=office.suplente.id,
                    area=office.area.id, reviewer=reviewer.id)


def _people(database) -> dict[str, Person]:
    with database.session() as session:
        rows = session.query(Person).all()
        session.expunge_all()
        return {p.email: p for p in rows}


# -- a new installation ----------------------------------------------------------------------
def test_new_installation_sets_up_the_first_area_person_and_reviewer(procedures, database,
                                                                     recorder):
    view = org.organization_view(procedures, person_id=None)
    assert view.areas == () and view.may_manage and view.initial_setup
    org.add_area(procedures, person_id=None, name="Coordinación Nacional de Comunicación "
                 "Social", kind=AreaKind.OFICINAS_CENTRALES, acronym="CNCS")
    first = org.add_person(procedures, person_id=None, name="Ana Revisora",
                           email="ana.revisora@ine.mx", level=Level.MANDO_MEDIO, area="CNCS")
    org.set_role(procedures, person_id=None, email="ana.revisora@ine.mx",
                 role=Role.REVISOR_CNCS)
    view = org.organization_view(procedures, person_id=None)
    assert not view.initial_setup and not view.may_manage  # set-up is over: sign in
    assert [p.email for p in view.people] == ["ana.revisora@ine.mx"]
    assert [e.action for e in recorder.entries] == [
        "area_registrada", "persona_registrada", "rol_otorgado"]
    # Once a reviewer exists, nobody else may manage.
    with pytest.raises(NoIdentity):
        org.add_area(procedures, person_id=None, name="Otra", kind=AreaKind.OFICINAS_CENTRALES)
    assert org.organization_view(procedures, person_id=__import__("uuid").UUID(first)).may_manage


def test_only_reviewers_manage(procedures, world, database):
    for who in ("head", "titular"):
        with pytest.raises(PermissionDenied, match="Solo los revisores de la CNCS"):
            org.add_person(procedures, person_id=world[who], name="Intrusa",
                           email="intrusa@ine.mx", level=Level.MANDO_SUPERIOR,
                           area="Junta Local Ejecutiva en Jalisco")
        with pytest.raises(PermissionDenied):
            org.set_role(procedures, person_id=world[who], email=f"{'vocal'}.jal@ine.mx",
                         role=Role.REVISOR_CNCS)
    assert "intrusa@ine.mx" not in _people(database)
    assert not _people(database)["vocal.jal@ine.mx"].has_role(Role.REVISOR_CNCS)


def test_reviewer_adds_area_and_person_and_edits(procedures, world, database, recorder):
    org.add_area(procedures, person_id=world["reviewer"], name="Junta Distrital 05 Jalisco",
                 kind=AreaKind.JUNTA_DISTRITAL, state="Jalisco", district=5)
    org.add_person(procedures, person_id=world["reviewer"], name="Luis Vocal",
                   email="Luis.Vocal@ine.mx", level=Level.MANDO_MEDIO,
                   area="junta distrital 05 jalisco")
    assert org.edit_person(procedures, person_id=world["reviewer"], email="luis.vocal@ine.mx",
                           level=Level.MANDO_SUPERIOR)
    person = _people(database)["luis.vocal@ine.mx"]
    assert person.level == Level.MANDO_SUPERIOR
    assert [e.action for e in recorder.entries] == [
        "area_registrada", "persona_registrada", "persona_modificada"]
    assert all(e.actor_id == world["reviewer"] for e in recorder.entries)
    with pytest.raises(ValidationError, match="no pertenece al dominio ine.mx"):
        org.add_person(procedures, person_id=world["reviewer"], name="X", email="x@gmail.com",
                       level=Level.OPERATIVO, area="JLE")
    with pytest.raises(ValidationError, match="Ya hay un área"):
        org.add_area(procedures, person_id=world["reviewer"], name="JUNTA DISTRITAL 05 JALISCO",
                     kind=AreaKind.JUNTA_DISTRITAL, state="Jalisco")


# -- refusals --------------------------------------------------------------------------------
def test_removing_the_last_reviewer_is_refused(procedures, world, database):
    with pytest.raises(ValidationError, match="último revisor"):
        org.remove_person(procedures, person_id=world["reviewer"], email="revisora@ine.mx")
    with pytest.raises(ValidationError, match="último revisor"):
        org.set_role(procedures, person_id=world["reviewer"], email="revisora@ine.mx",
                     role=Role.REVISOR_CNCS, grant=False)
    assert _people(database)["revisora@ine.mx"].deleted_at is None
    assert _people(database)["revisora@ine.mx"].has_role(Role.REVISOR_CNCS)
    # With a second reviewer, the first may go.
    org.add_person(procedures, person_id=world["reviewer"], name="Otro Revisor",
                   email="otro.revisor@ine.mx", level=Level.MANDO_MEDIO, area="CNCS")
    org.set_role(procedures, person_id=world["reviewer"], email="otro.revisor@ine.mx",
                 role=Role.REVISOR_CNCS)
    org.remove_person(procedures, person_id=world["reviewer"], email="revisora@ine.mx")
    assert _people(database)["revisora@ine.mx"].deleted_at is not None


def test_removing_an_area_titular_is_refused(procedures, world, database):
    with pytest.raises(ValidationError, match="titular de Junta Local Ejecutiva en Jalisco"):
        org.remove_person(procedures, person_id=world["reviewer"], email="vocal.jal@ine.mx")
    assert _people(database)["vocal.jal@ine.mx"].deleted_at is None


@pytest.mark.parametrize("email,role", [("titular.jal@ine.mx", "titular"),
                                        ("suplente.jal@ine.mx", "suplente")])
def test_removing_an_administrator_of_an_active_account_is_refused(procedures, world, database,
                                                                   email, role):
    with pytest.raises(ValidationError, match=f"administrador {role} de la cuenta "
                       "@JLE_JaliscoINE"):
        org.remove_person(procedures, person_id=world["reviewer"], email=email)
    assert _people(database)[email].deleted_at is None


def test_leaving_an_area_without_titular_is_refused(procedures, world, database):
    with pytest.raises(ValidationError, match="sin titular"):
        org.set_role(procedures, person_id=world["reviewer"], email="vocal.jal@ine.mx",
                     role=Role.TITULAR_AREA, grant=False)
    with pytest.raises(ValidationError, match="sin titular"):
        org.edit_person(procedures, person_id=world["reviewer"], email="vocal.jal@ine.mx",
                        area="CNCS")
    with pytest.raises(ValidationError, match="mando medio o superior"):
        org.edit_person(procedures, person_id=world["reviewer"], email="vocal.jal@ine.mx",
                        level=Level.OPERATIVO)
    person = _people(database)["vocal.jal@ine.mx"]
    assert person.has_role(Role.TITULAR_AREA) and person.level == Level.MANDO_SUPERIOR


def test_titular_of_area_must_be_mando_medio_or_above(procedures, world, database):
    with pytest.raises(ValidationError, match="personal operativo"):
        org.set_role(procedures, person_id=world["reviewer"], email="suplente.jal@ine.mx",
                     role=Role.TITULAR_AREA)
    assert not _people(database)["suplente.jal@ine.mx"].has_role(Role.TITULAR_AREA)


def test_new_area_titular_is_recorded_and_notified(procedures, world, database, recorder,
                                                   smtp_server):
    org.set_role(procedures, person_id=world["reviewer"], email="titular.jal@ine.mx",
                 role=Role.TITULAR_AREA)
    people = _people(database)
    assert people["titular.jal@ine.mx"].has_role(Role.TITULAR_AREA)
    assert not people["vocal.jal@ine.mx"].has_role(Role.TITULAR_AREA)
    assert recorder.entries[-1].action == "titular_area_designado"
    with database.session() as session:
        mail = session.query(OutgoingMail).one()
        assert "7.iv" in mail.body and "Vocal jal → Titular jal" in mail.body
        assert procedures.settings.cncs_email in mail.recipients


# -- CSV import ------------------------------------------------------------------------------
MISTAKES = (
    "\ufeffNombre;Correo institucional;Nivel;Área\n"
    "Ana López;ana.lopez@ine.mx;Mando medio;JLE\n"
    "Beto Ruiz;beto@gmail.com;Operativo;JLE\n"
    "Ana Repetida;ANA.LOPEZ@ine.mx;Operativo;JLE\n"
    "Carla Díaz;carla.diaz@ine.mx;Jefa;JLE\n"
    "Dario Paz;dario.paz@ine.mx;Operativo;Junta de Marte\n"
    ";;;\n"
    "Vocal jal;vocal.jal@ine.mx;operativo;JLE\n"
    "Elena Sol;elena.sol@ine.mx;mando_superior;Coordinación Nacional de Comunicación Social\n"
)


def test_import_preview_lists_every_problem_and_imports_nothing(procedures, world, database,
                                                               recorder):
    preview = org.preview_import(procedures, MISTAKES.encode())
    by_line = {line.number: line for line in preview.lines}
    assert not preview.clean
    assert by_line[2].problems == ()
    assert "no pertenece al dominio ine.mx" in by_line[3].problems[0]
    assert by_line[4].problems == ("Correo repetido: ya aparece en la línea 2.",)
    assert "Nivel «Jefa» no válido" in by_line[5].problems[0]
    assert "Área desconocida: «Junta de Marte»" in by_line[6].problems[0]
    assert 7 not in by_line  # the empty line
    assert "mando medio o superior" in by_line[8].problems[0]  # the area's titular demoted
    assert by_line[9].problems == ()
    before = len(_people(database))
    with pytest.raises(ValidationError, match="No se importó nada: el archivo tiene 5"):
        org.import_directory(procedures, person_id=world["reviewer"], data=MISTAKES.encode())
    assert len(_people(database)) == before and recorder.entries == []


def test_import_only_the_clean_lines_then_again_updates(procedures, world, database):
    result = org.import_directory(procedures, person_id=world["reviewer"],
                                  data=MISTAKES.encode(), only_valid=True)
    assert (result.created, result.updated, result.skipped) == (2, 0, 5)
    people = _people(database)
    assert people["ana.lopez@ine.mx"].level == Level.MANDO_MEDIO
    assert "beto@gmail.com" not in people
    again = ("nombre,correo,nivel,area\n"
             "Ana López Pérez,ana.lopez@ine.mx,Mando superior,CNCS\n"
             "Elena Sol,elena.sol@ine.mx,Mando superior,Coordinación Nacional de Comunicación "
             "Social\n")
    result = org.import_directory(procedures, person_id=world["reviewer"], data=again.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    people = _people(database)
    assert len([p for p in people if p.startswith("ana.lopez")]) == 1
    assert people["ana.lopez@ine.mx"].name == "Ana López Pérez"
    assert people["ana.lopez@ine.mx"].level == Level.MANDO_SUPERIOR


@pytest.mark.parametrize("data,message", [
    (b"", "vacío"),
    (b"nombre;correo\nAna;ana@ine.mx\n", "Falta la columna «nivel», «area»"),
    ("nombre;correo;nivel;área\nAña;a@ine.mx;Operativo;JLE\n".encode("latin-1"), "UTF-8"),
    (b"\x00\x01\x02binary", "nulos"),
])
def test_import_of_a_broken_file_says_why(procedures, world, data, message):
    preview = org.preview_import(procedures, data)
    assert not preview.clean and message in " ".join(preview.file_problems)
    with pytest.raises(ValidationError, match="No se importó nada"):
        org.import_directory(procedures, person_id=world["reviewer"], data=data,
                             only_valid=True)


def test_import_refused_to_a_non_reviewer(procedures, world, database):
    with pytest.raises(PermissionDenied):
        org.import_directory(procedures, person_id=world["titular"],
                             data=b"nombre;correo;nivel;area\nAna;ana.x@ine.mx;Operativo;JLE\n")
    assert "ana.x@ine.mx" not in _people(database)


def test_import_of_a_removed_person_is_a_line_problem_not_a_failed_import(procedures, world,
                                                                          database):
    org.add_person(procedures, person_id=world["reviewer"], name="Ida", email="ida@ine.mx",
                   level=Level.OPERATIVO, area="JLE")
    org.remove_person(procedures, person_id=world["reviewer"], email="ida@ine.mx")
    data = "nombre;correo;nivel;area\nIda;ida@ine.mx;Operativo;JLE\nEva;eva@ine.mx;Operativo;JLE\n"
    preview = org.preview_import(procedures, data.encode())
    assert "dada de baja" in preview.lines[0].problems[0]
    result = org.import_directory(procedures, person_id=world["reviewer"], data=data.encode(),
                                  only_valid=True)
    assert (result.created, result.skipped) == (1, 1)
    assert _people(database)["ida@ine.mx"].deleted_at is not None


def test_a_failed_bitacora_write_leaves_no_half_import(database, clock, data_dir, mail_settings,
                                                        world):
    from tests.actions_support import FailingRecorder

    failing = Procedures(database=database, clock=clock, settings=mail_settings,
                         data_dir=data_dir, outbox=lambda s: Outbox(s, clock, None),
                         secrets=SecretStore(), recorder=FailingRecorder("directorio_importado"))
    data = b"nombre;correo;nivel;area\nAna;ana.f@ine.mx;Operativo;JLE\n"
    with pytest.raises(OSError):
        org.import_directory(failing, person_id=world["reviewer"], data=data)
    assert "ana.f@ine.mx" not in _people(database)
