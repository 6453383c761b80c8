"""Models and the validations of sections 5.1 and 7 through the Directory service."""

from datetime import date

import pytest

from redes_desktop.errors import ValidationError
from redes_desktop.models import (
    Account,
    AccountStatus,
    AdminKind,
    AreaKind,
    Level,
    Network,
    Person,
    Role,
)
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.directory import Directory
from tests.factories import make_office


@pytest.fixture
def directory(session, clock):
    return Directory(session, clock, MemoryRecorder())


def test_entities_get_uuid_timestamps_and_versions(directory, session):
    office = make_office(directory)
    session.commit()
    account = session.get(Account, office.account.id)
    assert account.id.version == 4
    assert account.created_at.tzinfo is not None
    assert account.row_version == 1
    account.name = "INE Jalisco (oficial)"
    session.commit()
    assert account.row_version == 2


def test_stale_update_is_refused(database, directory, session):
    from sqlalchemy.orm.exc import StaleDataError

    office = make_office(directory)
    session.commit()
    with database.session() as other:
        copy = other.get(Account, office.account.id)
        copy.name = "Cambio en otra sesión"
        other.commit()
    office.account.name = "Cambio basado en una versión vieja"
    with pytest.raises(StaleDataError):
        session.commit()


@pytest.mark.parametrize(
    "email", ["juan@gmail.com", "juan@ine.mx.evil.com", "juan@iine.mx", "sin-arroba"]
)
def test_person_email_must_be_ine_mx(directory, email):
    area = directory.create_area("UNICOM", AreaKind.OFICINAS_CENTRALES)
    with pytest.raises(ValidationError) as error:
        directory.create_person("Juan", email, Level.MANDO_MEDIO, area)
    assert error.value.criterion == "7.v"
    assert "ine.mx" in error.value.message


def test_subdomain_email_is_institutional(directory):
    area = directory.create_area("UNICOM", AreaKind.OFICINAS_CENTRALES)
    person = directory.create_person("Juan", "Juan.Perez@Correo.INE.mx", Level.MANDO_MEDIO, area)
    assert person.email == "juan.perez@correo.ine.mx"


def test_duplicate_email_refused(directory):
    area = directory.create_area("UNICOM", AreaKind.OFICINAS_CENTRALES)
    directory.create_person("Juan", "juan@ine.mx", Level.MANDO_MEDIO, area)
    with pytest.raises(ValidationError, match="Ya hay una persona"):
        directory.create_person("Juan Dos", "JUAN@ine.mx", Level.MANDO_MEDIO, area)


def test_x_handle_must_end_in_ine(directory):
    area = directory.create_area("JLE Oaxaca", AreaKind.JUNTA_LOCAL, state="Oaxaca")
    with pytest.raises(ValidationError) as error:
        directory.create_account(
            area=area,
            network=Network.X,
            name="INE Oaxaca",
            handle="@JLE_Oaxaca",
            email="redes.oax@ine.mx",
        )
    assert error.value.criterion == "7.v"
    account = directory.create_account(
        area=area,
        network=Network.X,
        name="INE Oaxaca",
        handle="JLE_OaxacaINE",
        email="redes.oax@ine.mx",
    )
    assert account.handle == "@JLE_OaxacaINE"
    assert account.status == AccountStatus.SOLICITADA


def test_other_networks_do_not_need_the_suffix(directory):
    area = directory.create_area("DECEyEC", AreaKind.OFICINAS_CENTRALES)
    account = directory.create_account(
        area=area,
        network=Network.YOUTUBE,
        name="Educación cívica",
        handle="@educacioncivica",
        email="deceyec@ine.mx",
    )
    assert account.network == Network.YOUTUBE


@pytest.mark.parametrize("network", [Network.X, Network.FACEBOOK])
def test_juntas_distritales_cannot_open_x_or_facebook(directory, network):
    area = directory.create_area(
        "JDE 05 Jalisco", AreaKind.JUNTA_DISTRITAL, state="Jalisco", district=5
    )
    with pytest.raises(ValidationError) as error:
        directory.create_account(
            area=area, network=network, name="JDE 05", handle="@JDE05JalINE", email="jde05@ine.mx"
        )
    assert error.value.criterion == "7.x"


def test_juntas_distritales_may_open_instagram(directory):
    area = directory.create_area(
        "JDE 05 Jalisco", AreaKind.JUNTA_DISTRITAL, state="Jalisco", district=5
    )
    account = directory.create_account(
        area=area,
        network=Network.INSTAGRAM,
        name="JDE 05",
        handle="@jde05jal",
        email="jde05@ine.mx",
    )
    assert account.area.kind == AreaKind.JUNTA_DISTRITAL


def test_titular_must_be_mando_medio_or_superior(directory):
    office = make_office(directory)
    operativo = directory.create_person(
        "Operativa", "operativa@ine.mx", Level.OPERATIVO, office.area
    )
    with pytest.raises(ValidationError) as error:
        directory.designate_administrators(
            office.account, operativo, office.titular, since=date(2026, 4, 1)
        )
    assert error.value.criterion == "5.1"


def test_titular_and_suplente_must_differ(directory):
    office = make_office(directory)
    with pytest.raises(ValidationError, match="distintas"):
        directory.designate_administrators(
            office.account, office.titular, office.titular, since=date(2026, 4, 1)
        )


def test_new_designation_closes_the_previous_one(directory, session):
    office = make_office(directory)
    new_titular = directory.create_person("Nuevo", "nuevo@ine.mx", Level.MANDO_MEDIO, office.area)
    directory.designate_administrators(
        office.account, new_titular, office.suplente, since=date(2026, 5, 1)
    )
    current = office.account.current_administrators(date(2026, 5, 1))
    assert {(a.person.name, a.kind) for a in current} == {
        ("Nuevo", AdminKind.TITULAR),
        ("Suplente jal", AdminKind.SUPLENTE),
    }
    before = office.account.current_administrators(date(2026, 4, 30))
    assert {a.person.name for a in before} == {"Titular jal", "Suplente jal"}
    assert new_titular.has_role(Role.ADMIN_TITULAR)


def test_designation_records_activity(directory):
    make_office(directory)
    actions = [entry.action for entry in directory.recorder.entries]
    assert actions == ["cuenta_registrada", "administradores_designados"]


def test_search_is_accent_blind_and_covers_administrators(directory, session):
    make_office(
        directory,
        name="Junta Local Ejecutiva en Michoacán",
        state="Michoacán",
        handle="@INEMichoacanINE",
        slug="mich",
    )
    make_office(directory)
    session.commit()
    assert [r.handle for r in directory.search_accounts("michoacan")] == ["@INEMichoacanINE"]
    assert [r.handle for r in directory.search_accounts("suplente jal")] == ["@JLE_JaliscoINE"]
    assert len(directory.search_accounts("")) == 2
    row = directory.search_accounts("jalisco")[0]
    assert (row.titular, row.suplente) == ("Titular jal", "Suplente jal")


def test_person_roles_round_trip(directory, session):
    area = directory.create_area("CNCS", AreaKind.OFICINAS_CENTRALES)
    person = directory.create_person("R", "r@ine.mx", Level.MANDO_MEDIO, area, [Role.REVISOR_CNCS])
    session.commit()
    session.expire_all()
    assert session.get(Person, person.id).role_set == {Role.REVISOR_CNCS}
