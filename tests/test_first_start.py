"""The first start of an installation (issue 14): a new institution's first CNCS reviewer, or
joining an existing one through the real shared PostgreSQL with one's own login."""

from __future__ import annotations

import uuid

import pytest
from argon2 import PasswordHasher, Type

from redes_desktop.actions.first_start import NewInstitution, join_institution, start_institution
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Area, Level, Person
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.signin.credentials import LocalCredential, SignInRefused
from redes_desktop.sync.connect import SECRET_KEY
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.test_signin import MemorySecrets, _shared_person, _url
from tests.test_sync_support import logins, shared_engine  # noqa: F401  (fixtures)

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


@pytest.fixture
def empty(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    context = AppContext(workspace=workspace, database=workspace.open_database(), clock=clock,
                         secrets=MemorySecrets(), recorder=MemoryRecorder())
    yield context, LocalCredential(context.secrets, FAST)
    workspace.close()


def _count(context, model) -> int:
    with context.session() as session:
        return session.query(model).count()


def test_a_new_institution_starts_with_its_cncs_reviewer(empty):
    context, credential = empty
    form = NewInstitution("Revisora Primera", "revisora.primera@ine.mx", Level.MANDO_MEDIO,
                          "clave-de-la-revisora", "clave-de-la-revisora")
    identity = start_institution(context, form, credential)
    assert identity.is_reviewer and credential.verify(identity.person_id,
                                                      "clave-de-la-revisora")
    actions = [e.action for e in context.recorder.entries]
    assert "institucion_creada" in actions and actions[-1] == "sesion_iniciada"
    # Not a first start any more: nobody else becomes a reviewer this way.
    with pytest.raises(UserFacingError, match="ya tiene una institución"):
        start_institution(context, NewInstitution("Intrusa", "intrusa@ine.mx",
                                                  Level.MANDO_MEDIO, "otra-clave-1",
                                                  "otra-clave-1"), credential)
    assert _count(context, Person) == 1


def test_a_bad_password_creates_nothing(empty):
    context, credential = empty
    with pytest.raises(UserFacingError, match="no coinciden"):
        start_institution(context, NewInstitution("Revisora", "r@ine.mx", Level.MANDO_MEDIO,
                                                  "clave-larga-1", "clave-larga-2"), credential)
    assert _count(context, Area) == 0 and _count(context, Person) == 0


def test_an_existing_directory_refuses_a_new_institution(empty, clock):
    context, credential = empty
    with context.session() as session:
        make_office(Directory(session, clock, NullRecorder()))
        session.commit()
    with pytest.raises(UserFacingError):
        start_institution(context, NewInstitution("Revisora", "r@ine.mx", Level.MANDO_MEDIO,
                                                  "clave-larga-1", "clave-larga-1"), credential)


@pytest.mark.postgres
def test_joining_pulls_the_organisation_and_signs_in_as_the_login(
        empty, shared_engine, logins):  # noqa: F811
    context, credential = empty
    person, email = _shared_person(shared_engine)
    url = _url(shared_engine)
    # A login without a person behind it (the schema owner) joins as nobody.
    with pytest.raises(SignInRefused, match="no corresponde"):
        join_institution(context, url, "root", "", credential)
    with pytest.raises(SignInRefused, match="rechazó"):
        join_institution(context, url, f"nadie{uuid.uuid4().hex[:8]}", "x", credential)
    assert context.workspace.settings.shared_database_url == ""
    assert context.secrets.get(SECRET_KEY) is None
    logins(email)
    identity = join_institution(context, url, email.lower(), "su-clave-del-servidor",
                                credential)
    assert identity.person_id == person and identity.email == email
    assert _count(context, Person) >= 1
    settings = context.workspace.settings
    from sqlalchemy.engine import make_url

    assert make_url(settings.shared_database_url).username == email.lower()
    assert "su-clave-del-servidor" not in settings.shared_database_url
    assert context.secrets.get(SECRET_KEY) == "su-clave-del-servidor"
    assert credential.verify(person, "su-clave-del-servidor")  # offline sign-in later
