"""Sync bookkeeping (issue 7): the local change log, local sync positions and the conflicts.

`sync_changes` and `sync_state` stay on the workstation. `sync_conflicts` is itself a synced
entity, so every workstation that can see the record sees the conflict and both versions.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, SyncedMixin


class SyncChange(Base):
    """One captured local write of a synced row, waiting to be pushed (append-only log)."""

    __tablename__ = "sync_changes"
    # AUTOINCREMENT: a seq is never reused, even after the log is emptied (exactly-once relies
    # on the shared database remembering the last seq applied per workstation).
    __table_args__ = (
        Index("ix_sync_changes_row", "table_name", "row_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID]
    # The shared database's row_version this local edit started from (0 for a new row).
    base_version: Mapped[int] = mapped_column(Integer, default=0)


class SyncState(Base):
    """Named values of the local sync (workstation id, pulled position, offline since…)."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(SyncedMixin, Base):
    """A version that lost a conflict, kept beside the winner until someone resolves it."""

    __tablename__ = "sync_conflicts"

    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID]
    # "versiones" (edited on two workstations), "rechazado" (the change broke a rule),
    # "eliminado" (deleted on one side, edited on the other).
    kind: Mapped[str] = mapped_column(String(20), default="versiones")
    reason: Mapped[str] = mapped_column(Text, default="")
    local_data: Mapped[dict | None] = mapped_column(JSON, default=None)
    server_data: Mapped[dict | None] = mapped_column(JSON, default=None)
    origin: Mapped[str] = mapped_column(String(64), default="")
    person_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    area_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    detected_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_by_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    resolution: Mapped[str] = mapped_column(String(20), default="")
