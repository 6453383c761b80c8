"""The typed Qt ↔ Python date conversions agree with PySide6's own."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime

from redes_desktop.ui.qt_dates import from_datetime, to_date, to_datetime


def test_to_date_matches_pyside():
    value = QDate(2026, 2, 28)
    assert to_date(value) == value.toPython() == date(2026, 2, 28)


def test_to_datetime_keeps_milliseconds_and_matches_pyside():
    value = QDateTime(QDate(2026, 3, 10), QTime(23, 59, 58, 123))
    assert to_datetime(value) == value.toPython() == datetime(2026, 3, 10, 23, 59, 58, 123000)


def test_from_datetime_shows_the_wall_clock_and_round_trips():
    from redes_desktop.clock import mexico_tz

    aware = datetime(2026, 3, 10, 9, 30, 15, 250000, tzinfo=mexico_tz())
    shown = from_datetime(aware)
    assert shown == QDateTime(aware.replace(tzinfo=None))  # PySide6's implicit conversion
    assert to_datetime(shown) == aware.replace(tzinfo=None)
