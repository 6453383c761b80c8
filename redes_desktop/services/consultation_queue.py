"""The consultation queue as plain rows (one query, no ORM objects): for the Consultas CNCS
section, the command line and reports."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import String, or_, select, type_coerce
from sqlalchemy.orm import Session

from redes_desktop.clock import as_utc
from redes_desktop.models import (
    Account,
    AccountAdministrator,
    Area,
    Consultation,
    ConsultationState,
    Network,
    Person,
    Post,
    Role,
)
from redes_desktop.services.consultation_rules import (
    format_countdown,
    format_mexico,
    is_expired,
    remaining,
)


class ConsultationRow(NamedTuple):
    """One consultation of the queue. A tuple, built 10,000 at a time: the consultation's and
    post's ids stay as text (`key`, `post_key`) until asked for (`id`, `post_id`)."""

    key: str
    post_key: str
    account_id: uuid.UUID
    account_handle: str
    network: Network
    area_id: uuid.UUID
    area_name: str
    author_id: uuid.UUID | None  # None (and name "") when the author's record is missing
    author_name: str
    sent_at: datetime
    deadline: datetime
    state: ConsultationState
    mail_pending: bool
    invalidated: bool
    reviewer_name: str
    decided_at: datetime | None
    question: str

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.key)

    @property
    def post_id(self) -> uuid.UUID:
        return uuid.UUID(self.post_key)

    @property
    def is_open(self) -> bool:
        return self.state is ConsultationState.PENDIENTE

    def seconds_left(self, now: datetime) -> int | None:
        """Seconds to the deadline for a pending consultation (0 once due); None otherwise."""
        if not self.is_open:
            return None
        return max(0, int(remaining(self.deadline, now).total_seconds()))

    def as_json(self, now: datetime) -> dict:
        left = self.seconds_left(now)
        return {
            "id": str(self.id), "post_id": str(self.post_id),
            "account": self.account_handle, "network": self.network.value,
            "area": self.area_name, "author": self.author_name,
            "sent_at": as_utc(self.sent_at).isoformat(),
            "deadline": as_utc(self.deadline).isoformat(),
            "deadline_mexico": format_mexico(self.deadline),
            "seconds_left": left,
            "countdown": None if left is None else format_countdown(remaining(self.deadline, now)),
            "overdue": self.is_open and is_expired(self.deadline, now),
            "state": self.state.value, "state_label": self.state.label,
            "mail_pending": self.mail_pending, "invalidated": self.invalidated,
            "reviewer": self.reviewer_name or None,
            "decided_at": as_utc(self.decided_at).isoformat() if self.decided_at else None,
            "question": self.question,
        }


def queue_rows(
    session: Session,
    *,
    state: ConsultationState | None = None,
    author_id: uuid.UUID | None = None,
    area_id: uuid.UUID | None = None,
    visible_to: Person | None = None,
    today: date | None = None,
) -> list[ConsultationRow]:
    """Consultations, newest first; optionally one state, one author's or one area's.

    `visible_to`: only what that person may see (5.1): reviewers of CNCS see every
    consultation; others those of accounts they administer or whose area they head, and their
    own.

    Speed (10,000 rows): the consultations are read alone, without joins, and their accounts,
    areas and people (a few hundred rows) are looked up in dictionaries; ids stay as the stored
    text. Joining four tables per row cost SQLite more than the whole rest of the load."""
    conn = session.connection()  # Core: the ORM's per-row loading layer is not needed here
    accounts = {
        key: (uuid.UUID(str(key)), handle, network, uuid.UUID(str(area_key)), area_name,
              titular)
        for key, handle, network, area_key, area_name, titular in conn.execute(
            select(_raw(Account.id, "a_id"), Account.handle, Account.network,
                   _raw(Area.id, "ar_id"), Area.name, Area.titular_id)
            .join(Area, Area.id == Account.area_id))
    }
    people = {key: (uuid.UUID(str(key)), name) for key, name in conn.execute(
        select(_raw(Person.id, "p_id"), Person.name))}
    deleted = set(conn.scalars(select(_raw(Post.id, "po_id")).where(
        Post.deleted_at.is_not(None))))

    stmt = select(
        _raw(Consultation.id, "c_id"), _raw(Consultation.post_id, "c_post"),
        _raw(Consultation.account_id, "c_account"), _raw(Consultation.author_id, "c_author"),
        _raw(Consultation.reviewer_id, "c_reviewer"), _raw(Consultation.sent_at, "c_sent"),
        _raw(Consultation.deadline, "c_deadline"), Consultation.state, Consultation.mail_pending,
        Consultation.invalidated_at.is_not(None), _raw(Consultation.decided_at, "c_decided"),
        Consultation.question,
    ).order_by(Consultation.sent_at.desc())
    if state is not None:
        stmt = stmt.where(Consultation.state == state)
    if author_id is not None:
        stmt = stmt.where(Consultation.author_id == author_id)
    if area_id is not None:
        stmt = stmt.where(Consultation.account_id.in_(
            [a[0] for a in accounts.values() if a[3] == area_id]))
    if visible_to is not None and not visible_to.has_role(Role.REVISOR_CNCS):
        administered = select(AccountAdministrator.account_id).where(
            AccountAdministrator.person_id == visible_to.id)
        if today is not None:  # current designations only
            administered = administered.where(
                AccountAdministrator.since <= today,
                or_(AccountAdministrator.until.is_(None), AccountAdministrator.until >= today))
        allowed = set(session.scalars(administered))
        allowed |= {a[0] for a in accounts.values() if a[5] == visible_to.id}
        stmt = stmt.where(or_(Consultation.author_id == visible_to.id,
                              Consultation.account_id.in_(allowed)))
    nobody = (None, "")
    rows = []
    with _gc_paused():  # 10,000 new tuples would set off full collections of a large heap
        for (cid, post_key, account_key, author_key, reviewer_key, sent, deadline, st, pending,
             invalidated, decided, question) in conn.execute(stmt).all():
            if post_key in deleted:
                continue
            account_uuid, handle, network, area_uuid, area_name, _titular = accounts[account_key]
            author_uuid, author_name = people.get(author_key, nobody)
            rows.append(ConsultationRow(
                _text(cid), _text(post_key), account_uuid, handle, network, area_uuid,
                area_name, author_uuid, author_name, _utc_set(sent), _utc_set(deadline), st,
                bool(pending), bool(invalidated),
                people.get(reviewer_key, nobody)[1] if reviewer_key else "", _utc(decided),
                question))
    return rows


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _utc(value) -> datetime | None:
    return None if value is None else _utc_set(value)


def _utc_set(value: str | datetime) -> datetime:
    """A stored time as aware UTC. SQLite gives text without offset (UTC by UTCDateTime);
    parsing it with "+00:00" appended is several times faster than parse-then-replace."""
    if isinstance(value, datetime):  # PostgreSQL
        return as_utc(value)
    try:
        return datetime.fromisoformat(value + "+00:00")
    except ValueError:
        return as_utc(datetime.fromisoformat(value))


def _raw(column, name: str):
    """A column without SQLAlchemy's per-row conversion (ids stay text, times are parsed by
    `_utc`): 10,000 rows × 5 ids and 3 times were most of the load."""
    return type_coerce(column, String).label(name)


def _text(value) -> str:
    """An id as hex text: SQLite gives the stored text, PostgreSQL a UUID."""
    return value if type(value) is str else value.hex
