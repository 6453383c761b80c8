"""A local HTTP server that implements the documented endpoints of the networks' APIs, their
payloads and their failures, so the connectors are tested against real HTTP (the real services
cannot be reached from here). Each network mounts its routes on the same server.

Faults are scripted per route: `fail_next("POST /2/tweets", 429, headers=…)`, or
`accept_then_stall("POST /2/tweets")` (the post is stored, then the answer never comes: a
timeout after the network accepted), or `misbehave_next("GET /2/users/me", writer)` (a hostile
or broken server: `writer(handler)` writes the whole answer itself, on the raw socket)."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class Fault:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    stall: bool = False  # store the request's effect, then never answer in time
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None  # writes the answer itself


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    raw: Callable[[BaseHTTPRequestHandler], None] | None = None


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


class ServerCore:
    """The server, its scripted faults and the OAuth provider; FakeNetworks adds the networks."""

    STALL_SECONDS = 3.0

    def __init__(self) -> None:
        self.routes: list[tuple[str, str, Handler]] = []
        self.faults: dict[str, list[Fault]] = {}
        self.calls: list[tuple[str, str]] = []
        self.received: list[Request] = []  # every request, matched or not, as it came
        self.lock = threading.Lock()
        self.ids = itertools.count(1_000_000)
        self.valid_tokens: set[str] = set()
        self.refresh_tokens: dict[str, str] = {}  # refresh → client id
        self.codes: dict[str, tuple[str, str, str]] = {}  # code → (challenge, redirect, client)
        # The scopes the person consented to, per code and per issued token (access and
        # refresh): a refreshed token keeps them; an endpoint may refuse a token without one.
        self.scopes: dict[str, frozenset[str]] = {}
        self.revoked: list[str] = []
        self.challenge_seen: str | None = None  # set: the network records another challenge
        self.x_posts: list[dict[str, Any]] = []
        self.x_media: dict[str, dict[str, Any]] = {}
        self.x_mentions: list[dict[str, Any]] = []
        self.x_users: dict[str, dict[str, Any]] = {}
        self.x_dm_events: list[dict[str, Any]] = []  # oldest first, as X stores them
        self.x_dm_conversations: dict[str, str] = {}  # the other person's id → conversation
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
        self.yt_relative_session = False
        self.deny_consent = False  # the consent page answers access_denied
        # Who authorises on X: the test accounts' handle (tests/factories.py); a test sets
        # another to play a person who signs in with the wrong (e.g. personal) account.
        self.x_username = "JLE_JaliscoINE"  # answer the upload session as a relative address
        self.yt_threads: list[dict[str, Any]] = []
        self.yt_replies: list[dict[str, Any]] = []
        self._mount_oauth()
        self._mount_networks()

    def _mount_networks(self) -> None:
        """Each network's mixin mounts its routes (FakeNetworks in __init__)."""

    # --- server -------------------------------------------------------------------------
    def __enter__(self) -> Self:
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
                if reply.raw is not None:
                    self.close_connection = True
                    try:
                        reply.raw(self)
                    except OSError:
                        pass  # the client hung up on a hostile answer: what it should do
                    return
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

    def misbehave_next(self, route: str,
                       writer: Callable[[BaseHTTPRequestHandler], None]) -> None:
        self.faults.setdefault(route, []).append(Fault(0, raw=writer))

    def accept_then_stall(self, route: str) -> None:
        self.faults.setdefault(route, []).append(Fault(0, stall=True))

    def count(self, route: str) -> int:
        return sum(1 for call in self.calls if f"{call[0]} {call[1]}" == route)

    def dispatch(self, request: Request) -> tuple[Reply, bool]:
        with self.lock:
            self.received.append(Request(request.method, request.path, dict(request.query),
                                         dict(request.headers), request.body))
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
                return Reply(fault.status, fault.body, fault.headers, fault.raw), False
            request.query.update(params)
            with self.lock:
                reply = handler(request)
            return reply, fault is not None and fault.stall
        return Reply(404, {"title": "Not Found"}), False

    def new_id(self) -> str:
        return str(next(self.ids))

    def issue_token(self, client_id: str,
                    scopes: frozenset[str] = frozenset()) -> dict[str, Any]:
        access, refresh = f"at-{self.new_id()}", f"rt-{self.new_id()}"
        self.valid_tokens.add(access)
        self.refresh_tokens[refresh] = client_id
        self.scopes[access] = self.scopes[refresh] = scopes
        return {"access_token": access, "refresh_token": refresh, "token_type": "bearer",
                "expires_in": 7200, "scope": " ".join(sorted(scopes))}

    def granted(self, request: Request, scope: str) -> bool:
        """Whether the request's token was authorised with `scope`."""
        return scope in self.scopes.get(request.token, frozenset())

    def expire_all_tokens(self) -> None:
        self.valid_tokens.clear()

    # --- OAuth 2.0 with PKCE (one provider shape for all networks) ---------------------------
    def _mount_oauth(self) -> None:
        def authorize(request: Request) -> Reply:
            q = request.query
            if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
                return Reply(400, {"error": "invalid_request"})
            if self.deny_consent:  # the person pressed «Cancel» on the network's page
                target = q["redirect_uri"] + "?" + urlencode(
                    {"error": "access_denied", "state": q["state"]})
                return Reply(302, None, {"Location": target})
            code = f"code-{self.new_id()}"
            challenge = self.challenge_seen or q["code_challenge"]
            self.codes[code] = (challenge, q["redirect_uri"], q["client_id"])
            self.scopes[code] = frozenset(q.get("scope", "").split())
            target = q["redirect_uri"] + "?" + urlencode({"code": code, "state": q["state"]})
            return Reply(302, None, {"Location": target})

        def token(request: Request) -> Reply:
            form = request.form()
            if self.required_client_secret is not None \
                    and form.get("client_secret") != self.required_client_secret:
                return Reply(401, {"error": "invalid_client"})
            if form.get("grant_type") == "authorization_code":
                scopes = self.scopes.pop(form.get("code", ""), frozenset())
                challenge, redirect, client = self.codes.pop(form.get("code", ""), ("", "", ""))
                verifier = form.get("code_verifier", "").encode()
                expected = base64.urlsafe_b64encode(
                    hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
                if not challenge or expected != challenge or form.get("redirect_uri") != redirect:
                    return Reply(400, {"error": "invalid_grant"})
                return Reply(200, self.issue_token(client, scopes))
            if form.get("grant_type") == "refresh_token":
                client = self.refresh_tokens.pop(form.get("refresh_token", ""), None)
                if client is None:
                    return Reply(400, {"error": "invalid_grant"})
                return Reply(200, self.issue_token(
                    client, self.scopes.get(form.get("refresh_token", ""), frozenset())))
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
