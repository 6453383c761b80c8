"""The injected clock: every deadline, countdown and rotation asks a `Clock` for the time.

Tests pass a `FixedClock` and move it; production code uses `SystemClock`. Times are always
timezone-aware UTC; México's local time is only for display.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MEXICO_TZ = ZoneInfo("America/Mexico_City")

Clock = Callable[[], datetime]
"""A callable returning the current time as an aware UTC datetime."""


def system_clock() -> datetime:
    return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (for tests and benchmarks)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)

    def __call__(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)


def as_utc(value: datetime) -> datetime:
    """Return `value` as aware UTC; naive values (as SQLite returns them) are taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_mexico(value: datetime) -> datetime:
    return as_utc(value).astimezone(MEXICO_TZ)
