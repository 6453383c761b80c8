"""E-mail through a real SMTP server (aiosmtpd on loopback), and the outbox that keeps mail
that could not be sent."""

from datetime import timedelta

import pytest

from redes_desktop.services.mail import Attachment, MailConfig, Outbox, SmtpMailer


@pytest.fixture
def outbox(session, clock, mail_settings):
    return Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))


def test_mail_with_accents_and_attachment_arrives(outbox, smtp_server, tmp_path):
    _host, _port, inbox = smtp_server
    attachment = tmp_path / "cartel.png"
    attachment.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    mail = outbox.queue(["cncs@ine.mx"], "Consulta: publicación en Jalisco",
                        "¿Procede publicar la imagen? Plazo: 12 de marzo, 12:00 (hora de México).",
                        [Attachment(str(attachment))])
    assert mail.status == "enviado" and mail.attempts == 1
    [message] = inbox.messages
    assert message["Subject"] == "Consulta: publicación en Jalisco"
    body = message.get_body(("plain",)).get_content()
    assert "¿Procede publicar" in body
    [part] = list(message.iter_attachments())
    assert part.get_filename() == "cartel.png"
    assert part.get_content() == attachment.read_bytes()


def test_unreachable_server_keeps_mail_pending_then_retries(session, clock, smtp_server):
    host, port, inbox = smtp_server
    down = Outbox(session, clock, SmtpMailer(MailConfig(host, 1, "none", "", "a@ine.mx")))
    mail = down.queue(["cncs@ine.mx"], "Asunto", "Cuerpo")
    assert mail.status == "pendiente"
    assert "No se pudo conectar" in mail.last_error
    assert down.send_due() == (0, 0)  # not due yet: backoff
    clock.advance(timedelta(minutes=2))
    up = Outbox(session, clock, SmtpMailer(MailConfig(host, port, "none", "", "a@ine.mx")))
    assert up.send_due() == (1, 0)
    assert mail.status == "enviado" and len(inbox.messages) == 1


def test_refusing_server_is_reported(outbox, smtp_server):
    _host, _port, inbox = smtp_server
    inbox.refuse_with = "554 Mensaje rechazado"
    mail = outbox.queue(["cncs@ine.mx"], "Asunto", "Cuerpo")
    assert mail.status == "pendiente"
    assert "554" in mail.last_error


def test_moved_attachment_keeps_mail_pending_with_reason(outbox, tmp_path):
    mail = outbox.queue(["cncs@ine.mx"], "Asunto", "Cuerpo",
                        [Attachment(str(tmp_path / "se-movio.png"))])
    assert mail.status == "pendiente"
    assert "No se encontró el archivo adjunto" in mail.last_error


def test_no_server_configured(session, clock):
    outbox = Outbox(session, clock, SmtpMailer(MailConfig("", 25, "none", "", "")))
    mail = outbox.queue(["cncs@ine.mx"], "Asunto", "Cuerpo")
    assert "No hay servidor de correo configurado" in mail.last_error
    assert outbox.pending(related_kind="") == [mail]
