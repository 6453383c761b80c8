"""The one door through which every service reports what it did.

The encrypted bitácora (criterion 8.iii) plugs in here as the `ActivityRecorder`; until it does,
services record to whatever recorder they are given (tests use `MemoryRecorder`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class ActivityEntry:
    at: datetime
    actor_id: uuid.UUID | None
    account_id: uuid.UUID | None
    action: str
    details: dict[str, Any] = field(default_factory=dict)


class ActivityRecorder(Protocol):
    def record(self, entry: ActivityEntry) -> None: ...


class MemoryRecorder:
    def __init__(self) -> None:
        self.entries: list[ActivityEntry] = []

    def record(self, entry: ActivityEntry) -> None:
        self.entries.append(entry)


class BitacoraNotAttached:
    """The recorder of a context whose bitácora is not open yet: recording refuses loudly
    instead of dropping the entry (8.iii). `attach_bitacora` replaces it."""

    def record(self, entry: ActivityEntry) -> None:
        from redes_desktop.errors import UserFacingError

        raise UserFacingError(
            "La bitácora de esta estación no está abierta, y ninguna acción se hace sin quedar "
            "registrada (criterio 8.iii). Cierre y vuelva a abrir el programa; si se repite, "
            "avise a soporte técnico. No se guardó nada.")


class NullRecorder:
    def record(self, entry: ActivityEntry) -> None:
        return None
