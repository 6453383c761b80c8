"""Institutional non-working days (México's official holidays from the `holidays` package plus the
institute's own calendar in the settings)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# Dates in Spanish live in redes_desktop.spanish_dates; re-exported for existing callers.
from redes_desktop.spanish_dates import spanish_date, spanish_range

__all__ = ["closed_stretch", "is_weekend", "non_working_days", "spanish_date", "spanish_range"]

INSTITUTE_DAY_NAME = "día no laborable del Instituto"


def non_working_days(
    start: date, end: date, institute_days: Iterable[str] = ()
) -> dict[date, str]:
    """Non-working days between `start` and `end` (inclusive), with their Spanish name.

    Weekends are not listed: only official holidays and the institute's extra days (ISO dates;
    a malformed entry is ignored)."""
    import holidays  # ~130 ms: imported only when a calendar is needed

    if end < start:
        return {}
    years = list(range(start.year, end.year + 1))
    found: dict[date, str] = {}
    for day, name in holidays.country_holidays("MX", years=years, language="es").items():
        if start <= day <= end:
            found[day] = name
    for text in institute_days:
        try:
            day = date.fromisoformat(str(text).strip())
        except ValueError:
            continue
        if start <= day <= end:
            found.setdefault(day, INSTITUTE_DAY_NAME)
    return dict(sorted(found.items()))


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def closed_stretch(day: date, institute_days: Iterable[str] = ()) -> tuple[date, date]:
    """The run of consecutive non-working days (holidays and weekends) around `day`."""
    extra = list(institute_days)
    window = non_working_days(day - timedelta(days=10), day + timedelta(days=10), extra)

    def closed(d: date) -> bool:
        return is_weekend(d) or d in window

    start = end = day
    while closed(start - timedelta(days=1)) and (day - start).days < 9:
        start -= timedelta(days=1)
    while closed(end + timedelta(days=1)) and (end - day).days < 9:
        end += timedelta(days=1)
    return start, end
