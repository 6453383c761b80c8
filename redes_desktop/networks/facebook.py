"""Facebook Pages (Graph API): feed and photo posts, replies to comments, the page's comments
as an inbox, its recent posts (to find an ambiguous attempt) and its followers.

Endpoints as documented at developers.facebook.com/docs/graph-api: POST /{page-id}/photos,
POST /{page-id}/feed, POST /{comment-id}/comments, GET /{page-id}/posts, GET /{page-id}/feed
with nested comments, GET /{page-id}?fields=followers_count, GET /me/accounts. A page is
written with its page token, which the person's token gives (GET /{page-id}?fields=
access_token); the Graph API reports errors as HTTP 400 with a code (190 an expired token,
506 a duplicate, 4/17/32/613 a rate limit)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from redes_desktop.networks.errors import (
    AuthorizationExpired,
    DuplicateContent,
    MediaRefused,
    NetworkError,
    RateLimited,
)
from redes_desktop.networks.http import ApiClient, TokenSource
from redes_desktop.networks.types import (
    InboxKind,
    InboxPage,
    IncomingItem,
    PublishedItem,
    PublishRequest,
)

VERSION = "v21.0"
API = f"https://graph.facebook.com/{VERSION}"
AUTHORIZE = f"https://www.facebook.com/{VERSION}/dialog/oauth"
TOKEN = f"https://graph.facebook.com/{VERSION}/oauth/access_token"
SCOPES = ("pages_show_list", "pages_read_engagement", "pages_manage_posts",
          "pages_read_user_content", "pages_manage_engagement", "read_insights")
LABEL = "Facebook"
_RATE_CODES = {4, 17, 32, 613, 80001}


def graph_error(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def regain_minutes(response: requests.Response) -> int:
    """Minutes until the page may call again, from the usage headers Meta sends."""
    for header in ("X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"):
        raw = response.headers.get(header)
        if not raw:
            continue
        try:
            usage = json.loads(raw)
        except ValueError:
            continue
        entries = [v for values in usage.values() for v in values] \
            if isinstance(usage, dict) and all(isinstance(v, list) for v in usage.values()) \
            else [usage]
        for entry in entries:
            if isinstance(entry, dict) and entry.get("estimated_time_to_regain_access"):
                return int(entry["estimated_time_to_regain_access"])
    return 5


def classifier(label: str, now: Any) -> Any:
    def classify(response: requests.Response) -> NetworkError | None:
        error = graph_error(response)
        code = error.get("code")
        if code == 190:
            return AuthorizationExpired(label)
        if code == 506:
            return DuplicateContent(label)
        if code in _RATE_CODES:
            return RateLimited(label, now() + timedelta(minutes=regain_minutes(response)))
        if code in (324, 9004, 36003) or (code == 100 and "image" in
                                          str(error.get("message", "")).lower()):
            return MediaRefused(label, str(error.get("message", "")))
        return None

    return classify


def graph_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").astimezone(UTC)


class PageToken(TokenSource):
    """The page's own token, asked of the Graph API with the person's token; asked again
    after a 401 (the person's token may have been refreshed meanwhile)."""

    def __init__(self, person: ApiClient, page_id: str) -> None:
        self.person = person
        self.page_id = page_id
        self.token: str | None = None

    def access_token(self) -> str:
        if self.token is None:
            self.renew()
        assert self.token is not None
        return self.token

    def renew(self) -> bool:
        body = self.person.call("GET", f"/{self.page_id}",
                                params={"fields": "access_token"}).json()
        self.token = str(body["access_token"])
        return True


class FacebookConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, page_id: str, handle: str) -> None:
        """`client` carries the person's token; the page is written with its page token."""
        self.client = client
        self.page_id = page_id
        self.handle = handle
        self.page = ApiClient(client.base_url, network=client.network,
                              tokens=PageToken(client, page_id), clock=client.clock,
                              classify=client.classify, session=client.http,
                              sleep=client.sleep, policy=client.policy, timeout=client.timeout)

    def _permalink(self, post_id: str) -> str:
        return f"https://www.facebook.com/{post_id}"

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.reply_to:
            body = self.page.call("POST", f"/{request.reply_to}/comments", idempotent=False,
                                  data={"message": request.text}).json()
            return PublishedItem(str(body["id"]), self._permalink(str(body["id"])),
                                 self.client.clock())
        images = [m for m in request.media if m.mime_type.startswith("image/")]
        if images:
            if len(images) == 1:
                image = images[0]
                with open(image.path, "rb") as stream:
                    body = self.page.call(
                        "POST", f"/{self.page_id}/photos", idempotent=False,
                        data={"caption": request.text, "alt_text_custom": image.alt_text},
                        files={"source": (image.path.name, stream, image.mime_type)}).json()
                post_id = str(body.get("post_id") or body["id"])
            else:
                attached = []
                for image in images:  # unpublished photos, then one post that shows them all
                    with open(image.path, "rb") as stream:
                        photo = self.page.call(
                            "POST", f"/{self.page_id}/photos", idempotent=True,
                            data={"published": "false",
                                  "alt_text_custom": image.alt_text},
                            files={"source": (image.path.name, stream, image.mime_type)}).json()
                    attached.append({"media_fbid": str(photo["id"])})
                body = self.page.call("POST", f"/{self.page_id}/feed", idempotent=False, data={
                    "message": request.text,
                    "attached_media": json.dumps(attached)}).json()
                post_id = str(body["id"])
        else:
            data = {"message": request.text}
            if request.link:
                data["link"] = request.link
            body = self.page.call("POST", f"/{self.page_id}/feed", idempotent=False,
                                  data=data).json()
            post_id = str(body["id"])
        return PublishedItem(post_id, self._permalink(post_id), self.client.clock())

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        body = self.page.call("GET", f"/{self.page_id}/posts", params={
            "since": int(since.timestamp()),
            "fields": "id,message,created_time,permalink_url", "limit": 100}).json()
        for post in body.get("data", []):
            if (post.get("message") or "").strip() == request.text.strip():
                return PublishedItem(str(post["id"]),
                                     post.get("permalink_url") or self._permalink(post["id"]),
                                     graph_time(post.get("created_time")))
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        params: dict[str, Any] = {
            "limit": 50,
            "fields": "id,comments.limit(100){id,from,message,created_time,permalink_url}"}
        if cursor:
            params["since"] = cursor
        body = self.page.call("GET", f"/{self.page_id}/feed", params=params).json()
        items: list[IncomingItem] = []
        newest = int(cursor) if cursor and cursor.isdigit() else 0
        for post in body.get("data", []):
            for comment in (post.get("comments") or {}).get("data", []):
                created = graph_time(comment.get("created_time"))
                if cursor and created.timestamp() <= int(cursor):
                    continue
                author = comment.get("from") or {}
                if str(author.get("id", "")) == self.page_id:
                    continue  # the page's own replies are not questions
                newest = max(newest, int(created.timestamp()))
                items.append(IncomingItem(
                    remote_id=str(comment["id"]), kind=InboxKind.COMMENT,
                    author_name=str(author.get("name", "")), author_handle=str(
                        author.get("id", "")),
                    text=str(comment.get("message", "")), created_at=created,
                    parent_remote_id=str(post["id"]),
                    url=str(comment.get("permalink_url", ""))))
        return InboxPage(tuple(items), str(newest) if newest else cursor)

    def identify(self) -> tuple[str, str]:
        body = self.client.call("GET", "/me/accounts",
                                params={"fields": "id,name,username"}).json()
        pages = body.get("data", [])
        if not pages:
            from redes_desktop.networks.errors import NetworkRefused

            raise NetworkRefused(LABEL, 403, "la persona no administra ninguna página")
        wanted = self.handle.lstrip("@").lower()
        for page in pages:
            if wanted and wanted in (str(page.get("username", "")).lower(),
                                     str(page.get("name", "")).lower()):
                return str(page["id"]), "@" + str(page.get("username") or page.get("name"))
        page = pages[0]
        return str(page["id"]), "@" + str(page.get("username") or page.get("name"))

    def follower_count(self) -> int | None:
        body = self.page.call("GET", f"/{self.page_id}",
                              params={"fields": "followers_count"}).json()
        count = body.get("followers_count")
        return int(count) if count is not None else None
