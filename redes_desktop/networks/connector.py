"""The one interface every network implements. The publishing queue, the inbox and the window
talk to this, never to a network's API: adding a network means one module and one line in
`registry.py`."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from redes_desktop.networks.types import InboxPage, PublishedItem, PublishRequest


class NetworkConnector(Protocol):
    network_label: str  # «X», «Facebook»… for messages

    def publish(self, request: PublishRequest) -> PublishedItem:
        """Send a post (or a reply when `request.reply_to`) and return where it lives."""

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        """The account's item with this exact text sent after `since`, if any: how the queue
        learns whether an ambiguous attempt (timeout after sending) reached the network."""

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        """Comments, mentions and messages newer than `cursor` (None: the recent ones)."""

    def identify(self) -> tuple[str, str]:
        """The authorised account's own id on the network and its handle («@INEMexico»)."""

    def follower_count(self) -> int | None:
        """The account's followers («usuarios» of the quarterly report, 8.iv)."""
