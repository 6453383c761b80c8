"""The procedure actions (issue 13) on a real SQLite file: each commits what it did, rolls
back on error, refuses with one message when nobody is signed in, refuses who may not, and
writes its bitácora entry through the recorder it was given (8.iii)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from redes_desktop.actions.change_administrators import may_change_administrators
from redes_desktop.actions.close_account import closable_accounts, request_closure
from redes_desktop.actions.passwords import Passwords
from redes_desktop.actions.procedures import Procedures
from redes_desktop.actions.record_evaluation import record_evaluation
from redes_desktop.actions.register_absence import (
    absence_form,
    cancel_absence,
    list_absences,
    register_absence,
)
from redes_desktop.actions.report_incident import report_incident
from redes_desktop.actions.request_account import AccountRequestInput, request_account
from redes_desktop.actions.rotate_password import rotate_password
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.clock import to_mexico
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import AbsenceKind, AbsencePeriod, Evaluation, Incident, Network
from redes_desktop.models.procedures import AccountClosure, AccountRequest
from redes_desktop.passwords.generator import generate_password
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from tests.factories import make_office, make_reviewer


@pytest.fixture
def world(database, clock):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        return dict(head=office.head.id, titular=office.titular.id, suplente=office.suplente.id,
                    account=office.account.id, area=office.area.id, reviewer=reviewer.id)


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
def passwords(database, clock, mail_settings, recorder):
    return Passwords(database=database, clock=clock, secrets=SecretStore(),
                     outbox=lambda s: Outbox(s, clock, SmtpMailer(
                         MailConfig.from_settings(mail_settings))),
                     cncs_email=mail_settings.cncs_email,
                     unicom_email=mail_settings.unicom_email, recorder=recorder)


def _count(database, model) -> int:
    with database.session() as session:
        return session.query(model).count()


def _form(world, **changes) -> AccountRequestInput:
    values = dict(area_id=str(world["area"]), network=Network.INSTAGRAM,
                  name="INE Jalisco en Instagram", handle="@ine_jalisco",
                  email="instagram.jal@ine.mx", purposes=("3.i", "3.xi"),
                  justification="Difundir el programa de educación cívica del Plan Anual de la "
                                "Junta Local en escuelas de Jalisco.",
                  titular_id=str(world["titular"]), suplente_id=str(world["suplente"]),
                  oficio=None, rhythm="diaria")
    values.update(changes)
    return AccountRequestInput(**values)


def test_a_request_is_committed_and_recorded(procedures, world, recorder, tmp_path):
    oficio = tmp_path / "oficio.pdf"
    oficio.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    request_id = request_account(procedures, _form(world, oficio=str(oficio)),
                                 person_id=world["head"])
    with procedures.database.session() as session:
        assert session.get(AccountRequest, request_id) is not None
    assert any(e.actor_id == world["head"] for e in recorder.entries)


def test_a_refused_request_leaves_nothing_behind(procedures, world, recorder):
    with pytest.raises(ValidationError):
        request_account(procedures, _form(world, handle="sin arroba"), person_id=world["head"])
    assert _count(procedures.database, AccountRequest) == 0


def test_nobody_signed_in_is_one_message_for_every_action(procedures, passwords, world):
    calls = [
        lambda: request_account(procedures, _form(world), person_id=None),
        lambda: request_closure(procedures, world["account"], None, "x", person_id=None),
        lambda: register_absence(procedures, world["titular"], AbsenceKind.VACACIONES,
                                 date(2026, 4, 1), date(2026, 4, 2), person_id=None),
        lambda: rotate_password(passwords, world["account"], generate_password(),
                                confirmed_on_network=True, person_id=None),
        lambda: report_incident(passwords, world["account"], "Algo raro", passwords.clock(),
                                person_id=None),
        lambda: record_evaluation(procedures.database, world["account"],
                                  period_start=date(2025, 9, 1), period_end=date(2026, 2, 28),
                                  score=8, findings="Bien", person_id=None,
                                  clock=procedures.clock, recorder=NullRecorder()),
    ]
    for call in calls:
        with pytest.raises(NoIdentity, match="Cambiar de usuario"):
            call()
    assert may_change_administrators(procedures.database, clock=procedures.clock,
                                     person_id=None, account_id=world["account"])
    assert closable_accounts(procedures, person_id=None) == ()
    assert absence_form(procedures, person_id=None) is None


def test_who_may_close_is_decided_by_the_action(procedures, world):
    assert [a.account_id for a in closable_accounts(procedures, person_id=world["head"])] == [
        str(world["account"])]
    assert closable_accounts(procedures, person_id=world["suplente"]) == ()
    with pytest.raises(PermissionDenied):
        request_closure(procedures, world["account"], None, "Ya no se usa",
                        person_id=world["suplente"])
    assert _count(procedures.database, AccountClosure) == 0


def test_an_absence_is_registered_recorded_and_cancelled(procedures, world, recorder):
    today = to_mexico(procedures.clock()).date()
    form = absence_form(procedures, person_id=world["titular"])
    assert form is not None and form.people[0] == (str(world["titular"]), form.people[0][1])
    done = register_absence(procedures, world["titular"], AbsenceKind.VACACIONES,
                            today + timedelta(days=7), today + timedelta(days=9),
                            person_id=world["titular"])
    assert done.periods >= 1
    [row] = list_absences(procedures)
    assert row.starts_on == today + timedelta(days=7)
    assert recorder.entries and recorder.entries[-1].actor_id == world["titular"]
    cancel_absence(procedures, row.id, person_id=world["titular"])
    with procedures.database.session() as session:
        assert all(a.deleted_at is not None for a in session.query(AbsencePeriod))


def test_an_absence_ending_before_it_starts_is_rolled_back(procedures, world):
    today = to_mexico(procedures.clock()).date()
    with pytest.raises(ValidationError):
        register_absence(procedures, world["titular"], AbsenceKind.VACACIONES,
                         today + timedelta(days=9), today + timedelta(days=7),
                         person_id=world["titular"])
    assert _count(procedures.database, AbsencePeriod) == 0


def test_a_rotation_reaches_the_keyring_and_the_recorder(passwords, world, recorder):
    password = generate_password()
    rotate_password(passwords, world["account"], password, confirmed_on_network=True,
                    person_id=world["titular"])
    assert SecretStore().get(f"cuenta:{world['account']}") == password
    assert recorder.entries and recorder.entries[-1].actor_id == world["titular"]
    assert password not in repr(recorder.entries)


def test_an_incident_is_committed_and_a_stranger_refused(passwords, world, recorder):
    with pytest.raises(PermissionDenied):
        report_incident(passwords, world["account"], "Publicaciones ajenas", passwords.clock(),
                        person_id=_stranger(passwords))
    assert _count(passwords.database, Incident) == 0
    report_incident(passwords, world["account"], "Publicaciones que nadie del área hizo.",
                    passwords.clock(), person_id=world["titular"])
    assert _count(passwords.database, Incident) == 1
    assert recorder.entries[-1].actor_id == world["titular"]


def _stranger(passwords):
    with passwords.database.session() as session:
        other = make_office(Directory(session, passwords.clock, NullRecorder()),
                            name="Junta Local en Colima", state="Colima", slug="col",
                            handle="@JLE_ColimaINE")
        session.commit()
        return other.titular.id


def test_only_cncs_records_an_evaluation_and_it_is_recorded(procedures, world, recorder):
    fields = dict(period_start=date(2025, 9, 1), period_end=date(2026, 2, 28), score=8,
                  findings="Cumple su periodicidad.", clock=procedures.clock,
                  recorder=recorder)
    with pytest.raises(PermissionDenied):
        record_evaluation(procedures.database, world["account"], person_id=world["head"],
                          **fields)
    assert _count(procedures.database, Evaluation) == 0
    record_evaluation(procedures.database, world["account"], person_id=world["reviewer"],
                      **fields)
    assert _count(procedures.database, Evaluation) == 1
    assert recorder.entries[-1].action == "evaluacion_registrada"
