"""Institutional non-working days (México's official holidays from the `holidays` package plus the
institute's own calendar in the settings) and dates written in Spanish."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)
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


def spanish_date(day: date, *, year: bool = False) -> str:
    text = f"{day.day} de {MONTHS[day.month - 1]}"
    return f"{text} de {day.year}" if year else text


def spanish_range(start: date, end: date) -> str:
    """«el 16 de septiembre», «del 20 al 31 de diciembre», «del 28 de diciembre de 2026 al 4 de
    enero de 2027»."""
    if start == end:
        return f"el {spanish_date(start)}"
    if start.year != end.year:
        return f"del {spanish_date(start, year=True)} al {spanish_date(end, year=True)}"
    if start.month != end.month:
        return f"del {spanish_date(start)} al {spanish_date(end)}"
    return f"del {start.day} al {spanish_date(end)}"


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
