"""X (API v2): posts with images (media upload v2 and its alt text), replies, mentions, direct
messages (`x_messages.py`), the account's own recent posts (to find an ambiguous attempt) and
its followers.

Endpoints as documented at docs.x.com: POST /2/tweets, POST /2/media/upload,
POST /2/media/metadata, GET /2/users/:id/mentions, GET /2/users/:id/tweets, GET /2/users/:id.

The inbox cursor holds both the mentions' `since_id` and the newest direct-message event
(`XCursor`). A connection that may not read direct messages (authorised before dm.read was
asked for: 403) still brings its mentions, keeps the messages' cursor where it was and tells
the person once to connect the account again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import requests

from redes_desktop.networks.errors import (
    DuplicateContent,
    MediaRefused,
    NetworkError,
    NetworkRefused,
)
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    INBOX_NOTICE,
    InboxKind,
    InboxPage,
    IncomingItem,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)
from redes_desktop.networks.x_messages import DirectMessages, XCursor, no_access_notice

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
        state = XCursor.parse(cursor)
        mentions, newest = self._mentions(state.mentions)
        state = replace(state, mentions=newest)
        try:
            messages, last = self.messages.fetch(state.messages)
        except NetworkRefused as error:
            if error.status != 403:
                raise
            # Authorised without dm.read: the mentions still come, the messages' cursor
            # stays, and the person is told once (until messages can be read again).
            told = state.messages_denied
            return InboxPage(tuple(mentions), replace(state, messages_denied=True).dump(),
                             {} if told else {INBOX_NOTICE: no_access_notice(self.handle)})
        state = replace(state, messages=last, messages_denied=False)
        return InboxPage(tuple(mentions + messages), state.dump())

    def _mentions(self, since_id: str | None) -> tuple[list[IncomingItem], str | None]:
        params: dict[str, Any] = {
            "expansions": "author_id", "tweet.fields": "created_at,conversation_id",
            "user.fields": "username,name", "max_results": 100}
        if since_id:
            params["since_id"] = since_id
        body = self.client.call("GET", f"/2/users/{self.user_id}/mentions", params=params).json()
        users = {u["id"]: u for u in body.get("includes", {}).get("users", [])}
        items = []
        for tweet in body.get("data", []) or []:
            author = users.get(tweet.get("author_id"), {})
            handle = str(author.get("username", ""))
            items.append(IncomingItem(
                remote_id=str(tweet["id"]), kind=InboxKind.MENTION,
                author_name=str(author.get("name", handle)), author_handle=handle,
                text=str(tweet.get("text", "")), created_at=_time(tweet.get("created_at")),
                parent_remote_id=tweet.get("conversation_id"),
                url=f"https://x.com/{handle or 'i'}/status/{tweet['id']}"))
        newest = body.get("meta", {}).get("newest_id")
        return items, str(newest) if newest else since_id

    def identify(self) -> tuple[str, str]:
        """The connected account's id and handle (who authorised)."""
        body = self.client.call("GET", "/2/users/me").json()
        return str(body["data"]["id"]), "@" + str(body["data"]["username"])

    def follower_count(self) -> int | None:
        body = self.client.call("GET", f"/2/users/{self.user_id}",
                                params={"user.fields": "public_metrics"}).json()
        metrics = body.get("data", {}).get("public_metrics", {})
        count = metrics.get("followers_count")
        return int(count) if count is not None else None
