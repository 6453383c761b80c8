"""The injected clock: every deadline, countdown and rotation asks a `Clock` for the time.

Tests pass a `FixedClock` and move it; production code uses `SystemClock`. Times are always
timezone-aware UTC; México's local time is only for display.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache

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


def clock_of(args: object) -> Clock:
    """The clock chosen for this run of the program: `cli.main(clock=…)` puts it on the parsed
    arguments, and both the window and every command take it from there (tests pass a
    FixedClock). The system clock when nothing was chosen."""
    return getattr(args, "clock", None) or system_clock


def as_utc(value: datetime) -> datetime:
    """Return `value` as aware UTC; naive values (as SQLite returns them) are taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


@cache
def mexico_tz():
    """México City's zone, loaded on first use (zoneinfo costs start-up time)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("America/Mexico_City")


def to_mexico(value: datetime) -> datetime:
    return as_utc(value).astimezone(mexico_tz())


def __getattr__(name: str):
    # MEXICO_TZ stays importable without loading zoneinfo at start-up.
    if name == "MEXICO_TZ":
        return mexico_tz()
    raise AttributeError(name)
