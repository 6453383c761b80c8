"""Runs the sync every minute and on demand, off the UI thread, and reports its state."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from redes_desktop.ui.tasks import run_task

if TYPE_CHECKING:  # only for annotations: the sync engine loads the data layer
    from redes_desktop.sync.engine import SyncReport


class Syncer(Protocol):
    """What the controller runs: a SyncEngine, or the application's RecordingSync around one
    (which may also carry a `note` for the status line)."""

    def sync(self) -> SyncReport: ...


class SyncController(QObject):
    """`status_changed(text)` after every change of state; `synced(report_lines)` after a sync.

    `engine_factory()` builds a SyncEngine (or raises a UserFacingError, e.g. not configured);
    it is called off the UI thread. `local_engine` is the SQLAlchemy engine of the local DB.
    """

    status_changed = Signal(str)
    synced = Signal(list)
    failed = Signal(str)
    # «Sincronizar ahora» with no shared database configured: the window opens Preferencias.
    needs_setup = Signal()
    # From the sync's thread: how far a long video got (shown in the status while it runs).
    transfer_changed = Signal(str)

    def __init__(self, local_engine, engine_factory: Callable[[], Syncer] | None,
                 interval_ms: int = 60_000, parent: QObject | None = None, pool=None) -> None:
        super().__init__(parent)
        self.local_engine = local_engine
        self.engine_factory = engine_factory
        self.pool = pool
        self.running = False
        self.error = ""
        self.notice = ""
        self._engine: Syncer | None = None
        self.transfer = ""
        self._transfer_said = 0.0
        self.transfer_changed.connect(self._show_transfer)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    @property
    def configured(self) -> bool:
        return self.engine_factory is not None

    def start(self) -> None:
        if self.configured:
            self.timer.start()
            self.sync_now()
        else:
            self.refresh()

    def stop(self) -> None:
        self.timer.stop()

    def forget_engine(self) -> None:
        """Build a new engine at the next sync (e.g. after the user changes identity)."""
        self._engine = None

    def reconfigure(self, engine_factory: Callable[[], Syncer] | None,
                    interval_ms: int) -> None:
        """New settings of the shared database (Preferencias): the next sync connects with
        them; without an address the timer stops and the status says so."""
        self.engine_factory = engine_factory
        self._engine = None
        self.error = self.notice = ""
        self.timer.setInterval(interval_ms)
        if self.configured:
            self.timer.start()
            self.sync_now()
        else:
            self.timer.stop()
            self.refresh()

    def sync_now(self) -> None:
        if not self.configured:
            self.needs_setup.emit()
            return
        if self.running:
            return
        self.running = True
        self.refresh()
        run_task(self._work, self._done, self.pool)

    def _work(self) -> SyncReport:
        factory = self.engine_factory
        if factory is None:  # sync_now runs only when configured
            raise RuntimeError("sync is not configured")
        if self._engine is None:
            self._engine = factory()
            engine: Any = self._engine
            if hasattr(engine, "progress"):  # a SyncEngine, or RecordingSync around one
                engine.progress = self._progress
        return self._engine.sync()

    def _progress(self, text: str) -> None:
        """On the sync's thread: pass it on, at most twice a second."""
        now = time.monotonic()
        if now - self._transfer_said >= 0.5:
            self._transfer_said = now
            self.transfer_changed.emit(text)

    def _show_transfer(self, text: str) -> None:
        if self.running:
            self.transfer = text
            self.refresh()

    def _done(self, report, error: BaseException | None) -> None:
        self.running = False
        self.transfer = ""
        if error is not None:
            self.error = getattr(error, "message", None) or self.tr(
                "La sincronización falló por un error inesperado (%s). Se reintentará; ningún "
                "cambio local se perdió.") % type(error).__name__
            self.failed.emit(self.error)
        else:
            self.error = ""
            notes = [getattr(self._engine, "note", ""), *getattr(report, "warnings", [])]
            self.notice = " ".join(n for n in notes if n)
            self.synced.emit(report.lines())
        self.refresh()

    def refresh(self) -> None:
        from redes_desktop.errors import UserFacingError
        from redes_desktop.sync.status import read_status

        try:
            status = read_status(self.local_engine, configured=self.configured,
                                 running=self.running, error=self.error, notice=self.notice,
                                 transfer=self.transfer)
        except UserFacingError as error:  # e.g. the local database is locked by a backup
            self.status_changed.emit(self.tr("Sincronización: %s") % error.message)
            return
        self.status_changed.emit(status.text())
