"""X API v2 routes of the fake server: posts, media, mentions, users and direct messages.

Direct messages as documented at docs.x.com (Direct Messages lookup and manage):
GET /2/dm_events and GET /2/dm_conversations/:id/dm_events list events newest first, 1 to 100
a page (`max_results`, default 100), the next page through `meta.next_token` given back as
`pagination_token`; `event_types` filters, `dm_event.fields` adds fields to the default id,
event_type and text, `expansions=sender_id` puts the senders in `includes.users`.
POST /2/dm_conversations/:id/messages takes {"text", "attachments": [{"media_id"}]} and
answers 201 {"data": {"dm_conversation_id", "dm_event_id"}}. A token authorised without
dm.read (dm.write to send) is refused with 403, as X refuses it.

Mentions and recent search as documented there too: GET /2/users/:id/mentions serves, newest
first, only the account's 800 most recent mentions ("Using pagination, up to the most recent
800 Posts can be retrieved"); GET /2/tweets/search/recent (`query=@handle`) reaches the posts of
the last 7 days and refuses (400) a `since_id` older than that. Paging of all three as in
`x_paging.py`. A plan without recent search (`x_search_in_plan = False`) is answered 403
«Client Forbidden» / `client-not-enrolled`, as X answers an endpoint the plan does not
include."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tests.fake_networks import x_paging
from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.server import ServerCore as _Base
else:
    _Base = object


MENTIONS_REACH = 800  # the mention timeline's most recent posts that paging can reach
SEARCH_REACH = timedelta(days=7)


class XApi(_Base):
    x_page_generation = 0  # pagination tokens of an earlier generation are refused (400)

    x_limits: dict[str, list[int]] | None = None
    x_search_in_plan = True

    def limit_x(self, route: str, *, remaining: int, reset: int) -> None:
        """`route` ("mentions", "search", "dm_events") answers `remaining` more requests, then
        429 with `x-rate-limit-reset: reset` (epoch seconds) until `lift_x_limits()`."""
        self.x_limits = {**(self.x_limits or {}), route: [remaining, reset]}

    def lift_x_limits(self) -> None:
        self.x_limits = None

    def _x_limited(self, route: str) -> Reply | None:
        limit = (self.x_limits or {}).get(route)
        if limit is None:
            return None
        if limit[0] > 0:
            limit[0] -= 1
            return None
        return Reply(429, {"title": "Too Many Requests", "status": 429,
                           "detail": "Too Many Requests", "type": "about:blank"},
                     {"x-rate-limit-reset": str(limit[1]), "x-rate-limit-remaining": "0"})

    def expire_x_page_tokens(self) -> None:
        """Every pagination token given so far is refused from now on, as X may refuse an old
        one."""
        self.x_page_generation += 1

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

        def posts(request: Request, chosen: list[dict[str, Any]], *, sizes: tuple[int, int, int],
                  token_param: str) -> Reply:
            paged = x_paging.page(chosen, request.query, sizes=sizes, token_param=token_param,
                                  generation=self.x_page_generation)
            if isinstance(paged, Reply):
                return paged
            served, meta = paged
            data = [{k: v for k, v in m.items() if k != "created"} for m in served]
            users = [self.x_users[a] for a in sorted({m["author_id"] for m in served})
                     if a in self.x_users]
            return Reply(200, {"data": data, "includes": {"users": users}, "meta": meta}
                         if data else {"meta": meta})

        def newest_first(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return sorted(found, key=lambda m: int(m["id"]), reverse=True)

        def mentions(request: Request) -> Reply:
            if (denied := self.authorized(request) or self._x_limited("mentions")) is not None:
                return denied
            reachable = newest_first(self.x_mentions)[:MENTIONS_REACH]
            return posts(request, reachable, sizes=(5, 100, 10),
                         token_param="pagination_token")

        def search(request: Request) -> Reply:
            if (denied := self.authorized(request) or self._x_limited("search")) is not None:
                return denied
            if not self.x_search_in_plan:
                return Reply(403, {
                    "title": "Client Forbidden", "type":
                    "https://api.twitter.com/2/problems/client-forbidden",
                    "detail": "When authenticating requests to the Twitter API v2 endpoints, "
                              "you must use keys and tokens from a Twitter developer App that "
                              "is attached to a Project. You can create a project via the "
                              "developer portal.",
                    "reason": "client-not-enrolled",
                    "required_enrollment": "Appropriate Level of API Access"})
            q = request.query
            handles = {w[1:].lower() for w in q.get("query", "").split() if w.startswith("@")}
            oldest = datetime.now(UTC) - SEARCH_REACH
            since = q.get("since_id", "")
            known = next((m for m in self.x_mentions if m["id"] == since), None)
            if known is not None and known["created"] < oldest:
                return x_paging.invalid(
                    "since_id", since, f"Invalid 'since_id':'{since}'. 'since_id' must be a "
                    f"tweet id created after {oldest:%Y-%m-%dT%H:%MZ}.")
            found = [m for m in self.x_mentions if m["created"] >= oldest
                     and any(f"@{h}" in m["text"].lower() for h in handles)]
            return posts(request, newest_first(found), sizes=(10, 100, 10),
                         token_param="next_token")

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
            return Reply(200, {"data": {"id": "42", "username": self.x_username,
                                        "name": "INE Jalisco"}})

        self.route("GET", "/2/users/me", me)
        self.route("GET", "/2/users/{id}/tweets", timeline)
        self.route("GET", "/2/users/{id}/mentions", mentions)
        self.route("GET", "/2/tweets/search/recent", search)
        self.route("GET", "/2/users/{id}", user)
        self._mount_x_messages()

    def _mount_x_messages(self) -> None:
        forbidden = Reply(403, {"title": "Forbidden", "type": "about:blank", "status": 403,
                                "detail": "Forbidden"})

        def listing(request: Request, events: list[dict[str, Any]]) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            if not self.granted(request, "dm.read"):
                return forbidden
            q = request.query
            kinds = set(q["event_types"].split(",")) if q.get("event_types") else None
            chosen = [e for e in reversed(events) if kinds is None or e["event_type"] in kinds]
            paged = x_paging.page(chosen, q, sizes=(1, 100, 100), token_param="pagination_token",
                                  generation=self.x_page_generation, ids=False)
            if isinstance(paged, Reply):
                return paged
            page, meta = paged
            fields = {"id", "event_type", "text"} | set(
                q.get("dm_event.fields", "").split(","))
            data = [{k: v for k, v in e.items() if k in fields} for e in page]
            body: dict[str, Any] = {"meta": meta}
            if data:
                body["data"] = data
            if "sender_id" in q.get("expansions", ""):
                senders = {e["sender_id"] for e in page}
                body["includes"] = {"users": [self.x_users[s] for s in sorted(senders)
                                              if s in self.x_users]}
            return Reply(200, body)

        def all_events(request: Request) -> Reply:
            if (limited := self._x_limited("dm_events")) is not None:
                return limited
            return listing(request, self.x_dm_events)

        def conversation_events(request: Request) -> Reply:
            wanted = request.query["id"]
            return listing(request, [e for e in self.x_dm_events
                                     if e["dm_conversation_id"] == wanted])

        def send(request: Request) -> Reply:
            if (denied := self.authorized(request)) is not None:
                return denied
            if not (self.granted(request, "dm.write") and self.granted(request, "dm.read")):
                return forbidden
            conversation = request.query["id"]
            if conversation not in self.x_dm_conversations.values():
                return Reply(403, {"title": "Forbidden", "status": 403, "detail":
                                   "You are not a participant of this conversation."})
            body = request.json()
            text = body.get("text", "")
            attachments = body.get("attachments") or []
            if not text and not attachments:
                return Reply(400, {"title": "Invalid Request", "status": 400,
                                   "detail": "text or attachments is required"})
            if len(attachments) > 1 or any(a.get("media_id") not in self.x_media
                                           for a in attachments):
                return Reply(400, {"title": "Invalid Request", "status": 400,
                                   "detail": "Your media IDs are invalid."})
            event = self._dm_event(text, "42", conversation, body=body)
            return Reply(201, {"data": {"dm_conversation_id": conversation,
                                        "dm_event_id": event["id"]}})

        self.route("GET", "/2/dm_events", all_events)
        self.route("GET", "/2/dm_conversations/{id}/dm_events", conversation_events)
        self.route("POST", "/2/dm_conversations/{id}/messages", send)

    def _dm_event(self, text: str, sender: str, conversation: str, *,
                  event_type: str = "MessageCreate", body: Any = None) -> dict[str, Any]:
        event = {"id": self.new_id(), "event_type": event_type, "text": text,
                 "sender_id": sender, "dm_conversation_id": conversation,
                 "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                 "body": body}
        self.x_dm_events.append(event)
        return event

    def add_x_dm(self, text: str, *, author: str = "ciudadana", name: str = "Ana",
                 from_account: bool = False, event_type: str = "MessageCreate") -> str:
        """A direct message between `author` and the account (@INEMexico, id 42), written by
        the author or, `from_account`, by the account itself (answered on x.com). Returns the
        event's id; each author has one conversation."""
        user_id = f"u{abs(hash(author)) % 10_000}"
        if not from_account or user_id not in self.x_users:
            self.x_users[user_id] = {"id": user_id, "username": author, "name": name}
        conversation = self.x_dm_conversations.setdefault(user_id, f"{self.new_id()}-42")
        return str(self._dm_event(text, "42" if from_account else user_id, conversation,
                                  event_type=event_type)["id"])

    def x_dm_conversation(self, author: str) -> str:
        return self.x_dm_conversations[f"u{abs(hash(author)) % 10_000}"]


    def add_x_mention(self, text: str, *, author: str = "ciudadana", name: str = "Ana",
                      days_ago: float = 0) -> str:
        user_id = f"u{abs(hash(author)) % 10_000}"
        self.x_users[user_id] = {"id": user_id, "username": author, "name": name}
        created = datetime.now(UTC) - timedelta(days=days_ago)
        mention = {"id": self.new_id(), "text": text, "author_id": user_id,
                   "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                   "conversation_id": None, "created": created}
        self.x_mentions.append(mention)
        return str(mention["id"])
