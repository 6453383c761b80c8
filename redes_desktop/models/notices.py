"""Notifications kept at the workstation (issue 15): what the jobs told the person, with when it
was read, so that a notice is never only a status-bar line that scrolls away. Local machine
state: this table is NOT synced between workstations (its model does not use `SyncedMixin`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, utcnow


class StoredNotification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_person_created", "person_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # Whom it was for: the person signed in when it was raised; None for the workstation
    # (e.g. the bitácora's alarm), shown to whoever signs in.
    person_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(10), default="info")  # info | aviso | urgente
    # Where clicking it leads: a section key and a record (a UUID, a tab name or "").
    target_section: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(80), default="")
    read_at: Mapped[datetime | None] = mapped_column(default=None)
