"""Passwords in the keyring only, revealed only to whoever may (5.1), rotations recorded
(6.xxxiii) — and no password ever in the database, its WAL, settings, logs or bitácora."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import AbsenceKind, AbsencePeriod, PasswordRotation
from redes_desktop.passwords.generator import generate_password
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.password_service import (
    NOTICE_NAME,
    PasswordService,
    overdue_passwords_job,
    secret_key,
)
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


@pytest.fixture
def office(session, clock):
    office = make_office(Directory(session, clock, NullRecorder()))
    session.commit()
    return office


@pytest.fixture
def recorder():
    return MemoryRecorder()


@pytest.fixture
def service(session, clock, recorder):
    return PasswordService(session, clock, SecretStore(), recorder)


def test_rotation_stores_in_keyring_and_records_without_the_password(
    service, office, memory_keyring, recorder, clock
):
    password = generate_password()
    rotation = service.rotate(office.titular, office.account.id, password,
                              confirmed_on_network=True)
    assert rotation.rotated_at == clock() and rotation.rotated_by_id == office.titular.id
    assert memory_keyring.store[("redes-desktop", f"cuenta:{office.account.id}")] == password
    [entry] = recorder.entries
    assert entry.action == "contrasena_rotada" and entry.account_id == office.account.id
    assert password not in json.dumps(entry.details)
    assert service.reveal(office.titular, office.account.id) == password
    assert recorder.entries[-1].action == "contrasena_consultada"


def test_area_titular_may_reveal_others_may_not(service, office, session, clock):
    password = generate_password()
    service.rotate(office.titular, office.account.id, password, confirmed_on_network=True)
    assert service.reveal(office.head, office.account.id) == password
    with pytest.raises(PermissionDenied, match="suplente.*cubre una ausencia"):
        service.reveal(office.suplente, office.account.id)
    reviewer = make_reviewer(Directory(session, clock, NullRecorder()))
    with pytest.raises(PermissionDenied, match="criterio 5.1"):
        service.reveal(reviewer, office.account.id)
    other = make_office(Directory(session, clock, NullRecorder()),
        name="Junta Local en Colima", state="Colima",
                        handle="@JLE_ColimaINE", slug="col")
    with pytest.raises(PermissionDenied):
        service.reveal(other.titular, office.account.id)


def test_suplente_may_reveal_while_covering(service, office, session, clock):
    password = generate_password()
    service.rotate(office.titular, office.account.id, password, confirmed_on_network=True)
    today = service.permissions.today()
    session.add(AbsencePeriod(person_id=office.titular.id, covering_person_id=office.suplente.id,
                              kind=AbsenceKind.VACACIONES, starts_on=today,
                              ends_on=today + timedelta(days=5)))
    session.flush()
    assert service.reveal(office.suplente, office.account.id) == password


def test_rotation_refusals_store_nothing(service, office, memory_keyring, session):
    with pytest.raises(ValidationError, match="Primero cambie la contraseña en la red"):
        service.rotate(office.titular, office.account.id, generate_password(),
                       confirmed_on_network=False)
    with pytest.raises(ValidationError, match="5.2 g.*«jalisco»"):
        service.rotate(office.titular, office.account.id, "Jalisco2026!", confirmed_on_network=True)
    with pytest.raises(PermissionDenied):
        service.rotate(office.suplente, office.account.id, generate_password(),
                       confirmed_on_network=True)
    with pytest.raises(NotFound, match="No existe la cuenta"):
        service.rotate(office.titular, uuid.uuid4(), generate_password(),
                       confirmed_on_network=True)
    with pytest.raises(NotFound, match="No existe la cuenta"):
        service.rotate(office.titular, "no-es-un-id", generate_password(),
                       confirmed_on_network=True)
    assert memory_keyring.store == {}
    assert session.query(PasswordRotation).count() == 0


def test_no_keyring_backend_says_what_to_do_and_stores_nothing(service, office, session):
    keyring.set_keyring(FailKeyring())
    with pytest.raises(SecretsUnavailable, match="llavero del sistema"):
        service.rotate(office.titular, office.account.id, generate_password(),
                       confirmed_on_network=True)
    assert session.query(PasswordRotation).count() == 0
    with pytest.raises(SecretsUnavailable, match="no guarda contraseñas en ningún otro lugar"):
        service.reveal(office.titular, office.account.id)


def test_reveal_without_a_stored_password(service, office):
    with pytest.raises(NotFound, match="No hay contraseña de @JLE_JaliscoINE en el llavero"):
        service.reveal(office.titular, office.account.id)


def test_status_by_urgency_and_visibility(service, office, session, clock):
    directory = Directory(session, clock, NullRecorder())
    colima = make_office(directory, name="Junta Local en Colima", state="Colima",
                         handle="@JLE_ColimaINE", slug="col")
    reviewer = make_reviewer(directory)
    service.rotate(office.titular, office.account.id, generate_password(),
                   confirmed_on_network=True)
    rows = service.status(office.titular)
    assert [r.handle for r in rows] == ["@JLE_JaliscoINE"]
    assert rows[0].state == RotationState.AL_DIA and rows[0].last_rotated_by == "Titular jal"
    assert [r.handle for r in service.status(office.suplente)] == ["@JLE_JaliscoINE"]
    assert [r.handle for r in service.status(office.head)] == ["@JLE_JaliscoINE"]
    everyone = service.status(reviewer)
    assert [(r.handle, r.state) for r in everyone] == [
        ("@JLE_ColimaINE", RotationState.VENCIDA), ("@JLE_JaliscoINE", RotationState.AL_DIA)]
    assert service.status(colima.titular)[0].last_rotated_at is None
    clock.advance(timedelta(days=55))  # 4 May → due 10 May
    assert service.status(office.titular)[0].state == RotationState.POR_VENCER
    clock.advance(timedelta(days=7))
    late = service.status(office.titular)[0]
    assert late.state == RotationState.VENCIDA and late.due.days_left == -1
    assert [r.handle for r in service.due(None)] == ["@JLE_ColimaINE", "@JLE_JaliscoINE"]


# -- the job ------------------------------------------------------------------------------------
@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular_id = office.titular.id
        account_id = office.account.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = {"account": account_id}
    ctx.choose_identity(titular_id)
    yield ctx
    workspace.close()


def test_overdue_notice_at_most_once_a_day(context, clock, data_dir):
    [notice] = overdue_passwords_job(context)
    assert notice.title == "Contraseñas vencidas" and "@JLE_JaliscoINE" in notice.message
    # One account: clicking the notice opens that account's password.
    assert notice.target == ("contrasenas", str(context.ids["account"]))
    person = context.identity.person_id
    assert (data_dir / f"aviso-{NOTICE_NAME}-{person}.txt").read_text().strip() == "2026-03-10"
    assert overdue_passwords_job(context) == []
    clock.advance(timedelta(days=1))
    assert len(overdue_passwords_job(context)) == 1


def test_job_is_registered():
    from redes_desktop import jobs

    spec = "redes_desktop.services.password_service:overdue_passwords_job"
    assert spec in jobs.STARTUP_JOBS and spec in jobs.PERIODIC_JOBS


# -- nothing leaks ------------------------------------------------------------------------------
class FileBitacora:
    """Stands in for the bitácora: every entry written to a file as the recorder gets it."""

    def __init__(self, path):
        self.path = path

    def record(self, entry) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"at": entry.at.isoformat(), "action": entry.action,
                                     "account": str(entry.account_id),
                                     "details": entry.details}, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("store", ["llavero", "boveda"])
def test_no_password_reaches_database_wal_settings_logs_or_bitacora(
    context, data_dir, memory_keyring, store
):
    if store == "boveda":  # no keyring: the secrets go to the local vault (issue 12)
        from redes_desktop.vault.choice import SecretsOptions, choose_store
        from redes_desktop.vault.file import KdfParams

        keyring.set_keyring(FailKeyring())
        context.secrets = choose_store(context.workspace.paths, SecretsOptions(
            kdf=KdfParams(1, 8, 1), keyring_check=lambda: False))
        context.secrets.create("frase de la bóveda para la prueba")
    log_path = data_dir / "redes.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    engine_logger = logging.getLogger("sqlalchemy.engine")
    root = logging.getLogger()
    old_levels = (root.level, engine_logger.level)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    engine_logger.setLevel(logging.DEBUG)  # every SQL statement and its parameters
    context.recorder = FileBitacora(data_dir / "bitacora.jsonl")
    passwords = [generate_password(), "Ñandú-Sílaba-Árbol-47-Cigüeña-Lápiz"]
    smtp_password, shared_password = "Correo-Ñu-" + generate_password(), "BaseComun" + "x" * 9
    signin_password, signin_typo = "Entrada-Ñ-" + generate_password(), "Casi-" + generate_password()
    try:
        for password in passwords:
            with context.session() as session:
                person = context.current_person(session)
                service = PasswordService(session, context.clock, context.secrets,
                                          context.recorder)
                account_id = service.status(person)[0].account_id
                service.rotate(person, account_id, password, confirmed_on_network=True)
                assert service.reveal(person, account_id, purpose="copiar") == password
                session.commit()
            context.workspace.save_settings()
            context.clock.advance(timedelta(minutes=1))
        # Issue 14: the SMTP and shared-database passwords set through Preferencias (the second
        # one typed inside the address, as people do) end in the secret store only.
        from redes_desktop.actions import preferences

        preferences.apply_mail(context.workspace, context.secrets, preferences.MailForm(
            host="smtp.ine.mx", user="redes", password=smtp_password))
        preferences.apply_shared(context.workspace, context.secrets, preferences.SharedForm(
            url=f"postgresql://redes:{shared_password}@db.ine.mx/redes"))
        # Issue 14: a person's sign-in password (set, mistyped, used) stays out of every file
        # too — the settings, the failure counts, the bitácora; only its Argon2id hash is kept,
        # in the secret store.
        from redes_desktop.actions.sign_in import SignInService
        from redes_desktop.signin.credentials import SignInRefused

        context.workspace.settings.shared_database_url = ""
        signin = SignInService.of(context)
        person_id = context.identity.person_id
        signin.sign_in(person_id, signin_password, confirmation=signin_password)
        with pytest.raises(SignInRefused):
            signin.sign_in(person_id, signin_typo)
        signin.sign_in(person_id, signin_password)
        context.workspace.save_settings()
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_levels[0])
        engine_logger.setLevel(old_levels[1])
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"redes.sqlite3", "redes.sqlite3-wal", "settings.json", "redes.log",
            "bitacora.jsonl"} <= names
    if store == "boveda":
        assert {"secretos.boveda", "instalacion.id"} <= names
    assert "contrasena_rotada" in (data_dir / "bitacora.jsonl").read_text(encoding="utf-8")
    assert "INSERT INTO password_rotations" in log_path.read_text(encoding="utf-8")
    assert context.secrets.get("smtp") == smtp_password
    assert context.secrets.get("base-compartida") == shared_password
    assert "sesion_fallida" in (data_dir / "bitacora.jsonl").read_text(encoding="utf-8")
    assert "sesion-intentos.json" in names  # the failure counts, scanned like every file
    stored_hash = context.secrets.get(f"acceso:{context.identity.person_id}")
    assert stored_hash.startswith("$argon2id$")
    for password in [*passwords, smtp_password, shared_password, signin_password, signin_typo,
                     stored_hash]:
        needles = [password.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
        for path in files:
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"password found in {path.name}"
    if store == "boveda":
        assert memory_keyring.store == {}
        assert context.secrets.get(secret_key(account_id)) == passwords[-1]
    else:
        assert memory_keyring.store[("redes-desktop", secret_key(account_id))] == passwords[-1]
