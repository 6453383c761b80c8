"""E-mail through the configured SMTP server, with an outbox: a mail that cannot be sent now is
kept as "pendiente" and retried, never lost. The SMTP password lives only in the keyring."""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock
from redes_desktop.errors import UserFacingError
from redes_desktop.models import OutgoingMail
from redes_desktop.secrets_store import SecretStore
from redes_desktop.settings import Settings

SMTP_SECRET_KEY = "smtp"
SMTP_TIMEOUT_S = 15
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15),
                timedelta(hours=1))


class MailError(UserFacingError):
    """The mail could not be handed to the SMTP server (it stays in the outbox)."""


@dataclass(frozen=True)
class Attachment:
    path: str
    filename: str = ""
    mime_type: str = ""


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    security: str  # "starttls" | "ssl" | "none"
    user: str
    sender: str

    @classmethod
    def from_settings(cls, settings: Settings) -> MailConfig:
        return cls(host=settings.smtp_host, port=settings.smtp_port,
                   security=settings.smtp_security, user=settings.smtp_user,
                   sender=settings.smtp_sender or settings.smtp_user)


class SmtpMailer:
    """Hands one message to the SMTP server, or raises MailError with a Spanish reason."""

    def __init__(self, config: MailConfig, secrets: SecretStore | None = None) -> None:
        self.config = config
        self.secrets = secrets or SecretStore()

    def build(self, mail: OutgoingMail):
        from email.message import EmailMessage
        from email.utils import formataddr, make_msgid

        message = EmailMessage()
        message["From"] = self.config.sender or formataddr(("Redes INE", "no-responder@ine.mx"))
        message["To"] = ", ".join(mail.recipients)
        message["Subject"] = mail.subject
        message["Message-ID"] = make_msgid(domain="redes-desktop.ine.mx")
        message.set_content(mail.body, charset="utf-8")
        for item in mail.attachments or []:
            path = Path(item["path"])
            try:
                data = path.read_bytes()
            except OSError as error:
                raise MailError(
                    f"No se encontró el archivo adjunto {path} ({error.strerror or error}). "
                    "Si se movió, vuelva a adjuntarlo; el correo queda pendiente."
                ) from error
            mime = item.get("mime_type") or mimetypes.guess_type(path.name)[0]
            maintype, _, subtype = (mime or "application/octet-stream").partition("/")
            message.add_attachment(data, maintype=maintype, subtype=subtype,
                                   filename=item.get("filename") or path.name)
        return message

    def send(self, mail: OutgoingMail) -> None:
        # smtplib and ssl load OpenSSL (~7 MiB): only when mail is really sent, not at start-up.
        import smtplib
        import ssl

        config = self.config
        if not config.host:
            raise MailError(
                "No hay servidor de correo configurado. Indique el servidor SMTP en Archivo → "
                "Preferencias → Correo; el correo queda pendiente y se enviará después."
            )
        message = self.build(mail)
        password = self.secrets.get(SMTP_SECRET_KEY) if config.user else None
        try:
            if config.security == "ssl":
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=SMTP_TIMEOUT_S,
                    context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(config.host, config.port, timeout=SMTP_TIMEOUT_S)
            with client:
                if config.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if config.user and password:
                    client.login(config.user, password)
                client.send_message(message)
        except smtplib.SMTPAuthenticationError as error:
            raise MailError(
                "El servidor de correo rechazó el usuario o la contraseña. Revise la cuenta "
                "SMTP en Archivo → Preferencias → Correo."
            ) from error
        except smtplib.SMTPRecipientsRefused as error:
            raise MailError(
                f"El servidor de correo rechazó los destinatarios: {', '.join(error.recipients)}."
            ) from error
        except smtplib.SMTPNotSupportedError as error:
            raise MailError(
                "El servidor de correo no admite STARTTLS. Cambie la seguridad a «ssl» o "
                "«ninguna» en Archivo → Preferencias → Correo."
            ) from error
        except (TimeoutError, smtplib.SMTPException, OSError) as error:
            raise MailError(
                f"No se pudo conectar con el servidor de correo {config.host}:{config.port} "
                f"({error}). El correo queda pendiente y se reintentará."
            ) from error


class Outbox:
    """Queue mail in the local database and send what is due."""

    def __init__(self, session: Session, clock: Clock, mailer: SmtpMailer | None) -> None:
        self.session = session
        self.clock = clock
        self.mailer = mailer

    def queue(
        self, recipients: Sequence[str], subject: str, body: str,
        attachments: Sequence[Attachment] = (), *, related_kind: str = "",
        related_id: uuid.UUID | None = None, send_now: bool = True,
    ) -> OutgoingMail:
        clean = [r.strip() for r in recipients if r and r.strip()]
        if not clean:
            raise MailError("El correo no tiene destinatarios: revise las direcciones en "
                            "Archivo → Preferencias → Correo.")
        mail = OutgoingMail(
            recipients=clean, subject=subject, body=body,
            attachments=[{"path": a.path, "filename": a.filename or Path(a.path).name,
                          "mime_type": a.mime_type} for a in attachments],
            related_kind=related_kind, related_id=related_id,
            next_attempt_at=self.clock(),
        )
        self.session.add(mail)
        self.session.flush()
        if send_now:
            self.try_send(mail)
        return mail

    def try_send(self, mail: OutgoingMail) -> bool:
        """One attempt; on failure the mail stays pending with the reason and a next time."""
        if mail.status == "enviado":
            return True
        mail.attempts += 1
        try:
            if self.mailer is None:
                raise MailError("No hay servidor de correo configurado.")
            self.mailer.send(mail)
        except UserFacingError as error:
            mail.last_error = error.message
            delay = RETRY_DELAYS[min(mail.attempts - 1, len(RETRY_DELAYS) - 1)]
            mail.next_attempt_at = self.clock() + delay
            self.session.flush()
            return False
        mail.status = "enviado"
        mail.sent_at = self.clock()
        mail.last_error = ""
        mail.next_attempt_at = None
        self.session.flush()
        return True

    def send_due(self) -> tuple[int, int]:
        """Retry every pending mail whose time has come: (sent, still pending)."""
        now = self.clock()
        due = self.session.scalars(
            select(OutgoingMail).where(OutgoingMail.status == "pendiente",
                                       OutgoingMail.next_attempt_at <= now)
        ).all()
        sent = sum(1 for mail in due if self.try_send(mail))
        return sent, len(due) - sent

    def pending(self, related_kind: str = "", related_id: uuid.UUID | None = None
                ) -> list[OutgoingMail]:
        stmt = select(OutgoingMail).where(OutgoingMail.status == "pendiente")
        if related_kind:
            stmt = stmt.where(OutgoingMail.related_kind == related_kind)
        if related_id is not None:
            stmt = stmt.where(OutgoingMail.related_id == related_id)
        return list(self.session.scalars(stmt))
