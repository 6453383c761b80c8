"""Permissions per role, checked in the service layer (5.1, 6.viii)."""

from datetime import date, timedelta

import pytest

from redes_desktop.errors import PermissionDenied
from redes_desktop.models import AbsenceKind, AbsencePeriod, Level
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.permissions import Action, Permissions
from tests.factories import make_office, make_reviewer


@pytest.fixture
def world(session, clock):
    directory = Directory(session, clock, NullRecorder())
    office = make_office(directory)
    other = make_office(
        directory,
        name="Junta Local Ejecutiva en Sonora",
        state="Sonora",
        handle="@JLE_SonoraINE",
        slug="son",
    )
    reviewer = make_reviewer(directory)
    stranger = directory.create_person("Ajena", "ajena@ine.mx", Level.MANDO_MEDIO, office.area)
    session.flush()
    return office, other, reviewer, stranger, Permissions(session, clock)


@pytest.mark.parametrize(
    "action",
    [
        Action.COMPOSE,
        Action.CONSULT_CNCS,
        Action.REVEAL_PASSWORD,
        Action.ROTATE_PASSWORD,
        Action.VIEW_ACCOUNT,
    ],
)
def test_titular_administrator_operates_own_account(world, action):
    office, other, _reviewer, _stranger, perms = world
    assert perms.check(office.titular, action, account=office.account)
    assert not perms.check(office.titular, action, account=other.account)


def test_suplente_operates_only_while_covering(world, session, clock):
    office, _other, _reviewer, _stranger, perms = world
    decision = perms.check(office.suplente, Action.COMPOSE, account=office.account)
    assert not decision and "ausencia" in decision.reason
    assert perms.check(office.suplente, Action.VIEW_ACCOUNT, account=office.account)
    today = perms.today()
    session.add(
        AbsencePeriod(
            person_id=office.titular.id,
            covering_person_id=office.suplente.id,
            kind=AbsenceKind.VACACIONES,
            starts_on=today,
            ends_on=today + timedelta(days=2),
        )
    )
    session.flush()
    assert perms.check(office.suplente, Action.COMPOSE, account=office.account)
    clock.advance(timedelta(days=3))
    assert not perms.check(office.suplente, Action.COMPOSE, account=office.account)


def test_area_titular_may_reveal_but_not_compose(world):
    office, _other, _reviewer, _stranger, perms = world
    assert perms.check(office.head, Action.REVEAL_PASSWORD, account=office.account)
    assert not perms.check(office.head, Action.COMPOSE, account=office.account)
    assert perms.check(office.head, Action.MANAGE_ADMINISTRATORS, area=office.area)


def test_only_reviewers_decide(world):
    office, _other, reviewer, _stranger, perms = world
    assert perms.check(reviewer, Action.DECIDE_CONSULTATION)
    assert perms.check(reviewer, Action.AUTHORIZE_ACCOUNT)
    with pytest.raises(PermissionDenied, match="revisor de CNCS"):
        perms.require(office.titular, Action.DECIDE_CONSULTATION)


def test_reviewer_sees_but_does_not_compose(world):
    office, _other, reviewer, _stranger, perms = world
    assert perms.check(reviewer, Action.VIEW_ACCOUNT, account=office.account)
    assert not perms.check(reviewer, Action.COMPOSE, account=office.account)


def test_person_without_designation_has_no_access(world):
    office, _other, _reviewer, stranger, perms = world
    with pytest.raises(PermissionDenied, match="5.1"):
        perms.require(stranger, Action.VIEW_ACCOUNT, account=office.account)
    assert not perms.check(stranger, Action.REQUEST_ACCOUNT, area=office.area)


def test_ended_designation_loses_access(world, session):
    office, _other, _reviewer, _stranger, perms = world
    for admin in office.account.administrators:
        admin.until = perms.today() - timedelta(days=1)
    session.flush()
    assert not perms.check(office.titular, Action.COMPOSE, account=office.account)
    assert perms.today() == date(2026, 3, 10)
