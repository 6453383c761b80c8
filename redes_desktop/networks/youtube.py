"""YouTube (Data API v3): videos uploaded with the resumable protocol, replies to comments,
comment threads of the channel as an inbox, recent uploads (to find an ambiguous attempt) and
subscribers.

YouTube has no API for direct messages (it has no private messages at all): the inbox of a
YouTube account holds the comments on its videos and the replies in their threads, nothing else.

Endpoints as documented at developers.google.com/youtube/v3: POST /upload/youtube/v3/videos
?uploadType=resumable then PUT of the bytes to the session address, GET /commentThreads
?allThreadsRelatedToChannelId= (part snippet,replies; a thread carries only some of its
replies, `snippet.totalReplyCount` says how many it has, the rest come from GET /comments
?parentId=; GET /commentThreads?id= for the threads the channel answered lately, whose
follow-ups may lie below the pages read: fetch_inbox), POST /comments (a reply: its parent is
always a thread's top comment), GET /search?forMine=true, GET /channels.
Google answers a spent daily quota with 403 `quotaExceeded`: it comes back at midnight
Pacific time. Google's quota table (developers.google.com/youtube/v3/determine_quota_cost):
every list call (commentThreads, comments, channels) costs 1 unit of the 10,000 a day, a reply
(comments.insert) 50, search.list and videos.insert 100 calls a day each in their own bucket."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import requests

from redes_desktop.clock import Clock
from redes_desktop.networks.errors import (
    DuplicateContent,
    MediaRefused,
    NetworkError,
    RateLimited,
    WrongAccount,
    same_handle,
)
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    InboxPage,
    IncomingItem,
    PublishedItem,
    PublishRequest,
)
from redes_desktop.networks.youtube_cursor import InboxMark, Watch, YouTubeCursor, keep

__all__ = ["InboxMark", "YouTubeConnector", "comment_url", "next_pacific_midnight"]

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
# A workstation off for days does not spend the day's quota walking the whole history: at most
# this many pages of 100 threads (1 unit each) a poll, and of 100 replies a thread.
MAX_INBOX_PAGES = 20
MAX_REPLY_PAGES = 20
# The 10,000 units a day belong to the Institute's Google project, shared by every connected
# channel on every workstation. A quiet poll costs 1 unit a list call — the threads' page, the
# replies of each first-page thread that carries fewer than it has, the watched threads: 2 to
# 11 in practice —, so at the poller's 2 minutes one connection would spend up to 7,900 a day
# (and every reply sent costs 50, out of the same units). Every 15 minutes it is at most about
# 1,050: several connections and the day's replies fit.
POLL_EVERY_SECONDS = 15 * 60
# A thread the channel answered is watched this long after its last answer: a follow-up there
# comes even when the thread is older than the pages read (fetch_inbox).
WATCH_DAYS = timedelta(days=3)


class CommentGone(NetworkError):
    def __init__(self) -> None:
        super().__init__(
            "El comentario ya no está en YouTube (su autor o un moderador lo borró), así que "
            "no se puede responder. Si ya no hace falta atenderlo, ignórelo en el Buzón.",
            network=LABEL)


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
    """Videos, replies to comments, the channel's comments as an inbox. No direct messages:
    YouTube offers no API for them."""

    network_label = LABEL

    def __init__(self, client: ApiClient, *, channel_id: str, handle: str,
                 upload_base: str) -> None:
        self.client = client
        self.channel_id = channel_id
        self.handle = handle
        self.upload_base = upload_base.rstrip("/")
        self._threads: dict[str, tuple[str, str]] = {}  # comment → (top comment, video)

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.reply_to:
            return self._reply(request.reply_to, request.text)
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
        # A relative session address belongs to the upload host, not to the API's.
        location = urljoin(self.upload_base + "/", location)
        with open(video.path, "rb") as stream:
            uploaded = self.client.call("PUT", location, idempotent=False, data=stream,
                                        headers={"Content-Type": video.mime_type}).json()
        video_id = str(uploaded["id"])
        return PublishedItem(video_id, f"https://www.youtube.com/watch?v={video_id}",
                             self.client.clock())

    def _reply(self, reply_to: str, text: str) -> PublishedItem:
        """A reply goes to the thread of `reply_to` (YouTube has no replies to replies)."""
        top_id, video_id = self._thread_of(reply_to)
        body = self.client.call("POST", "/comments", idempotent=False,
                                params={"part": "snippet"}, json={"snippet": {
                                    "parentId": top_id, "textOriginal": text}}).json()
        reply_id = str(body["id"])
        return PublishedItem(reply_id, comment_url(video_id, reply_id),
                             self._time(body.get("snippet", {}).get("publishedAt")))

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        if request.reply_to:
            return self._find_reply(request.reply_to, request.text, since)
        body = self.client.call("GET", "/search", params={
            "part": "snippet", "forMine": "true", "type": "video", "maxResults": 25,
            "order": "date"}).json()
        title = title_of(request.text)
        for item in body.get("items", []):
            snippet = item.get("snippet", {})
            published = self._time(snippet.get("publishedAt"))
            if published >= since and snippet.get("title") == title:
                video_id = str(item["id"]["videoId"])
                return PublishedItem(video_id, f"https://www.youtube.com/watch?v={video_id}",
                                     published)
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        """The comments and replies others wrote on the channel's videos since `cursor`,
        newest threads first, page after page until a thread older than the cursor (without
        a cursor: the first page). A reply comes as a comment of the thread's top comment
        (the answer goes to the thread: YouTube has no replies to replies); the channel's own
        comments never come. YouTube has no API for direct messages.

        Google documents `order=time` only as «ordered by time», not whether a new reply moves
        its thread up the list: the fake, like the worst case, keeps threads in the order their
        top comments were written. So a reply in a thread older than the pages read would never
        come. The threads the channel answered in the last WATCH_DAYS are therefore watched
        (`youtube_cursor.py`, at most MAX_WATCHED): those no longer among the threads read are
        asked for together, by id, in one request (1 unit) a poll, and only a thread whose
        `totalReplyCount` changed has its replies read. Not covered: a follow-up in a thread
        the channel did not answer (or answered more than WATCH_DAYS ago) once it is older
        than the pages read; a reply written while another was deleted (the count stays)."""
        state = YouTubeCursor.parse(cursor)
        mark = state.mark
        now = self.client.clock()
        watched = {w.thread: w for w in state.watched}
        items: list[IncomingItem] = []
        read: set[str] = set()
        token: str | None = None
        for _page in range(MAX_INBOX_PAGES):
            params: dict[str, Any] = {
                "part": "snippet,replies", "allThreadsRelatedToChannelId": self.channel_id,
                "order": "time", "maxResults": 100, "textFormat": "plainText"}
            if token:
                params["pageToken"] = token
            body = self.client.call("GET", "/commentThreads", params=params).json()
            threads = [t for t in body.get("items", []) if isinstance(t, dict)]
            oldest: datetime | None = None
            for thread in threads:
                snippet = thread.get("snippet", {})
                top = snippet.get("topLevelComment", {})
                started = self._time(top.get("snippet", {}).get("publishedAt"))
                oldest = started if oldest is None or started < oldest else oldest
                items.extend(self._thread_items(thread, mark, watched, now))
                read.add(str(top.get("id") or thread.get("id", "")))
            token = body.get("nextPageToken") or None
            if token is None or mark.at is None or oldest is None or oldest <= mark.at:
                break
        items.extend(self._follow_ups(watched, read, mark, now))
        fresh = YouTubeCursor(mark.after(items), keep(watched, now))
        unchanged = not items and fresh.watched == state.watched
        return InboxPage(tuple(items), cursor if unchanged else fresh.text(),
                         {"poll_again_in": str(POLL_EVERY_SECONDS)})

    def _thread_items(self, thread: dict[str, Any], mark: InboxMark,
                      watched: dict[str, Watch], now: datetime) -> list[IncomingItem]:
        """The news of a thread; a thread the channel answered lately is watched from here
        (`watched` is updated)."""
        snippet = thread.get("snippet", {})
        video = str(snippet.get("videoId", ""))
        top = snippet.get("topLevelComment", {})
        top_id = str(top.get("id") or thread.get("id", ""))
        found = []
        if self._is_news(top, mark):
            found.append(self._item(top, parent=video or None, video=video))
        count = int(snippet.get("totalReplyCount") or 0)
        replies = [r for r in (thread.get("replies") or {}).get("comments", [])
                   if isinstance(r, dict)]
        if count > len(replies):
            # The thread carries only some of its replies: the rest come from comments.list.
            replies = list(self._replies(top_id))
        found.extend(self._item(r, parent=top_id, video=video)
                     for r in replies if self._is_news(r, mark))
        self._watch(watched, top_id, count, replies, now)
        return found

    def _watch(self, watched: dict[str, Watch], top_id: str, count: int,
               replies: list[dict[str, Any]], now: datetime) -> None:
        """Watch the thread until WATCH_DAYS after the channel's last reply in it (if that
        is still ahead); a thread already watched keeps its count up to date."""
        own = [self._time(r.get("snippet", {}).get("publishedAt")) for r in replies
               if r.get("snippet", {}).get("authorChannelId", {}).get("value")
               == self.channel_id]
        until = int((max(own) + WATCH_DAYS).timestamp()) if own else 0
        before = watched.get(top_id)
        if before is not None or until > now.timestamp():
            watched[top_id] = Watch(top_id, count, max(until, before.until if before else 0))

    def _follow_ups(self, watched: dict[str, Watch], read: set[str], mark: InboxMark,
                    now: datetime) -> list[IncomingItem]:
        """New replies in the watched threads the pages did not reach: one request for all
        of them (by id), the replies of those whose count changed."""
        wanted = [w.thread for w in keep(watched, now) if w.thread not in read]
        if not wanted:
            return []
        body = self.client.call("GET", "/commentThreads", params={
            "part": "snippet,replies", "id": ",".join(wanted[:50]),
            "textFormat": "plainText"}).json()
        answered = {str(t.get("id", "")): t for t in body.get("items", [])
                    if isinstance(t, dict)}
        found: list[IncomingItem] = []
        for thread_id in wanted:
            thread = answered.get(thread_id)
            if thread is None:  # deleted, or hidden: nothing more to follow
                watched.pop(thread_id, None)
                continue
            count = int(thread.get("snippet", {}).get("totalReplyCount") or 0)
            if count != watched[thread_id].replies:
                found.extend(self._thread_items(thread, mark, watched, now))
        return found

    def _is_news(self, comment: dict[str, Any], mark: InboxMark) -> bool:
        snippet = comment.get("snippet", {})
        if snippet.get("authorChannelId", {}).get("value") == self.channel_id:
            return False  # the channel's own comments and replies
        return mark.is_new(self._time(snippet.get("publishedAt")), str(comment.get("id", "")))

    def _item(self, comment: dict[str, Any], *, parent: str | None,
              video: str) -> IncomingItem:
        snippet = comment.get("snippet", {})
        comment_id = str(comment.get("id", ""))
        return IncomingItem(
            remote_id=comment_id, kind=InboxKind.COMMENT,
            author_name=str(snippet.get("authorDisplayName", "")),
            author_handle=str(snippet.get("authorDisplayName", "")),
            text=_text(snippet), created_at=self._time(snippet.get("publishedAt")),
            parent_remote_id=parent, url=comment_url(video, comment_id))

    def _replies(self, parent_id: str) -> Iterator[dict[str, Any]]:
        """Every reply to the top-level comment `parent_id` (comments.list, page by page)."""
        token: str | None = None
        for _page in range(MAX_REPLY_PAGES):
            params: dict[str, Any] = {"part": "snippet", "parentId": parent_id,
                                      "maxResults": 100, "textFormat": "plainText"}
            if token:
                params["pageToken"] = token
            body = self.client.call("GET", "/comments", params=params).json()
            yield from (c for c in body.get("items", []) if isinstance(c, dict))
            token = body.get("nextPageToken") or None
            if token is None:
                return

    def _thread_of(self, comment_id: str) -> tuple[str, str]:
        """(top-level comment, video) of the thread where `comment_id` lives: a reply is
        answered in its thread, and the answer's address names the video."""
        known = self._threads.get(comment_id)
        if known is not None:
            return known
        top_id = comment_id
        body = self.client.call("GET", "/commentThreads", params={
            "part": "snippet", "id": comment_id}).json()
        if not body.get("items"):  # not a top-level comment: a reply, or gone
            found = self.client.call("GET", "/comments", params={
                "part": "snippet", "id": comment_id, "textFormat": "plainText"}).json()
            parent = ((found.get("items") or [{}])[0].get("snippet", {})).get("parentId")
            if not parent:
                raise CommentGone()
            top_id = str(parent)
            body = self.client.call("GET", "/commentThreads", params={
                "part": "snippet", "id": top_id}).json()
            if not body.get("items"):
                raise CommentGone()
        video = str(body["items"][0].get("snippet", {}).get("videoId", ""))
        self._threads[comment_id] = (top_id, video)
        return top_id, video

    def _find_reply(self, reply_to: str, text: str, since: datetime) -> PublishedItem | None:
        """The channel's reply with this text in the thread of `reply_to`, written after
        `since`: how a reply whose answer never came is found instead of sent twice."""
        top_id, video = self._thread_of(reply_to)
        wanted = _same_text(text)
        for reply in self._replies(top_id):
            snippet = reply.get("snippet", {})
            published = self._time(snippet.get("publishedAt"))
            if (snippet.get("authorChannelId", {}).get("value") == self.channel_id
                    and published >= since and _same_text(_text(snippet)) == wanted):
                reply_id = str(reply.get("id", ""))
                return PublishedItem(reply_id, comment_url(video, reply_id), published)
        return None

    def _time(self, value: str | None) -> datetime:
        if not value:
            return self.client.clock()
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)

    def identify(self) -> tuple[str, str]:
        body = self.client.call("GET", "/channels",
                                params={"part": "snippet", "mine": "true"}).json()
        channel = (body.get("items") or [{}])[0]
        snippet = channel.get("snippet", {})
        names = [str(snippet.get(k, "")) for k in ("customUrl", "title") if snippet.get(k)]
        if self.handle and not any(same_handle(name, self.handle) for name in names):
            raise WrongAccount(LABEL, self.handle, names[:1])  # another channel of the person
        return str(channel["id"]), names[0] if names else ""

    def follower_count(self) -> int | None:
        body = self.client.call("GET", "/channels",
                                params={"part": "statistics", "id": self.channel_id}).json()
        items = body.get("items") or []
        if not items or items[0].get("statistics", {}).get("hiddenSubscriberCount"):
            return None
        return int(items[0]["statistics"]["subscriberCount"])


def comment_url(video: str, comment_id: str) -> str:
    """A comment's address: its video with the comment highlighted (`lc`); none without a
    video (the channel discussions YouTube retired)."""
    return f"https://www.youtube.com/watch?v={video}&lc={comment_id}" if video else ""


def _text(snippet: dict[str, Any]) -> str:
    return str(snippet.get("textOriginal") or snippet.get("textDisplay") or "")


def _same_text(text: str) -> str:
    """Texts compared as YouTube keeps them: spaces at the ends and line endings aside."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines())
