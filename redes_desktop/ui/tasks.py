"""Run slow work off the UI thread and get the result back on it (after Picard's `run_task`).

`run_task(fn, on_done)` runs `fn()` on the global QThreadPool; `on_done(result, error)` is called
on the UI thread. Tests may pass `pool=SynchronousPool()` to run inline.

`Reads(owner, pool)` runs a view's reads the same way but delivers only the newest answer, and
only while `owner` (the widget) is still alive: an older read finishing late never overwrites a
newer one, and a closed view is never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    finished = Signal(object, object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # reported to the UI thread, never lost
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


class SynchronousPool:
    def start(self, runnable: QRunnable) -> None:
        runnable.run()


_alive: set[_Relay] = set()


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any, BaseException | None], None],
    pool: QThreadPool | SynchronousPool | None = None,
) -> None:
    relay = _Relay()
    _alive.add(relay)

    def deliver(result: Any, error: BaseException | None) -> None:
        _alive.discard(relay)
        on_done(result, error)

    relay.finished.connect(deliver)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, relay))


class Reads:
    """The newest read of one view, run off the UI thread; `idle` while none is on its way."""

    def __init__(self, owner: QObject, pool: QThreadPool | SynchronousPool | None = None) -> None:
        self.owner = owner
        self.pool = pool
        self.revision = 0
        self._pending = 0

    @property
    def idle(self) -> bool:
        return self._pending == 0

    def cancel(self) -> None:
        """Drop the answers on their way: what the view shows now is newer."""
        self.revision += 1

    def run(self, fn: Callable[[], Any],
            on_done: Callable[[Any, BaseException | None], None]) -> None:
        self.revision += 1
        revision = self.revision
        self._pending += 1

        def deliver(result: Any, error: BaseException | None) -> None:
            self._pending -= 1
            if not shiboken6.isValid(self.owner) or revision != self.revision:
                return
            on_done(result, error)

        run_task(fn, deliver, self.pool)
