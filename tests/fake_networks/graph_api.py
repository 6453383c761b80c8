"""Graph API routes of the fake server: Facebook Pages and Instagram professional accounts
(writes here; reading, paged, in graph_read_api.py; messages in graph_messages_api.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tests.fake_networks.graph_messages_api import GraphMessagesApi
from tests.fake_networks.graph_read_api import GraphReadApi
from tests.fake_networks.server import Reply, Request, multipart_fields

if TYPE_CHECKING:
    from tests.fake_networks.server import ServerCore as _Base
else:
    _Base = object


class GraphApi(GraphMessagesApi, GraphReadApi, _Base):
    # --- Graph API (Facebook Pages) ------------------------------------------------------------
    @staticmethod
    def graph_error(code: int, message: str, status: int = 400) -> Reply:
        return Reply(status, {"error": {"message": message, "type": "OAuthException",
                                        "code": code, "fbtrace_id": "x"}})

    def page_token_ok(self, request: Request, page_id: str) -> bool:
        page = self.fb_pages.get(page_id)
        return page is not None and request.token == page["token"]

    def _mount_graph(self) -> None:
        now = lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")  # noqa: E731

        def accounts(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            return Reply(200, {"data": [{k: v for k, v in p.items() if k != "token"}
                                        for p in self.fb_pages.values()]})

        def node(request: Request) -> Reply:
            node_id, fields = request.query["id"], request.query.get("fields", "")
            if fields == "access_token":
                if request.token not in self.valid_tokens:
                    return self.graph_error(190, "Error validating access token")
                if self.fb_pages[node_id].get("role_lost"):  # the person no longer manages it
                    return Reply(200, {"id": node_id})
                return Reply(200, {"id": node_id, "access_token": self.fb_pages[node_id]["token"]})
            if node_id in self.fb_pages:
                if not self.page_token_ok(request, node_id):
                    return self.graph_error(190, "Error validating access token")
                return Reply(200, {"id": node_id, "followers_count": 98765})
            fb_comment = next((c for c in self.fb_comments if c["id"] == node_id), None)
            if fb_comment is not None and "can_comment" in fields:
                if request.token != self.fb_pages["555"]["token"]:
                    return self.graph_error(190, "Error validating access token")
                return Reply(200, {"id": node_id, "can_comment": not fb_comment.get("parent"),
                                   **({"parent": {"id": fb_comment["parent"]}}
                                      if fb_comment.get("parent") else {})})
            if node_id in self.fb_photos and fields == "images":
                if request.token != self.fb_pages["555"]["token"]:
                    return self.graph_error(190, "Error validating access token")
                return Reply(200, {"images": [
                    {"source": f"{self.base}/cdn/{node_id}.png", "width": 1080},
                    {"source": f"{self.base}/cdn/{node_id}-s.png", "width": 320}]})
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            if node_id in self.ig_containers:
                container = self.ig_containers[node_id]
                container["polls"] += 1
                ready = container["polls"] > self.ig_polls_before_ready
                return Reply(200, {"status_code": "FINISHED" if ready else "IN_PROGRESS"})
            for media in self.ig_media:
                if media["id"] == node_id:
                    return Reply(200, {"id": node_id, "permalink": media["permalink"]})
            ig_comment = next((c for c in self.ig_comments if c["id"] == node_id), None)
            if fields == "parent_id" and ig_comment is not None:
                return Reply(200, {"id": node_id, **({"parent_id": ig_comment["parent"]}
                                                     if ig_comment.get("parent") else {})})
            if fields == "media{permalink}" and self.ig_comment_permalink(node_id) is not None:
                return Reply(200, {"id": node_id, "media": {
                    "id": "", "permalink": self.ig_comment_permalink(node_id)}})
            if node_id == "1789":
                return Reply(200, {"id": node_id, "followers_count": 4321})
            return self.graph_error(100, "Unsupported get request")

        def new_post(page_id: str, message: str, extra: dict[str, Any]) -> Reply:
            if message and any(p["message"] == message for p in self.fb_posts):
                return self.graph_error(506, "Duplicate status message")
            post = {"id": f"{page_id}_{self.new_id()}", "message": message,
                    "created_time": now(), **extra}
            post["permalink_url"] = f"https://www.facebook.com/{post['id']}"
            self.fb_posts.append(post)
            return Reply(200, {"id": post["id"]})

        def photos(request: Request) -> Reply:
            page_id = request.query["page"]
            if not self.page_token_ok(request, page_id):
                return self.graph_error(190, "Error validating access token")
            fields = multipart_fields(request)
            if "source" not in fields:
                return self.graph_error(324, "Requires upload file")
            photo_id = self.new_id()
            self.fb_photos[photo_id] = {"alt": fields.get("alt_text_custom", b"").decode(),
                                        "size": len(fields["source"])}
            if fields.get("published", b"true") == b"false":
                return Reply(200, {"id": photo_id})
            reply = new_post(page_id, fields.get("caption", b"").decode(),
                             {"photos": [photo_id]})
            if reply.status != 200:
                return reply
            return Reply(200, {"id": photo_id, "post_id": reply.body["id"]})

        def feed_post(request: Request) -> Reply:
            page_id = request.query["page"]
            if not self.page_token_ok(request, page_id):
                return self.graph_error(190, "Error validating access token")
            form = request.form()
            attached = json.loads(form.get("attached_media", "[]"))
            for media in attached:
                if media["media_fbid"] not in self.fb_photos:
                    return self.graph_error(100, "Invalid image id")
            return new_post(page_id, form.get("message", ""),
                            {"link": form.get("link"),
                             "photos": [m["media_fbid"] for m in attached]})

        def posts(request: Request) -> Reply:
            page_id = request.query["page"]
            if not self.page_token_ok(request, page_id):
                return self.graph_error(190, "Error validating access token")
            return Reply(200, {"data": [
                {k: p[k] for k in ("id", "message", "created_time", "permalink_url")}
                for p in reversed(self.fb_posts)]})

        def comment_reply(request: Request) -> Reply:
            parent = request.query["comment"]
            found = next((c for c in self.fb_comments if c["id"] == parent), None)
            if found is None:
                return self.graph_error(100, "Unsupported post request")
            if found.get("parent"):  # a reply's `can_comment` is false: answer its parent
                return self.graph_error(100, "(#100) This comment cannot be replied to")
            reply_id = f"{parent}_{self.new_id()}"
            self.fb_comments.append({"id": reply_id, "post_id": "", "parent": parent,
                                     "from": {"id": "555", "name": "INE Jalisco"},
                                     "message": request.form().get("message", ""),
                                     "created_time": now()})
            return Reply(200, {"id": reply_id})

        def ig_container(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            form = request.form()
            if form.get("media_type") == "CAROUSEL":
                children = form.get("children", "").split(",")
                if not all(c in self.ig_containers for c in children):
                    return self.graph_error(100, "Invalid children")
            elif not form.get("image_url", "").startswith(f"{self.base}/cdn/"):
                return self.graph_error(9004, "Only photo or video can be accepted as media "
                                              "type.")
            container_id = self.new_id()
            self.ig_containers[container_id] = {**form, "polls": 0}
            return Reply(200, {"id": container_id})

        def ig_publish(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            container = self.ig_containers.get(request.form().get("creation_id", ""))
            if container is None or container["polls"] <= self.ig_polls_before_ready:
                return self.graph_error(9007, "Media ID is not available")
            media_id = self.new_id()
            self.ig_media.append({"id": media_id, "caption": container.get("caption", ""),
                                  "container": container, "timestamp": now(),
                                  "permalink": f"https://www.instagram.com/p/{media_id}/"})
            return Reply(200, {"id": media_id})

        def ig_reply(request: Request) -> Reply:
            parent = request.query["comment"]
            found = next((c for c in self.ig_comments if c["id"] == parent), None)
            if found is None:
                return self.graph_error(100, "Unsupported post request")
            # "You can only reply to top-level comments; replies to a reply will be added to
            # the top-level comment" (IG Comment Replies reference).
            parent = found.get("parent") or parent
            reply_id = self.new_id()
            self.ig_comments.append({"id": reply_id, "media": "", "parent": parent,
                                     "username": "inejalisco", "timestamp": now(),
                                     "text": request.form().get("message", "")})
            return Reply(200, {"id": reply_id})

        self.route("POST", "/graph/{ig}/media", ig_container)
        self.route("POST", "/graph/{ig}/media_publish", ig_publish)
        self.route("POST", "/graph/{comment}/replies", ig_reply)
        self.route("GET", "/graph/me/accounts", accounts)
        self.route("POST", "/graph/{page}/photos", photos)
        self.route("POST", "/graph/{page}/feed", feed_post)
        self.route("GET", "/graph/{page}/posts", posts)
        self.route("POST", "/graph/{comment}/comments", comment_reply)
        self._mount_graph_messages()
        self._mount_graph_read()
        self.route("GET", "/graph/{id}", node)

    def add_fb_comment(self, post_id: str, text: str, *, name: str = "Ana López",
                       created: str | None = None) -> str:
        comment_id = f"{post_id.split('_')[-1]}_{self.new_id()}"
        self.fb_comments.append({
            "id": comment_id, "post_id": post_id, "from": {"id": "9001", "name": name},
            "message": text, "permalink_url": f"https://www.facebook.com/{comment_id}",
            "created_time": created or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")})
        return comment_id

    def add_fb_reply(self, comment_id: str, text: str, *, name: str = "Beto Ruiz",
                     person: str = "9002", created: str | None = None) -> str:
        """A person's reply inside the thread of the comment `comment_id`."""
        reply_id = f"{comment_id.split('_')[0]}_{self.new_id()}"
        self.fb_comments.append({
            "id": reply_id, "post_id": "", "parent": comment_id,
            "from": {"id": person, "name": name}, "message": text,
            "permalink_url": f"https://www.facebook.com/{reply_id}",
            "created_time": created or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")})
        return reply_id

    def add_fb_post(self, message: str, *, created: str) -> str:
        """A post already on the page, written at `created`."""
        post_id = f"555_{self.new_id()}"
        self.fb_posts.append({"id": post_id, "message": message, "created_time": created,
                              "permalink_url": f"https://www.facebook.com/{post_id}"})
        return post_id

    def add_ig_media(self, caption: str, *, created: str) -> str:
        """A post already on the Instagram account, published at `created`."""
        media_id = self.new_id()
        self.ig_media.append({"id": media_id, "caption": caption, "timestamp": created,
                              "permalink": f"https://www.instagram.com/p/{media_id}/"})
        return media_id

    def add_ig_comment(self, media_id: str, text: str, *, username: str = "ana.lopez",
                       created: str = "2026-12-01T10:00:00+0000") -> str:
        comment_id = self.new_id()
        self.ig_comments.append({"id": comment_id, "media": media_id, "text": text,
                                 "username": username, "timestamp": created})
        return comment_id

    def add_ig_reply(self, comment_id: str, text: str, *, username: str = "beto.ruiz",
                     created: str = "2026-12-01T10:05:00+0000") -> str:
        """A reply someone writes inside the thread of the comment `comment_id`."""
        reply_id = self.new_id()
        self.ig_comments.append({"id": reply_id, "media": "", "parent": comment_id,
                                 "text": text, "username": username, "timestamp": created})
        return reply_id
