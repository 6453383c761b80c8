"""Sign-in (issue 14), Qt-free: the local credential (Argon2id hash in the secret store), the
shared database's login check against the real PostgreSQL, the throttle, the idle policy and
the bitácora entries."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from argon2 import PasswordHasher, Type

from redes_desktop.actions.sign_in import LOCAL, NEW_LOCAL, SHARED, SignInService
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import AreaKind, Level, Role
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.signin.credentials import LocalCredential, SignInRefused, secret_key
from redes_desktop.signin.idle import IdlePolicy
from redes_desktop.signin.shared_login import verify_shared_login
from redes_desktop.signin.throttle import Throttle
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.test_sync_support import logins, shared_engine  # noqa: F401  (fixtures)

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)


class MemorySecrets(SecretStore):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, secret):
        self.values[key] = secret

    def delete(self, key):
        return self.values.pop(key, None) is not None


@pytest.fixture
def world(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular = office.titular.id
    context = AppContext(workspace=workspace, database=database, clock=clock,
                         secrets=MemorySecrets(), recorder=MemoryRecorder())
    sleeps: list[float] = []
    service = SignInService.of(context, Throttle(sleeper=sleeps.append),
                               LocalCredential(context.secrets, FAST))
    yield service, titular, sleeps
    workspace.close()


def _actions(service):
    return [entry.action for entry in service.context.recorder.entries]


def test_local_credential_is_an_argon2id_hash_in_the_secret_store_only():
    secrets = MemorySecrets()
    credential = LocalCredential(secrets, FAST)
    person = uuid.uuid4()
    assert not credential.is_set(person) and not credential.verify(person, "")
    credential.set(person, "correcta-larga", "correcta-larga")
    stored = secrets.values[secret_key(person)]
    assert stored.startswith("$argon2id$") and "correcta-larga" not in stored
    assert credential.verify(person, "correcta-larga")
    assert not credential.verify(person, "Correcta-larga")
    assert not credential.verify(uuid.uuid4(), "correcta-larga")


def test_a_damaged_hash_never_passes():
    secrets = MemorySecrets()
    person = uuid.uuid4()
    secrets.values[secret_key(person)] = "no es un hash"
    assert not LocalCredential(secrets, FAST).verify(person, "no es un hash")


@pytest.mark.parametrize("password,confirmation", [("corta", "corta"),
                                                    ("suficiente1", "suficiente2"),
                                                    ("x" * 300, "x" * 300)])
def test_a_new_local_credential_is_validated(password, confirmation):
    with pytest.raises(UserFacingError):
        LocalCredential(MemorySecrets(), FAST).set(uuid.uuid4(), password, confirmation)


def test_throttle_slows_down_repeated_failures_and_a_success_resets():
    sleeps: list[float] = []
    throttle = Throttle(sleeper=sleeps.append, max_delay=8)
    delays = []
    for _ in range(6):
        delays.append(throttle.wait("p"))
        throttle.failed("p")
    assert delays == [0, 0, 1, 2, 4, 8]
    assert sleeps == [1, 2, 4, 8]
    assert throttle.delay("otra") == 0  # per person
    throttle.succeeded("p")
    assert throttle.delay("p") == 0


def test_idle_policy_with_an_injected_clock(clock):
    policy = IdlePolicy(5, clock)
    clock.advance(timedelta(minutes=4, seconds=59))
    assert not policy.due()
    policy.touch()
    clock.advance(timedelta(minutes=4))
    assert not policy.due()
    clock.advance(timedelta(minutes=1))
    assert policy.due()
    assert not IdlePolicy(0, clock).due()  # 0: never locks


def test_first_local_sign_in_sets_the_credential_then_checks_it(world):
    service, titular, sleeps = world
    assert service.state(titular).mode == NEW_LOCAL
    with pytest.raises(SignInRefused):  # the first sign-in must confirm a new password
        service.sign_in(titular, "mi-contrasena")
    identity = service.sign_in(titular, "mi-contrasena", confirmation="mi-contrasena")
    assert identity.person_id == titular
    assert service.state(titular).mode == LOCAL
    with pytest.raises(SignInRefused):
        service.sign_in(titular, "otra-cosa")
    with pytest.raises(SignInRefused):
        service.sign_in(titular, "otra-cosa")
    assert sleeps == []
    service.sign_in(titular, "mi-contrasena")
    assert sleeps == [1]  # the attempt after two failures waited
    assert service.throttle.delay(str(titular)) == 0
    assert _actions(service) == ["sesion_fallida", "sesion_iniciada", "sesion_fallida",
                                 "sesion_fallida", "sesion_iniciada"]
    details = " ".join(str(e.details) for e in service.context.recorder.entries)
    assert "mi-contrasena" not in details and "otra-cosa" not in details
    # Never in the settings.
    text = service.context.workspace.paths.root.joinpath("settings.json")
    if text.exists():
        assert "argon2" not in text.read_text(encoding="utf-8")


def test_lock_is_recorded(world):
    service, titular, _ = world
    identity = service.sign_in(titular, "mi-contrasena", confirmation="mi-contrasena")
    service.record_lock(identity, 15)
    assert _actions(service)[-1] == "sesion_bloqueada"


# -- the shared database: the person's own login role, checked by the real server --------------
def _shared_person(shared_engine, *, reviewer=False):  # noqa: F811
    """A person in the shared database's directory (as a sync would have put them)."""
    from sqlalchemy.orm import Session

    tag = uuid.uuid4().hex[:8]
    with Session(shared_engine) as session:
        directory = Directory(session, lambda: None, NullRecorder())
        area = directory.create_area(f"Área {tag}", AreaKind.OFICINAS_CENTRALES)
        person = directory.create_person(f"Persona {tag}", f"persona{tag}@ine.mx",
                                         Level.MANDO_MEDIO, area, [Role.ADMIN_TITULAR])
        session.commit()
        return person.id, person.email


