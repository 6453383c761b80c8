"""The accounts procedure of section 7 (request, evaluation, opening, closure) and the records
of coverage during absences (5.1): hand-over notes and public notices of attention hours."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SyncedMixin
from redes_desktop.models.coverage import AbsencePeriod
from redes_desktop.models.enums import LabelledEnum
from redes_desktop.models.org import Person
from redes_desktop.models.types import enum_type


class RequestState(LabelledEnum):
    PENDIENTE = "pendiente"
    AUTORIZADA = "autorizada"
    RECHAZADA = "rechazada"
    ABIERTA = "abierta"


class AccountRequest(SyncedMixin, Base):
    """A request for a new account by signed oficio (7.ii) and CNCS's decision on it (7.iii).

    The oficio is copied into the data folder, content-addressed (`oficios/<sha256>.<ext>`);
    `oficio_path` is relative to the data folder."""

    __tablename__ = "account_requests"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    requested_at: Mapped[datetime]
    oficio_path: Mapped[str] = mapped_column(String(500))
    oficio_sha256: Mapped[str] = mapped_column(String(64))
    oficio_name: Mapped[str] = mapped_column(String(255), default="")
    proposed_titular_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    proposed_suplente_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    state: Mapped[RequestState] = mapped_column(
        enum_type(RequestState), default=RequestState.PENDIENTE
    )
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    reasons: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime | None] = mapped_column(default=None)
    opened_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)

    account: Mapped[Account] = relationship()
    requested_by: Mapped[Person] = relationship(foreign_keys=[requested_by_id])
    proposed_titular: Mapped[Person] = relationship(foreign_keys=[proposed_titular_id])
    proposed_suplente: Mapped[Person] = relationship(foreign_keys=[proposed_suplente_id])
    reviewer: Mapped[Person | None] = relationship(foreign_keys=[reviewer_id])


class AccountClosure(SyncedMixin, Base):
    """The closure of an account (7.vii, 7.viii): requested by oficio, concluded only when every
    item of the checklist is done. The account is kept as CANCELADA, never deleted."""

    __tablename__ = "account_closures"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    requested_at: Mapped[datetime]
    oficio_path: Mapped[str] = mapped_column(String(500))
    oficio_sha256: Mapped[str] = mapped_column(String(64))
    oficio_name: Mapped[str] = mapped_column(String(255), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    contents_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    password_retired: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled_on_network: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    completed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id"), default=None
    )

    account: Mapped[Account] = relationship()
    requested_by: Mapped[Person] = relationship(foreign_keys=[requested_by_id])
    completed_by: Mapped[Person | None] = relationship(foreign_keys=[completed_by_id])


class HandoverNote(SyncedMixin, Base):
    """Plain-text note from titular to suplente at the start of an absence ("entrega") and
    back at its end ("regreso")."""

    __tablename__ = "handover_notes"
    __table_args__ = (UniqueConstraint("absence_id", "kind"),)

    absence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("absence_periods.id"))
    kind: Mapped[str] = mapped_column(String(20))  # "entrega" | "regreso"
    text: Mapped[str] = mapped_column(Text)
    generated_at: Mapped[datetime]
    # The OutgoingMail that carried it (the outbox is local: no foreign key).
    mail_id: Mapped[uuid.UUID | None] = mapped_column(default=None)

    absence: Mapped[AbsencePeriod] = relationship()


class AttentionNotice(SyncedMixin, Base):
    """A public notice of attention hours drafted for an account (5.1, last paragraph), kept so
    the same period is not drafted twice."""

    __tablename__ = "attention_notices"
    __table_args__ = (UniqueConstraint("account_id", "starts_on"),)

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    post_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("posts.id"), default=None)
    absence_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("absence_periods.id"), default=None
    )
    text: Mapped[str] = mapped_column(Text)

    account: Mapped[Account] = relationship()
