"""X direct messages (API v2): the account's received messages for the inbox, a private answer
in the message's conversation, and the lookup of an answer whose response never came.

Endpoints as documented at docs.x.com: GET /2/dm_events (the account's events of the last 30
days, newest first, paged with `pagination_token`; there is no `since_id`), GET
/2/dm_conversations/:id/dm_events and POST /2/dm_conversations/:id/messages. They need the
dm.read and dm.write scopes; a connection authorised before those were asked for is refused
with 403 — the person must connect the account again.

A direct message is private: its address is the conversation on x.com/messages, which only the
account itself can open; it is never a public post's address."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from redes_desktop.errors import UserFacingError
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    IncomingItem,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)

EVENT_FIELDS = "id,text,event_type,created_at,sender_id,dm_conversation_id"
MAX_PAGES = 10  # 1,000 events between two polls (every 2 minutes) is far beyond any account


def conversation_url(conversation_id: str) -> str:
    """The conversation on x.com: it opens only for the account (a private address)."""
    return f"https://x.com/messages/{conversation_id}"


def newer(event_id: str, than: str | None) -> bool:
    """X's ids grow with time (snowflakes); compared as numbers of any length."""
    if than is None:
        return True
    return (len(event_id), event_id) > (len(than), than)


def no_access_notice(handle: str) -> str:
    return (f"Los mensajes directos de @{handle} en X no llegan al buzón: la cuenta se conectó "
            "sin permiso para leerlos. Vuelva a conectarla en Cuentas › Conexión con la red "
            "para que lleguen; las menciones siguen llegando.")


@dataclass(frozen=True)
class XCursor:
    """Where the X inbox stands: the newest mention and the newest direct-message event seen,
    and whether the person was already told that the connection cannot read messages. Kept
    as a small JSON string; an older plain cursor is a mentions `since_id`."""

    mentions: str | None = None
    messages: str | None = None
    messages_denied: bool = False

    @classmethod
    def parse(cls, cursor: str | None) -> XCursor:
        if not cursor:
            return cls()
        if not cursor.startswith("{"):
            # Written before messages were read: the mentions' since_id alone. X's ids grow
            # with time across posts and messages, so messages start at the same moment and
            # the inbox does not fill with a month of conversations already answered.
            return cls(mentions=cursor, messages=cursor)
        try:
            data = json.loads(cursor)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(_text(data.get("mentions")), _text(data.get("messages")),
                   bool(data.get("messages_denied")))

    def dump(self) -> str:
        data: dict[str, Any] = {"mentions": self.mentions, "messages": self.messages}
        if self.messages_denied:
            data["messages_denied"] = True
        return json.dumps({k: v for k, v in data.items() if v is not None},
                          separators=(",", ":"))


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


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

    def fetch(self, cursor: str | None) -> tuple[list[IncomingItem], str | None]:
        """Messages received after the event `cursor` and the new cursor (the newest event
        seen). Without a cursor only the newest page (100) comes, as mentions do. Raises the
        network's error without moving anything: the caller keeps its cursor."""
        params = {"dm_event.fields": EVENT_FIELDS, "event_types": "MessageCreate",
                  "expansions": "sender_id", "user.fields": "username,name",
                  "max_results": 100}
        items: list[IncomingItem] = []
        newest = cursor
        for event, sender in self._events("/2/dm_events", params,
                                          pages=MAX_PAGES if cursor else 1):
            event_id = str(event["id"])
            if not newer(event_id, cursor):
                break  # newest first: everything after this was seen
            if newer(event_id, newest):
                newest = event_id
            if event.get("event_type") == "MessageCreate" \
                    and str(event.get("sender_id", "")) != self.user_id:
                items.append(self._item(event, sender))
        return items, newest

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

