"""X API v2 routes of the fake server: posts, media, mentions, users."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.server import ServerCore as _Base
else:
    _Base = object


class XApi(_Base):
    # --- X API v2 -----------------------------------------------------------------------------
    def _mount_x(self) -> None:
        def create(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            body = request.json()
            text = body.get("text", "")
            if any(p["text"] == text for p in self.x_posts):
                return Reply(403, {"detail": "You are not allowed to create a Tweet with "
                                             "duplicate content.", "status": 403})
            for media_id in body.get("media", {}).get("media_ids", []):
                if media_id not in self.x_media:
                    return Reply(400, {"detail": "Your media IDs are invalid.", "status": 400})
            post = {"id": self.new_id(), "text": text, "body": body,
                    "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")}
            self.x_posts.append(post)
            return Reply(201, {"data": {"id": post["id"], "text": text,
                                        "edit_history_tweet_ids": [post["id"]]}})

        def upload(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            if b"Content-Disposition" not in request.body and b"content-disposition" not in \
                    request.body.lower():
                return Reply(400, {"detail": "media is required", "status": 400})
            media_id = self.new_id()
            self.x_media[media_id] = {"size": len(request.body), "alt": ""}
            return Reply(200, {"data": {"id": media_id, "media_key": f"3_{media_id}",
                                        "size": len(request.body)}})

        def metadata(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            body = request.json()
            media = self.x_media.get(body.get("id"))
            if media is None:
                return Reply(400, {"detail": "unknown media", "status": 400})
            media["alt"] = body["metadata"]["alt_text"]["text"]
            return Reply(200, {"data": {"id": body["id"]}})

        def timeline(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            start = request.query.get("start_time", "")
            data = [{"id": p["id"], "text": p["text"], "created_at": p["created_at"]}
                    for p in reversed(self.x_posts) if p["created_at"] >= start[:19]]
            return Reply(200, {"data": data, "meta": {"result_count": len(data)}})

        def mentions(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            since = int(request.query.get("since_id", "0") or 0)
            data = [m for m in self.x_mentions if int(m["id"]) > since]
            users = [self.x_users[m["author_id"]] for m in data if m["author_id"] in self.x_users]
            meta: dict[str, Any] = {"result_count": len(data)}
            if data:
                meta["newest_id"] = max(data, key=lambda m: int(m["id"]))["id"]
            return Reply(200, {"data": data, "includes": {"users": users}, "meta": meta}
                         if data else {"meta": meta})

        def user(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            return Reply(200, {"data": {"id": request.query["id"], "username": "INEMexico",
                                        "public_metrics": {"followers_count": 12345}}})

        self.route("POST", "/2/tweets", create)
        self.route("POST", "/2/media/upload", upload)
        self.route("POST", "/2/media/metadata", metadata)
        def me(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            return Reply(200, {"data": {"id": "42", "username": "INEMexico", "name": "INE"}})

        self.route("GET", "/2/users/me", me)
        self.route("GET", "/2/users/{id}/tweets", timeline)
        self.route("GET", "/2/users/{id}/mentions", mentions)
        self.route("GET", "/2/users/{id}", user)


    def add_x_mention(self, text: str, *, author: str = "ciudadana", name: str = "Ana") -> str:
        user_id = f"u{abs(hash(author)) % 10_000}"
        self.x_users[user_id] = {"id": user_id, "username": author, "name": name}
        mention = {"id": self.new_id(), "text": text, "author_id": user_id,
                   "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                   "conversation_id": None}
        self.x_mentions.append(mention)
        return str(mention["id"])


