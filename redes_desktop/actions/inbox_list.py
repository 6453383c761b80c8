"""Read the inbox (issue 17): one page of items for the Buzón, their count, and one item's
detail. Only the items of accounts the person may see (their administrators, the area's
titular, CNCS); open items first, the one whose response clock runs out first on top."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select, tuple_
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import NotFound, PermissionDenied
from redes_desktop.models import Account, Person, Post
from redes_desktop.models.inbox import (
    DEFAULT_TARGET_HOURS,
    DoubtGroup,
    InboxItem,
    InboxState,
    InboxTarget,
)
from redes_desktop.services.inbox_rules import OPEN_STATES as OPEN_STATES
from redes_desktop.services.inbox_rules import ResponseClock as ResponseClock
from redes_desktop.services.inbox_rules import clock_text as clock_text
from redes_desktop.services.inbox_rules import response_clock
from redes_desktop.services.permissions import Action, Permissions


@dataclass(frozen=True)
class InboxFilter:
    account_id: uuid.UUID | None = None
    state: str | None = None  # an InboxState value; None: all
    mine: bool = False  # assigned to or claimed by the acting person


@dataclass(frozen=True)
class InboxRow:
    id: uuid.UUID
    account_handle: str
    network_label: str
    kind: str
    author: str
    text: str
    state: str
    state_label: str
    assigned_to: str
    received_at: datetime
    due_at: datetime
    clock: str
    late: bool
    tags: tuple[str, ...]
    group_size: int


@dataclass(frozen=True)
class InboxPageResult:
    rows: tuple[InboxRow, ...]
    total: int
    next_key: InboxKey | None  # None: nothing more


@dataclass(frozen=True)
class InboxDetail:
    row: InboxRow
    account_id: uuid.UUID
    author_name: str
    author_handle: str
    url: str
    claimed_by: str
    claim_expires_at: datetime | None
    escalation_note: str
    reply_text: str
    reply_url: str
    group_sample: str
    claimed_by_me: bool = False  # the claim is the person's own («Lo atiende usted»)


def visible_accounts(session: Session, person: Person, clock: Clock) -> dict[uuid.UUID, Account]:
    permissions = Permissions(session, clock)
    return {a.id: a for a in session.scalars(select(Account).where(Account.deleted_at.is_(None)))
            if permissions.check(person, Action.VIEW_ACCOUNT, account=a)}


def target_hours(session: Session, accounts: dict[uuid.UUID, Account]) -> dict[uuid.UUID, int]:
    """The response target (hours) of each account, from its area's setting."""
    by_area = {r[0]: r[1] for r in session.execute(
        select(InboxTarget.area_id, InboxTarget.hours))}
    return {a.id: by_area.get(a.area_id, DEFAULT_TARGET_HOURS) for a in accounts.values()}


