"""Sign-in against a PostgreSQL server that really checks passwords (scram-sha-256): the
machine's server trusts every connection, so these tests start a private cluster
(`tests/password_postgres.py`). Right password, wrong password, unknown login, someone else's
login; failures are recorded in the bitácora and slow down; offline sign-in afterwards uses the
password the server accepted."""

from __future__ import annotations

import uuid

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from redes_desktop.actions.sign_in import LOCAL, SHARED, SignInService
from redes_desktop.context import AppContext
from redes_desktop.models import Area, Person
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.signin.credentials import LocalCredential, SignInRefused
from redes_desktop.signin.shared_login import verify_shared_login
from redes_desktop.signin.throttle import Throttle
from redes_desktop.sync.shared_schema import grant_person, init_shared_database
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.test_signin import MemorySecrets

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
pytestmark = pytest.mark.postgres


@pytest.fixture
def server_schema(password_postgres):
    """A fresh shared schema on the password-checking server; its address without password."""
    schema = f"s_{uuid.uuid4().hex[:12]}"
    admin = create_engine(password_postgres.url())
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine = create_engine(password_postgres.url(schema=schema))
    init_shared_database(engine, group_role=f"redes_personas_{schema}")
    yield engine, password_postgres.url("estacion", schema=schema)
    engine.dispose()
    admin.dispose()


@pytest.fixture
def station(data_dir, clock, server_schema):
    """A workstation whose titular also exists on the shared server, with a login there."""
    engine, url = server_schema
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular, area = office.titular, office.titular.area
        copies = (Area(id=area.id, name=area.name, kind=area.kind, acronym=area.acronym,
                       state=area.state),
                  Person(id=titular.id, name=titular.name, email=titular.email.lower(),
                         level=titular.level, area_id=area.id, roles=list(titular.roles or [])))
        person_id, email = titular.id, titular.email.lower()
    with Session(engine) as shared:  # as a sync would have put them
        shared.add_all(copies)
        shared.commit()
    grant_person(engine, email, password="La-buena-2026")
    workspace.settings.shared_database_url = url
    context = AppContext(workspace=workspace, database=database, clock=clock,
                         secrets=MemorySecrets(), recorder=MemoryRecorder())
    sleeps: list[float] = []
    service = SignInService.of(context, Throttle(sleeper=sleeps.append),
                               LocalCredential(context.secrets, FAST))
    yield service, person_id, email, sleeps
    database.dispose()
    workspace.close()


def _entries(service):
    return [(e.action, e.actor_id, e.details) for e in service.context.recorder.entries]


def test_the_server_checks_the_password(station):
    service, person, email, _ = station
    url = service.context.workspace.settings.shared_database_url
    verify_shared_login(url, email, "La-buena-2026", person)
    with pytest.raises(SignInRefused, match="rechazó"):
        verify_shared_login(url, email, "la-buena-2026", person)  # case matters
    with pytest.raises(SignInRefused, match="Escriba su contraseña"):
        verify_shared_login(url, email, "", person)  # never «no responde» (offline path)
    with pytest.raises(SignInRefused, match="rechazó"):
        verify_shared_login(url, f"nadie{uuid.uuid4().hex[:6]}@ine.mx", "La-buena-2026", person)


def test_right_wrong_and_unknown_login_through_the_sign_in_service(station):
    service, person, email, sleeps = station
    assert service.state(person).mode == SHARED
    with pytest.raises(SignInRefused, match="rechazó"):
        service.sign_in(person, "equivocada")
    with pytest.raises(SignInRefused, match="rechazó"):
        service.sign_in(person, "La-buena-2026", login=f"otro{uuid.uuid4().hex[:6]}@ine.mx")
    with pytest.raises(SignInRefused, match="rechazó"):
        service.sign_in(person, "tampoco")
    assert sleeps == [1]  # the third attempt in a row waited
    assert not service.credential.is_set(person)  # nothing kept from a refused password
    identity = service.sign_in(person, "La-buena-2026", login=email)
    assert identity.person_id == person
    assert sleeps == [1, 2]
    assert service.throttle.delay(str(person)) == 0
    entries = _entries(service)
    assert [a for a, _, _ in entries] == ["sesion_fallida"] * 3 + ["sesion_iniciada"]
    assert all(actor == person for _, actor, _ in entries)
    assert [d.get("intentos") for _, _, d in entries[:3]] == [1, 2, 3]
    assert entries[-1][2] == {"via": SHARED}
    text = repr(entries)
    assert "equivocada" not in text and "La-buena-2026" not in text
    # The accepted password is now this workstation's local credential too (for offline use).
    assert service.credential.verify(person, "La-buena-2026")


def test_offline_after_a_server_sign_in_uses_the_accepted_password(station):
    service, person, _email, _ = station
    service.sign_in(person, "La-buena-2026")
    service.context.workspace.settings.shared_database_url = (
        "postgresql+psycopg://estacion@127.0.0.1:1/nada")  # nothing listens there
    with pytest.raises(SignInRefused, match="no es correcta"):
        service.sign_in(person, "equivocada")
    assert service.sign_in(person, "La-buena-2026").person_id == person
    assert _entries(service)[-1][2] == {"via": LOCAL}


def test_the_sign_in_window_against_the_password_checking_server(qtbot, station, typer):
    """The dialog a person sees: a wrong password is refused with the server's answer and
    nothing is signed in; the right one signs in (issue 14)."""
    from redes_desktop.ui.signin_dialog import SignInDialog
    from redes_desktop.ui.tasks import SynchronousPool

    service, person, email, _ = station
    dialog = SignInDialog(service.context, service, pool=SynchronousPool(), preselect=person)
    qtbot.addWidget(dialog)
    assert dialog.state is not None and dialog.state.mode == SHARED
    assert not dialog.login_edit.isHidden() and dialog.login_edit.text() == email
    assert dialog.confirm_edit.isHidden()
    typer(dialog.password_edit, "no-es-esta")
    dialog.enter_button.click()
    assert dialog.signed_in is None and service.context.identity is None
    assert "rechazó" in dialog.error_label.text() and dialog.password_edit.text() == ""
    typer(dialog.password_edit, "La-buena-2026")
    dialog.enter_button.click()
    assert dialog.signed_in is not None and service.context.identity.person_id == person
    assert [e.action for e in service.context.recorder.entries] == [
        "sesion_fallida", "sesion_iniciada"]
