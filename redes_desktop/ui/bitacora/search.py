"""Full-text search over decrypted details, off the UI thread, streaming matches in batches.
The search itself is an action (`actions/read_bitacora.search_bitacora`, which keeps to what the
person may read); this runnable only carries its batches to the view.

A `QRunnable` on the global pool; a separate `QObject` carries its signals; a generation number
lets the view drop batches of a search it has replaced; `cancel()` stops it early."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Emit = Callable[[list[int]], None]
Stop = Callable[[], bool]


class SearchSignals(QObject):
    batch = Signal(int, list)  # generation, ids
    finished = Signal(int, int, object)  # generation, total, error or None


class SearchTask(QRunnable):
    def __init__(self, search: Callable[[Emit, Stop], int], generation: int,
                 signals: SearchSignals) -> None:
        super().__init__()
        self.search = search
        self.generation = generation
        self.signals = signals
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        total, error = 0, None
        try:
            total = self.search(self._emit_batch, lambda: self.cancelled)
        except Exception as failure:  # noqa: BLE001 - reported to the view
            error = failure
        try:
            self.signals.finished.emit(self.generation, total, error)
        except RuntimeError:  # the view was closed and deleted meanwhile: nobody to tell
            pass

    def _emit_batch(self, ids: list[int]) -> None:
        try:
            self.signals.batch.emit(self.generation, ids)
        except RuntimeError:  # the view is gone: stop searching
            self.cancelled = True


def start_search(task: SearchTask, pool: QThreadPool | None = None) -> None:
    task.setAutoDelete(False)  # the view keeps it to cancel it
    (pool or QThreadPool.globalInstance()).start(task)
