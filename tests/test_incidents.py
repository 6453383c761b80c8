"""Compromised accounts (6.xxx): reported to the area titular, CNCS and UNICOM through a real
SMTP server, publication held, password due at once, closed only with a resolution."""

from __future__ import annotations

from datetime import timedelta

import pytest

from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import IncidentState, OutgoingMail
from redes_desktop.passwords.generator import generate_password
from redes_desktop.passwords.rotation import RotationState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.services.incidents import IncidentService
from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer
from redes_desktop.services.password_service import PasswordService
from redes_desktop.services.posts import PostService
from tests.checkers import nothing_found
from tests.factories import make_office, make_reviewer

SEEN = "Aparecieron tres publicaciones que nadie del área hizo y cambió el correo."


@pytest.fixture
def office(session, clock):
    office = make_office(Directory(session, clock, NullRecorder()))
    session.commit()
    return office


@pytest.fixture
def recorder():
    return MemoryRecorder()


@pytest.fixture
def incidents(session, clock, mail_settings, recorder):
    outbox = Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))
    return IncidentService(session, clock, outbox, cncs_email=mail_settings.cncs_email,
                           unicom_email=mail_settings.unicom_email, recorder=recorder)


def test_report_mails_titular_cncs_and_unicom_and_holds_publication(
    incidents, office, smtp_server, session, clock, recorder
):
    _host, _port, inbox = smtp_server
    posts = PostService(session, clock, recorder=recorder)
    draft = posts.create_draft(office.titular, office.account, "Texto previo al incidente")
    reported = incidents.report(office.suplente, office.account.id, SEEN,
                                clock() - timedelta(hours=2))
    assert reported.mail_sent
    assert office.account.compromised
    assert reported.incident.state == IncidentState.ABIERTO
    [message] = inbox.messages
    assert set(message["To"].split(", ")) == {
        "vocal.jal@ine.mx", "comunicacion.social@ine.mx", "unicom@ine.mx"}
    assert "Cuenta comprometida: @JLE_JaliscoINE" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert SEEN in body and "10/03/2026 10:00" in body  # observed, México City time
    assert recorder.entries[-1].action == "incidente_reportado"

    with pytest.raises(ValidationError, match="incidente abierto"):
        posts.create_draft(office.titular, office.account, "Nuevo")
    with pytest.raises(ValidationError, match="incidente abierto"):
        posts.mark_published(office.titular, draft, "https://x.com/JLE_JaliscoINE/status/1",
                             nothing_found)

    passwords = PasswordService(session, clock, SecretStore(), NullRecorder())
    passwords.rotate(office.titular, office.account.id, generate_password(),
                     confirmed_on_network=True)
    clock.advance(timedelta(minutes=5))
    incidents.report(office.titular, office.account.id, SEEN, clock())
    assert passwords.status(office.titular)[0].state == RotationState.VENCIDA


def test_closing_needs_a_resolution_and_clears_when_none_open(
    incidents, office, smtp_server, clock
):
    first = incidents.report(office.titular, office.account.id, SEEN, clock()).incident
    second = incidents.report(office.head, office.account.id, SEEN + " Otra vez.", clock()).incident
    with pytest.raises(ValidationError, match="cómo se resolvió"):
        incidents.close(office.titular, first.id, "  ")
    incidents.close(office.titular, first.id, "Se recuperó el acceso con apoyo de UNICOM.")
    assert first.state == IncidentState.CERRADO and first.closed_at == clock()
    assert office.account.compromised  # the second one is still open
    with pytest.raises(ValidationError, match="ya está cerrado"):
        incidents.close(office.titular, first.id, "Otra resolución cualquiera.")
    incidents.close(office.titular, second.id, "Se cambió la contraseña y se revisó todo.")
    assert not office.account.compromised
    listed = incidents.incidents(office.titular)
    assert [i.state for i in listed] == [IncidentState.CERRADO, IncidentState.CERRADO]
    _h, _p, inbox = smtp_server
    assert any("Incidente cerrado" in m["Subject"] for m in inbox.messages)


def test_unreachable_server_keeps_the_report_pending(session, clock, office, mail_settings):
    outbox = Outbox(session, clock, SmtpMailer(MailConfig("127.0.0.1", 1, "none", "", "a@ine.mx")))
    service = IncidentService(session, clock, outbox, cncs_email="cncs@ine.mx",
                              unicom_email="unicom@ine.mx", recorder=NullRecorder())
    reported = service.report(office.titular, office.account.id, SEEN, clock())
    assert not reported.mail_sent
    assert service.mail_pending(reported.incident.id)
    assert office.account.compromised  # the account is held even when the mail waits
    assert session.query(OutgoingMail).one().related_kind == "incidente"


def test_bad_reports_are_refused(incidents, office, session, clock):
    with pytest.raises(ValidationError, match="Describa qué se observó"):
        incidents.report(office.titular, office.account.id, "raro", clock())
    with pytest.raises(ValidationError, match="posterior a ahora"):
        incidents.report(office.titular, office.account.id, SEEN, clock() + timedelta(days=1))
    other = make_office(Directory(session, clock, NullRecorder()),
        name="Junta Local en Colima", state="Colima",
                        handle="@JLE_ColimaINE", slug="col")
    with pytest.raises(PermissionDenied, match="criterio 5.1"):
        incidents.report(other.titular, office.account.id, SEEN, clock())
    assert not office.account.compromised


def test_reviewers_see_every_incident(incidents, office, session, clock, smtp_server):
    reviewer = make_reviewer(Directory(session, clock, NullRecorder()))
    incidents.report(office.titular, office.account.id, SEEN, clock())
    assert len(incidents.incidents(reviewer, only_open=True)) == 1
    other = make_office(Directory(session, clock, NullRecorder()),
        name="Junta Local en Colima", state="Colima",
                        handle="@JLE_ColimaINE", slug="col")
    assert incidents.incidents(other.titular) == []
