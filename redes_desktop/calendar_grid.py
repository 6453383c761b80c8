"""The days a calendar view shows (a week or a month, Monday first), their bounds in UTC and
the posts of each day, all in México City's time. Qt-free: the Redactor's «Calendario» draws
what this computes (issue 15)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal, Protocol, TypeVar

from redes_desktop.spanish_dates import MONTHS, add_months, spanish_range

View = Literal["semana", "mes"]
WEEK: View = "semana"
MONTH: View = "mes"


class Timed(Protocol):
    @property
    def when(self) -> datetime: ...


T = TypeVar("T", bound=Timed)


def week_days(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def month_weeks(day: date) -> list[list[date]]:
    """The weeks (Monday first) covering the month of `day`: 4 to 6 rows of 7 days; days of
    the months around it fill the first and last rows."""
    first = day.replace(day=1)
    last = add_months(first, 1) - timedelta(days=1)
    weeks = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        weeks.append([monday + timedelta(days=i) for i in range(7)])
        monday += timedelta(days=7)
    return weeks


def days_shown(view: View, day: date) -> list[date]:
    if view == WEEK:
        return week_days(day)
    return [d for week in month_weeks(day) for d in week]


def utc_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From México City's midnight starting `first` to the one ending `last`, in UTC."""
    from redes_desktop.clock import mexico_tz

    zone = mexico_tz()
    start = datetime.combine(first, time(0), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), zone).astimezone(UTC)
    return start, end


def period_bounds(view: View, day: date) -> tuple[datetime, datetime]:
    shown = days_shown(view, day)
    return utc_bounds(shown[0], shown[-1])


def local_day(when: datetime) -> date:
    from redes_desktop.clock import to_mexico

    return to_mexico(when).date()


def by_day(items: Iterable[T]) -> dict[date, list[T]]:
    """`items` grouped by their local day, each day in time order."""
    days: dict[date, list[T]] = {}
    for item in sorted(items, key=lambda i: i.when):
        days.setdefault(local_day(item.when), []).append(item)
    return days


def shift(view: View, day: date, steps: int) -> date:
    """`steps` weeks or months later (earlier when negative)."""
    if view == WEEK:
        return day + timedelta(days=7 * steps)
    return add_months(day.replace(day=1), steps)


def title(view: View, day: date) -> str:
    """«marzo de 2026», or for a week «del 9 al 15 de marzo de 2026» (the view says
    «Semana …» around it, through its translations)."""
    if view == MONTH:
        return f"{MONTHS[day.month - 1]} de {day.year}"
    days = week_days(day)
    text = spanish_range(days[0], days[-1])
    if days[0].year == days[-1].year:
        text = f"{text} de {days[-1].year}"
    return text
