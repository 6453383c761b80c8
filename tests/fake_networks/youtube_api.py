"""YouTube Data API v3 routes of the fake server: resumable upload, channels, comment threads."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.server import ServerCore as _Base
else:
    _Base = object


class YouTubeApi(_Base):
    # --- YouTube Data API v3 ---------------------------------------------------------------
    def _mount_youtube(self) -> None:
        def stamp() -> str:
            return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        def google_error(status: int, reason: str) -> Reply:
            return Reply(status, {"error": {"code": status, "message": reason,
                                            "errors": [{"reason": reason}]}})

        def guard(request: Request) -> Reply | None:
            if request.token not in self.valid_tokens:
                return google_error(401, "authError")
            return None

        def start_upload(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            if request.query.get("uploadType") != "resumable":
                return google_error(400, "badRequest")
            upload_id = self.new_id()
            self.yt_uploads[upload_id] = {
                "metadata": request.json(),
                "length": int(request.headers.get("x-upload-content-length", "0"))}
            return Reply(200, None, {"Location": f"{self.base}/upload/session/{upload_id}"})

        def put_bytes(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            upload = self.yt_uploads.pop(request.query["upload"], None)
            if upload is None or len(request.body) != upload["length"]:
                return google_error(400, "mediaBodyRequired")
            video_id = f"v{self.new_id()}"
            snippet = upload["metadata"]["snippet"]
            self.yt_videos.append({"id": video_id, "title": snippet["title"],
                                   "description": snippet["description"],
                                   "size": len(request.body), "publishedAt": stamp()})
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
                "id": "UCine", "snippet": {"title": "INE TV", "customUrl": "@INETV"},
                "statistics": {"subscriberCount": "250000",
                               "hiddenSubscriberCount": False}}]})

        def threads(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            return Reply(200, {"items": list(reversed(self.yt_threads))})

        def comment(request: Request) -> Reply:
            if (denied := guard(request)) is not None:
                return denied
            snippet = request.json()["snippet"]
            if not any(t["snippet"]["topLevelComment"]["id"] == snippet["parentId"]
                       for t in self.yt_threads):
                return google_error(404, "commentNotFound")
            reply_id = f"r{self.new_id()}"
            self.yt_replies.append({"id": reply_id, **snippet})
            return Reply(200, {"id": reply_id, "snippet": snippet})

        self.route("POST", "/upload/youtube/v3/videos", start_upload)
        self.route("PUT", "/upload/session/{upload}", put_bytes)
        self.route("GET", "/youtube/v3/search", search)
        self.route("GET", "/youtube/v3/channels", channels)
        self.route("GET", "/youtube/v3/commentThreads", threads)
        self.route("POST", "/youtube/v3/comments", comment)

    def add_yt_comment(self, video_id: str, text: str, *, author: str = "Ana López",
                       published: str = "2026-12-01T10:00:00Z") -> str:
        comment_id = f"c{self.new_id()}"
        self.yt_threads.append({"id": comment_id, "snippet": {
            "videoId": video_id, "topLevelComment": {"id": comment_id, "snippet": {
                "videoId": video_id, "authorDisplayName": author,
                "authorChannelId": {"value": "UCana"}, "textOriginal": text,
                "publishedAt": published}}}})
        return comment_id

