"""8.iv «usuarios»: enter the users of an account for a quarter; list the accounts of a quarter
with the figure entered so far."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.user_counts import MAX_USERS as MAX_USERS

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.activity import ActivityRecorder


@dataclass(frozen=True)
class UserCountRow:
    account_id: uuid.UUID
    label: str
    users: int | None


def record_user_count(database: Database, account_id: uuid.UUID | str, *, year: int,
                      quarter: int, users: int, source: str = "",
                      person_id: uuid.UUID | None, clock: Clock,
                      recorder: ActivityRecorder) -> None:
    from redes_desktop.services.user_counts import record_user_count as record

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        record(session, clock, actor, account_id, year=year, quarter=quarter, users=users,
               source=source, recorder=recorder)


def user_counts(database: Database, year: int, quarter: int, *,
                person_id: uuid.UUID | None) -> tuple[UserCountRow, ...]:
    from sqlalchemy import select

    from redes_desktop.models import Account, AccountUserCount
    from redes_desktop.services.reports import REPORTED_STATUSES, report_scope

    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        scope = report_scope(session, actor)
        query = (select(Account).where(Account.deleted_at.is_(None),
                                       Account.status.in_(REPORTED_STATUSES))
                 .order_by(Account.handle))
        if scope is not None:
            query = query.where(Account.area_id.in_(list(scope)))
        counts = dict(session.execute(
            select(AccountUserCount.account_id, AccountUserCount.users)
            .where(AccountUserCount.year == year, AccountUserCount.quarter == quarter)).all())
        return tuple(UserCountRow(a.id, f"{a.handle} — {a.network.label}", counts.get(a.id))
                     for a in session.scalars(query))
