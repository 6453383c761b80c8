"""X direct messages (API v2): the account's received messages for the inbox, a private answer
in the message's conversation, and the lookup of an answer whose response never came.

Endpoints as documented at docs.x.com: GET /2/dm_events (the account's events of the last 30
days, newest first, paged with `pagination_token`; there is no `since_id`), GET
/2/dm_conversations/:id/dm_events and POST /2/dm_conversations/:id/messages. They need the
dm.read and dm.write scopes; a connection authorised before those were asked for is refused
with 403 — the person must connect the account again.

Reading (`fetch`): the events newest first down to the newest one seen at the last poll, at most
MAX_PAGES pages a poll. When the bound (or a rate limit after some pages) stops a walk short of
it, nothing is skipped: the cursor keeps the pagination token where the walk stopped
(`XCursor.resume`), and the next poll first goes on from it down to that same event, and only
then, with the pages left, reads what arrived meanwhile. The older first here, unlike mentions:
a kept token may stop being honoured and events leave after 30 days, while what arrived
meanwhile waits safely above the cursor (which has not moved past it: no gap to remember). X
may refuse a token (400): the walk then starts again from the newest event down to the same
stop, asking again for what it read in between (stored once) rather than losing what it had
not read.

A direct message is private: its address is the conversation on x.com/messages, which only the
account itself can open; it is never a public post's address."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from redes_desktop.errors import UserFacingError
from redes_desktop.networks.errors import NetworkRefused, RateLimited
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    IncomingItem,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)
from redes_desktop.networks.x_cursor import Read, XCursor, newer

__all__ = ["DirectMessages", "XCursor", "conversation_url", "newer", "no_access_notice"]

EVENT_FIELDS = "id,text,event_type,created_at,sender_id,dm_conversation_id"
MAX_PAGES = 10  # a poll's bound (1,000 events); what it leaves, the next poll reads


def conversation_url(conversation_id: str) -> str:
    """The conversation on x.com: it opens only for the account (a private address)."""
    return f"https://x.com/messages/{conversation_id}"


def no_access_notice(handle: str) -> str:
    return (f"Los mensajes directos de @{handle} en X no llegan al buzón: la cuenta se conectó "
            "sin permiso para leerlos. Vuelva a conectarla en Cuentas › Conexión con la red "
            "para que lleguen; las menciones siguen llegando.")


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass
class _Walk:
    items: list[IncomingItem] = field(default_factory=list)
    newest: str | None = None
    token: str | None = None  # where to go on from when stopped short of `stop`
    pages: int = 0
    limited: RateLimited | None = None


class DirectMessages:
    def __init__(self, client: ApiClient, *, user_id: str) -> None:
        self.client = client
        self.user_id = user_id

    def _events(self, path: str, params: dict[str, Any], *, pages: int = MAX_PAGES
                ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(event, its sender) newest first, page after page."""
        token: str | None = None
        for _ in range(pages):
            page = dict(params, **({"pagination_token": token} if token else {}))
            body = self.client.call("GET", path, params=page).json()
            users = {u["id"]: u for u in (body.get("includes") or {}).get("users", [])}
            for event in body.get("data") or []:
                yield event, users.get(event.get("sender_id"), {})
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return

    def fetch(self, state: XCursor) -> Read:
        """Messages received since the poll before and the new cursor. Without a cursor only
        the newest page (100) comes, as mentions do. Raises the network's error when not even
        the first page came: the caller keeps its cursor."""
        pages = MAX_PAGES
        items: list[IncomingItem] = []
        if state.resume:
            token, stop = state.resume
            try:
                walk = self._walk(stop, token, pages)
            except NetworkRefused as error:
                if error.status != 400:
                    raise
                # The token is no longer honoured (X's tokens are not promised to last): from
                # the newest event down to `stop` again, with the pages left.
                state, pages = replace(state, messages=stop, resume=None), pages - 1
            else:
                items, pages = walk.items, pages - walk.pages
                state = replace(state, resume=(walk.token, stop) if walk.token else None)
                if walk.limited or state.resume or pages <= 0:
                    return Read(items, state, walk.limited)
        mark = state.messages
        try:
            walk = self._walk(mark, None, pages if mark else 1)
        except RateLimited as error:
            if not items:
                raise
            return Read(items, state, error)
        state = replace(state, messages=walk.newest or mark)
        if walk.token and mark:
            state = replace(state, resume=(walk.token, mark))
        return Read(items + walk.items, state, walk.limited)

    def _walk(self, stop: str | None, token: str | None, pages: int) -> _Walk:
        """The account's received messages newest first, from `token` (or the newest event)
        down to the event `stop`, within `pages` requests. A rate limit after some pages
        ends the walk with the token to go on from."""
        params: dict[str, Any] = {
            "dm_event.fields": EVENT_FIELDS, "event_types": "MessageCreate",
            "expansions": "sender_id", "user.fields": "username,name", "max_results": 100}
        walk = _Walk()
        while walk.pages < pages:
            try:
                body = self.client.call("GET", "/2/dm_events", params=dict(
                    params, **({"pagination_token": token} if token else {}))).json()
            except RateLimited as error:
                if not walk.pages:
                    raise
                walk.token, walk.limited = token, error
                return walk
            walk.pages += 1
            users = {u["id"]: u for u in (body.get("includes") or {}).get("users", [])}
            for event in body.get("data") or []:
                event_id = str(event["id"])
                if not newer(event_id, stop):
                    return walk  # newest first: everything after this was seen
                if newer(event_id, walk.newest):
                    walk.newest = event_id
                if event.get("event_type") == "MessageCreate" \
                        and str(event.get("sender_id", "")) != self.user_id:
                    walk.items.append(self._item(event, users.get(event.get("sender_id"), {})))
            token = (body.get("meta") or {}).get("next_token")
            if not token:
                return walk
        walk.token = token  # the bound: the next poll goes on from here
        return walk

    def _item(self, event: dict[str, Any], sender: dict[str, Any]) -> IncomingItem:
        handle = str(sender.get("username", ""))
        conversation = str(event.get("dm_conversation_id", ""))
        return IncomingItem(
            remote_id=str(event["id"]), kind=InboxKind.DIRECT,
            author_name=str(sender.get("name", handle)), author_handle=handle,
            text=str(event.get("text", "")), created_at=_time(event.get("created_at")),
            parent_remote_id=conversation or None,
            url=conversation_url(conversation) if conversation else "")

    def send(self, request: PublishRequest,
             upload: Callable[[OutgoingMedia, str], str]) -> PublishedItem:
        """The answer as a message in the conversation (never a public post). X takes one
        image or video a message: `upload(media) -> media_id` sends it first."""
        conversation = str(request.conversation)
        if len(request.media) > 1:
            raise UserFacingError(
                "X admite una sola imagen o video en cada mensaje directo. Deje una y envíe "
                "las demás en otro mensaje.")
        body: dict[str, Any] = {"text": request.text}
        if request.media:
            media = request.media[0]
            category = "dm_image" if media.mime_type.startswith("image/") else "dm_video"
            body["attachments"] = [{"media_id": upload(media, category)}]
        response = self.client.call("POST", f"/2/dm_conversations/{conversation}/messages",
                                    idempotent=False, json=body)
        data = response.json().get("data") or {}
        return PublishedItem(str(data.get("dm_event_id", "")), conversation_url(conversation),
                             self.client.clock())

    def find(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        """The account's message with this text in the conversation, sent after `since`."""
        conversation = str(request.conversation)
        params = {"dm_event.fields": EVENT_FIELDS, "event_types": "MessageCreate",
                  "max_results": 100}
        for event, _sender in self._events(f"/2/dm_conversations/{conversation}/dm_events",
                                           params):
            sent = _time(event.get("created_at"))
            if sent < since:
                return None  # newest first: the rest is older
            if str(event.get("sender_id", "")) == self.user_id \
                    and str(event.get("text", "")).strip() == request.text.strip():
                return PublishedItem(str(event["id"]), conversation_url(conversation), sent)
        return None

