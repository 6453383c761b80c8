"""Issue 16, the criteria still missing: a post's details and expired content (6.i, 6.iv, 6.x,
5.2 d), the Consejo General calendar (6.xxvii), verification (6.xxix), the official registry's
personal accounts (7.vi), training (5.3), evaluations due (8.i) and the quarterly report's
objetivos and usuarios (8.iv). Real SQLite, a real SMTP server, the actions' units of work."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from redes_desktop.actions.council_sessions import add_council_session, council_sessions
from redes_desktop.actions.expired_content import expired_content, resolve_expired_content
from redes_desktop.actions.mark_verified import mark_verified
from redes_desktop.actions.post_details import (
    council_context,
    load_post_details,
    save_post_details,
)
from redes_desktop.actions.training import (
    invite_to_training,
    record_training_attendance,
    schedule_training,
    training_overview,
)
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.actions.user_counts import record_user_count, user_counts
from redes_desktop.clock import mexico_tz
from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import (
    Account,
    AccountStatus,
    Level,
    Network,
    OutgoingMail,
    Post,
    PostStatus,
    Role,
    TrainingAttendance,
)
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.account_health import account_health
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.official_registry import official_accounts
from redes_desktop.services.post_details import Details
from redes_desktop.services.reminders import evaluation_job, training_job, validity_job
from redes_desktop.services.report_export import render
from redes_desktop.services.reports import USERS_ENTERED, USERS_NOT_AVAILABLE, quarterly_report
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer


def mx(*args) -> datetime:
    return datetime(*args, tzinfo=mexico_tz())


@pytest.fixture
def world(database, clock):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "head": office.head.id, "reviewer": reviewer.id, "account": office.account.id,
               "area": office.area.id}
    return ids


def add_post(database, account_id, *, text="Hola", status=PostStatus.BORRADOR,
             published_at=None, scheduled_at=None, valid_until=None, topic="", purpose=None):
    with database.session() as session:
        post = Post(account_id=account_id, network=Network.X, text=text, status=status,
                    published_at=published_at, scheduled_at=scheduled_at,
                    valid_until=valid_until, topic=topic, purpose=purpose)
        session.add(post)
        session.commit()
        return post.id


# -- post details (6.i, 6.iv, 6.x, 5.2 d) ------------------------------------------------------
def test_details_are_saved_recorded_and_read_back(database, clock, world):
    post_id = add_post(database, world["account"])
    recorder = MemoryRecorder()
    details = Details(purpose="3.iv", source="  Acuerdo INE/CG10/2026 ",
                      bulletin_headline="Aprueba el CG", topic="Presupuesto",
                      valid_until=date(2026, 4, 1))
    assert save_post_details(database, post_id, details, person_id=world["titular"],
                             clock=clock, recorder=recorder)
    stored = load_post_details(database, post_id)
    assert stored.purpose == "3.iv" and stored.source == "Acuerdo INE/CG10/2026"
    assert stored.valid_until == date(2026, 4, 1)
    [entry] = recorder.entries
    assert entry.action == "detalles_publicacion" and entry.details["fin"] == "3.iv"
    # Saving the same again changes nothing and records nothing.
    assert not save_post_details(database, post_id, stored, person_id=world["titular"],
                                 clock=clock, recorder=recorder)
    assert len(recorder.entries) == 1


@pytest.mark.parametrize("details, field", [
    (Details(purpose="9.i"), "fin"),
    (Details(source="x" * 501), "La fuente"),
    (Details(topic="t" * 121), "El tema"),
])
def test_bad_details_are_refused_and_nothing_changes(database, clock, world, details, field):
    post_id = add_post(database, world["account"])
    with pytest.raises(ValidationError) as error:
        save_post_details(database, post_id, details, person_id=world["titular"],
                          clock=clock, recorder=NullRecorder())
    assert error.value.field == field
    assert load_post_details(database, post_id) == Details()


def test_only_who_composes_saves_details(database, clock, world):
    post_id = add_post(database, world["account"])
    with pytest.raises(PermissionDenied):
        save_post_details(database, post_id, Details(purpose="3.i"),
                          person_id=world["suplente"], clock=clock, recorder=NullRecorder())
    with pytest.raises(NoIdentity):
        save_post_details(database, post_id, Details(purpose="3.i"), person_id=None,
                          clock=clock, recorder=NullRecorder())
    assert load_post_details(database, post_id).purpose == ""


def test_expired_content_reminds_until_updated_or_withdrawn(database, clock, world, data_dir):
    today = mx(2026, 3, 10, 12, 0)
    expired = add_post(database, world["account"], text="Registro abierto hasta el 1 de marzo",
                       status=PostStatus.PUBLICADA, published_at=today - timedelta(days=20),
                       valid_until=date(2026, 3, 1))
    add_post(database, world["account"], text="Vigente", status=PostStatus.PUBLICADA,
             published_at=today, valid_until=date(2026, 3, 30))  # still valid
    add_post(database, world["account"], text="Sin vigencia", status=PostStatus.PUBLICADA,
             published_at=today)
    [row] = expired_content(database, person_id=world["titular"], clock=clock)
    assert row.post_id == expired and "01/03/2026" in row.reason and "5.2 d" in row.reason
    # An administrator of another area does not see it; CNCS does.
    assert expired_content(database, person_id=_outsider(database, clock), clock=clock) == ()
    assert len(expired_content(database, person_id=world["reviewer"], clock=clock)) == 1
    with pytest.raises(ValidationError):  # a new validity in the past
        resolve_expired_content(database, expired, new_valid_until=date(2026, 3, 9),
                                person_id=world["titular"], clock=clock,
                                recorder=NullRecorder())
    with pytest.raises(ValidationError):  # neither or both
        resolve_expired_content(database, expired, person_id=world["titular"], clock=clock,
                                recorder=NullRecorder())
    recorder = MemoryRecorder()
    resolve_expired_content(database, expired, new_valid_until=date(2026, 3, 20),
                            person_id=world["titular"], clock=clock, recorder=recorder)
    assert expired_content(database, person_id=world["titular"], clock=clock) == ()
    clock.set(mx(2026, 3, 21, 12, 0))
    [again] = expired_content(database, person_id=world["titular"], clock=clock)
    resolve_expired_content(database, again.post_id, withdrawn=True,
                            person_id=world["titular"], clock=clock, recorder=recorder)
    assert expired_content(database, person_id=world["titular"], clock=clock) == ()
    assert [e.action for e in recorder.entries] == ["vigencia_actualizada",
                                                    "publicacion_retirada"]


# -- the reminders jobs --------------------------------------------------------------------------
@pytest.fixture
def context(data_dir, clock, world, database):
    database.dispose()
    workspace = open_workspace(data_dir, clock=clock)
    db = workspace.open_database()
    ctx = AppContext(workspace=workspace, database=db, clock=clock, recorder=MemoryRecorder(),
                     secrets=SecretStore())
    yield ctx
    workspace.close()


def test_validity_reminder_once_a_day(context, clock, world):
    add_post(context.database, world["account"], status=PostStatus.PUBLICADA,
             published_at=clock() - timedelta(days=5), valid_until=date(2026, 3, 1))
    context.choose_identity(world["titular"])
    [note] = validity_job(context)
    assert note.title == "Contenidos vencidos" and "@JLE_JaliscoINE" in note.message
    assert validity_job(context) == []
    clock.advance(timedelta(days=1))
    assert len(validity_job(context)) == 1
    context.choose_identity(world["suplente"])  # covers no absence: not theirs to act on
    clock.advance(timedelta(days=1))
    assert validity_job(context) == []
    context.choose_identity(world["reviewer"])  # CNCS: the whole institution (issue 15)
    assert len(validity_job(context)) == 1


def test_evaluation_reminder_for_cncs_and_the_area(context, clock, world):
    context.choose_identity(world["reviewer"])
    [note] = evaluation_job(context)
    assert "8.i" in note.message and "@JLE_JaliscoINE" in note.message
    assert note.message.count("Aplique la evaluación") == 1
    assert evaluation_job(context) == []
    from redes_desktop.actions.record_evaluation import record_evaluation

    record_evaluation(context.database, world["account"], period_start=date(2025, 9, 1),
                      period_end=date(2026, 2, 28), score=8, findings="Bien.",
                      person_id=world["reviewer"], clock=clock, recorder=NullRecorder())
    clock.advance(timedelta(days=1))
    assert evaluation_job(context) == []  # evaluated: nothing due
    clock.advance(timedelta(days=200))
    assert len(evaluation_job(context)) == 1  # six months later it comes due again


def test_training_reminders(context, clock, world):
    context.choose_identity(world["reviewer"])
    notes = training_job(context)
    titles = sorted(n.title for n in notes)
    assert titles == ["Administradores sin capacitación", "Capacitación anual"]
    context.choose_identity(world["titular"])
    clock.advance(timedelta(days=1))
    [mine] = training_job(context)
    assert "Usted no tiene capacitación" in mine.message


def test_training_reminder_stops_for_whoever_attended(context, clock, world):
    training = schedule_training(context.database, title="Capacitación 2026",
                                 held_on=date(2026, 3, 10), person_id=world["reviewer"],
                                 clock=clock, recorder=NullRecorder())
    record_training_attendance(context.database, training, world["titular"], True,
                               person_id=world["reviewer"], clock=clock,
                               recorder=NullRecorder())
    context.choose_identity(world["titular"])
    assert training_job(context) == []  # attended this year: nothing to remind
    context.choose_identity(world["reviewer"])
    clock.advance(timedelta(days=1))  # each reminder speaks once a day per workstation
    [pending] = training_job(context)  # a session exists: only those without one are listed
    assert pending.title == "Administradores sin capacitación"
    assert "Suplente jal" in pending.message and "Titular jal" not in pending.message


# -- 6.xxvii the Consejo General calendar ------------------------------------------------------
def test_only_cncs_enters_sessions_and_bad_times_are_refused(database, clock, world):
    start = mx(2026, 3, 12, 10, 0)
    with pytest.raises(PermissionDenied):
        add_council_session(database, title="Sesión ordinaria", starts_at=start,
                            ends_at=start + timedelta(hours=4), person_id=world["titular"],
                            clock=clock, recorder=NullRecorder())
    for ends in (start, start - timedelta(hours=1), start + timedelta(hours=25)):
        with pytest.raises(ValidationError):
            add_council_session(database, title="Sesión", starts_at=start, ends_at=ends,
                                person_id=world["reviewer"], clock=clock,
                                recorder=NullRecorder())
    with pytest.raises(ValidationError):
        add_council_session(database, title="   ", starts_at=start,
                            ends_at=start + timedelta(hours=2), person_id=world["reviewer"],
                            clock=clock, recorder=NullRecorder())
    assert council_sessions(database, clock=clock) == ()
    add_council_session(database, title="Sesión ordinaria", starts_at=start,
                        ends_at=start + timedelta(hours=4), person_id=world["reviewer"],
                        clock=clock, recorder=NullRecorder())
    [row] = council_sessions(database, clock=clock)
    assert row.title == "Sesión ordinaria"


def test_council_context_gathers_the_accounts_posts_in_the_session(database, clock, world):
    start = mx(2026, 3, 12, 10, 0)
    add_council_session(database, title="Sesión extraordinaria", starts_at=start,
                        ends_at=start + timedelta(hours=4), person_id=world["reviewer"],
                        clock=clock, recorder=NullRecorder())
    add_post(database, world["account"], text="Publicada #Presupuesto",
             status=PostStatus.PUBLICADA, published_at=start + timedelta(minutes=30))
    add_post(database, world["account"], text="Programada", topic="Debates",
             status=PostStatus.APROBADA, scheduled_at=start + timedelta(hours=1))
    add_post(database, world["account"], text="Antes", status=PostStatus.PUBLICADA,
             published_at=start - timedelta(minutes=5))
    add_post(database, world["account"], text="Descartada", status=PostStatus.DESCARTADA,
             scheduled_at=start + timedelta(hours=1))
    mine = add_post(database, world["account"], text="Esta")
    found = council_context(database, world["account"], start + timedelta(hours=2),
                            exclude=mine)
    assert found.title == "Sesión extraordinaria"
    assert sorted(found.other_posts) == [("Programada", "Debates"),
                                         ("Publicada #Presupuesto", "")]
    assert council_context(database, world["account"], start + timedelta(hours=5)) is None


# -- 6.xxix verification -----------------------------------------------------------------------
def test_marking_verified_clears_the_reminder(database, clock, world):
    def reasons():
        with database.session() as session:
            [row] = account_health(session, clock)
            return row.reasons

    assert any("6.xxix" in r for r in reasons())
    with pytest.raises(PermissionDenied):
        mark_verified(database, world["account"], date(2026, 3, 1), person_id=world["suplente"],
                      clock=clock, recorder=NullRecorder())
    with pytest.raises(ValidationError):
        mark_verified(database, world["account"], date(2026, 3, 11),
                      person_id=world["titular"], clock=clock, recorder=NullRecorder())
    assert any("6.xxix" in r for r in reasons())
    recorder = MemoryRecorder()
    mark_verified(database, world["account"], date(2026, 3, 1), person_id=world["titular"],
                  clock=clock, recorder=recorder)
    assert not any("6.xxix" in r for r in reasons())
    with database.session() as session:
        account = session.get(Account, world["account"])
        assert account.verified and account.verified_on == date(2026, 3, 1)
    assert recorder.entries[0].action == "cuenta_verificada"


# -- 7.vi personal accounts in the official registry -------------------------------------------
def test_registry_lists_personal_accounts_only_of_consejeros(database, clock, world):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        area = session.get(Account, world["account"]).area
        consejera = directory.create_person("Consejera Electoral", "consejera@ine.mx",
                                            Level.MANDO_SUPERIOR, area,
                                            [Role.CONSEJERO_ELECTORAL])
        vocal = session.get(Account, world["account"]).area.titular
        for owner, handle in ((consejera, "@ConsejeraINE"), (vocal, "@VocalJaliscoINE")):
            account = directory.create_account(area=area, network=Network.X, name=handle,
                                               handle=handle, email="redes.jal@ine.mx",
                                               status=AccountStatus.ACTIVA, official=True)
            account.personal_of_id = owner.id
        session.commit()
        handles = {row.usuario for row in official_accounts(session)}
    assert handles == {"@JLE_JaliscoINE", "@ConsejeraINE"}


# -- 5.3 training ------------------------------------------------------------------------------
def test_training_schedule_invite_by_mail_and_attendance(database, clock, world, mail_settings,
                                                         smtp_server):
    _host, _port, inbox = smtp_server
    mailer = SmtpMailer(MailConfig.from_settings(mail_settings))

    def outbox(session):
        return Outbox(session, clock, mailer)

    with pytest.raises(PermissionDenied):
        schedule_training(database, title="Capacitación 2026", held_on=date(2026, 4, 20),
                          person_id=world["titular"], clock=clock, recorder=NullRecorder())
    training = schedule_training(database, title="Capacitación 2026",
                                 held_on=date(2026, 4, 20), notes="Sala 3, 10:00 h",
                                 person_id=world["reviewer"], clock=clock,
                                 recorder=NullRecorder())
    assert invite_to_training(database, training, person_id=world["reviewer"], clock=clock,
                              outbox=outbox, recorder=NullRecorder()) == 2
    # Inviting again invites nobody twice.
    assert invite_to_training(database, training, person_id=world["reviewer"], clock=clock,
                              outbox=outbox, recorder=NullRecorder()) == 0
    with database.session() as session:
        mails = session.scalars(select(OutgoingMail)
                                .where(OutgoingMail.related_kind == "capacitacion")).all()
        assert sorted(m.recipients[0] for m in mails) == ["suplente.jal@ine.mx",
                                                          "titular.jal@ine.mx"]
        sent, pending = outbox(session).send_due()
        session.commit()
    assert (sent, pending) == (2, 0)
    assert all("Capacitación 2026" in m["Subject"] for m in inbox.messages)
    overview = training_overview(database, person_id=world["reviewer"], clock=clock)
    assert [s.invited for s in overview.sessions] == [2] and overview.may_organise
    assert {p.name for p in overview.pending} == {"Titular jal", "Suplente jal"}
    assert all(p.invited for p in overview.pending)
    with pytest.raises(ValidationError):  # not held yet
        record_training_attendance(database, training, world["titular"], True,
                                   person_id=world["reviewer"], clock=clock,
                                   recorder=NullRecorder())
    clock.set(mx(2026, 4, 20, 14, 0))
    record_training_attendance(database, training, world["titular"], True,
                               person_id=world["reviewer"], clock=clock,
                               recorder=NullRecorder())
    overview = training_overview(database, person_id=world["titular"], clock=clock)
    assert [p.name for p in overview.pending] == ["Suplente jal"]
    assert not overview.may_organise
    with database.session() as session:
        rows = session.scalars(select(TrainingAttendance)).all()
        assert sorted(r.attended for r in rows) == [False, True]
    # A past session cannot be invited to.
    with pytest.raises(ValidationError):
        invite_to_training(database, training, person_id=world["reviewer"],
                           clock=lambda: datetime(2026, 5, 1, tzinfo=UTC), outbox=outbox,
                           recorder=NullRecorder())


def test_training_of_last_year_does_not_count(database, clock, world):
    training = schedule_training(database, title="Capacitación 2026",
                                 held_on=date(2026, 3, 10), person_id=world["reviewer"],
                                 clock=clock, recorder=NullRecorder())
    record_training_attendance(database, training, world["titular"], True,
                               person_id=world["reviewer"], clock=clock,
                               recorder=NullRecorder())
    assert "Titular jal" not in {p.name for p in training_overview(
        database, person_id=world["reviewer"], clock=clock).pending}
    clock.set(mx(2027, 1, 2, 10, 0))
    assert "Titular jal" in {p.name for p in training_overview(
        database, person_id=world["reviewer"], clock=clock).pending}


# -- 8.iv objetivos and usuarios ---------------------------------------------------------------
def test_report_counts_posts_by_purpose(database, clock, world):
    day = mx(2026, 2, 4, 10, 0)
    for purpose in ("3.iv", "3.iv", "3.xi", None):
        add_post(database, world["account"], status=PostStatus.PUBLICADA, published_at=day,
                 purpose=purpose)
    add_post(database, world["account"], status=PostStatus.BORRADOR, purpose="3.i")
    with database.session() as session:
        report = quarterly_report(session, 2026, 1, as_of=clock())
    [row] = report.rows
    assert row.by_purpose == {"3.iv": 2, "3.xi": 1, "sin_fin": 1}
    assert report.totals.by_purpose == row.by_purpose
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert rows[0]["Publicaciones por fin"] == "3.iv: 2; 3.xi: 1; sin fin: 1"
    data = json.loads(render(report, "json"))
    assert data["cuentas"][0]["publicaciones_por_fin"] == {"3.iv": 2, "3.xi": 1, "sin_fin": 1}
    html = render(report, "html")
    assert "Publicaciones por fin" in html and "3.iv Difundir información del Instituto" in html


def test_users_entered_per_account_and_quarter(database, clock, world):
    with pytest.raises(PermissionDenied):
        record_user_count(database, world["account"], year=2026, quarter=1, users=100,
                          person_id=_outsider(database, clock),
                          clock=clock, recorder=NullRecorder())
    for bad in (-1, 2_000_000_000, True):
        with pytest.raises(ValidationError):
            record_user_count(database, world["account"], year=2026, quarter=1, users=bad,
                              person_id=world["titular"], clock=clock, recorder=NullRecorder())
    with pytest.raises(ValidationError):  # a quarter that has not started
        record_user_count(database, world["account"], year=2026, quarter=2, users=10,
                          person_id=world["titular"], clock=clock, recorder=NullRecorder())
    with pytest.raises(ValidationError):
        record_user_count(database, world["account"], year=2026, quarter=5, users=10,
                          person_id=world["titular"], clock=clock, recorder=NullRecorder())
    with database.session() as session:
        report = quarterly_report(session, 2026, 1, as_of=clock())
    assert report.rows[0].users is None and report.users_note == USERS_NOT_AVAILABLE
    record_user_count(database, world["account"], year=2026, quarter=1, users=1200,
                      source="Estadísticas de X", person_id=world["titular"], clock=clock,
                      recorder=NullRecorder())
    record_user_count(database, world["account"], year=2026, quarter=1, users=1250,
                      person_id=world["reviewer"], clock=clock, recorder=NullRecorder())
    [row] = user_counts(database, 2026, 1, person_id=world["titular"])
    assert row.users == 1250
    with database.session() as session:
        report = quarterly_report(session, 2026, 1, as_of=clock())
    jal, son = sorted(report.rows, key=lambda r: r.handle)
    assert (jal.users, son.users) == (1250, None)
    assert report.totals.users is None and report.users_note == USERS_NOT_AVAILABLE
    record_user_count(database, son.account_id, year=2026, quarter=1, users=50,
                      person_id=world["reviewer"], clock=clock, recorder=NullRecorder())
    with database.session() as session:
        report = quarterly_report(session, 2026, 1, as_of=clock())
    assert report.totals.users == 1300 and report.users_note == USERS_ENTERED
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert rows[0]["Usuarios"] == "1250" and rows[-1]["Usuarios"] == "1300"
    data = json.loads(render(report, "json"))
    assert data["cuentas"][0]["usuarios"] == 1250 and data["usuarios"]["disponible"] is True


def _outsider(database, clock):
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        other = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                            handle="@JLE_SonoraINE", slug="son")
        session.commit()
        return other.titular.id


def test_missing_account_is_not_found(database, clock, world):
    import uuid

    with pytest.raises(NotFound):
        mark_verified(database, uuid.uuid4(), date(2026, 3, 1), person_id=world["titular"],
                      clock=clock, recorder=NullRecorder())
