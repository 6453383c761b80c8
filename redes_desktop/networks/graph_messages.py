"""Private messages of a Facebook Page (Messenger) and of the Instagram professional account
linked to a page (Instagram messaging), and the inbox page that carries an account's comments
and messages together under one cursor (graph_cursor.py).

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
that connecting the account again lets messages arrive.

Messages are read conversation by conversation, the most recently updated first (25 a page,
`paging` followed), each conversation's messages newest first (the nested edge, 25 a page, then
GET /{conversation-id}/messages), until conversations not updated since the cursor: at most
LIST_PAGES pages of conversations and `calls_per_poll` further pages of messages a poll
(graph_sweep.py: what is left comes next poll, the list taken up again from the page where it
stopped with Graph's cursor, or from its start if Graph refuses that cursor). Not covered:
the Conversations API gives the details of the 20 most recent messages of a conversation
only, so a person who wrote more than 20 messages between two polls may have the older ones
come without text or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from redes_desktop.networks.errors import NetworkRefused
from redes_desktop.networks.graph import PermissionMissing, graph_time
from redes_desktop.networks.graph_cursor import GraphCursor, Reading
from redes_desktop.networks.graph_sweep import (
    CALLS_PER_POLL,
    Container,
    Reader,
    Source,
    Spent,
    after_cursor,
    sweep,
)
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    INBOX_NOTICE,
    InboxKind,
    InboxPage,
    IncomingItem,
    PublishedItem,
)

FIELDS = "id,updated_time,participants,messages{id,message,from,created_time}"
MESSAGE_FIELDS = "id,message,from,created_time"
PAGE_SIZE = 25
LIST_PAGES = 40  # a poll lists at most 1,000 conversations
NO_TEXT = "(mensaje sin texto: una imagen, un audio o un adjunto; ábralo en la red para verlo)"


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
        self.calls_per_poll = CALLS_PER_POLL

    def is_own(self, sender: dict[str, Any]) -> bool:
        return str(sender.get("id", "")) == self.own_id or bool(
            self.own_handle and str(sender.get("username", "")).lower() == self.own_handle)

    def _conversations(self, **params: Any) -> list[dict[str, Any]]:
        body = self.page.call("GET", f"/{self.page_id}/conversations", params={
            "platform": self.platform, "fields": FIELDS, **params}).json()
        return [c for c in body.get("data", []) if isinstance(c, dict)]

    def fetch(self, reading: Reading) -> tuple[list[IncomingItem], Reading]:
        """The people's messages newer than `reading` and the reading after them."""
        return sweep(Conversations(self), reading, self.calls_per_poll)

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
                if self.is_own(message.get("from") or {}) and created >= since and \
                        str(message.get("message") or "").strip() == text.strip():
                    return PublishedItem(str(message["id"]), self.inbox_url, created)
        return None

    def refused_notice(self) -> str:
        account = f"@{self.own_handle}" if self.own_handle else "la cuenta"
        return (f"Los mensajes directos de {self.label} a {account} no llegan al buzón: la "
                "conexión con la red se autorizó sin "
                "el permiso para leerlos y contestarlos. Vuelva a conectar la cuenta en Cuentas "
                "› Conexión con la red para que lleguen; los comentarios siguen llegando.")


class Conversations:
    """The account's conversations as a source of graph_sweep: the most recently updated
    first, each one's messages newest first."""

    by_activity = True
    newest_first = True

    def __init__(self, messaging: Messaging) -> None:
        self.messaging = messaging
        self.client = messaging.page
        self.position: str | None = None
        self.pages = 0

    def containers(self, reader: Reader, reading: Reading) -> Iterator[Container]:
        self.pages = 0
        if reading.head is None or reading.listed is None:
            yield from self._list(reader, reading, None)
            return
        # A reading that goes on: first the conversations written to since it began (they
        # moved to the top), then on from the page of the list where it stopped.
        for container in self._list(reader, reading, None):
            if container.key <= reading.head.at:
                break
            yield container
        try:
            yield from self._list(reader, reading, reading.listed)
        except NetworkRefused:  # Graph no longer knows that cursor: the list from its start
            yield from self._list(reader, reading, None)

    def _list(self, reader: Reader, reading: Reading, after: str | None
              ) -> Iterator[Container]:
        """The list (from the page `after` points to), each page counted against LIST_PAGES
        and not against the poll's requests: a reading that goes on passes again over
        conversations it read."""
        path = f"/{self.messaging.page_id}/conversations"
        params = {"platform": self.messaging.platform, "limit": PAGE_SIZE,
                  "fields": f"id,updated_time,messages.limit({PAGE_SIZE}){{{MESSAGE_FIELDS}}}"}
        position = after
        while True:
            if self.pages == LIST_PAGES:
                raise Spent(position)  # the rest of the list waits for the next poll
            self.pages += 1
            body = reader.get(path, {**params, **({"after": position} if position else {})},
                              counted=False)
            self.position = position
            for conversation in body.get("data") or []:
                if not isinstance(conversation, dict) or not conversation.get("id"):
                    continue
                key = int(graph_time(conversation.get("updated_time")).timestamp())
                if reading.floor is not None and key < reading.floor.at:
                    return  # not written to since the cursor, nor any after it
                messages = conversation.get("messages")
                yield Container(str(conversation["id"]), key,
                                f"/{conversation['id']}/messages",
                                {"fields": MESSAGE_FIELDS, "limit": PAGE_SIZE},
                                messages if isinstance(messages, dict) else {"data": []})
            position = after_cursor(body)
            if reading.floor is None or position is None:
                return  # a first poll reads the most recent conversations only

    def thread(self, raw: dict[str, Any], container: Container) -> Container | None:
        return None  # a conversation has no threads

    def parse(self, raw: dict[str, Any], container: Container
              ) -> tuple[int, str, IncomingItem | None]:
        created = graph_time(raw.get("created_time"))
        sender = raw.get("from") or {}
        stamp, message_id = int(created.timestamp()), str(raw.get("id", ""))
        if self.messaging.is_own(sender) or not sender.get("id"):
            return stamp, message_id, None  # the account's own answers are not questions
        return stamp, message_id, IncomingItem(
            remote_id=message_id, kind=InboxKind.DIRECT,
            author_name=str(sender.get("name") or sender.get("username") or ""),
            author_handle=str(sender.get("username") or sender["id"]),
            text=str(raw.get("message") or NO_TEXT), created_at=created,
            parent_remote_id=str(sender["id"]), url=self.messaging.inbox_url)


def inbox_page(cursor: str | None, comments: Source, messaging: Messaging,
               calls: int = CALLS_PER_POLL) -> InboxPage:
    """Comments and messages newer than `cursor` in one page. Without the messaging permission
    the comments still arrive, the messages' cursor stays, and the page carries a notice the
    first time only (the cursor remembers it was given). A temporary failure of either fails
    the whole poll: the cursor stays, and what was read comes again next poll (the inbox
    stores each item once)."""
    state = GraphCursor.parse(cursor)
    items, comments_reading = sweep(comments, state.comments, calls)
    extra: dict[str, str] = {}
    try:
        direct, messages_reading = messaging.fetch(state.messages)
        refused = False
    except PermissionMissing:
        direct, messages_reading, refused = [], state.messages, True
        if not state.messages_refused:
            extra[INBOX_NOTICE] = messaging.refused_notice()
    fresh = GraphCursor(comments_reading, messages_reading, refused)
    return InboxPage(tuple(items + direct), fresh.dump(), extra)
