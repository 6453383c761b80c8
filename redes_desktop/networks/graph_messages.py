"""Private messages of a Facebook Page (Messenger) and of the Instagram professional account
linked to a page (Instagram messaging), and the one inbox cursor that carries an account's
comments and messages together.

Documented at developers.facebook.com/docs/messenger-platform: the Conversations API (GET
/{page-id}/conversations?platform=messenger|instagram with the page token; `user_id` narrows it
to one person's conversation) and the Send API (POST /{page-id}/messages with recipient=
{"id": <PSID or IGSID>}, messaging_type=RESPONSE, message={"text": …}). Instagram messages of
an account linked to a page (the Instagram API with Facebook Login, which this program uses)
are sent the same way, to /{page-id}/messages with the page token; /{ig-user-id}/messages
belongs to the Instagram API with Instagram Login, whose token this program does not hold.
Reading and answering need pages_messaging (Facebook) or instagram_manage_messages (Instagram)
and pages_manage_metadata. An account connected before they were asked lacks them: its
comments keep arriving, the messages' cursor stays where it was, and the person is told once
that connecting the account again lets messages arrive."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redes_desktop.networks.graph import PermissionMissing, graph_time
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    INBOX_NOTICE,
    InboxKind,
    InboxPage,
    IncomingItem,
    PublishedItem,
)

FIELDS = "id,updated_time,participants,messages{id,message,from,created_time}"
NO_TEXT = "(mensaje sin texto: una imagen, un audio o un adjunto; ábralo en la red para verlo)"


@dataclass(frozen=True)
class GraphCursor:
    """The inbox cursor (`inbox_cursors.cursor`) of a Graph account, stored as a small JSON:
    the newest comment and the newest message seen (epoch seconds), and whether the person was
    already told that messages need the account connected again."""

    comments: str | None = None
    messages: str | None = None
    messages_refused: bool = False

    @classmethod
    def parse(cls, raw: str | None) -> GraphCursor:
        if not raw:
            return cls()
        if raw.isdigit():
            # Written before messages arrived: the comments' cursor alone. Messages start at
            # the same moment, so the inbox does not fill with the page's whole history.
            return cls(raw, raw)
        try:
            data = json.loads(raw)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(_stamp(data.get("comments")), _stamp(data.get("messages")),
                   data.get("refused") is True)

    def dump(self) -> str | None:
        data: dict[str, Any] = {}
        if self.comments:
            data["comments"] = self.comments
        if self.messages:
            data["messages"] = self.messages
        if self.messages_refused:
            data["refused"] = True
        return json.dumps(data, separators=(",", ":")) if data else None


def _stamp(value: object) -> str | None:
    return value if isinstance(value, str) and value.isdigit() else None


class Messaging:
    """One account's private messages, through the page it is (Facebook) or is linked to
    (Instagram)."""

    def __init__(self, page: ApiClient, *, page_id: str, platform: str, own_id: str,
                 own_handle: str, label: str, inbox_url: str) -> None:
        self.page = page
        self.page_id = page_id
        self.platform = platform  # "messenger" or "instagram"
        self.own_id = own_id
        self.own_handle = own_handle.lstrip("@").lower()
        self.label = label
        self.inbox_url = inbox_url

    def _own(self, sender: dict[str, Any]) -> bool:
        return str(sender.get("id", "")) == self.own_id or bool(
            self.own_handle and str(sender.get("username", "")).lower() == self.own_handle)

    def _conversations(self, **params: Any) -> list[dict[str, Any]]:
        body = self.page.call("GET", f"/{self.page_id}/conversations", params={
            "platform": self.platform, "fields": FIELDS, **params}).json()
        return [c for c in body.get("data", []) if isinstance(c, dict)]

    def fetch(self, cursor: str | None) -> tuple[list[IncomingItem], str | None]:
        """The people's messages newer than `cursor` and the new cursor."""
        since = int(cursor) if cursor and cursor.isdigit() else 0
        newest = since
        items: list[IncomingItem] = []
        for conversation in self._conversations(limit=25):
            for message in (conversation.get("messages") or {}).get("data", []):
                sender = message.get("from") or {}
                if self._own(sender) or not sender.get("id"):
                    continue  # the account's own answers are not questions
                created = graph_time(message.get("created_time"))
                stamp = int(created.timestamp())
                if stamp <= since:
                    continue
                newest = max(newest, stamp)
                items.append(IncomingItem(
                    remote_id=str(message["id"]), kind=InboxKind.DIRECT,
                    author_name=str(sender.get("name") or sender.get("username") or ""),
                    author_handle=str(sender.get("username") or sender["id"]),
                    text=str(message.get("message") or NO_TEXT), created_at=created,
                    parent_remote_id=str(sender["id"]), url=self.inbox_url))
        return items, str(newest) if newest else cursor

    def send(self, recipient: str, text: str) -> PublishedItem:
        """A private answer to the person (their PSID or IGSID), never a public comment."""
        body = self.page.call("POST", f"/{self.page_id}/messages", idempotent=False, data={
            "recipient": json.dumps({"id": recipient}),
            "messaging_type": "RESPONSE",
            "message": json.dumps({"text": text}, ensure_ascii=False)}).json()
        return PublishedItem(str(body["message_id"]), self.inbox_url, self.page.clock())

    def find_sent(self, recipient: str, text: str, since: datetime) -> PublishedItem | None:
        """The account's message to the person with this text sent after `since`."""
        for conversation in self._conversations(user_id=recipient):
            for message in (conversation.get("messages") or {}).get("data", []):
                created = graph_time(message.get("created_time"))
                if self._own(message.get("from") or {}) and created >= since and \
                        str(message.get("message") or "").strip() == text.strip():
                    return PublishedItem(str(message["id"]), self.inbox_url, created)
        return None

    def refused_notice(self) -> str:
        account = f"@{self.own_handle}" if self.own_handle else "la cuenta"
        return (f"Los mensajes directos de {self.label} a {account} no llegan al buzón: la "
                "conexión con la red se autorizó sin "
                "el permiso para leerlos y contestarlos. Vuelva a conectar la cuenta en Cuentas "
                "› Conexión con la red para que lleguen; los comentarios siguen llegando.")


Comments = Callable[[str | None], tuple[list[IncomingItem], str | None]]


def inbox_page(cursor: str | None, comments: Comments, messaging: Messaging) -> InboxPage:
    """Comments and messages newer than `cursor` in one page. Without the messaging permission
    the comments still arrive, the messages' cursor stays, and the page carries a notice the
    first time only (the cursor remembers it was given)."""
    state = GraphCursor.parse(cursor)
    items, comments_cursor = comments(state.comments)
    extra: dict[str, str] = {}
    try:
        direct, messages_cursor = messaging.fetch(state.messages)
        refused = False
    except PermissionMissing:
        direct, messages_cursor, refused = [], state.messages, True
        if not state.messages_refused:
            extra[INBOX_NOTICE] = messaging.refused_notice()
    fresh = GraphCursor(comments_cursor, messages_cursor, refused)
    return InboxPage(tuple(items + direct), fresh.dump(), extra)
