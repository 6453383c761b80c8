"""The demo institution: counts, the rules of 5.1 and 7, deadlines relative to the clock, and
the `redes-desktop demo` command (refusal, --force with a backup)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from redes_desktop.clock import to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.models import (
    AbsenceKind,
    AbsencePeriod,
    Account,
    AccountStatus,
    AdminKind,
    Area,
    AreaKind,
    Consultation,
    ConsultationState,
    Evaluation,
    Level,
    Network,
    PasswordRotation,
    Person,
    Post,
    PostMedia,
    PostStatus,
    Role,
    TrainingSession,
)
from redes_desktop.services.demo import DemoRefused, seed_demo
from redes_desktop.services.demo_folder import seed_demo_folder
from redes_desktop.workspace import open_workspace

STATES = {
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Coahuila",
    "Colima", "Chiapas", "Chihuahua", "Ciudad de México", "Durango", "Guanajuato", "Guerrero",
    "Hidalgo", "Jalisco", "Estado de México", "Michoacán", "Morelos", "Nayarit", "Nuevo León",
    "Oaxaca", "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora",
    "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
}


@pytest.fixture
def demo(session, clock, data_dir):
    summary = seed_demo(session, clock, data_dir=data_dir)
    session.commit()
    return summary


def _all(session, model):
    return list(session.scalars(select(model)))


def test_areas_central_local_and_district(session, demo):
    areas = _all(session, Area)
    local = [a for a in areas if a.kind == AreaKind.JUNTA_LOCAL]
    assert len(local) == 32
    assert {a.state for a in local} == STATES
    assert all(a.name.startswith("Junta Local Ejecutiva en ") for a in local)
    assert "Junta Local Ejecutiva en Jalisco" in {a.name for a in local}
    central = {a.acronym for a in areas if a.kind == AreaKind.OFICINAS_CENTRALES}
    assert {"CNCS", "UNICOM", "DECEyEC", "DERFE", "SE", "UTTyPDP"} <= central
    districts = [a for a in areas if a.kind == AreaKind.JUNTA_DISTRITAL]
    assert len(districts) >= 3
    assert all(a.district and a.state in STATES and a.parent_id for a in districts)
    # Every area has a titular, who carries the role.
    for area in areas:
        assert area.titular is not None and area.titular.has_role(Role.TITULAR_AREA)
    assert demo.areas == len(areas) and demo.juntas_locales == 32


def test_people_have_unique_institutional_emails_and_cncs_reviewers(session, demo):
    people = _all(session, Person)
    assert len(people) == demo.people >= 96
    emails = [p.email for p in people]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.]+@ine\.mx", e) for e in emails)
    reviewers = [p for p in people if p.has_role(Role.REVISOR_CNCS)]
    assert 2 <= len(reviewers) <= 3
    assert all(p.area.acronym == "CNCS" for p in reviewers)


def test_accounts_follow_section_7(session, demo):
    accounts = _all(session, Account)
    assert 55 <= len(accounts) <= 65 and demo.accounts == len(accounts)
    assert {a.status for a in accounts} == set(AccountStatus)
    assert {a.network for a in accounts} >= {Network.X, Network.FACEBOOK, Network.INSTAGRAM,
                                             Network.YOUTUBE, Network.TIKTOK}
    assert sum(a.status == AccountStatus.ACTIVA for a in accounts) > len(accounts) * 0.7
    for account in accounts:
        assert account.email.endswith("@ine.mx")
        if account.network == Network.X:
            assert account.handle.lower().endswith("ine"), account.handle  # 7.v
        if account.network in (Network.X, Network.FACEBOOK):  # 7.x
            assert account.area.kind != AreaKind.JUNTA_DISTRITAL
        if account.status in (AccountStatus.ACTIVA, AccountStatus.AUTORIZADA):
            assert account.official
        if account.status in (AccountStatus.SOLICITADA, AccountStatus.RECHAZADA):
            assert not account.official and not account.verified
        assert account.purposes and all(re.fullmatch(r"3\.[ivx]+", p) for p in account.purposes)
    x_local = [a for a in accounts
               if a.network == Network.X and a.area.kind == AreaKind.JUNTA_LOCAL]
    assert len(x_local) == 32
    assert any(a.verified for a in accounts)


def test_every_active_account_has_current_titular_and_suplente(session, clock, demo):
    today = to_mexico(clock()).date()
    active = [a for a in _all(session, Account) if a.status == AccountStatus.ACTIVA]
    assert len(active) == demo.active_accounts
    for account in active:
        current = account.current_administrators(today)
        kinds = sorted(a.kind for a in current)
        assert kinds == [AdminKind.SUPLENTE, AdminKind.TITULAR], account
        titular = next(a.person for a in current if a.kind == AdminKind.TITULAR)
        suplente = next(a.person for a in current if a.kind == AdminKind.SUPLENTE)
        assert titular.level in (Level.MANDO_MEDIO, Level.MANDO_SUPERIOR)  # 5.1
        assert titular.id != suplente.id
        assert titular.area_id == suplente.area_id == account.area_id
        assert titular.has_role(Role.ADMIN_TITULAR) and suplente.has_role(Role.ADMIN_SUPLENTE)
    # One account shows a change of administrators (7.iv): an ended designation.
    assert any(a.until is not None for acc in active for a in acc.administrators)


def test_consultations_in_every_state_with_48_hour_terms(session, clock, demo):
    now = clock()
    consultations = _all(session, Consultation)
    assert {c.state for c in consultations} == set(ConsultationState)
    for c in consultations:
        assert c.deadline - c.sent_at == timedelta(hours=48)
        assert set(c.snapshot) == {"text", "networks", "media", "findings"}
        assert c.snapshot["text"] == c.post.text and c.question
        assert c.sent_at <= now
        if c.state == ConsultationState.PENDIENTE:
            assert c.deadline > now and c.decided_at is None and c.reviewer is None
            assert c.post.status == PostStatus.EN_CONSULTA
        else:
            assert c.decided_at is not None and c.decided_at <= now and c.reasoning
        if c.state in (ConsultationState.APROBADA, ConsultationState.RECHAZADA,
                       ConsultationState.REQUIERE_CAMBIOS):
            assert c.reviewer is not None and c.reviewer.has_role(Role.REVISOR_CNCS)
    left = [c.deadline - now for c in consultations if c.state == ConsultationState.PENDIENTE]
    assert any(t < timedelta(hours=2) for t in left)
    assert any(timedelta(hours=2) < t < timedelta(hours=12) for t in left)
    assert any(t > timedelta(hours=24) for t in left)
    assert demo.consultations == len(consultations)


def test_posts_in_several_states_with_media(session, clock, demo):
    posts = _all(session, Post)
    statuses = {p.status for p in posts}
    assert statuses == set(PostStatus)
    assert sum(p.status == PostStatus.BORRADOR for p in posts) >= 10
    for post in posts:
        assert post.text and post.network == post.account.network
        assert post.account.status == AccountStatus.ACTIVA
        if post.status == PostStatus.PUBLICADA:
            assert post.published_url.startswith("https://")
            assert post.published_at is not None and post.published_at < clock()
        if post.network == Network.X:
            assert len(post.text) <= 280
    media = _all(session, PostMedia)
    assert media and all(re.fullmatch(r"[0-9a-f]{64}", m.sha256) and m.alt_text for m in media)


def test_password_rotations_some_overdue(session, clock, demo):
    now = clock()
    active = [a for a in _all(session, Account) if a.status == AccountStatus.ACTIVA]
    latest: dict = {}
    for rotation in _all(session, PasswordRotation):
        assert rotation.rotated_at <= now
        admins = {a.person_id for a in rotation.account.administrators}
        assert rotation.rotated_by_id in admins
        previous = latest.get(rotation.account_id)
        latest[rotation.account_id] = max(previous or rotation.rotated_at, rotation.rotated_at)
    assert set(latest) == {a.id for a in active}
    ages = [now - when for when in latest.values()]
    overdue = [age for age in ages if age > timedelta(days=61)]  # 6.xxxiii: every two months
    assert 3 <= len(overdue) < len(ages) / 2
    assert any(age < timedelta(days=14) for age in ages)


def test_absence_covers_today_with_suplente_and_notice(session, clock, demo):
    today = to_mexico(clock()).date()
    absences = _all(session, AbsencePeriod)
    current = [a for a in absences if a.starts_on <= today <= a.ends_on]
    assert len(current) == 1
    absence = current[0]
    assert absence.kind == AbsenceKind.VACACIONES
    assert "9:00" in absence.public_notice and "marzo" in absence.public_notice
    # The covering person is the suplente of an account whose titular is the absent person.
    accounts = _all(session, Account)
    pairs = set()
    for account in accounts:
        admins = {a.kind: a.person_id for a in account.current_administrators(today)}
        pairs.add((admins.get(AdminKind.TITULAR), admins.get(AdminKind.SUPLENTE)))
    assert (absence.person_id, absence.covering_person_id) in pairs
    assert any(a.starts_on > today for a in absences)


def test_training_and_evaluations(session, clock, demo):
    today = to_mexico(clock()).date()
    (training,) = _all(session, TrainingSession)
    assert training.held_on < today
    attended = [a.attended for a in training.attendances]
    assert len(attended) > 50 and any(attended) and not all(attended)
    evaluations = _all(session, Evaluation)
    assert len(evaluations) >= 2
    for e in evaluations:
        assert e.period_end < today and e.evaluated_at < clock() and e.findings


def test_summary_is_spanish(demo):
    text = str(demo)
    assert text.startswith("Demostración creada: ")
    assert "32 Juntas Locales" in text and "cuentas" in text and "consultas" in text


def test_deterministic(tmp_path, clock):
    from redes_desktop.database import open_local_database

    results = []
    for name in ("a", "b"):
        db = open_local_database(tmp_path / f"{name}.sqlite3")
        with db.session() as s:
            seed_demo(s, clock, data_dir=tmp_path / name)
            s.commit()
            people = [(p.name, p.email) for p in s.scalars(select(Person).order_by(Person.email))]
            handles = sorted((a.network.value, a.handle) for a in s.scalars(select(Account)))
            results.append((people, handles))
        db.dispose()
    assert results[0] == results[1]


def test_seed_refuses_a_database_with_data(session, clock, data_dir, demo):
    with pytest.raises(DemoRefused) as info:
        seed_demo(session, clock, data_dir=data_dir)
    assert isinstance(info.value, UserFacingError)
    assert "--force" in info.value.message
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Area)) == demo.areas


def _area_count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM areas").fetchone()[0]
    finally:
        conn.close()


def test_seed_demo_folder_refuses_then_backs_up_with_force(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    try:
        first = seed_demo_folder(workspace)
        assert first.startswith("Demostración creada") and "respaldo" not in first.lower()
        areas = _area_count(workspace.paths.database)
        with pytest.raises(DemoRefused) as info:
            seed_demo_folder(workspace)
        assert "ya tiene datos" in info.value.message and "--force" in info.value.message
        assert not workspace.paths.backups.exists()

        forced = seed_demo_folder(workspace, force=True)
        backups = sorted(workspace.paths.backups.glob("redes-*.sqlite3"))
        assert len(backups) == 1 and str(backups[0]) in forced
        assert backups[0].name == "redes-antes-de-demo-20260310-120000.sqlite3"
        assert _area_count(backups[0]) == areas  # the old data is kept, whole
        assert _area_count(workspace.paths.database) == areas  # fresh demo, not doubled

        seed_demo_folder(workspace, force=True)  # same clock: a second, distinct backup
        assert len(list(workspace.paths.backups.glob("redes-*.sqlite3"))) == 2
        assert workspace.settings.current_person_id is None
    finally:
        workspace.close()


def test_force_keeps_a_damaged_database_aside(data_dir, clock):
    from redes_desktop.errors import DatabaseError

    damaged = b"esto no es una base de datos SQLite" * 200
    (data_dir / "redes.sqlite3").write_bytes(damaged)
    workspace = open_workspace(data_dir, clock=clock)
    try:
        with pytest.raises(DatabaseError):
            seed_demo_folder(workspace)
        assert (data_dir / "redes.sqlite3").read_bytes() == damaged
        message = seed_demo_folder(workspace, force=True)
        (backup,) = workspace.paths.backups.glob("redes-*.sqlite3")
        assert backup.read_bytes() == damaged and str(backup) in message
        assert _area_count(workspace.paths.database) > 0
    finally:
        workspace.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "redes_desktop", *args],
                          capture_output=True, text=True, timeout=120, env=env)


def test_cli_demo_refuses_second_run_and_forces_with_backup(tmp_path):
    folder = str(tmp_path / "datos")
    first = _cli("demo", "--data-dir", folder)
    assert first.returncode == 0, first.stderr
    assert "Demostración creada" in first.stdout and "32 Juntas Locales" in first.stdout

    second = _cli("demo", "--data-dir", folder)
    assert second.returncode != 0
    assert "ya tiene datos" in second.stderr and "--force" in second.stderr

    forced = _cli("demo", "--data-dir", folder, "--force")
    assert forced.returncode == 0, forced.stderr
    backups = list((tmp_path / "datos" / "respaldos").glob("redes-*.sqlite3"))
    assert len(backups) == 1 and _area_count(backups[0]) > 0
    assert "respaldos" in forced.stdout


@pytest.mark.postgres
def test_seed_demo_on_postgresql(postgres_engine, clock, tmp_path):
    from redes_desktop.database import open_database

    db = open_database(postgres_engine)
    with db.session() as s:
        summary = seed_demo(s, clock, data_dir=tmp_path)
        s.commit()
        assert s.scalar(select(func.count()).select_from(Account)) == summary.accounts
