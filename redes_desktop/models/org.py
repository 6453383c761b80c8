"""Areas and people (sections 4.ii and 5.1)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.base import Base, SoftDeleteMixin, SyncedMixin
from redes_desktop.models.enums import AreaKind, Level, Role
from redes_desktop.models.types import enum_type

if TYPE_CHECKING:
    from redes_desktop.models.accounts import Account


class Area(SyncedMixin, SoftDeleteMixin, Base):
    """An área responsable: a central office, one of the 32 Juntas Locales, or a Junta Distrital."""

    __tablename__ = "areas"

    name: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[AreaKind] = mapped_column(enum_type(AreaKind))
    state: Mapped[str | None] = mapped_column(String(60), default=None)
    district: Mapped[int | None] = mapped_column(default=None)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("areas.id"), default=None)
    titular_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", use_alter=True), default=None
    )

    titular: Mapped[Person | None] = relationship(foreign_keys=[titular_id], post_update=True)
    people: Mapped[list[Person]] = relationship(
        back_populates="area", foreign_keys="Person.area_id"
    )
    accounts: Mapped[list[Account]] = relationship(back_populates="area")

    def __repr__(self) -> str:
        return f"<Area {self.name!r}>"


class Person(SyncedMixin, SoftDeleteMixin, Base):
    """A servidor público who administers accounts, heads an area or reviews for CNCS."""

    __tablename__ = "people"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    level: Mapped[Level] = mapped_column(enum_type(Level))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"))

    area: Mapped[Area] = relationship(back_populates="people", foreign_keys=[area_id])

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in (self.roles or []) if r in Role._value2member_map_)

    def has_role(self, role: Role) -> bool:
        return role.value in (self.roles or [])

    def __repr__(self) -> str:
        return f"<Person {self.name!r}>"
