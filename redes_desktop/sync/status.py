"""What the status bar says about the sync (Qt-free, read from the local database only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from redes_desktop.clock import to_mexico
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.engine import LAST_SUCCESS, OFFLINE_SINCE
from redes_desktop.sync.push import pending_count
from redes_desktop.sync.state import get_state


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    running: bool
    pending: int
    conflicts: int
    offline_since: datetime | None
    last_success: datetime | None
    error: str = ""
    notice: str = ""  # e.g. «move the password to the keyring», a skipped bitácora entry
    transfer: str = ""  # while it runs: how far a long video got

    def text(self) -> str:
        if not self.configured:
            return "Sincronización: sin configurar"
        parts: list[str] = []
        if self.running:
            parts.append(f"sincronizando… ({self.transfer})" if self.transfer
                         else "sincronizando…")
        elif self.offline_since is not None:
            parts.append(f"sin conexión desde {to_mexico(self.offline_since):%H:%M}")
        elif self.error:
            parts.append(f"con error — {self.error}")
        elif self.pending == 0:
            parts.append("al día")
        if self.pending:
            parts.append(f"{self.pending} cambio{'s' if self.pending != 1 else ''} pendiente"
                         f"{'s' if self.pending != 1 else ''}")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflicto{'s' if self.conflicts != 1 else ''}")
        text = "Sincronización: " + ", ".join(parts)
        return f"{text} (aviso: {self.notice})" if self.notice else text


def read_status(local: Engine, *, configured: bool, running: bool = False,
                error: str = "", notice: str = "", transfer: str = "") -> SyncStatus:
    with local.connect() as conn:
        pending = pending_count(conn)
        conflicts = conn.execute(
            select(func.count()).select_from(SyncConflict).where(
                SyncConflict.resolved_at.is_(None))
        ).scalar_one()
        offline = get_state(conn, OFFLINE_SINCE)
        last = get_state(conn, LAST_SUCCESS)
    return SyncStatus(
        configured=configured, running=running, pending=pending, conflicts=conflicts,
        offline_since=datetime.fromisoformat(offline) if offline else None,
        last_success=datetime.fromisoformat(last) if last else None, error=error,
        notice=notice, transfer=transfer,
    )
