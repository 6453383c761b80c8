"""The notification list (issue 15): every notification the jobs raised is kept at the
workstation (table `notifications`, local only) for the person it was for, with when it was
read; the window shows the list, the unread count, and opens what an item is about."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.services.notifications import Notification

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database

KEEP_DAYS = 180  # older notifications are dropped when new ones are recorded
LIST_LIMIT = 300


@dataclass(frozen=True)
class NotificationItem:
    id: uuid.UUID
    created_at: datetime  # UTC; the window shows México City's time
    notification: Notification
    read: bool


@dataclass(frozen=True)
class NotificationList:
    items: tuple[NotificationItem, ...]  # newest first
    unread: int


def _mine(model, person_id: uuid.UUID | None):
    """The person's notifications and the workstation's own (no person: e.g. the bitácora's
    alarm, shown to whoever is signed in)."""
    if person_id is None:
        return model.person_id.is_(None)
    return (model.person_id == person_id) | model.person_id.is_(None)


def record_notifications(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                         notifications: Iterable[Notification]) -> int:
    """Keep `notifications` for `person_id`; returns how many were kept."""
    from sqlalchemy import delete

    from redes_desktop.models import StoredNotification

    now = clock()
    rows = [StoredNotification(
        person_id=person_id, created_at=now, title=n.title[:200], message=n.message,
        kind=n.kind, target_section=(n.target[0] if n.target else "")[:40],
        target_id=(n.target[1] if n.target else "")[:80]) for n in notifications]
    if not rows:
        return 0
    with unit_of_work(database) as session:
        session.execute(delete(StoredNotification).where(
            StoredNotification.created_at < now - timedelta(days=KEEP_DAYS)))
        session.add_all(rows)
    return len(rows)


def list_notifications(database: Database, *, person_id: uuid.UUID | None,
                       limit: int = LIST_LIMIT) -> NotificationList:
    """The newest notifications of the person (and of the workstation), with the unread
    count over all of them."""
    from sqlalchemy import func, select

    from redes_desktop.models import StoredNotification as N

    with unit_of_work(database) as session:
        rows = session.scalars(select(N).where(_mine(N, person_id))
                               .order_by(N.created_at.desc(), N.id).limit(limit))
        items = tuple(NotificationItem(
            row.id, row.created_at,
            Notification(row.title, row.message, row.kind,
                         (row.target_section, row.target_id) if row.target_section else None),
            row.read_at is not None) for row in rows)
        unread = session.scalar(select(func.count()).select_from(N).where(
            _mine(N, person_id), N.read_at.is_(None))) or 0
    return NotificationList(items, unread)


def mark_read(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
              ids: Iterable[uuid.UUID] | None = None) -> int:
    """Mark the notifications `ids` read (all of the person's when None); returns how many
    changed. Another person's notifications are never touched."""
    from sqlalchemy import update

    from redes_desktop.models import StoredNotification as N

    condition = _mine(N, person_id) & N.read_at.is_(None)
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return 0
        condition = condition & N.id.in_(wanted)
    with unit_of_work(database) as session:
        result = session.execute(update(N).where(condition).values(read_at=clock()))
        return int(getattr(result, "rowcount", 0) or 0)
