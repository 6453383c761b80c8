"""Informes of the inbox (issue 17): response times (median), the answered share and the
recurring topics (6.xviii) of a period, over the accounts the person may see; and the
quarterly report's «usuarios» (8.iv) read from the networks' follower counts where this
workstation has a connection."""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from redes_desktop.actions.inbox_list import visible_accounts
from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import UserFacingError
from redes_desktop.models.inbox import DoubtGroup, InboxItem, InboxState, InboxTag
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.inbox_polling import ConnectorFor
from redes_desktop.services.recurring_doubts import SUGGEST_AT


@dataclass(frozen=True)
class TopicRow:
    sample: str
    count: int
    suggest_publication: bool


@dataclass(frozen=True)
class InboxReport:
    received: int
    answered: int
    ignored: int
    answered_share: float  # answered / (received − ignored)
    median_response: timedelta | None
    suggestions: int  # tagged «sugerencia», for the semiannual evaluation (8.ii)
    topics: tuple[TopicRow, ...]


def inbox_report(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                 start: datetime, end: datetime, top: int = 10) -> InboxReport:
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        ids = list(visible_accounts(session, person, clock))
        rows = session.execute(
            select(InboxItem.state, InboxItem.received_at, InboxItem.replied_at,
                   InboxItem.tags)
            .where(InboxItem.account_id.in_(ids), InboxItem.received_at >= start,
                   InboxItem.received_at < end)).all()
        answered = [r for r in rows if r.state == InboxState.RESPONDIDO and r.replied_at]
        ignored = sum(1 for r in rows if r.state == InboxState.IGNORADO)
        times = [(r.replied_at - r.received_at).total_seconds() for r in answered]
        considered = len(rows) - ignored
        topics = session.execute(
            select(DoubtGroup.sample_text, func.count(InboxItem.id).label("n"))
            .join(InboxItem, InboxItem.doubt_group_id == DoubtGroup.id)
            .where(InboxItem.account_id.in_(ids), InboxItem.received_at >= start,
                   InboxItem.received_at < end)
            .group_by(DoubtGroup.id, DoubtGroup.sample_text)
            .order_by(func.count(InboxItem.id).desc()).limit(top)).all()
        return InboxReport(
            received=len(rows), answered=len(answered), ignored=ignored,
            answered_share=(len(answered) / considered) if considered else 0.0,
            median_response=timedelta(seconds=statistics.median(times)) if times else None,
            suggestions=sum(1 for r in rows if InboxTag.SUGERENCIA.value in (r.tags or [])),
            topics=tuple(TopicRow(s, n, n >= SUGGEST_AT) for s, n in topics))


@dataclass(frozen=True)
class FollowerResult:
    recorded: dict[uuid.UUID, int]
    failed: dict[uuid.UUID, str]


def record_followers(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                     connector_for: ConnectorFor, person_id: uuid.UUID | None, year: int,
                     quarter: int) -> FollowerResult:
    """8.iv: the quarter's «usuarios» of each connected account, from its network."""
    from redes_desktop.services.user_counts import record_user_count

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        visible = visible_accounts(session, person, clock)
        connections = [c for c in session.scalars(select(NetworkConnection))
                       if c.account_id in visible]
        session.expunge_all()
    counts: dict[uuid.UUID, int] = {}
    failed: dict[uuid.UUID, str] = {}
    for connection in connections:
        try:
            value = connector_for(connection).follower_count()
        except UserFacingError as error:
            failed[connection.account_id] = error.message
            continue
        if value is not None:
            counts[connection.account_id] = value
    with unit_of_work(database) as session:
        actor = acting_person(session, person_id)
        for account_id, value in counts.items():
            record_user_count(session, clock, actor, account_id, year=year, quarter=quarter,
                              users=value, source="seguidores según la red (conexión)",
                              recorder=recorder)
    return FollowerResult(counts, failed)
