"""Plain data that crosses the connector interface (no ORM rows, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True)
class OutgoingMedia:
    path: Path
    mime_type: str
    alt_text: str = ""


@dataclass(frozen=True)
class PublishRequest:
    """What leaves for the network: already checked against the criteria by the caller."""

    remote_account_id: str
    text: str
    media: tuple[OutgoingMedia, ...] = ()
    reply_to: str | None = None  # the network's id of the item answered
    link: str | None = None
    # A direct message: answer privately in this conversation (the inbox item's
    # `parent_remote_id`, whatever the network needs to write back: X's dm_conversation_id,
    # the sender's page-scoped id on Facebook and Instagram) instead of a public reply.
    conversation: str | None = None


@dataclass(frozen=True)
class PublishedItem:
    remote_id: str
    url: str
    published_at: datetime | None = None


class InboxKind(StrEnum):
    COMMENT = "comentario"
    MENTION = "mencion"
    DIRECT = "mensaje_directo"


@dataclass(frozen=True)
class IncomingItem:
    """A comment, mention or direct message as the network gives it."""

    remote_id: str
    kind: InboxKind
    author_name: str
    author_handle: str
    text: str
    created_at: datetime
    # The item answered; for a direct message, its conversation (PublishRequest.conversation).
    parent_remote_id: str | None = None
    url: str = ""


# `InboxPage.extra[INBOX_NOTICE]`: a Spanish sentence for the person (e.g. messages need the
# account connected again). The connector gives it once; the poller turns it into a notice.
INBOX_NOTICE = "aviso"


@dataclass(frozen=True)
class InboxPage:
    items: tuple[IncomingItem, ...]
    cursor: str | None  # give it back next time: only newer items come (no re-download)
    extra: dict[str, str] = field(default_factory=dict)
