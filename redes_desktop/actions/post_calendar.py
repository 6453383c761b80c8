"""The Redactor's history (issue 15): the scheduled and published posts of the accounts a person
may see (5.1: their designated administrators, the titular of their area, CNCS reviewers), for
the calendar's week or month, and the list of published posts with their links. Reading only:
nothing here is recorded in the bitácora."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import Session

    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.models import Account, Person

SCHEDULED = "programada"
PUBLISHED = "publicada"
SNIPPET = 80
PUBLISHED_LIMIT = 500  # the list shows the newest; a filter by account narrows it


@dataclass(frozen=True)
class ViewableAccount:
    id: uuid.UUID
    handle: str
    name: str
    network_label: str

    @property
    def label(self) -> str:
        return f"{self.handle} — {self.network_label} ({self.name})"


@dataclass(frozen=True)
class CalendarPost:
    id: uuid.UUID
    account_id: uuid.UUID
    handle: str
    network_label: str
    when: datetime  # aware UTC: the scheduled time, or when it was published
    kind: str  # SCHEDULED or PUBLISHED
    snippet: str
    text: str
    status_label: str
    url: str | None = None


@dataclass(frozen=True)
class PublishedRow:
    id: uuid.UUID
    account_id: uuid.UUID
    handle: str
    network_label: str
    published_at: datetime  # aware UTC
    url: str
    snippet: str
    text: str


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return (line[:SNIPPET] + "…") if len(line) > SNIPPET else (line or "(sin texto)")


def _viewable(session: Session, person: Person, clock: Clock) -> list[Account]:
    from sqlalchemy import select

    from redes_desktop.models import Account
    from redes_desktop.services.permissions import Permissions

    accounts = session.scalars(
        select(Account).where(Account.deleted_at.is_(None)).order_by(Account.handle))
    return Permissions(session, clock).visible_accounts(person, accounts)


def _scope(session: Session, person: Person, clock: Clock,
           account_id: uuid.UUID | None) -> dict[uuid.UUID, Account]:
    """The accounts to read: all the person may see, or the one asked for (refused when the
    person may not see it)."""
    from redes_desktop.errors import PermissionDenied

    viewable = {a.id: a for a in _viewable(session, person, clock)}
    if account_id is None:
        return viewable
    if account_id not in viewable:
        raise PermissionDenied(
            "No puede ver las publicaciones de esa cuenta: solo sus administradores "
            "designados, el titular del área y la CNCS tienen acceso (criterio 5.1).")
    return {account_id: viewable[account_id]}


def viewable_accounts(database: Database, *, clock: Clock,
                      person_id: uuid.UUID | None) -> tuple[ViewableAccount, ...]:
    """The accounts whose calendar and published posts the person may see, by handle."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        return tuple(ViewableAccount(a.id, a.handle, a.name, a.network.label)
                     for a in _viewable(session, person, clock))


def _not_an_inbox_answer() -> ColumnElement[bool]:
    """Answers given from the Buzón are kept as posts (issue 17) but belong to the Buzón: the
    calendar and «Publicadas» show what the account publishes, not each reply to the public
    (a direct message's answer is private)."""
    from sqlalchemy import select

    from redes_desktop.models import Post
    from redes_desktop.models.inbox import InboxItem

    return Post.id.not_in(select(InboxItem.reply_post_id)
                          .where(InboxItem.reply_post_id.is_not(None)))


def calendar_posts(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                   start: datetime, end: datetime,
                   account_id: uuid.UUID | None = None) -> tuple[CalendarPost, ...]:
    """The posts scheduled in [start, end) and not yet published or discarded, and the posts
    published in it, of `account_id` or of every account the person may see; by time."""
    from sqlalchemy import and_, or_, select

    from redes_desktop.clock import as_utc
    from redes_desktop.models import Post, PostStatus

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        accounts = _scope(session, person, clock, account_id)
        if not accounts:
            return ()
        scheduled = and_(Post.status.not_in([PostStatus.PUBLICADA, PostStatus.DESCARTADA]),
                         Post.scheduled_at >= start, Post.scheduled_at < end)
        published = and_(Post.status == PostStatus.PUBLICADA,
                         Post.published_at >= start, Post.published_at < end)
        rows = session.scalars(select(Post).where(
            Post.deleted_at.is_(None), Post.account_id.in_(list(accounts)),
            or_(scheduled, published), _not_an_inbox_answer()))
        found = []
        for post in rows:
            account = accounts[post.account_id]
            is_published = post.status == PostStatus.PUBLICADA
            when = post.published_at if is_published else post.scheduled_at
            if when is None:
                continue
            found.append(CalendarPost(
                id=post.id, account_id=post.account_id, handle=account.handle,
                network_label=account.network.label, when=as_utc(when),
                kind=PUBLISHED if is_published else SCHEDULED, snippet=_snippet(post.text),
                text=post.text, status_label=post.status.label, url=post.published_url))
        return tuple(sorted(found, key=lambda p: (p.when, p.handle)))


def published_posts(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                    account_id: uuid.UUID | None = None,
                    limit: int = PUBLISHED_LIMIT) -> tuple[PublishedRow, ...]:
    """The published posts with their links, newest first (at most `limit`)."""
    from sqlalchemy import select

    from redes_desktop.clock import as_utc
    from redes_desktop.models import Post, PostStatus

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        accounts = _scope(session, person, clock, account_id)
        if not accounts:
            return ()
        rows = session.scalars(
            select(Post).where(Post.deleted_at.is_(None), Post.status == PostStatus.PUBLICADA,
                               Post.account_id.in_(list(accounts)),
                               Post.published_at.is_not(None), _not_an_inbox_answer())
            .order_by(Post.published_at.desc()).limit(limit))
        return tuple(
            PublishedRow(id=p.id, account_id=p.account_id,
                         handle=accounts[p.account_id].handle,
                         network_label=accounts[p.account_id].network.label,
                         published_at=as_utc(p.published_at) if p.published_at else
                         as_utc(p.updated_at), url=p.published_url or "",
                         snippet=_snippet(p.text), text=p.text)
            for p in rows)
