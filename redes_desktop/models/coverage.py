"""Absences, training and evaluations (sections 5.1, 5.3 and 8)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SoftDeleteMixin, SyncedMixin
from redes_desktop.models.enums import AbsenceKind
from redes_desktop.models.org import Person
from redes_desktop.models.types import enum_type


class AbsencePeriod(SyncedMixin, SoftDeleteMixin, Base):
    """A titular's absence; the covering suplente holds the titular's rights meanwhile (5.1)."""

    __tablename__ = "absence_periods"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    covering_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id"), default=None
    )
    kind: Mapped[AbsenceKind] = mapped_column(enum_type(AbsenceKind))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    public_notice: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    covering_person: Mapped[Person | None] = relationship(foreign_keys=[covering_person_id])


class TrainingSession(SyncedMixin, Base):
    """The annual training meeting organised by CNCS (5.3)."""

    __tablename__ = "training_sessions"

    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    notes: Mapped[str] = mapped_column(Text, default="")

    attendances: Mapped[list[TrainingAttendance]] = relationship(back_populates="session")


class TrainingAttendance(SyncedMixin, Base):
    __tablename__ = "training_attendances"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("training_sessions.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    attended: Mapped[bool] = mapped_column(default=True)
    # When the invitation was mailed (5.3); None for an attendance recorded without one.
    invited_at: Mapped[datetime | None] = mapped_column(default=None)

    session: Mapped[TrainingSession] = relationship(back_populates="attendances")
    person: Mapped[Person] = relationship()


class Evaluation(SyncedMixin, Base):
    """A semestral effectiveness evaluation of an account (8.i)."""

    __tablename__ = "evaluations"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    evaluator_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)
    period_start: Mapped[date]
    period_end: Mapped[date]
    evaluated_at: Mapped[datetime]
    score: Mapped[int | None] = mapped_column(default=None)
    findings: Mapped[str] = mapped_column(Text, default="")

    account: Mapped[Account] = relationship()
