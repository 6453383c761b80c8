"""Alerts scoped to the person (issue 15): the daily jobs tell an area's titular about their own
accounts only, a suplente about the accounts they cover while the coverage lasts (and not
otherwise), and a CNCS reviewer about the whole institution. The decision is
`services/alert_scope.py` (Qt-free); the jobs are run as the window runs them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.models import AbsenceKind, Account, PasswordRotation, Person
from redes_desktop.passwords.rotation import ROTATION_MONTHS
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.account_health import health_job
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.alert_scope import alert_scope
from redes_desktop.services.coverage import AbsenceService
from redes_desktop.services.directory import Directory
from redes_desktop.services.password_service import overdue_passwords_job
from redes_desktop.spanish_dates import add_months
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer

OTHER_STATES = [("Sonora", "son"), ("Yucatán", "yuc"), ("Oaxaca", "oax")]


@pytest.fixture
def world(data_dir, clock):
    """Jalisco and Puebla offices and three more, every account silent for 10 days (inactive)
    and unverified; Jalisco's password expired 17 days ago, the others never rotated."""
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    today = to_mexico(clock()).date()
    with database.session() as s:
        directory = Directory(s, clock, NullRecorder())
        jal = make_office(directory)
        pue = make_office(directory, name="Junta Local Ejecutiva en Puebla", state="Puebla",
                          handle="@JLE_PueblaINE", slug="pue")
        for state, slug in OTHER_STATES:
            make_office(directory, name=f"Junta Local Ejecutiva en {state}", state=state,
                        handle=f"@JLE_{slug}INE", slug=slug)
        reviewer = make_reviewer(directory)
        s.flush()
        for account in s.query(Account):
            account.created_at = clock() - timedelta(days=10)
        due_on = today - timedelta(days=17)
        rotated = clock() - (today - add_months(due_on, -ROTATION_MONTHS))
        s.add(PasswordRotation(account_id=jal.account.id, rotated_at=rotated,
                               rotated_by_id=jal.titular.id))
        s.commit()
        ids = {"jal_titular": jal.titular.id, "jal_suplente": jal.suplente.id,
               "jal_account": jal.account.id, "pue_titular": pue.titular.id,
               "pue_head": pue.head.id, "pue_account": pue.account.id,
               "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    yield ctx
    workspace.close()


def _cover(ctx, days: int = 4) -> None:
    """The Jalisco titular goes on vacation from today; their suplente covers."""
    with ctx.session() as s:
        service = AbsenceService(s, ctx.clock, NullRecorder())
        titular = s.get(Person, ctx.ids["jal_titular"])
        service.register(titular, titular, AbsenceKind.VACACIONES, service.today(),
                         service.today() + timedelta(days=days))
        s.commit()


def _scope(ctx, who: str):
    with ctx.session() as s:
        person = s.get(Person, ctx.ids[who])
        return alert_scope(s, person, to_mexico(ctx.clock()).date())


def _jobs(ctx, who: str) -> list:
    ctx.choose_identity(ctx.ids[who])
    return overdue_passwords_job(ctx) + health_job(ctx)


def test_an_administrator_is_told_only_about_their_own_accounts(world):
    assert _scope(world, "pue_titular").account_ids == {world.ids["pue_account"]}
    passwords, health = _jobs(world, "pue_titular")
    assert "@JLE_PueblaINE" in passwords.message and "1 cuenta(s)" in passwords.message
    assert "1 inactiva(s)" in health.message and "@JLE_PueblaINE" in health.message
    for other in ("@JLE_JaliscoINE", "@JLE_sonINE", "5 inactiva"):
        assert other not in passwords.message and other not in health.message
    # Clicking opens that account (its password, its row in Cuentas).
    assert passwords.target == ("contrasenas", str(world.ids["pue_account"]))
    assert health.target == ("cuentas", str(world.ids["pue_account"]))


def test_an_area_titular_is_told_about_the_accounts_of_their_area(world):
    assert _scope(world, "pue_head").account_ids == {world.ids["pue_account"]}
    passwords, _health = _jobs(world, "pue_head")
    assert "@JLE_PueblaINE" in passwords.message and "Jalisco" not in passwords.message


def test_cncs_is_told_about_the_whole_institution(world):
    assert _scope(world, "reviewer").institution_wide
    passwords, health = _jobs(world, "reviewer")
    assert "5 cuenta(s)" in passwords.message
    assert "Cuentas de la institución: 5 inactiva(s)" in health.message


def test_a_suplente_outside_a_coverage_is_told_nothing(world):
    assert _scope(world, "jal_suplente").account_ids == frozenset()
    assert _jobs(world, "jal_suplente") == []


def test_a_suplente_covering_is_told_about_the_covered_account_while_it_lasts(world, clock):
    _cover(world, days=4)
    scope = _scope(world, "jal_suplente")
    assert scope.account_ids == {world.ids["jal_account"]}
    passwords, health = _jobs(world, "jal_suplente")
    assert ("@JLE_JaliscoINE (cubre a Titular jal hasta el 14 de marzo): Venció hace 17 días"
            in passwords.message)
    assert "@JLE_PueblaINE" not in passwords.message
    assert "@JLE_JaliscoINE (cubre a Titular jal" in health.message
    # The day after the coverage ends, nothing more.
    clock.advance(timedelta(days=5))
    assert _scope(world, "jal_suplente").account_ids == frozenset()
    assert _jobs(world, "jal_suplente") == []


def test_each_person_at_the_workstation_is_told_once_a_day(world, clock):
    """The titular signs in first; the suplente who covers signs in later the same day at the
    same workstation and is still told (the marker is per person)."""
    _cover(world)
    assert len(_jobs(world, "jal_titular")) == 2
    assert _jobs(world, "jal_titular") == []  # already told today
    assert len(_jobs(world, "jal_suplente")) == 2
    clock.advance(timedelta(days=1))
    assert len(_jobs(world, "jal_titular")) == 2
