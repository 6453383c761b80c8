"""Office hours of México City for the demo institution (issue 15): its people write drafts,
send consultations and sign oficios at work, not at 4 a.m."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from redes_desktop.clock import mexico_tz, to_mexico

OFFICE_OPENS, OFFICE_CLOSES = 9, 19  # hours


def local_moment(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), mexico_tz()).astimezone(UTC)


def _back(when: datetime, weekends: bool) -> datetime:
    """The latest office-hours moment not after `when` (same minute past the hour)."""
    local = to_mexico(when)
    day, minute = local.date(), local.minute
    if local.hour >= OFFICE_CLOSES:
        moment = local_moment(day, OFFICE_CLOSES - 1, minute)
    elif local.hour < OFFICE_OPENS:
        day -= timedelta(days=1)
        moment = local_moment(day, OFFICE_CLOSES - 1, minute)
    else:
        moment = when
    while not weekends and to_mexico(moment).weekday() >= 5:
        day = to_mexico(moment).date() - timedelta(days=1)
        moment = local_moment(day, OFFICE_CLOSES - 1, minute)
    return moment


def _forward(when: datetime, weekends: bool) -> datetime:
    """The earliest office-hours moment not before `when` (same minute past the hour)."""
    local = to_mexico(when)
    day, minute = local.date(), local.minute
    if local.hour < OFFICE_OPENS:
        moment = local_moment(day, OFFICE_OPENS, minute)
    elif local.hour >= OFFICE_CLOSES:
        moment = local_moment(day + timedelta(days=1), OFFICE_OPENS, minute)
    else:
        moment = when
    while not weekends and to_mexico(moment).weekday() >= 5:
        moment = local_moment(to_mexico(moment).date() + timedelta(days=1), OFFICE_OPENS, minute)
    return moment


def office_time(target: datetime, earliest: datetime, latest: datetime, *,
                weekends: bool = False) -> datetime:
    """The office-hours moment of México City (9:00–19:00; Monday to Friday unless `weekends`)
    nearest to `target` within [earliest, latest]; `target` itself when there is none."""
    candidates = [c for c in (_back(target, weekends), _forward(target, weekends))
                  if earliest <= c <= latest]
    if not candidates:
        return target
    return min(candidates, key=lambda c: abs(c - target))


def working_day_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def is_office_time(when: datetime, *, weekends: bool = False) -> bool:
    local = to_mexico(when)
    return (OFFICE_OPENS <= local.hour < OFFICE_CLOSES
            and (weekends or local.weekday() < 5))
