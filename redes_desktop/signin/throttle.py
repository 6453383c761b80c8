"""Repeated sign-in failures slow down: after the n-th consecutive failure for a person, the
next attempt waits 2**(n-1) seconds (up to `MAX_DELAY`). The clock and the sleeper are
injected; a success resets the count."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_DELAY = 60.0
FREE_FAILURES = 1  # the first mistyped password costs nothing


@dataclass
class Throttle:
    sleeper: Callable[[float], None] = time.sleep
    max_delay: float = MAX_DELAY
    failures: dict[str, int] = field(default_factory=dict)

    def delay(self, key: str) -> float:
        count = self.failures.get(key, 0) - FREE_FAILURES
        if count <= 0:
            return 0.0
        return min(float(2 ** (count - 1)), self.max_delay)

    def wait(self, key: str) -> float:
        """Sleep the delay `key` has earned; how long that was."""
        seconds = self.delay(key)
        if seconds > 0:
            self.sleeper(seconds)
        return seconds

    def failed(self, key: str) -> int:
        self.failures[key] = self.failures.get(key, 0) + 1
        return self.failures[key]

    def succeeded(self, key: str) -> None:
        self.failures.pop(key, None)
