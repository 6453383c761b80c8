"""Run the checks off the UI thread (after novelWriter's editor runnables).

Each edit calls `schedule(request)`: the revision number goes up and a 300 ms single-shot timer
restarts, so typing never waits. When the timer fires the latest request is checked on the pool
(after its `prepare` step, if any, also on the pool: what the request needs from the database);
a result is delivered only if its revision is still the newest (stale ones are dropped). One
check runs at a time, so the engine is never used by two threads at once. The engine itself is
built lazily, off the UI thread, before the first check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from redes_desktop.checks.engine import CheckEngine, CheckRequest
from redes_desktop.checks.model import CheckResult
from redes_desktop.gc_tuning import freeze_long_lived_objects
from redes_desktop.models.enums import Network
from redes_desktop.ui.tasks import SynchronousPool, run_task

EngineFactory = Callable[[], CheckEngine]
# Completes a request on the worker before it is checked (council_lookup.py).
Prepare = Callable[[CheckRequest], CheckRequest]


@dataclass
class CheckOutcome:
    """What one check produced: results per network, split offsets for the previews, status."""

    request: CheckRequest
    results: dict[Network, CheckResult]
    splits: dict[Network, int] = field(default_factory=dict)  # NFC code-point offsets
    status: dict[str, str] = field(default_factory=dict)


def split_offset(result: CheckResult) -> int | None:
    """Where the network cuts the text (code points into the NFC text), or None if it fits."""
    if result.limit <= 0 or result.weighted_length <= result.limit:
        return None
    try:
        from redes_desktop.checks.network_limits import fit_offset, limits_for

        return fit_offset(result.text, result.limit, limits_for(result.network).text_counting)
    except Exception:  # a missing or broken limits file must not stop the check
        return min(len(result.text), result.limit)


def run_check(engine: CheckEngine, request: CheckRequest) -> CheckOutcome:
    results = engine.check(request)
    splits = {}
    for network, result in results.items():
        cut = split_offset(result)
        if cut is not None:
            splits[network] = cut
    return CheckOutcome(request, results, splits, dict(engine.status))


class CheckScheduler(QObject):
    results_ready = Signal(int, object)  # revision, CheckOutcome
    preparing = Signal()  # the engine is being built
    engine_ready = Signal(object)
    failed = Signal(str)

    DEBOUNCE_MS = 300

    def __init__(
        self,
        engine_factory: EngineFactory,
        pool: QThreadPool | SynchronousPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._factory = engine_factory
        self._pool = pool
        self.engine: CheckEngine | None = None
        self.revision = 0
        self.delivered_revision = -1
        self._pending: tuple[int, CheckRequest, Prepare | None] | None = None
        self._building = False
        self._generation = 0  # bumped by rebuild_engine
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)

    # -- public ------------------------------------------------------------------------------
    def schedule(self, request: CheckRequest, prepare: Prepare | None = None) -> int:
        """Queue `request` as the newest revision; checked after the debounce delay (on the
        worker: first `prepare(request)`, then the check of what it returns)."""
        self.revision += 1
        self._pending = (self.revision, request, prepare)
        self._timer.start()
        return self.revision

    def check_now(self, request: CheckRequest, prepare: Prepare | None = None) -> int:
        revision = self.schedule(request, prepare)
        self._timer.stop()
        self._fire()
        return revision

    @property
    def busy(self) -> bool:
        return self._pending is not None or self._running or self._building

    @property
    def is_current(self) -> bool:
        """True when the last delivered result is for the newest revision."""
        return not self.busy and self.delivered_revision == self.revision

    def deliver(self, revision: int, outcome: CheckOutcome) -> bool:
        """Hand a result to the UI unless a newer revision exists (then it is dropped)."""
        if revision != self.revision:
            return False
        self.delivered_revision = revision
        self.results_ready.emit(revision, outcome)
        return True

    def ensure_engine(self) -> None:
        """Start building the engine (once) without waiting for a check."""
        if self.engine is not None or self._building:
            return
        self._building = True
        self.preparing.emit()
        generation = self._generation
        run_task(self._factory,
                 lambda engine, error: self._on_engine(engine, error, generation), self._pool)

    def rebuild_engine(self) -> None:
        """The checks' settings changed (Preferencias, issue 14): the next check builds a new
        engine with them; one being built with the old settings is dropped."""
        self._generation += 1
        self.engine = None
        self._building = False

    # -- internals ---------------------------------------------------------------------------
    def _on_engine(self, engine: CheckEngine | None, error: BaseException | None,
                   generation: int = 0) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the engine was being built
        if generation != self._generation:
            return  # built with settings changed since; rebuild_engine started anew
        self._building = False
        if error is not None or engine is None:
            self.failed.emit(
                self.tr(
                    "No se pudo preparar la revisión de criterios (%s). Revise que los "
                    "diccionarios estén instalados y vuelva a escribir para reintentar."
                ) % (error or self.tr("sin motor"))
            )
            return
        self.engine = engine
        freeze_long_lived_objects()  # the engine lives as long as the window
        self.engine_ready.emit(engine)
        self._fire()

    def _fire(self) -> None:
        if self._pending is None:
            return
        if self.engine is None:
            self.ensure_engine()
            return
        if self._running:
            return  # checked when the running one finishes
        revision, request, prepare = self._pending
        self._pending = None
        self._running = True
        engine = self.engine
        run_task(
            lambda: run_check(engine, prepare(request) if prepare else request),
            lambda outcome, error: self._on_checked(revision, outcome, error),
            self._pool,
        )

    def _on_checked(
        self, revision: int, outcome: CheckOutcome | None, error: BaseException | None
    ) -> None:
        if not shiboken6.isValid(self):
            return
        self._running = False
        if error is not None:
            if revision == self.revision:
                self.failed.emit(
                    self.tr("La revisión falló (%s). Siga escribiendo para reintentar.") % error
                )
        elif outcome is not None:
            self.deliver(revision, outcome)
        if self._pending is not None and not self._timer.isActive():
            self._fire()
