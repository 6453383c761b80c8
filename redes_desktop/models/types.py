"""Column types shared by the entities."""

from __future__ import annotations

from enum import Enum as PyEnum

from sqlalchemy import JSON, Enum


def enum_type(enum_cls: type[PyEnum]) -> Enum:
    """A portable enum column: VARCHAR holding the Spanish value (same on SQLite and PostgreSQL)."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


JSONList = JSON
