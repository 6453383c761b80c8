"""The demo's inbox (issue 17): what the public wrote to the demo accounts, so the Buzón can be
tried before any account is connected (resources/demo/buzon.json).

The items go in as the poller stores them (`inbox_item_id` from the account and the network's
id, questions tagged and grouped with the recurring doubts by the same `DoubtGrouper`), so the
demo shows a recurring doubt with its suggestion to publish an answer (6.xviii), an information
request (6.vii), a suggestion for the evaluation (8.ii), an ignored insult (6.xvi, never
blocked), an escalation to the titular (5.2 f), direct messages and answered items whose reply
is kept as a post."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from redes_desktop.models import Account, AreaKind, Network, Person, Post, PostStatus
from redes_desktop.models.inbox import InboxItem, InboxState, InboxTag, inbox_item_id
from redes_desktop.services.inbox_polling import DoubtGrouper
from redes_desktop.services.recurring_doubts import is_question

# Which demo account each `account` key of buzon.json names.
_LOCAL_STATE = "Jalisco"
_CENTRAL = "CNCS"


@dataclass(frozen=True)
class DemoInboxSummary:
    items: int
    answered: int


def demo_accounts(accounts: Sequence[Account]) -> dict[str, Account]:
    """The receiving accounts by key: `local_x`, `local_facebook` (the Jalisco junta local's)
    and `central_<network>` (the CNCS's)."""
    found: dict[str, Account] = {}
    for account in accounts:
        area = account.area
        if area.kind == AreaKind.JUNTA_LOCAL and _LOCAL_STATE in area.name:
            found.setdefault(f"local_{account.network.value}", account)
        elif area.acronym == _CENTRAL:
            found.setdefault(f"central_{account.network.value}", account)
    return found


def _url(account: Account, kind: str, handle: str, remote_id: str) -> str:
    if kind == "mensaje_directo":
        return ""  # a private message has no public address
    if account.network == Network.X:
        return f"https://x.com/{handle or 'i'}/status/{remote_id}"
    if account.network == Network.FACEBOOK:
        return f"https://www.facebook.com/{remote_id}"
    if account.network == Network.INSTAGRAM:
        return f"https://www.instagram.com/p/{remote_id}/"
    if account.network == Network.YOUTUBE:
        return f"https://www.youtube.com/watch?lc={remote_id}"
    return ""


def build_demo_inbox(session: Session, *, now: datetime, accounts: Sequence[Account],
                     admins: Callable[[Account], tuple[Person, Person]],
                     spec: dict[str, Any], rng: random.Random) -> DemoInboxSummary:
    """Store the items of `spec` (buzon.json) for the active `accounts`; the caller flushes
    and commits. `admins(account)` gives its titular and suplente administrators."""
    receivers = demo_accounts(accounts)
    grouper = DoubtGrouper()
    stored = answered = 0
    for number, entry in enumerate(spec["items"]):
        account = receivers.get(entry["account"])
        if account is None:
            continue
        titular, suplente = admins(account)
        remote_id = str(1_870_000_000_000_000_000 + number * 7_919 + rng.randint(0, 999))
        written = now - timedelta(hours=float(entry["hours_ago"]))
        state = InboxState(entry["state"])
        tags = list(entry.get("tags", []))
        if is_question(entry["text"]) and InboxTag.PREGUNTA.value not in tags:
            tags.insert(0, InboxTag.PREGUNTA.value)
        conversation = f"dm-{entry['handle'] or number}" if entry["kind"] == "mensaje_directo" \
            else None
        item = InboxItem(
            id=inbox_item_id(account.id, remote_id), account_id=account.id,
            network=account.network, remote_id=remote_id, kind=entry["kind"],
            author_name=entry["author"], author_handle=entry["handle"], text=entry["text"],
            url=_url(account, entry["kind"], entry["handle"], remote_id),
            parent_remote_id=conversation, received_at=written, state=state, tags=tags,
            reply_url="", escalation_note="")
        session.add(item)
        session.flush()
        grouper.group(session, item)
        handled_at = min(written + timedelta(hours=1, minutes=rng.randint(0, 50)), now)
        if state == InboxState.ASIGNADO:
            item.assigned_to_id = suplente.id
        elif state == InboxState.RESPONDIDO:
            reply = Post(account_id=account.id, network=account.network, author_id=titular.id,
                         text=entry["reply"], is_reply=True, status=PostStatus.PUBLICADA,
                         published_url=f"{account.url.rstrip('/')}/respuesta-{remote_id}",
                         published_at=handled_at)
            session.add(reply)
            session.flush()
            item.reply_post_id = reply.id
            item.reply_url = reply.published_url or ""
            item.replied_at = handled_at
            item.replied_by_id = item.assigned_to_id = titular.id
            answered += 1
        elif state in (InboxState.IGNORADO, InboxState.ESCALADO):
            item.handled_at = handled_at
            item.handled_by_id = suplente.id
            item.escalation_note = entry.get("note", "")
        stored += 1
    return DemoInboxSummary(stored, answered)
