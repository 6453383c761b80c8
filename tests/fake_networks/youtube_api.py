"""YouTube Data API v3 routes of the fake server: resumable upload, channels, comment threads
and comments, as developers.google.com/youtube/v3 documents them.

- `GET /commentThreads` (`allThreadsRelatedToChannelId=` or `id=`): newest top-level comment
  first, `maxResults` (default 20) and `pageToken`/`nextPageToken`; with `part=…replies` each
  thread carries `replies.comments`, a *subset* of its replies (the API promises no more: here
  the first five), and `snippet.totalReplyCount` says how many there are.
- `GET /comments` (`parentId=` or `id=`): comment resources — `id`, `snippet.textOriginal`,
  `textDisplay`, `authorDisplayName`, `authorChannelId.value`, `channelId`, `parentId` (replies
  only), `publishedAt`, `updatedAt` — paged like the threads.
- `POST /comments`: a reply; its `parentId` must be a top-level comment (YouTube has no replies
  to replies). Replies are written by the channel («UCine»).

Times come from `yt_clock` (the wall clock unless a test gives its own), so a test's clock and
the fake's `publishedAt` agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.server import ServerCore as _Base
else:
    _Base = object

CHANNEL = "UCine"
REPLIES_IN_A_THREAD = 5


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _google_error(status: int, reason: str) -> Reply:
    return Reply(status, {"error": {"code": status, "message": reason,
                                    "errors": [{"reason": reason}]}})


def _page(request: Request, rows: list[dict[str, Any]]) -> dict[str, Any]:
    size = max(1, min(100, int(request.query.get("maxResults", "20"))))
    start = int(request.query.get("pageToken") or 0)
    body: dict[str, Any] = {"items": rows[start:start + size],
                            "pageInfo": {"totalResults": len(rows), "resultsPerPage": size}}
    if start + size < len(rows):
        body["nextPageToken"] = str(start + size)
    return body


class YouTubeApi(_Base):
    yt_clock: Callable[[], datetime]

    # --- YouTube Data API v3 ---------------------------------------------------------------
    def _mount_youtube(self) -> None:
        self.yt_clock = lambda: datetime.now(UTC)

        def guard(request: Request) -> Reply | None:
            if request.token not in self.valid_tokens:
                return _google_error(401, "authError")
            return None

        def start_upload(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            if request.query.get("uploadType") != "resumable":
                return _google_error(400, "badRequest")
            upload_id = self.new_id()
            self.yt_uploads[upload_id] = {
                "metadata": request.json(),
                "length": int(request.headers.get("x-upload-content-length", "0"))}
            where = f"/upload/session/{upload_id}"  # Google may answer a relative address
            return Reply(200, None, {"Location": where if self.yt_relative_session
                                     else self.base + where})

        def put_bytes(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            upload = self.yt_uploads.pop(request.query["upload"], None)
            if upload is None or len(request.body) != upload["length"]:
                return _google_error(400, "mediaBodyRequired")
            video_id = f"v{self.new_id()}"
            snippet = upload["metadata"]["snippet"]
            self.yt_videos.append({"id": video_id, "title": snippet["title"],
                                   "description": snippet["description"],
                                   "size": len(request.body),
                                   "publishedAt": _stamp(self.yt_clock())})
            return Reply(200, {"id": video_id, "snippet": snippet})

        def search(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            return Reply(200, {"items": [
                {"id": {"kind": "youtube#video", "videoId": v["id"]},
                 "snippet": {"title": v["title"], "publishedAt": v["publishedAt"]}}
                for v in reversed(self.yt_videos)]})

        def channels(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            return Reply(200, {"items": [{
                "id": CHANNEL, "snippet": {"title": "INE TV", "customUrl": "@INETV"},
                "statistics": {"subscriberCount": "250000",
                               "hiddenSubscriberCount": False}}]})

        def threads(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            wanted = request.query.get("id")
            rows = [t for t in reversed(self.yt_threads)
                    if wanted is None or t["id"] in wanted.split(",")]
            rows.sort(key=lambda t: t["snippet"]["topLevelComment"]["publishedAt"],
                      reverse=True)
            with_replies = "replies" in request.query.get("part", "").split(",")
            return Reply(200, _page(request, [self._yt_thread(t, with_replies) for t in rows]))

        def comments(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            if "parentId" in request.query:
                rows = [r for r in self.yt_replies if r["parentId"] == request.query["parentId"]]
            elif "id" in request.query:
                ids = request.query["id"].split(",")
                tops = [t["snippet"]["topLevelComment"] for t in self.yt_threads]
                rows = [c for c in tops + self.yt_replies if c["id"] in ids]
            else:
                return _google_error(400, "missingRequiredParameter")
            return Reply(200, _page(request, [self._yt_comment(c) for c in rows]))

        def comment(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            snippet = request.json()["snippet"]
            if not any(t["id"] == snippet["parentId"] for t in self.yt_threads):
                return _google_error(404, "commentNotFound")
            reply = self.add_yt_reply(snippet["parentId"], snippet["textOriginal"],
                                      author="INE TV", author_channel=CHANNEL)
            return Reply(200, self._yt_comment(self.yt_replies[-1]) | {"id": reply})

        self.route("POST", "/upload/youtube/v3/videos", start_upload)
        self.route("PUT", "/upload/session/{upload}", put_bytes)
        self.route("GET", "/youtube/v3/search", search)
        self.route("GET", "/youtube/v3/channels", channels)
        self.route("GET", "/youtube/v3/commentThreads", threads)
        self.route("GET", "/youtube/v3/comments", comments)
        self.route("POST", "/youtube/v3/comments", comment)

    def _yt_comment(self, row: dict[str, Any]) -> dict[str, Any]:
        """A stored comment (top-level or reply) as a `youtube#comment` resource."""
        snippet = {"authorDisplayName": row["authorDisplayName"],
                   "authorChannelId": {"value": row["authorChannelId"]},
                   "channelId": CHANNEL, "textOriginal": row["textOriginal"],
                   "textDisplay": row["textOriginal"], "publishedAt": row["publishedAt"],
                   "updatedAt": row["publishedAt"]}
        if row.get("parentId"):
            snippet["parentId"] = row["parentId"]
        return {"kind": "youtube#comment", "id": row["id"], "snippet": snippet}

    def _yt_thread(self, thread: dict[str, Any], with_replies: bool) -> dict[str, Any]:
        top = thread["snippet"]["topLevelComment"]
        replies = [r for r in self.yt_replies if r["parentId"] == thread["id"]]
        body: dict[str, Any] = {"kind": "youtube#commentThread", "id": thread["id"], "snippet": {
            "channelId": CHANNEL, "videoId": thread["snippet"]["videoId"],
            "topLevelComment": self._yt_comment(top), "canReply": True,
            "totalReplyCount": len(replies), "isPublic": True}}
        if with_replies and replies:
            body["replies"] = {"comments": [self._yt_comment(r)
                                            for r in replies[:REPLIES_IN_A_THREAD]]}
        return body

    def add_yt_comment(self, video_id: str, text: str, *, author: str = "Ana López",
                       author_channel: str = "UCana",
                       published: str = "2026-12-01T10:00:00Z") -> str:
        comment_id = f"Ug{self.new_id()}"
        self.yt_threads.append({"id": comment_id, "snippet": {
            "videoId": video_id, "topLevelComment": {
                "id": comment_id, "videoId": video_id, "authorDisplayName": author,
                "authorChannelId": author_channel, "textOriginal": text,
                "publishedAt": published}}})
        return comment_id

    def add_yt_reply(self, parent_id: str, text: str, *, author: str = "Beto Ruiz",
                     author_channel: str = "UCbeto", published: str | None = None) -> str:
        """A reply in the thread of `parent_id`; like YouTube's, its id is «parent.suffix»."""
        reply_id = f"{parent_id}.{self.new_id()}"
        self.yt_replies.append({"id": reply_id, "parentId": parent_id,
                                "authorDisplayName": author, "authorChannelId": author_channel,
                                "textOriginal": text,
                                "publishedAt": published or _stamp(self.yt_clock())})
        return reply_id
