"""The records a push passes between `push.py` (reading and ordering the changes) and `batch.py`
(writing one transaction): kept apart so that neither module imports the other's internals."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from redes_desktop.sync.server_bookkeeping import LOCK_TIMEOUT_MS


@dataclass
class PushReport:
    sent: int = 0
    deleted: int = 0
    conflicts: int = 0
    merged: int = 0
    skipped: int = 0
    refused: int = 0
    batches: int = 0
    by_table: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    warnings: list[str] = field(default_factory=list)

    def add(self, other: PushReport) -> None:
        """Count a batch that committed (an attempt rolled back counts nothing)."""
        for name in ("sent", "deleted", "conflicts", "merged", "skipped", "refused", "batches"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)
        for name, count in other.by_table.items():
            self.by_table[name] += count


@dataclass
class Pending:
    """One changed row waiting to be pushed."""

    table_name: str
    row_id: uuid.UUID
    base: int
    local: dict[str, Any] | None  # None: deleted locally


@dataclass
class Actor:
    """Who pushes, and when."""

    origin: str
    person_id: uuid.UUID | None
    is_reviewer: bool
    now: datetime
    lock_timeout_ms: int = LOCK_TIMEOUT_MS