def _url(shared_engine) -> str:  # noqa: F811
    with shared_engine.connect() as conn:
        schema = conn.exec_driver_sql("SELECT current_schema()").scalar()
    return f"postgresql+psycopg://root@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


@pytest.mark.postgres
def test_shared_login_is_checked_against_the_server(shared_engine, logins):  # noqa: F811
    person, email = _shared_person(shared_engine)
    other, other_email = _shared_person(shared_engine)
    url = _url(shared_engine)
    logins(email)  # the person's own login role, mapped in db_logins
    logins(other_email)
    verify_shared_login(url, email.lower(), "cualquiera", person)
    # Someone else's login does not prove this person.
    with pytest.raises(SignInRefused, match="no pertenece"):
        verify_shared_login(url, other_email.lower(), "cualquiera", person)
    # A role that does not exist is refused by the server.
    with pytest.raises(SignInRefused, match="rechazó"):
        verify_shared_login(url, f"nadie{uuid.uuid4().hex[:8]}", "x", person)
    # The schema owner (no person behind it) is not anyone.
    with pytest.raises(SignInRefused, match="no pertenece"):
        verify_shared_login(url, "root", "cualquiera", person)


@pytest.mark.postgres
def test_sign_in_with_a_shared_database_uses_the_server_then_works_offline(
        world, shared_engine, logins):  # noqa: F811
    service, titular, _ = world
    settings = service.context.workspace.settings
    with service.context.session() as session:
        email = Directory(session, service.context.clock, NullRecorder()).person(titular).email
    person, person_email = _shared_person(shared_engine)
    settings.shared_database_url = _url(shared_engine)
    assert service.state(titular).mode == SHARED
    # The titular has no login on the server: refused, even with a password typed twice.
    with pytest.raises(SignInRefused):
        service.sign_in(titular, "cualquiera-larga", confirmation="cualquiera-larga",
                        login=email.lower())
    assert not service.credential.is_set(titular)
    # Someone else's login, even a valid one, does not make one the titular.
    logins(person_email)
    with pytest.raises(SignInRefused, match="no pertenece"):
        service.sign_in(titular, "x", login=person_email.lower())
    # Offline (the server does not answer) without a local credential: refused.
    settings.shared_database_url = "postgresql+psycopg://nadie@127.0.0.1:1/test"
    with pytest.raises(SignInRefused, match="no responde"):
        service.sign_in(titular, "cualquiera-larga", confirmation="cualquiera-larga")
    assert not service.credential.is_set(titular)
    assert "sesion_iniciada" not in _actions(service)


def test_the_configured_address_password_is_never_a_persons_password():
    from redes_desktop.signin.shared_login import login_url

    url = login_url("postgresql+psycopg://estacion:secreta@servidor/base", "persona@ine.mx", "")
    assert url.password is None and url.username == "persona@ine.mx"


# -- the failure throttle survives a restart (kept in the data folder) -------------------------
def test_failures_persist_across_a_restart_and_the_file_is_private(world):
    import stat

    from redes_desktop.signin.throttle import throttle_path

    service, titular, _ = world
    context = service.context
    service.sign_in(titular, "mi-contrasena", confirmation="mi-contrasena")
    path = throttle_path(context.workspace.paths.root)
    first: list[float] = []
    running = SignInService.of(context, Throttle(sleeper=first.append, path=path),
                               service.credential)
    for _ in range(3):
        with pytest.raises(SignInRefused):
            running.sign_in(titular, "no-es-esta")
    assert first == [1]  # the third attempt waited
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "no-es-esta" not in path.read_text(encoding="utf-8")
    # The program is closed and opened again: a new throttle reads the same counts.
    again: list[float] = []
    restarted = SignInService.of(context, Throttle(sleeper=again.append, path=path),
                                 service.credential)
    with pytest.raises(SignInRefused):
        restarted.sign_in(titular, "tampoco")
    assert again == [2]  # the 4th failure in a row waits as if nothing had restarted
    restarted.sign_in(titular, "mi-contrasena")
    assert again == [2, 4]
    assert Throttle(path=path).delay(str(titular)) == 0  # the success reset it on disk too


def test_the_default_service_keeps_its_throttle_in_the_data_folder(world):
    from redes_desktop.signin.throttle import throttle_path

    service, titular, _ = world
    context = service.context
    default = SignInService.of(context, credential=service.credential)
    assert default.throttle.path == throttle_path(context.workspace.paths.root)
    with pytest.raises(SignInRefused):  # first sign-in without confirmation: a failure
        default.sign_in(titular, "mi-contrasena")
    assert Throttle(path=default.throttle.path).failures == {str(titular): 1}


def test_a_damaged_throttle_file_does_not_stop_sign_in(world, tmp_path):
    path = tmp_path / "sesion-intentos.json"
    path.write_text("{no es json", encoding="utf-8")
    throttle = Throttle(sleeper=lambda _s: None, path=path)
    assert throttle.delay("p") == 0
    throttle.failed("p")
    throttle.failed("p")
    assert Throttle(path=path).delay("p") == 1
