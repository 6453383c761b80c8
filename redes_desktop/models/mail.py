"""Outgoing e-mail kept until the SMTP server takes it (local to the workstation; not synced)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, SyncedMixin


class OutgoingMail(SyncedMixin, Base):
    __tablename__ = "mail_outbox"

    recipients: Mapped[list[str]] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # [{"path": str, "filename": str, "mime_type": str}]
    attachments: Mapped[list[dict]] = mapped_column(JSON, default=list)
    # What the mail is about, e.g. ("consulta", <uuid>): lets the UI say "correo pendiente".
    related_kind: Mapped[str] = mapped_column(String(40), default="")
    related_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(20), default="pendiente")  # pendiente | enviado
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
