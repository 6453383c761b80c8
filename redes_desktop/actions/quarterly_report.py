"""The Informes section's data (8.ii, 8.i): the quarterly report of the accounts the person
may see (CNCS sees all) and the accounts whose evaluation is due."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.services.report_export import number as number
from redes_desktop.services.report_export import period_text as period_text
from redes_desktop.services.report_export import render as render
from redes_desktop.services.reports import USERS_NOT_AVAILABLE as USERS_NOT_AVAILABLE
from redes_desktop.services.reports import AccountReport as AccountReport
from redes_desktop.services.reports import EvaluationDue as EvaluationDue
from redes_desktop.services.reports import QuarterlyReport as QuarterlyReport
from redes_desktop.services.reports import last_complete_quarter as last_complete_quarter
from redes_desktop.services.reports import quarter_bounds as quarter_bounds

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.reports import QuarterlyReport


@dataclass(frozen=True)
class ReportView:
    report: QuarterlyReport | None
    due: tuple
    everything: bool  # the person sees every account of the Institute
    problem: str  # why there is no report, in Spanish


def quarterly_report(database: Database, year: int, quarter: int, *, clock: Clock,
                     person_id: uuid.UUID | None) -> ReportView:
    from redes_desktop.clock import to_mexico
    from redes_desktop.errors import UserFacingError
    from redes_desktop.models import Person
    from redes_desktop.services.reports import evaluations_due, report_scope
    from redes_desktop.services.reports import quarterly_report as build

    now = clock()
    with unit_of_work(database) as session:
        person = session.get(Person, person_id) if person_id is not None else None
        if person is not None and person.deleted_at is not None:
            person = None
        scope = report_scope(session, person)
        due = tuple(evaluations_due(session, to_mexico(now).date(), area_ids=scope))
        try:
            report = build(session, year, quarter, area_ids=scope, as_of=now)
        except UserFacingError as error:
            return ReportView(None, due, scope is None, error.message)
        return ReportView(report, due, scope is None, "")


def institute_report(database: Database, year: int, quarter: int, *,
                     clock: Clock) -> QuarterlyReport:
    """The report on every account of the Institute (8.iv), as the command line gives it to
    CNCS: no person is chosen there and nothing is scoped. Reading only."""
    from redes_desktop.services.reports import quarterly_report as build

    with unit_of_work(database) as session:
        return build(session, year, quarter, as_of=clock())
