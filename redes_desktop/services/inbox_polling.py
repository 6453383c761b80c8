"""Bring each connected account's comments, mentions and messages into the inbox (issue 17,
5.2 e). Qt-free: the window's periodic job and the tests run it alike.

- **Incremental**: each account's cursor (`inbox_cursors`, local to this workstation) is given
  back to the connector, which asks the network only for newer items; the cursor moves in the
  same transaction that stores the items, so a crash stores both or neither.
- **Stored once**: an item's id comes from (account, network item id) — a page seen again, or
  the same comment polled by another workstation, makes no second row, and an item already
  handled (ignored, answered) is never touched, so it never reappears as new (6.xvi).
- **Network errors back off** (1 min doubling to 1 h; a rate limit waits for the network's
  reset) and never move or lose the cursor. A network whose daily quota is tight asks to be
  polled less often (`poll_again_in`: YouTube every 15 minutes).
- New questions are grouped with the account's recurring doubts (6.xviii) as they arrive.
- A connector's notice for the person (`INBOX_NOTICE`: e.g. messages need the account connected
  again) becomes a notification once the page is stored; the connector gives it only once."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import UserFacingError
from redes_desktop.models.inbox import (
    DoubtGroup,
    InboxCursor,
    InboxItem,
    InboxState,
    InboxTag,
    doubt_group_id,
    inbox_item_id,
)
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.errors import RateLimited, TransientNetworkError
from redes_desktop.networks.types import INBOX_NOTICE, InboxPage, IncomingItem
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.notifications import Notification
from redes_desktop.services.recurring_doubts import (
    SUGGEST_AT,
    DoubtIndex,
    is_question,
    signature_text,
    stems,
)

ConnectorFor = Callable[[NetworkConnection], NetworkConnector]
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
POLL_EVERY = timedelta(minutes=2)
# A failure a person should hear of: one no retry mends (an expired authorisation, a missing
# permission), or the same account failing this many polls in a row.
LASTING_AFTER = 3


def poll_interval(page: InboxPage) -> timedelta:
    """POLL_EVERY, or longer when the network asks to spare its quota (`poll_again_in`)."""
    seconds = page.extra.get("poll_again_in", "")
    if not seconds.isdigit():
        return POLL_EVERY
    return max(POLL_EVERY, timedelta(seconds=int(seconds)))


@dataclass
class PollReport:
    new_items: int = 0
    accounts: int = 0
    failed: dict[uuid.UUID, str] = field(default_factory=dict)
    notifications: list[Notification] = field(default_factory=list)
    # Of `failed`, those a person must hear of, each «@handle (Red): message»; and the accounts
    # polled without error (what was said of them may be said again when it happens again).
    lasting: dict[uuid.UUID, str] = field(default_factory=dict)
    ok: set[uuid.UUID] = field(default_factory=set)


class DoubtGrouper:
    """Groups questions with the account's recurring doubts; the index of each account is
    read once and kept (the poller lives as long as the window's job state)."""

    def __init__(self) -> None:
        self.indexes: dict[uuid.UUID, DoubtIndex] = {}

    def index_for(self, session: Session, account_id: uuid.UUID) -> DoubtIndex:
        index = self.indexes.get(account_id)
        if index is not None:
            # Groups made on another workstation arrive by sync: read the index again then.
            stored = session.scalar(select(func.count()).select_from(DoubtGroup)
                                    .where(DoubtGroup.account_id == account_id)) or 0
            if stored != len(index.groups):
                index = None
        if index is None:
            index = DoubtIndex.of((r[0], r[1]) for r in session.execute(
                select(DoubtGroup.id, DoubtGroup.signature)
                .where(DoubtGroup.account_id == account_id)))
            self.indexes[account_id] = index
        return index

    def group(self, session: Session, item: InboxItem) -> tuple[uuid.UUID, bool] | None:
        """Put `item` in its group (a new one if none fits): (group id, created), or None when
        the item is no question."""
        if not is_question(item.text) and not ({InboxTag.PREGUNTA.value,
                                                InboxTag.SOLICITUD_INFORMACION.value}
                                               & set(item.tags or [])):
            return None
        signature = stems(item.text)
        if not signature:
            return None
        index = self.index_for(session, item.account_id)
        found = index.match(signature)
        if found is not None:
            item.doubt_group_id = found
            return found, False
        group_id = doubt_group_id(item.account_id, item.id)
        if session.get(DoubtGroup, group_id) is None:
            session.add(DoubtGroup(id=group_id, account_id=item.account_id,
                                   sample_text=item.text[:500],
                                   signature=signature_text(signature)))
            session.flush()
        index.add(group_id, signature)
        item.doubt_group_id = group_id
        return group_id, True


class InboxPoller:
    def __init__(self, database: Database, *, clock: Clock, recorder: ActivityRecorder,
                 connector_for: ConnectorFor, grouper: DoubtGrouper | None = None) -> None:
        self.database = database
        self.clock = clock
        self.recorder = recorder
        self.connector_for = connector_for
        self.grouper = grouper or DoubtGrouper()

    def poll(self, *, force: bool = False) -> PollReport:
        report = PollReport()
        with unit_of_work(self.database) as session:
            connections = list(session.scalars(select(NetworkConnection)))
            session.expunge_all()
        for connection in connections:
            report.accounts += 1
            self._poll_account(connection, report, force=force)
        return report

    def _poll_account(self, connection: NetworkConnection, report: PollReport, *,
                      force: bool) -> None:
        now = self.clock()
        with unit_of_work(self.database) as session:
            state = self._cursor(session, connection.account_id)
            if not force and state.next_poll_at is not None and state.next_poll_at > now:
                return
            cursor, failures = state.cursor, state.failures
        try:
            page = self.connector_for(connection).fetch_inbox(cursor)
        except Exception as caught:  # noqa: BLE001 - one account must not stop the others
            error = caught if isinstance(caught, UserFacingError) else TransientNetworkError(
                connection.network.label, f"respuesta inesperada: {type(caught).__name__}")
            self._failed(connection, error, failures)
            report.failed[connection.account_id] = error.message
            if not getattr(error, "retryable", False) or failures + 1 >= LASTING_AFTER:
                report.lasting[connection.account_id] = (
                    f"@{connection.remote_handle.lstrip('@')} ({connection.network.label}): "
                    f"{error.message}")
            return
        with unit_of_work(self.database) as session:
            state = self._cursor(session, connection.account_id)
            added = self._store(session, connection, page.items, report)
            if page.cursor:
                state.cursor = page.cursor
            state.failures = 0
            state.last_error = ""
            state.last_polled_at = now
            state.next_poll_at = now + poll_interval(page)
            if added:
                self.recorder.record(ActivityEntry(
                    at=now, actor_id=None, account_id=connection.account_id,
                    action="buzon_recibidos",
                    details={"red": connection.network.value, "nuevos": added}))
        report.new_items += added
        report.ok.add(connection.account_id)
        notice = page.extra.get(INBOX_NOTICE)
        if notice:
            report.notifications.append(Notification("Buzón", notice, "aviso", ("buzon", "")))

    def _cursor(self, session: Session, account_id: uuid.UUID) -> InboxCursor:
        state = session.scalar(select(InboxCursor).where(InboxCursor.account_id == account_id))
        if state is None:
            state = InboxCursor(account_id=account_id, failures=0, last_error="")
            session.add(state)
            session.flush()
        return state

    def _failed(self, connection: NetworkConnection, error: UserFacingError,
                failures: int) -> None:
        now = self.clock()
        if isinstance(error, RateLimited):
            wait = max(error.retry_at - now, FIRST_RETRY)
        else:
            wait = min(FIRST_RETRY * (2 ** min(failures, 10)), LONGEST_RETRY)
        with unit_of_work(self.database) as session:
            state = self._cursor(session, connection.account_id)  # the cursor stays as it was
            state.failures = failures + 1
            state.last_error = error.message
            state.next_poll_at = now + wait

    def _store(self, session: Session, connection: NetworkConnection,
               items: tuple[IncomingItem, ...], report: PollReport) -> int:
        account_id = connection.account_id
        wanted = {inbox_item_id(account_id, i.remote_id): i for i in items}
        if not wanted:
            return 0
        existing = set(session.scalars(select(InboxItem.id).where(
            InboxItem.id.in_(list(wanted)))))
        added = 0
        for item_id, incoming in wanted.items():
            if item_id in existing:
                continue  # seen before (here or on another workstation): never new again
            item = InboxItem(
                id=item_id, account_id=account_id, network=connection.network,
                remote_id=incoming.remote_id, kind=str(incoming.kind.value),
                author_name=incoming.author_name[:200],
                author_handle=incoming.author_handle[:200], text=incoming.text,
                url=incoming.url[:500], parent_remote_id=incoming.parent_remote_id,
                received_at=incoming.created_at, state=InboxState.NUEVO, tags=[],
                reply_url="", escalation_note="")
            if is_question(incoming.text):
                item.tags = [InboxTag.PREGUNTA.value]
            session.add(item)
            session.flush()
            grouped = self.grouper.group(session, item)
            if grouped is not None and not grouped[1]:
                self._maybe_suggest(session, grouped[0], report)
            added += 1
        return added

    def _maybe_suggest(self, session: Session, group_id: uuid.UUID,
                       report: PollReport) -> None:
        count = session.scalar(select(func.count()).select_from(InboxItem)
                               .where(InboxItem.doubt_group_id == group_id)) or 0
        if count == SUGGEST_AT:
            group = session.get(DoubtGroup, group_id)
            sample = (group.sample_text if group else "")[:120]
            report.notifications.append(Notification(
                "Duda recurrente",
                f"{count} personas preguntan lo mismo («{sample}»). Considere publicar una "
                "respuesta para todos (criterio 6.xviii).", "aviso", ("buzon", str(group_id))))


