"""Consejo General sessions (6.xxvii) and the users figure entered by hand (8.iv)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SoftDeleteMixin, SyncedMixin


class CouncilSession(SyncedMixin, SoftDeleteMixin, Base):
    """A session of the Consejo General on the calendar, entered by CNCS: while it runs an
    account should post two or three relevant topics, not follow the whole session (6.xxvii)."""

    __tablename__ = "council_sessions"

    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    notes: Mapped[str] = mapped_column(Text, default="")


class AccountUserCount(SyncedMixin, Base):
    """The users (followers) of an account at the end of a quarter, entered from the network's
    statistics when no network provides it to the program (8.iv «usuarios»)."""

    __tablename__ = "account_user_counts"
    __table_args__ = (UniqueConstraint("account_id", "year", "quarter"),)

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    users: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id"), default=None
    )

    account: Mapped[Account] = relationship()
