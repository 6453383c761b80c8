"""Dates in Spanish and month arithmetic come from one module (issue 13)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from redes_desktop.services.consultation_rules import format_mexico
from redes_desktop.spanish_dates import (
    add_months,
    month_name,
    spanish_date,
    spanish_datetime,
    spanish_range,
)

PACKAGE = Path(__file__).resolve().parent.parent / "redes_desktop"


def test_month_and_weekday_names_are_written_in_one_module_only():
    # The window's own labels go through Qt's tr() and are not counted here.
    holders = sorted(
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts[:1]
        and ('"septiembre"' in p.read_text(encoding="utf-8")
             or '"miércoles"' in p.read_text(encoding="utf-8"))
    )
    assert holders == ["spanish_dates.py"]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 3, 31), -6, date(2025, 9, 30)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 5, 20), -17, date(2024, 12, 20)),
    (date(2026, 5, 20), 0, date(2026, 5, 20)),
])
def test_add_months_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_spanish_forms():
    day = date(2026, 9, 16)
    assert month_name(1) == "enero" and month_name(12) == "diciembre"
    assert spanish_date(day) == "16 de septiembre"
    assert spanish_date(day, year=True) == "16 de septiembre de 2026"
    assert spanish_date(day, weekday=True) == "miércoles 16 de septiembre"
    assert spanish_datetime(datetime(2026, 3, 12, 12, 0)) == "jueves 12 de marzo de 2026, 12:00 h"
    assert spanish_range(day, day) == "el 16 de septiembre"
    assert spanish_range(date(2026, 12, 20), date(2026, 12, 31)) == "del 20 al 31 de diciembre"
    assert spanish_range(date(2026, 12, 28), date(2027, 1, 4)) == (
        "del 28 de diciembre de 2026 al 4 de enero de 2027")


def test_consultation_times_use_it_in_mexico_time():
    assert format_mexico(datetime(2026, 3, 12, 18, 0, tzinfo=UTC)) == (
        "jueves 12 de marzo de 2026, 12:00 h")
