"""Anchors of the bitácora's hash chains, kept in the main database (issue 5, criterion 8.iii).

The bitácora lives in its own file (`bitacora.sqlite3`); this table holds, per origin
(workstation), the head of its chain as last written and the position last verified. Someone who
cuts entries from the end of the bitácora file cannot also move this anchor without editing a
second file. Local machine state: this table is NOT synced between workstations.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, utcnow


class BitacoraAnchor(Base):
    __tablename__ = "bitacora_anchors"

    origin: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # True for the chain this workstation writes (its own origin).
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    head_seq: Mapped[int] = mapped_column(Integer, default=0)
    head_mac: Mapped[str] = mapped_column(String(64), default="")
    verified_seq: Mapped[int] = mapped_column(Integer, default=0)
    verified_mac: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
