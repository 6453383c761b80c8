"""A local HTTP server that implements the documented endpoints of the networks' APIs, their
payloads and their failures, so the connectors are tested against real HTTP (the real services
cannot be reached from here). Each network mounts its routes on the same server.

Faults are scripted per route: `fail_next("POST /2/tweets", 429, headers=…)`, or
`accept_then_stall("POST /2/tweets")` (the post is stored, then the answer never comes: a
timeout after the network accepted)."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class Fault:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # store the request's effect, then never answer in time


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[["Request"], Reply]


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"{}")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}

    @property
    def token(self) -> str:
        auth = self.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else ""


class FakeNetworks:
    """Start with `with FakeNetworks() as server:`; `server.base` is its address."""

    STALL_SECONDS = 3.0

    def __init__(self) -> None:
        self.routes: list[tuple[str, str, Handler]] = []
        self.faults: dict[str, list[Fault]] = {}
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.ids = itertools.count(1_000_000)
        self.valid_tokens: set[str] = set()
        self.refresh_tokens: dict[str, str] = {}  # refresh → client id
        self.codes: dict[str, tuple[str, str, str]] = {}  # code → (challenge, redirect, client)
        self.revoked: list[str] = []
        self.challenge_seen: str | None = None  # set: the network records another challenge
        self.x_posts: list[dict[str, Any]] = []
        self.x_media: dict[str, dict[str, Any]] = {}
        self.x_mentions: list[dict[str, Any]] = []
        self.x_users: dict[str, dict[str, Any]] = {}
        self.fb_pages: dict[str, dict[str, Any]] = {
            "555": {"id": "555", "name": "INE Jalisco", "username": "INEJalisco",
                    "token": "page-token-555",
                    "instagram_business_account": {"id": "1789", "username": "inejalisco"}}}
        self.ig_containers: dict[str, dict[str, Any]] = {}
        self.ig_media: list[dict[str, Any]] = []
        self.ig_comments: list[dict[str, Any]] = []
        self.ig_polls_before_ready = 1
        self.fb_posts: list[dict[str, Any]] = []
        self.fb_photos: dict[str, dict[str, Any]] = {}
        self.fb_comments: list[dict[str, Any]] = []
        self.required_client_secret: str | None = None  # Google's desktop clients send one
        self.yt_videos: list[dict[str, Any]] = []
        self.yt_uploads: dict[str, dict[str, Any]] = {}
        self.yt_threads: list[dict[str, Any]] = []
        self.yt_replies: list[dict[str, Any]] = []
        self._mount_oauth()
        self._mount_x()
        self._mount_graph()
        self._mount_youtube()

    # --- server -------------------------------------------------------------------------
    def __enter__(self) -> FakeNetworks:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                request = Request(
                    self.command, parts.path,
                    {k: v[0] for k, v in parse_qs(parts.query).items()},
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length) if length else b"",
                )
                reply, stall = server.dispatch(request)
                if stall:
                    time.sleep(server.STALL_SECONDS)
                    return
                data = b"" if reply.body is None else json.dumps(reply.body).encode()
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_DELETE = do_PUT = _serve  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self.routes.append((method, pattern, handler))

    def fail_next(self, route: str, status: int, body: Any = None,
                  headers: dict[str, str] | None = None, times: int = 1) -> None:
        for _ in range(times):
            self.faults.setdefault(route, []).append(Fault(status, body, headers or {}))

    def accept_then_stall(self, route: str) -> None:
        self.faults.setdefault(route, []).append(Fault(0, stall=True))

    def count(self, route: str) -> int:
        return sum(1 for call in self.calls if f"{call[0]} {call[1]}" == route)

    def dispatch(self, request: Request) -> tuple[Reply, bool]:
        for method, pattern, handler in self.routes:
            params = _match(pattern, request.path)
            if method != request.method or params is None:
                continue
            route = f"{method} {pattern}"
            with self.lock:
                self.calls.append((method, pattern))
                faults = self.faults.get(route) or []
                fault = faults.pop(0) if faults else None
            if fault is not None and not fault.stall:
                return Reply(fault.status, fault.body, fault.headers), False
            request.query.update(params)
            with self.lock:
                reply = handler(request)
            return reply, fault is not None and fault.stall
        return Reply(404, {"title": "Not Found"}), False

    def new_id(self) -> str:
        return str(next(self.ids))

    def issue_token(self, client_id: str) -> dict[str, Any]:
        access, refresh = f"at-{self.new_id()}", f"rt-{self.new_id()}"
        self.valid_tokens.add(access)
        self.refresh_tokens[refresh] = client_id
        return {"access_token": access, "refresh_token": refresh, "token_type": "bearer",
                "expires_in": 7200, "scope": "tweet.read tweet.write"}

    def expire_all_tokens(self) -> None:
        self.valid_tokens.clear()

    # --- OAuth 2.0 with PKCE (one provider shape for all networks) ---------------------------
    def _mount_oauth(self) -> None:
        def authorize(request: Request) -> Reply:
            q = request.query
            if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
                return Reply(400, {"error": "invalid_request"})
            code = f"code-{self.new_id()}"
            challenge = self.challenge_seen or q["code_challenge"]
            self.codes[code] = (challenge, q["redirect_uri"], q["client_id"])
            target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
            return Reply(302, None, {"Location": target})

        def token(request: Request) -> Reply:
            form = request.form()
            if self.required_client_secret is not None \
                    and form.get("client_secret") != self.required_client_secret:
                return Reply(401, {"error": "invalid_client"})
            if form.get("grant_type") == "authorization_code":
                challenge, redirect, client = self.codes.pop(form.get("code", ""), ("", "", ""))
                verifier = form.get("code_verifier", "").encode()
                expected = base64.urlsafe_b64encode(
                    hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
                if not challenge or expected != challenge or form.get("redirect_uri") != redirect:
                    return Reply(400, {"error": "invalid_grant"})
                return Reply(200, self.issue_token(client))
            if form.get("grant_type") == "refresh_token":
                client = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
                if client is None:
                    return Reply(400, {"error": "invalid_grant"})
                return Reply(200, self.issue_token(client))
            return Reply(400, {"error": "unsupported_grant_type"})

        def revoke(request: Request) -> Reply:
            token_value = request.form().get("token", "")
            self.revoked.append(token_value)
            self.refresh_tokens.pop(token_value, None)
            self.valid_tokens.discard(token_value)
            return Reply(200, {"revoked": True})

        self.route("GET", "/oauth/authorize", authorize)
        self.route("POST", "/oauth/token", token)
        self.route("POST", "/oauth/revoke", revoke)

    def authorized(self, request: Request) -> Reply | None:
        if request.token not in self.valid_tokens:
            return Reply(401, {"title": "Unauthorized", "detail": "Unauthorized", "status": 401})
        return None

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
                return Reply(200, {"id": node_id, "access_token": self.fb_pages[node_id]["token"]})
            if node_id in self.fb_pages:
                if not self.page_token_ok(request, node_id):
                    return self.graph_error(190, "Error validating access token")
                return Reply(200, {"id": node_id, "followers_count": 98765})
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

        def feed(request: Request) -> Reply:
            page_id = request.query["page"]
            if not self.page_token_ok(request, page_id):
                return self.graph_error(190, "Error validating access token")
            data = []
            for post in reversed(self.fb_posts):
                comments = [c for c in self.fb_comments if c["post_id"] == post["id"]]
                entry: dict[str, Any] = {"id": post["id"]}
                if comments:
                    entry["comments"] = {"data": [{k: v for k, v in c.items()
                                                   if k != "post_id"} for c in comments]}
                data.append(entry)
            return Reply(200, {"data": data})

        def comment_reply(request: Request) -> Reply:
            parent = request.query["comment"]
            if not any(c["id"] == parent for c in self.fb_comments):
                return self.graph_error(100, "Unsupported post request")
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

        def ig_list(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            data = []
            for media in reversed(self.ig_media):
                entry = {k: media[k] for k in ("id", "caption", "timestamp", "permalink")}
                comments = [c for c in self.ig_comments if c["media"] == media["id"]]
                if comments:
                    entry["comments"] = {"data": [{k: v for k, v in c.items() if k != "media"}
                                                  for c in comments]}
                data.append(entry)
            return Reply(200, {"data": data})

        def ig_reply(request: Request) -> Reply:
            parent = request.query["comment"]
            if not any(c["id"] == parent for c in self.ig_comments):
                return self.graph_error(100, "Unsupported post request")
            reply_id = self.new_id()
            self.ig_comments.append({"id": reply_id, "media": "", "parent": parent,
                                     "username": "inejalisco", "timestamp": now(),
                                     "text": request.form().get("message", "")})
            return Reply(200, {"id": reply_id})

        self.route("POST", "/graph/{ig}/media", ig_container)
        self.route("POST", "/graph/{ig}/media_publish", ig_publish)
        self.route("GET", "/graph/{ig}/media", ig_list)
        self.route("POST", "/graph/{comment}/replies", ig_reply)
        self.route("GET", "/graph/me/accounts", accounts)
        self.route("POST", "/graph/{page}/photos", photos)
        self.route("POST", "/graph/{page}/feed", feed_post)
        self.route("GET", "/graph/{page}/posts", posts)
        self.route("GET", "/graph/{page}/feed", feed)
        self.route("POST", "/graph/{comment}/comments", comment_reply)
        self.route("GET", "/graph/{id}", node)

    def add_fb_comment(self, post_id: str, text: str, *, name: str = "Ana López",
                       created: str | None = None) -> str:
        comment_id = f"{post_id.split('_')[-1]}_{self.new_id()}"
        self.fb_comments.append({
            "id": comment_id, "post_id": post_id, "from": {"id": "9001", "name": name},
            "message": text, "permalink_url": f"https://www.facebook.com/{comment_id}",
            "created_time": created or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")})
        return comment_id

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

    def add_ig_comment(self, media_id: str, text: str, *, username: str = "ana.lopez",
                       created: str = "2026-12-01T10:00:00+0000") -> str:
        comment_id = self.new_id()
        self.ig_comments.append({"id": comment_id, "media": media_id, "text": text,
                                 "username": username, "timestamp": created})
        return comment_id

    def add_x_mention(self, text: str, *, author: str = "ciudadana", name: str = "Ana") -> str:
        user_id = f"u{abs(hash(author)) % 10_000}"
        self.x_users[user_id] = {"id": user_id, "username": author, "name": name}
        mention = {"id": self.new_id(), "text": text, "author_id": user_id,
                   "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                   "conversation_id": None}
        self.x_mentions.append(mention)
        return str(mention["id"])


def multipart_fields(request: Request) -> dict[str, bytes]:
    """The fields of a multipart/form-data body (files as their bytes)."""
    from email.parser import BytesParser
    from email.policy import HTTP

    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/"):
        return {k: v.encode() for k, v in request.form().items()}
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + request.body)
    fields: dict[str, bytes] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload
    return fields


def _match(pattern: str, path: str) -> dict[str, str] | None:
    want, got = pattern.strip("/").split("/"), path.strip("/").split("/")
    if len(want) != len(got):
        return None
    params: dict[str, str] = {}
    for w, g in zip(want, got, strict=True):
        if w.startswith("{") and w.endswith("}"):
            params[w[1:-1]] = g
        elif w != g:
            return None
    return params
