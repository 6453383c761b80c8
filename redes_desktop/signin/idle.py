"""The idle-lock policy: the session locks after `minutes` without input (0: never).
The clock is injected; the UI calls `touch()` on every input event and `due()` on a timer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta


class IdlePolicy:
    def __init__(self, minutes: int, clock: Callable[[], datetime]) -> None:
        self.minutes = max(int(minutes), 0)
        self.clock = clock
        self.last_input = clock()

    @property
    def enabled(self) -> bool:
        return self.minutes > 0

    def touch(self) -> None:
        self.last_input = self.clock()

    def idle_for(self) -> timedelta:
        return self.clock() - self.last_input

    def due(self) -> bool:
        return self.enabled and self.idle_for() >= timedelta(minutes=self.minutes)
