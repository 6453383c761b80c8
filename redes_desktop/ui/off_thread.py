"""Run an action on the worker pool and wait for its result without blocking the window.

For the few steps whose caller needs the result before going on (save the draft before
opening another, list the accounts before showing the editor): the action runs off the UI
thread (`run_task`) while a local event loop keeps painting and delivering timers and worker
results. User input waits until the action ends, so nothing the person does can start a
second action on the same draft meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QThreadPool

from redes_desktop.ui.tasks import SynchronousPool, run_task

T = TypeVar("T")


def call_off_thread(fn: Callable[[], T],
                    pool: QThreadPool | SynchronousPool | None = None) -> T:
    """`fn()` run on `pool` (the global pool by default); its result, or its error raised
    here on the UI thread."""
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def deliver(result: Any, error: BaseException | None) -> None:
        outcome["result"], outcome["error"] = result, error
        loop.quit()

    run_task(fn, deliver, pool)
    if not outcome:  # a SynchronousPool delivered already
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    if outcome["error"] is not None:
        raise outcome["error"]
    return outcome["result"]
