"""X (API v2): posts with images (media upload v2 and its alt text), replies, mentions, direct
messages (`x_messages.py`), the account's own recent posts (to find an ambiguous attempt) and
its followers.

Endpoints as documented at docs.x.com: POST /2/tweets, POST /2/media/upload,
POST /2/media/metadata, GET /2/users/:id/mentions, GET /2/users/:id/tweets, GET /2/users/:id.

The inbox cursor (`x_cursor.XCursor`) holds where the mentions (`x_mentions.py`) and the direct
messages (`x_messages.py`) stand, and what a poll left for the next one on a busy day. A
connection that may not read direct messages (authorised before dm.read was asked for: 403)
still brings its mentions, keeps the messages' cursor where it was and tells the person once to
connect the account again; a plan without recent search keeps the mentions' gaps and says so
once too (`x_mentions.py`). A rate limit met after some pages keeps what was read and asks the
poller to come back after the network's reset (`poll_again_in`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from math import ceil
from typing import Any

import requests

from redes_desktop.networks.errors import (
    DuplicateContent,
    MediaRefused,
    NetworkError,
    NetworkRefused,
    RateLimited,
    WrongAccount,
    same_handle,
)
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    INBOX_NOTICE,
    InboxPage,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)
from redes_desktop.networks.x_cursor import XCursor
from redes_desktop.networks.x_mentions import Mentions
from redes_desktop.networks.x_messages import DirectMessages, no_access_notice

API = "https://api.x.com"
AUTHORIZE = "https://x.com/i/oauth2/authorize"
TOKEN = "https://api.x.com/2/oauth2/token"
REVOKE = "https://api.x.com/2/oauth2/revoke"
SCOPES = ("tweet.read", "tweet.write", "users.read", "media.write", "dm.read", "dm.write",
          "offline.access")
LABEL = "X"


def classify(response: requests.Response) -> NetworkError | None:
    detail = response.text.lower()
    if response.status_code == 403 and "duplicate" in detail:
        return DuplicateContent(LABEL)
    if response.status_code in (400, 413, 415) and "media" in response.url:
        return MediaRefused(LABEL, f"código {response.status_code}")
    return None


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class XConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, user_id: str, handle: str) -> None:
        self.client = client
        self.user_id = user_id
        self.handle = handle.lstrip("@")
        self.messages = DirectMessages(client, user_id=user_id)
        self.mentions = Mentions(client, user_id=user_id, handle=handle)

    def _url(self, post_id: str) -> str:
        return f"https://x.com/{self.handle}/status/{post_id}"

    def _upload(self, media: OutgoingMedia, category: str = "") -> str:
        category = category or ("tweet_image" if media.mime_type.startswith("image/")
                                else "tweet_video")
        with open(media.path, "rb") as stream:
            response = self.client.call(
                "POST", "/2/media/upload", idempotent=True,
                files={"media": (media.path.name, stream, media.mime_type)},
                data={"media_category": category},
            )
        media_id = str(response.json()["data"]["id"])
        if media.alt_text:
            self.client.call("POST", "/2/media/metadata", idempotent=True, json={
                "id": media_id, "metadata": {"alt_text": {"text": media.alt_text[:1000]}}})
        return media_id

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.conversation:  # a direct message is answered privately, never in public
            return self.messages.send(request, self._upload)
        body: dict[str, Any] = {"text": request.text}
        media_ids = [self._upload(media) for media in request.media]
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        if request.reply_to:
            body["reply"] = {"in_reply_to_tweet_id": request.reply_to}
        response = self.client.call("POST", "/2/tweets", idempotent=False, json=body)
        post_id = str(response.json()["data"]["id"])
        return PublishedItem(post_id, self._url(post_id), self.client.clock())

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        if request.conversation:
            return self.messages.find(request, since)
        response = self.client.call("GET", f"/2/users/{self.user_id}/tweets", params={
            "start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tweet.fields": "created_at", "max_results": 100})
        for item in response.json().get("data", []) or []:
            if item.get("text", "").strip() == request.text.strip():
                return PublishedItem(str(item["id"]), self._url(str(item["id"])),
                                     _time(item.get("created_at")))
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        mentions = self.mentions.fetch(XCursor.parse(cursor))
        state = mentions.cursor
        notices = [mentions.notice] if mentions.notice else []
        try:
            messages = self.messages.fetch(state)
        except NetworkRefused as error:
            if error.status != 403:
                raise
            # Authorised without dm.read: the mentions still come, the messages' cursor
            # stays, and the person is told once (until messages can be read again).
            if not state.messages_denied:
                notices.append(no_access_notice(self.handle))
            return InboxPage(tuple(mentions.items),
                             replace(state, messages_denied=True).dump(),
                             self._extra(notices, mentions.limited))
        state = replace(messages.cursor, messages_denied=False)
        return InboxPage(tuple(mentions.items + messages.items), state.dump(),
                         self._extra(notices, mentions.limited, messages.limited))

    def _extra(self, notices: list[str], *limits: RateLimited | None) -> dict[str, str]:
        extra = self._wait(*limits)
        if notices:
            extra[INBOX_NOTICE] = "\n\n".join(notices)
        return extra

    def _wait(self, *limits: RateLimited | None) -> dict[str, str]:
        """Come back once every limit met midway has reset (the poller never sooner than its
        usual two minutes)."""
        moments = [limit.retry_at for limit in limits if limit is not None]
        if not moments:
            return {}
        seconds = (max(moments) - self.client.clock()).total_seconds()
        return {"poll_again_in": str(max(ceil(seconds), 0))}

    def identify(self) -> tuple[str, str]:
        """The connected account's id and handle (who authorised)."""
        body = self.client.call("GET", "/2/users/me").json()
        username = str(body["data"]["username"])
        if self.handle and not same_handle(username, self.handle):
            raise WrongAccount(LABEL, self.handle, ["@" + username])  # e.g. a personal account
        return str(body["data"]["id"]), "@" + username

    def follower_count(self) -> int | None:
        body = self.client.call("GET", f"/2/users/{self.user_id}",
                                params={"user.fields": "public_metrics"}).json()
        metrics = body.get("data", {}).get("public_metrics", {})
        count = metrics.get("followers_count")
        return int(count) if count is not None else None
