"""X (API v2): posts with images (media upload v2 and its alt text), replies, mentions, the
account's own recent posts (to find an ambiguous attempt) and its followers.

Endpoints as documented at docs.x.com: POST /2/tweets, POST /2/media/upload,
POST /2/media/metadata, GET /2/users/:id/mentions, GET /2/users/:id/tweets, GET /2/users/:id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import requests

from redes_desktop.networks.errors import DuplicateContent, MediaRefused, NetworkError
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    InboxPage,
    IncomingItem,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)

API = "https://api.x.com"
AUTHORIZE = "https://x.com/i/oauth2/authorize"
TOKEN = "https://api.x.com/2/oauth2/token"
REVOKE = "https://api.x.com/2/oauth2/revoke"
SCOPES = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")
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

    def _url(self, post_id: str) -> str:
        return f"https://x.com/{self.handle}/status/{post_id}"

    def _upload(self, media: OutgoingMedia) -> str:
        with open(media.path, "rb") as stream:
            response = self.client.call(
                "POST", "/2/media/upload", idempotent=True,
                files={"media": (media.path.name, stream, media.mime_type)},
                data={"media_category": "tweet_image" if media.mime_type.startswith("image/")
                      else "tweet_video"},
            )
        media_id = str(response.json()["data"]["id"])
        if media.alt_text:
            self.client.call("POST", "/2/media/metadata", idempotent=True, json={
                "id": media_id, "metadata": {"alt_text": {"text": media.alt_text[:1000]}}})
        return media_id

    def publish(self, request: PublishRequest) -> PublishedItem:
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
        response = self.client.call("GET", f"/2/users/{self.user_id}/tweets", params={
            "start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tweet.fields": "created_at", "max_results": 100})
        for item in response.json().get("data", []) or []:
            if item.get("text", "").strip() == request.text.strip():
                return PublishedItem(str(item["id"]), self._url(str(item["id"])),
                                     _time(item.get("created_at")))
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        params: dict[str, Any] = {
            "expansions": "author_id", "tweet.fields": "created_at,conversation_id",
            "user.fields": "username,name", "max_results": 100}
        if cursor:
            params["since_id"] = cursor
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
        return InboxPage(tuple(items), str(newest) if newest else cursor)

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
