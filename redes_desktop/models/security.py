"""Password rotations (6.xxxiii) and incidents (6.xxx). A password itself is never stored here."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SyncedMixin
from redes_desktop.models.enums import IncidentState
from redes_desktop.models.org import Person
from redes_desktop.models.types import enum_type


class PasswordRotation(SyncedMixin, Base):
    __tablename__ = "password_rotations"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    rotated_at: Mapped[datetime]
    rotated_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))

    account: Mapped[Account] = relationship()
    rotated_by: Mapped[Person] = relationship()


class Incident(SyncedMixin, Base):
    """An account operated by unauthorised people or hijacked (6.xxx)."""

    __tablename__ = "incidents"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    reported_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    observed_at: Mapped[datetime]
    reported_at: Mapped[datetime]
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[IncidentState] = mapped_column(
        enum_type(IncidentState), default=IncidentState.ABIERTO
    )
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    resolution: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship()
    reported_by: Mapped[Person] = relationship()
