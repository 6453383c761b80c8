"""Coverage of absences (5.1): the suplente's rights switch on and off at the boundaries of the
absence in México's time zone, only on the absent titular's accounts; the bitácora says who
acted under coverage; notices of attention hours know the holidays; hand-over notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import (
    AbsenceKind,
    AdminKind,
    Consultation,
    Incident,
    Level,
    Network,
    Post,
    PostStatus,
)
from redes_desktop.models.procedures import AttentionNotice
from redes_desktop.services.absence_notes import AbsenceNotes, notice_text
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.coverage import AbsenceService, coverage_details
from redes_desktop.services.directory import Directory
from redes_desktop.services.institute_calendar import closed_stretch, spanish_range
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.permissions import Action, Permissions
from redes_desktop.services.posts import PostService
from tests.checkers import nothing_found
from tests.factories import make_office

COVERED = (Action.COMPOSE, Action.CONSULT_CNCS, Action.REVEAL_PASSWORD, Action.ROTATE_PASSWORD)


@pytest.fixture
def world(session, clock):
    directory = Directory(session, clock, NullRecorder())
    office = make_office(directory)
    other = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                        handle="@JLE_SonoraINE", slug="son")
    session.commit()
    absences = AbsenceService(session, clock, NullRecorder())
    return office, other, directory, absences, Permissions(session, clock)


def at_mexico(day: date, hour: int, minute: int = 0) -> datetime:
    # México City is UTC-6 all year since 2022.
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) + timedelta(hours=6)


@pytest.mark.parametrize("action", COVERED)
def test_rights_switch_on_and_off_at_the_boundaries(world, clock, action):
    office, other, _directory, absences, perms = world
    absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                      date(2026, 3, 12), date(2026, 3, 14))
    moments = [
        (at_mexico(date(2026, 3, 11), 23, 59), False),
        (at_mexico(date(2026, 3, 12), 0, 0), True),
        (at_mexico(date(2026, 3, 14), 23, 59), True),
        (at_mexico(date(2026, 3, 15), 0, 0), False),
    ]
    for moment, allowed in moments:
        clock.set(moment)
        assert bool(perms.check(office.suplente, action, account=office.account)) is allowed
        # Never on another account, never for anyone else.
        assert not perms.check(office.suplente, action, account=other.account)
        assert not perms.check(other.suplente, action, account=office.account)
    # The titular keeps the rights throughout.
    assert perms.check(office.titular, action, account=office.account)


def test_only_the_absent_titulars_accounts(world, session, clock):
    office, _other, directory, absences, perms = world
    second = directory.create_account(area=office.area, network=Network.INSTAGRAM,
                                      name="Otra", handle="@jal_ig", email="ig.jal@ine.mx")
    second_titular = directory.create_person("Otra titular", "otra.t@ine.mx", Level.MANDO_MEDIO,
                                             office.area)
    directory.designate_administrators(second, second_titular, office.suplente)
    absences.register(office.head, office.titular, AbsenceKind.COMISION,
                      perms.today(), perms.today())
    assert perms.check(office.suplente, Action.COMPOSE, account=office.account)
    assert not perms.check(office.suplente, Action.COMPOSE, account=second)


def test_coverage_is_written_in_the_bitacora(world, session, clock):
    office, _other, _directory, absences, perms = world
    recorder = MemoryRecorder()
    posts = PostService(session, clock, recorder=recorder)
    absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                      perms.today(), perms.today() + timedelta(days=1))
    post = posts.create_draft(office.suplente, office.account, "Aviso")
    posts.save_draft(office.suplente, post, "Aviso de la Junta")
    by_suplente = [e for e in recorder.entries if e.actor_id == office.suplente.id]
    assert [e.action for e in by_suplente] == ["borrador_creado", "borrador_editado"]
    for entry in by_suplente:
        assert entry.details["en_cobertura"] is True
        assert entry.details["cubre_a"] == "Titular jal"
    posts.create_draft(office.titular, office.account, "Del titular")
    assert "en_cobertura" not in recorder.entries[-1].details
    assert coverage_details(perms, office.titular, office.account) == {}
    clock.advance(timedelta(days=2))
    assert coverage_details(perms, office.suplente, office.account) == {}
    with pytest.raises(PermissionDenied, match="ausencia registrada"):
        posts.create_draft(office.suplente, office.account, "Ya no")


def test_absence_validations(world, session, clock):
    office, other, _directory, absences, perms = world
    today = perms.today()
    with pytest.raises(PermissionDenied, match="registrar sus ausencias"):
        absences.register(other.titular, office.titular, AbsenceKind.VACACIONES, today, today)
    with pytest.raises(ValidationError, match="anterior a la de inicio"):
        absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                          today + timedelta(days=3), today)
    with pytest.raises(ValidationError, match="ya terminó"):
        absences.register(office.titular, office.titular, AbsenceKind.INCAPACIDAD,
                          today - timedelta(days=5), today - timedelta(days=1))
    absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                      today + timedelta(days=10), today + timedelta(days=20))
    with pytest.raises(ValidationError, match="se empalma"):
        absences.register(office.titular, office.titular, AbsenceKind.COMISION,
                          today + timedelta(days=20), today + timedelta(days=22))
    # The suplente cannot leave while covering…
    with pytest.raises(ValidationError, match="cubre la ausencia de Titular jal"):
        absences.register(office.suplente, office.suplente, AbsenceKind.VACACIONES,
                          today + timedelta(days=15), today + timedelta(days=16))
    # …and a titular cannot leave while the suplente is away.
    absences.register(other.suplente, other.suplente, AbsenceKind.INCAPACIDAD,
                      today + timedelta(days=1), today + timedelta(days=3))
    with pytest.raises(ValidationError, match="Suplente son, suplente de @JLE_SonoraINE, también"):
        absences.register(other.titular, other.titular, AbsenceKind.VACACIONES,
                          today + timedelta(days=3), today + timedelta(days=5))


def test_absence_without_suplente_is_refused(world, session, clock):
    office, _other, _directory, absences, perms = world
    today = perms.today()
    for row in office.account.administrators:
        if row.kind == AdminKind.SUPLENTE:
            row.until = today
    with pytest.raises(ValidationError, match="no tiene suplente designado") as error:
        absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                          today + timedelta(days=1), today + timedelta(days=2))
    assert error.value.criterion == "5.1"
    assert absences.absences() == []


def test_one_row_per_suplente_and_cancel(world, session, clock):
    office, other, directory, absences, perms = world
    tomorrow = perms.today() + timedelta(days=1)
    directory.designate_administrators(other.account, office.titular, other.suplente,
                                       since=tomorrow)
    rows = absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                             tomorrow, tomorrow)
    assert {r.covering_person_id for r in rows} == {office.suplente.id, other.suplente.id}
    clock.advance(timedelta(days=1))
    assert perms.check(other.suplente, Action.COMPOSE, account=other.account)
    absences.cancel(office.titular, rows[0])
    assert absences.absences() == []
    assert not perms.check(other.suplente, Action.COMPOSE, account=other.account)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 9, 14), date(2026, 9, 18),
         "Del 14 al 18 de septiembre la atención en esta cuenta será de 10:00 a 14:00 h "
         "(hora del centro de México). Día no laborable: 16 de septiembre (Día de la "
         "Independencia). Gracias por su comprensión."),
        (date(2026, 12, 20), date(2026, 12, 31),
         "Del 20 al 31 de diciembre la atención en esta cuenta será de 10:00 a 14:00 h "
         "(hora del centro de México). Días no laborables: 24 de diciembre (día no laborable "
         "del Instituto), 25 de diciembre (Navidad). Gracias por su comprensión."),
        (date(2026, 12, 28), date(2027, 1, 4),
         "Del 28 de diciembre de 2026 al 4 de enero de 2027 la atención en esta cuenta será de "
         "10:00 a 14:00 h (hora del centro de México). Día no laborable: 1 de enero (Año "
         "Nuevo). Gracias por su comprensión."),
        (date(2026, 6, 8), date(2026, 6, 9),
         "Del 8 al 9 de junio la atención en esta cuenta será de 10:00 a 14:00 h (hora del "
         "centro de México). Gracias por su comprensión."),
    ],
)
def test_notice_text_knows_the_holidays(start, end, expected):
    assert notice_text(start, end, institute_days=["2026-12-24", "no-es-fecha"]) == expected


def test_spanish_ranges_and_stretches():
    assert spanish_range(date(2026, 9, 16), date(2026, 9, 16)) == "el 16 de septiembre"
    assert spanish_range(date(2026, 3, 30), date(2026, 4, 2)) == "del 30 de marzo al 2 de abril"
    # Monday 16 November 2026 (Revolución) joins the weekend before it.
    assert closed_stretch(date(2026, 11, 16)) == (date(2026, 11, 14), date(2026, 11, 16))


def test_vacation_drafts_the_notice_per_account(world, session, clock):
    office, _other, _directory, absences, perms = world
    notes = AbsenceNotes(session, clock, institute_days=["2026-12-24"],
                         recorder=NullRecorder())
    rows = absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                             date(2026, 12, 20), date(2026, 12, 31))
    [notice] = notes.after_registration(rows)
    post = session.get(Post, notice.post_id)
    assert post.status == PostStatus.BORRADOR and post.author_id == office.titular.id
    assert post.account_id == office.account.id
    assert post.text.startswith("Del 20 al 31 de diciembre la atención")
    assert "25 de diciembre (Navidad)" in post.text
    assert rows[0].public_notice == post.text
    assert notes.after_registration(rows) == [notice]  # drafted once
    # An illness gets no public notice.
    sick = absences.register(other_titular(world), other_titular(world),
                             AbsenceKind.INCAPACIDAD, perms.today(), perms.today())
    assert notes.after_registration(sick) == []


def other_titular(world):
    return world[1].titular


def test_holiday_notices_are_drafted_once_before_the_holiday(world, session, clock):
    office, other, _directory, _absences, _perms = world
    notes = AbsenceNotes(session, clock, recorder=NullRecorder())
    clock.set(at_mexico(date(2026, 11, 12), 9))
    drafted = notes.upcoming_holiday_notices(days_ahead=4)
    assert {n.account_id for n in drafted} == {office.account.id, other.account.id}
    assert all(n.text.startswith("Del 14 al 16 de noviembre") for n in drafted)
    assert "16 de noviembre (Día de la Revolución)" in drafted[0].text
    assert notes.upcoming_holiday_notices(days_ahead=4) == []
    assert session.query(AttentionNotice).count() == 2
    clock.set(at_mexico(date(2026, 6, 1), 9))
    assert notes.upcoming_holiday_notices() == []


def test_handover_and_return_notes(world, session, clock, smtp_server, mail_settings):
    office, _other, _directory, absences, perms = world
    _host, _port, inbox = smtp_server
    outbox = Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))
    notes = AbsenceNotes(session, clock, outbox=outbox, recorder=NullRecorder())
    now = clock()
    scheduled = Post(account_id=office.account.id, network=Network.X, author_id=office.titular.id,
                     text="Cartel del foro juvenil", scheduled_at=now + timedelta(days=1))
    asked = Post(account_id=office.account.id, network=Network.X, author_id=office.titular.id,
                 text="¿Se puede?", status=PostStatus.EN_CONSULTA)
    session.add_all([scheduled, asked])
    session.flush()
    session.add(Consultation(post_id=asked.id, account_id=office.account.id,
                             author_id=office.titular.id, snapshot={"text": "¿Se puede?"},
                             question="¿Procede publicar el resultado del sorteo?",
                             sent_at=now, deadline=now + timedelta(hours=48)))
    session.add(Incident(account_id=office.account.id, reported_by_id=office.titular.id,
                         observed_at=now, reported_at=now, description="Inicio de sesión raro"))
    session.flush()
    rows = absences.register(office.titular, office.titular, AbsenceKind.VACACIONES,
                             perms.today(), perms.today() + timedelta(days=2))
    notes.after_registration(rows)
    [handover] = notes.notes(rows[0])
    assert handover.kind == "entrega"
    for expected in ("Nota de entrega de Titular jal a Suplente jal",
                     "Cuenta @JLE_JaliscoINE", "¿Procede publicar el resultado del sorteo?",
                     "vence 12 de marzo, 12:00 h", "Cartel del foro juvenil",
                     "Inicio de sesión raro"):
        assert expected in handover.text
    mailed = [m for m in inbox.messages if m["Subject"].startswith("Nota de entrega")]
    assert [m["To"] for m in mailed] == [office.suplente.email]
    assert notes.ensure_notes() == []

    # The suplente publishes under coverage; at the end, the return note lists it.
    posts = PostService(session, clock, recorder=NullRecorder())
    post = posts.create_draft(office.suplente, office.account, "Publicado en cobertura")
    posts.mark_published(office.suplente, post, "https://x.com/JLE_JaliscoINE/status/1",
                        nothing_found)
    clock.advance(timedelta(days=3))
    [back] = notes.ensure_notes()
    assert back.kind == "regreso"
    assert "Publicado en cobertura" in back.text
    assert inbox.messages[-1]["To"] == office.titular.email
