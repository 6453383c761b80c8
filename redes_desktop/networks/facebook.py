"""Facebook Pages (Graph API): feed and photo posts, replies to comments, the page's comments
and Messenger conversations as an inbox, private answers to messages, the page's recent posts,
comment replies and messages (to find an ambiguous attempt) and its followers.

Endpoints as documented at developers.facebook.com/docs/graph-api: POST /{page-id}/photos,
POST /{page-id}/feed, POST /{comment-id}/comments, GET /{comment-id}/comments, GET
/{page-id}/posts, GET /{page-id}/feed with nested comments, GET /{page-id}?fields=
followers_count, GET /me/accounts; messages in graph_messages.py. A page is written with its
page token, which the person's token gives (GET /{page-id}?fields=access_token); errors by
code in graph.py."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from redes_desktop.networks.errors import NetworkRefused
from redes_desktop.networks.graph import graph_time, page_client
from redes_desktop.networks.graph_messages import Messaging, inbox_page
from redes_desktop.networks.http import ApiClient
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
# pages_messaging and pages_manage_metadata: the page's Messenger conversations.
SCOPES = ("pages_show_list", "pages_read_engagement", "pages_manage_posts",
          "pages_read_user_content", "pages_manage_engagement", "read_insights",
          "pages_messaging", "pages_manage_metadata")
LABEL = "Facebook"


class FacebookConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, page_id: str, handle: str) -> None:
        """`client` carries the person's token; the page is written with its page token."""
        self.client = client
        self.page_id = page_id
        self.handle = handle
        self.page = page_client(client, page_id, client.network)
        self.messaging = Messaging(
            self.page, page_id=page_id, platform="messenger", own_id=page_id, own_handle="",
            label=LABEL,
            inbox_url=f"https://business.facebook.com/latest/inbox/messenger?asset_id={page_id}")

    def _permalink(self, post_id: str) -> str:
        return f"https://www.facebook.com/{post_id}"

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.conversation:  # a direct message is answered privately, never in public
            return self.messaging.send(request.conversation, request.text)
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
        if request.conversation:
            return self.messaging.find_sent(request.conversation, request.text, since)
        if request.reply_to:
            return self._find_reply(request.reply_to, request.text, since)
        body = self.page.call("GET", f"/{self.page_id}/posts", params={
            "since": int(since.timestamp()),
            "fields": "id,message,created_time,permalink_url", "limit": 100}).json()
        for post in body.get("data", []):
            if (post.get("message") or "").strip() == request.text.strip():
                return PublishedItem(str(post["id"]),
                                     post.get("permalink_url") or self._permalink(post["id"]),
                                     graph_time(post.get("created_time")))
        return None

    def _find_reply(self, comment_id: str, text: str, since: datetime) -> PublishedItem | None:
        """The page's answer with this text under the comment, sent after `since`."""
        body = self.page.call("GET", f"/{comment_id}/comments", params={
            "fields": "id,message,from,created_time,permalink_url",
            "order": "reverse_chronological", "limit": 100}).json()
        for reply in body.get("data", []):
            created = graph_time(reply.get("created_time"))
            if str((reply.get("from") or {}).get("id", "")) == self.page_id \
                    and created >= since \
                    and (reply.get("message") or "").strip() == text.strip():
                return PublishedItem(str(reply["id"]), reply.get("permalink_url")
                                     or self._permalink(str(reply["id"])), created)
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        return inbox_page(cursor, self._comments, self.messaging)

    def _comments(self, cursor: str | None) -> tuple[list[IncomingItem], str | None]:
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
        return items, str(newest) if newest else cursor

    def identify(self) -> tuple[str, str]:
        body = self.client.call("GET", "/me/accounts",
                                params={"fields": "id,name,username"}).json()
        pages = body.get("data", [])
        if not pages:
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
