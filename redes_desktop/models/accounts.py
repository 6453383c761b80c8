"""Institutional accounts and their administrators (sections 5.1 and 7)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.base import Base, SoftDeleteMixin, SyncedMixin
from redes_desktop.models.enums import AccountStatus, AdminKind, Network
from redes_desktop.models.org import Area, Person
from redes_desktop.models.types import enum_type


class Account(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "accounts"

    network: Mapped[Network] = mapped_column(enum_type(Network))
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(String(500), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"))
    # Purposes from section 3 of the criteria ("3.i" … "3.xi").
    purposes: Mapped[list[str]] = mapped_column(JSON, default=list)
    justification: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AccountStatus] = mapped_column(
        enum_type(AccountStatus), default=AccountStatus.SOLICITADA
    )
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_on: Mapped[date | None] = mapped_column(default=None)  # 6.xxix
    # A personal account of this person (4.vi); the official registry publishes it only for
    # Consejeras and Consejeros Electorales (7.vi).
    personal_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id"), default=None
    )
    compromised: Mapped[bool] = mapped_column(Boolean, default=False)
    # Expected rhythm of publication (6.xxi): "diaria" or "semanal".
    rhythm: Mapped[str] = mapped_column(String(20), default="diaria")

    area: Mapped[Area] = relationship(back_populates="accounts")
    personal_of: Mapped[Person | None] = relationship(foreign_keys=[personal_of_id])
    administrators: Mapped[list[AccountAdministrator]] = relationship(
        back_populates="account", order_by="AccountAdministrator.kind"
    )

    def current_administrators(self, on: date) -> list[AccountAdministrator]:
        return [a for a in self.administrators if a.is_current(on)]

    def __repr__(self) -> str:
        return f"<Account {self.network.value}:{self.handle}>"


class AccountAdministrator(SyncedMixin, Base):
    """A person designated titular or suplente of an account for a period (5.1, 7.iv)."""

    __tablename__ = "account_administrators"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[AdminKind] = mapped_column(enum_type(AdminKind))
    since: Mapped[date]
    until: Mapped[date | None] = mapped_column(default=None)

    account: Mapped[Account] = relationship(back_populates="administrators")
    person: Mapped[Person] = relationship()

    def is_current(self, on: date) -> bool:
        return self.since <= on and (self.until is None or on <= self.until)
