"""Typed conversions between Qt's date types and Python's.

PySide6 converts these at run time (`QDate.toPython()`, `QDateTime(datetime)`), but its stubs
type `toPython()` as `object` and list no `QDateTime(datetime)` constructor; building the values
from their fields says the same thing in a way the type check can follow.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_datetime(value: QDateTime) -> datetime:
    """The naive wall-clock date and time `value` shows (milliseconds kept)."""
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute(),
                    clock.second(), clock.msec() * 1000)


def from_datetime(value: datetime) -> QDateTime:
    """A local-time QDateTime showing `value`'s wall clock (its tzinfo, if any, is ignored)."""
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second, value.microsecond // 1000))
