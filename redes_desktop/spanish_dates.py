"""Dates in Spanish (México) and month arithmetic: the one place for month and weekday names.

Babel would give the same words for a dozen strings and a large locale database; dateutil's
`relativedelta` the same month arithmetic. Neither is worth a dependency here, so they live in
this module and nowhere else.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def month_name(month: int) -> str:
    """1 → «enero»."""
    return MONTHS[month - 1]


def spanish_date(day: date, *, year: bool = False, weekday: bool = False) -> str:
    """«16 de septiembre», with `year` «16 de septiembre de 2026», with `weekday`
    «miércoles 16 de septiembre»."""
    text = f"{day.day} de {MONTHS[day.month - 1]}"
    if year:
        text = f"{text} de {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def spanish_datetime(value: datetime) -> str:
    """A local time written out: «jueves 12 de marzo de 2026, 12:00 h» (convert to México's
    time first; see clock.to_mexico)."""
    return f"{spanish_date(value.date(), year=True, weekday=True)}, {value:%H:%M} h"


def short_time(value: datetime, today: date) -> str:
    """A local time as a message gives it: «12:20» today, «11/03/2026 12:20» another day
    (both local: convert to México's time first)."""
    return f"{value:%H:%M}" if value.date() == today else f"{value:%d/%m/%Y %H:%M}"


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


def add_months(day: date, months: int) -> date:
    """The same day number `months` later (or earlier), clamped to the end of a shorter month:
    31 January + 1 month is 28 (or 29) February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