def _conditions(person_id: uuid.UUID, ids: list[uuid.UUID],
                filters: InboxFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [InboxItem.account_id.in_(ids)]
    if filters.account_id is not None:
        where.append(InboxItem.account_id == filters.account_id)
    if filters.state:
        where.append(InboxItem.state == InboxState(filters.state))
    if filters.mine:
        where.append((InboxItem.assigned_to_id == person_id)
                     | (InboxItem.claimed_by_id == person_id))
    return where


@dataclass(frozen=True)
class InboxKey:
    """Where a page ended (keyset paging: the next page costs the same at any depth)."""

    open: bool
    received_at: datetime
    id: uuid.UUID


def list_inbox(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
               filters: InboxFilter = InboxFilter(), after: InboxKey | None = None,
               limit: int = 200) -> InboxPageResult:
    """Open items first, the longest waiting on top (with one target per area, the order of
    their response clocks); then the closed ones, newest first. Both walk the index on
    `received_at`, so the first page of 50,000 items costs a few milliseconds.
    Reading only: not recorded in the bitácora."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        accounts = visible_accounts(session, person, clock)
        if filters.account_id is not None and filters.account_id not in accounts:
            raise PermissionDenied("No puede ver el buzón de esa cuenta (criterio 5.1).")
        hours = target_hours(session, accounts)
        where = _conditions(person.id, list(accounts), filters)
        total = session.scalar(select(func.count()).select_from(InboxItem).where(*where)) or 0
        open_states = [InboxState(s) for s in OPEN_STATES]
        items: list[InboxItem] = []
        if after is None or after.open:
            stmt = select(InboxItem).where(*where, InboxItem.state.in_(open_states))
            if after is not None:
                stmt = stmt.where(tuple_(InboxItem.received_at, InboxItem.id)
                                  > tuple_(after.received_at, after.id))
            items += session.scalars(_by_arrival(stmt).order_by(
                InboxItem.received_at, InboxItem.id).limit(limit))
        if len(items) < limit:
            stmt = select(InboxItem).where(*where, InboxItem.state.not_in(open_states))
            if after is not None and not after.open:
                stmt = stmt.where(tuple_(InboxItem.received_at, InboxItem.id)
                                  < tuple_(after.received_at, after.id))
            items += session.scalars(_by_arrival(stmt).order_by(
                InboxItem.received_at.desc(), InboxItem.id.desc()).limit(limit - len(items)))
        rows = _rows(session, items, accounts, hours, clock())
        last = items[-1] if len(items) == limit else None
        key = (InboxKey(last.state.value in OPEN_STATES, last.received_at, last.id)
               if last is not None else None)
        return InboxPageResult(tuple(rows), total, key)


def _by_arrival(stmt: Select[InboxItem]) -> Select[InboxItem]:
    # Walk the arrival index and stop at the page's end, rather than sorting every item of the
    # accounts found through (account, state): 1.4 ms instead of 108 ms for 50,000 items.
    return stmt.with_hint(InboxItem, "INDEXED BY ix_inbox_items_received", "sqlite")


def _rows(session: Session, items: list[InboxItem], accounts: dict[uuid.UUID, Account],
          hours: dict[uuid.UUID, int], now: datetime) -> list[InboxRow]:
    people_ids = {i.assigned_to_id for i in items if i.assigned_to_id}
    names = {r[0]: r[1] for r in session.execute(
        select(Person.id, Person.name).where(Person.id.in_(people_ids)))} if people_ids else {}
    groups = {i.doubt_group_id for i in items if i.doubt_group_id}
    sizes: dict[uuid.UUID | None, int] = {}
    if groups:
        sizes = {r[0]: r[1] for r in session.execute(
            select(InboxItem.doubt_group_id, func.count())
            .where(InboxItem.doubt_group_id.in_(groups))
            .group_by(InboxItem.doubt_group_id))}
    rows = []
    for item in items:
        account = accounts[item.account_id]
        clock = response_clock(item.received_at, hours.get(item.account_id), now,
                               item.replied_at)
        rows.append(InboxRow(
            id=item.id, account_handle=account.handle, network_label=item.network.label,
            kind=item.kind, author=item.author_name or item.author_handle,
            text=item.text, state=item.state.value, state_label=item.state.label,
            assigned_to=names.get(item.assigned_to_id, "") if item.assigned_to_id else "",
            received_at=item.received_at, due_at=clock.due_at,
            clock=clock_text(clock) if item.state.value in OPEN_STATES or item.replied_at
            else "—", late=clock.late and item.state.value in OPEN_STATES,
            tags=tuple(item.tags or ()),
            group_size=sizes.get(item.doubt_group_id, 0) if item.doubt_group_id else 0))
    return rows


def inbox_accounts(database: Database, *, clock: Clock,
                   person_id: uuid.UUID | None) -> tuple[tuple[uuid.UUID, str], ...]:
    """The accounts whose inbox the person may see, for the account filter."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        accounts = visible_accounts(session, person, clock)
        return tuple(sorted(((a.id, f"{a.handle} ({a.network.label})")
                            for a in accounts.values()), key=lambda pair: pair[1].lower()))


def inbox_detail(database: Database, *, clock: Clock, person_id: uuid.UUID | None,
                 item_id: uuid.UUID) -> InboxDetail:
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        item = session.get(InboxItem, item_id)
        if item is None:
            raise NotFound("Ese elemento del buzón ya no existe.")
        account = session.get(Account, item.account_id)
        if account is None or not Permissions(session, clock).check(
                person, Action.VIEW_ACCOUNT, account=account):
            raise PermissionDenied("No puede ver el buzón de esa cuenta (criterio 5.1).")
        accounts = {account.id: account}
        row = _rows(session, [item], accounts, target_hours(session, accounts), clock())[0]
        holder = session.get(Person, item.claimed_by_id) if item.claimed_by_id else None
        reply = session.get(Post, item.reply_post_id) if item.reply_post_id else None
        group = session.get(DoubtGroup, item.doubt_group_id) if item.doubt_group_id else None
        return InboxDetail(
            row=row, account_id=account.id, author_name=item.author_name,
            author_handle=item.author_handle, url=item.url,
            claimed_by=holder.name if holder and item.claim_expires_at
            and item.claim_expires_at > clock() else "",
            claim_expires_at=item.claim_expires_at, escalation_note=item.escalation_note,
            reply_text=reply.text if reply else "", reply_url=item.reply_url,
            group_sample=group.sample_text if group else "",
            claimed_by_me=item.claimed_by_id == person.id)
