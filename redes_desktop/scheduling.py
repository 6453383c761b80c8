"""Scheduled publication times: the one message that refuses a time already past, shared by the
service that stores the time and the Redactor's field that asks for it (issue 15)."""

from __future__ import annotations

from datetime import datetime


def past_schedule_message(when: datetime) -> str:
    """Why a scheduled time is refused: it is already past (said in México City's time)."""
    from redes_desktop.clock import to_mexico
    from redes_desktop.spanish_dates import spanish_datetime

    return (f"La fecha y hora programadas ({spanish_datetime(to_mexico(when))}, hora del centro "
            "de México) ya pasaron. Elija una fecha y hora futuras, o quite la programación.")


def is_past(when: datetime, now: datetime) -> bool:
    """Times are kept to the minute: the current minute still counts as not past."""
    return when.replace(second=0, microsecond=0) < now.replace(second=0, microsecond=0)
