"""YouTube (Data API v3): videos uploaded with the resumable protocol, replies to comments,
comment threads of the channel as an inbox, recent uploads (to find an ambiguous attempt) and
subscribers.

Endpoints as documented at developers.google.com/youtube/v3: POST /upload/youtube/v3/videos
?uploadType=resumable then PUT of the bytes to the session address, GET /commentThreads
?allThreadsRelatedToChannelId=, POST /comments, GET /search?forMine=true, GET /channels.
Google answers a spent daily quota with 403 `quotaExceeded`: it comes back at midnight
Pacific time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import requests

from redes_desktop.clock import Clock
from redes_desktop.networks.errors import (
    DuplicateContent,
    MediaRefused,
    NetworkError,
    RateLimited,
)
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    InboxPage,
    IncomingItem,
    PublishedItem,
    PublishRequest,
)

API = "https://www.googleapis.com/youtube/v3"
UPLOAD = "https://www.googleapis.com/upload/youtube/v3"
AUTHORIZE = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN = "https://oauth2.googleapis.com/token"
REVOKE = "https://oauth2.googleapis.com/revoke"
SCOPES = ("https://www.googleapis.com/auth/youtube.upload",
          "https://www.googleapis.com/auth/youtube.force-ssl")
LABEL = "YouTube"
# Google gives a refresh token only when asked for offline access with consent.
EXTRA_AUTHORIZE = (("access_type", "offline"), ("prompt", "consent"))
TITLE_LIMIT = 100


def _reasons(response: requests.Response) -> set[str]:
    try:
        errors = response.json().get("error", {}).get("errors", [])
    except (ValueError, AttributeError):
        return set()
    return {str(e.get("reason", "")) for e in errors if isinstance(e, dict)}


def next_pacific_midnight(now: datetime) -> datetime:
    pacific = now.astimezone(ZoneInfo("America/Los_Angeles"))
    midnight = (pacific + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)


def classifier(clock: Clock) -> Any:
    def classify(response: requests.Response) -> NetworkError | None:
        reasons = _reasons(response)
        if reasons & {"quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded"}:
            return RateLimited(LABEL, next_pacific_midnight(clock())
                               if "rateLimitExceeded" not in reasons
                               else clock() + timedelta(minutes=1))
        if reasons & {"uploadLimitExceeded", "invalidVideoMetadata", "mediaBodyRequired",
                      "invalidFilename"}:
            return MediaRefused(LABEL, ", ".join(sorted(reasons)))
        if "duplicate" in reasons:
            return DuplicateContent(LABEL)
        return None

    return classify


def title_of(text: str) -> str:
    first = (text.strip().splitlines() or [""])[0].strip()
    # YouTube refuses «<» and «>» in titles.
    first = first.replace("<", "").replace(">", "")
    return first if len(first) <= TITLE_LIMIT else first[: TITLE_LIMIT - 1] + "…"


class YouTubeConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, channel_id: str, handle: str,
                 upload_base: str) -> None:
        self.client = client
        self.channel_id = channel_id
        self.handle = handle
        self.upload_base = upload_base.rstrip("/")

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.reply_to:
            body = self.client.call("POST", "/comments", idempotent=False,
                                    params={"part": "snippet"}, json={"snippet": {
                                        "parentId": request.reply_to,
                                        "textOriginal": request.text}}).json()
            return PublishedItem(str(body["id"]), "", self.client.clock())
        videos = [m for m in request.media if m.mime_type.startswith("video/")]
        if not videos:
            raise MediaRefused(LABEL, "YouTube publica videos: agregue uno")
        video = videos[0]
        size = video.path.stat().st_size
        session = self.client.call(
            "POST", f"{self.upload_base}/videos", idempotent=True,
            params={"uploadType": "resumable", "part": "snippet,status"},
            headers={"X-Upload-Content-Type": video.mime_type,
                     "X-Upload-Content-Length": str(size)},
            json={"snippet": {"title": title_of(request.text), "description": request.text},
                  "status": {"privacyStatus": "public", "selfDeclaredMadeForKids": False}})
        location = session.headers.get("Location", "")
        if not location:
            raise MediaRefused(LABEL, "no se abrió la sesión de carga")
        with open(video.path, "rb") as stream:
            uploaded = self.client.call("PUT", location, idempotent=False, data=stream,
                                        headers={"Content-Type": video.mime_type}).json()
        video_id = str(uploaded["id"])
        return PublishedItem(video_id, f"https://www.youtube.com/watch?v={video_id}",
                             self.client.clock())

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        body = self.client.call("GET", "/search", params={
            "part": "snippet", "forMine": "true", "type": "video", "maxResults": 25,
            "order": "date"}).json()
        title = title_of(request.text)
        for item in body.get("items", []):
            snippet = item.get("snippet", {})
            published = _time(snippet.get("publishedAt"))
            if published >= since and snippet.get("title") == title:
                video_id = str(item["id"]["videoId"])
                return PublishedItem(video_id, f"https://www.youtube.com/watch?v={video_id}",
                                     published)
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        body = self.client.call("GET", "/commentThreads", params={
            "part": "snippet", "allThreadsRelatedToChannelId": self.channel_id,
            "order": "time", "maxResults": 100, "textFormat": "plainText"}).json()
        since = datetime.fromisoformat(cursor) if cursor else None
        newest = since
        items = []
        for thread in body.get("items", []):
            top = thread.get("snippet", {}).get("topLevelComment", {})
            snippet = top.get("snippet", {})
            created = _time(snippet.get("publishedAt"))
            if since is not None and created <= since:
                continue
            if snippet.get("authorChannelId", {}).get("value") == self.channel_id:
                continue
            newest = created if newest is None or created > newest else newest
            video = str(snippet.get("videoId", ""))
            items.append(IncomingItem(
                remote_id=str(top.get("id", thread.get("id"))), kind=InboxKind.COMMENT,
                author_name=str(snippet.get("authorDisplayName", "")),
                author_handle=str(snippet.get("authorDisplayName", "")),
                text=str(snippet.get("textOriginal") or snippet.get("textDisplay", "")),
                created_at=created, parent_remote_id=video or None,
                url=f"https://www.youtube.com/watch?v={video}&lc={top.get('id', '')}"))
        return InboxPage(tuple(items), newest.isoformat() if newest else cursor)

    def identify(self) -> tuple[str, str]:
        body = self.client.call("GET", "/channels",
                                params={"part": "snippet", "mine": "true"}).json()
        channel = (body.get("items") or [{}])[0]
        snippet = channel.get("snippet", {})
        return str(channel["id"]), str(snippet.get("customUrl") or snippet.get("title", ""))

    def follower_count(self) -> int | None:
        body = self.client.call("GET", "/channels",
                                params={"part": "statistics", "id": self.channel_id}).json()
        items = body.get("items") or []
        if not items or items[0].get("statistics", {}).get("hiddenSubscriberCount"):
            return None
        return int(items[0]["statistics"]["subscriberCount"])


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
