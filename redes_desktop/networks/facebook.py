"""Facebook Pages (Graph API): feed and photo posts, replies to comments, the page's comments
and Messenger conversations as an inbox, private answers to messages, the page's recent posts,
comment replies and messages (to find an ambiguous attempt) and its followers.

Endpoints as documented at developers.facebook.com/docs/graph-api: POST /{page-id}/photos,
POST /{page-id}/feed, POST /{comment-id}/comments, GET /{comment-id}/comments, GET
/{page-id}/posts, GET /{page-id}/feed, GET /{post-id}/comments, GET /{page-id}?fields=
followers_count, GET /me/accounts; messages in graph_messages.py. A page is written with its
page token, which the person's token gives (GET /{page-id}?fields=access_token); errors by
code in graph.py.

The inbox's comments: the feed's posts of the last LOOKBACK_DAYS (`since`, every page of it up
to SCAN_PAGES) with their `updated_time`, which the Page Post reference says changes when a
person comments; the posts updated since the cursor, the most recently updated first, have
their comments read with filter=stream (replies in a thread too) and
order=reverse_chronological, page after page until comments older than the cursor, at most
`calls_per_poll` requests a poll (graph_sweep.py: what is left comes next poll). So a new
comment on last month's post comes. A reply people write inside a comment's thread comes with
the comments (filter=stream lists every level: no request more), as a comment whose parent is
the comment it answers (its `parent`), never the page's own. Facebook may not let a reply be
replied to (the comment's `can_comment` is false): the answer then goes to the comment it
answers — the same thread (`_answer_target`: one GET before the answer). Not covered:
comments on posts older than LOOKBACK_DAYS or beyond the SCAN_PAGES × SCAN_SIZE newest posts;
and the reference warns that comments the API can rank come ranked whatever the order asked: a
new comment ranked below an older one would then wait or be missed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from redes_desktop.networks.errors import NetworkError, NetworkRefused, WrongAccount
from redes_desktop.networks.graph import graph_time, page_client
from redes_desktop.networks.graph_cursor import Reading
from redes_desktop.networks.graph_messages import Messaging, inbox_page
from redes_desktop.networks.graph_sweep import CALLS_PER_POLL, Container, Reader
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
# The posts whose new comments are looked for: those of the last two months (a new comment on
# last month's post still comes), at most SCAN_PAGES pages of SCAN_SIZE.
LOOKBACK_DAYS = 62
SCAN_SIZE = 100
SCAN_PAGES = 10
COMMENTS_SIZE = 100
FIRST_POSTS = 5  # a first poll (no cursor) brings the comments of the five latest posts


class FacebookConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, page_id: str, handle: str) -> None:
        """`client` carries the person's token; the page is written with its page token."""
        self.client = client
        self.page_id = page_id
        self.handle = handle
        self.page = page_client(client, page_id, client.network)
        self.calls_per_poll = CALLS_PER_POLL
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
            target = self._answer_target(request.reply_to)
            body = self.page.call("POST", f"/{target}/comments", idempotent=False,
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

    def _answer_target(self, comment_id: str) -> str:
        """Where an answer to the comment goes: the comment, or — a reply Facebook does not
        let be replied to — the comment it answers (the same thread)."""
        try:
            body = self.page.call("GET", f"/{comment_id}",
                                  params={"fields": "can_comment,parent{id}"}).json()
        except NetworkError:
            return comment_id  # the answer itself will say what is wrong
        parent = (body.get("parent") or {}).get("id")
        return str(parent) if body.get("can_comment") is False and parent else comment_id

    def _find_reply(self, comment_id: str, text: str, since: datetime) -> PublishedItem | None:
        """The page's answer with this text under the comment (or where it went: its thread),
        sent after `since`."""
        body = self.page.call("GET", f"/{self._answer_target(comment_id)}/comments", params={
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
        return inbox_page(cursor, PageComments(self), self.messaging, self.calls_per_poll)

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
        # Never another page of the same person: the account would publish on it.
        raise WrongAccount(LABEL, self.handle, [
            "@" + str(p.get("username") or p.get("name")) for p in pages])

    def follower_count(self) -> int | None:
        body = self.page.call("GET", f"/{self.page_id}",
                              params={"fields": "followers_count"}).json()
        count = body.get("followers_count")
        return int(count) if count is not None else None


class PageComments:
    """The page's comments as a source of graph_sweep: the posts of the feed written to since
    the cursor, the most recently updated first, each one's comments newest first."""

    by_activity = True
    newest_first = True

    def __init__(self, connector: FacebookConnector) -> None:
        self.connector = connector
        self.client = connector.page
        self.position: str | None = None  # the posts are listed again in full each poll

    def containers(self, reader: Reader, reading: Reading) -> Iterator[Container]:
        page_id = self.connector.page_id
        horizon = self.client.clock() - timedelta(days=LOOKBACK_DAYS)
        path = f"/{page_id}/feed"
        params = {"fields": "id,created_time,updated_time", "limit": SCAN_SIZE,
                  "since": int(horizon.timestamp())}
        body: dict[str, Any] | None = reader.get(path, params, counted=False)
        posts: list[tuple[int, str]] = []
        for _ in range(SCAN_PAGES):
            if body is None:
                break
            for post in body.get("data") or []:
                if isinstance(post, dict) and post.get("id"):
                    updated = post.get("updated_time") or post.get("created_time")
                    posts.append((int(graph_time(updated).timestamp()), str(post["id"])))
            if reading.floor is None:
                break  # a first poll: the newest posts only
            body = reader.following(path, params, body, counted=False)
        posts.sort(key=lambda p: p[0], reverse=True)
        if reading.floor is None:
            posts = posts[:FIRST_POSTS]
        fields = {"fields": "id,from,message,created_time,permalink_url,parent{id}",
                  "filter": "stream",
                  "order": "reverse_chronological", "limit": COMMENTS_SIZE}
        for updated, post_id in posts:
            if reading.floor is not None and updated < reading.floor.at:
                return  # not written to since the cursor
            yield Container(post_id, updated, f"/{post_id}/comments", fields)

    def thread(self, raw: dict[str, Any], container: Container) -> Container | None:
        return None  # filter=stream lists the replies with the comments

    def parse(self, raw: dict[str, Any], container: Container
              ) -> tuple[int, str, IncomingItem | None]:
        created = graph_time(raw.get("created_time"))
        stamp, comment_id = int(created.timestamp()), str(raw.get("id", ""))
        author = raw.get("from") or {}
        if str(author.get("id", "")) == self.connector.page_id:
            return stamp, comment_id, None  # the page's own replies are not questions
        parent = raw.get("parent")  # a reply in a comment's thread
        answered = parent.get("id") if isinstance(parent, dict) else None
        return stamp, comment_id, IncomingItem(
            remote_id=comment_id, kind=InboxKind.COMMENT,
            author_name=str(author.get("name", "")), author_handle=str(author.get("id", "")),
            text=str(raw.get("message", "")), created_at=created,
            parent_remote_id=str(answered or container.id),
            url=str(raw.get("permalink_url", "")))
