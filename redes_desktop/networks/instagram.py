"""Instagram professional accounts (Instagram Graph API, through the Facebook Page the account
is linked to): photo and carousel posts with alt text, replies to comments, comments and
direct messages as an inbox, private answers to messages (graph_messages.py), recent media,
comment replies and messages (to find an ambiguous attempt) and followers.

Content publishing is documented at developers.facebook.com/docs/instagram-platform: a media
container (POST /{ig-user-id}/media with an `image_url`), its status (GET /{container}?fields=
status_code) and POST /{ig-user-id}/media_publish. The API takes images only by public URL, and
a desktop program has none: each image is first uploaded as an *unpublished* photo of the
linked Facebook Page (POST /{page-id}/photos published=false), whose address Instagram then
fetches. The account's id is stored as «<instagram id>:<page id>». A comment's replies are
read at GET /{comment-id}/replies.

The inbox's comments: the media of the last LOOKBACK_DAYS (GET /{ig-user-id}/media with
`since`, page after page), each with its comments nested (paged on at GET /{ig-media-id}/
comments). A media says nothing of when it was last commented and the API does not say in
which order a media's comments come, so every comment of those media is read each poll and
those newer than the cursor come, at most `calls_per_poll` requests a poll (graph_sweep.py:
what is left comes next poll, from the media where it stopped, with `until`). So a new comment
on last month's post comes. An account whose recent media carry more comments than one poll
can read is read over several polls every time: nothing is lost, but its newest comments come
again each poll (the inbox stores each once).

Replies people write inside a comment's thread come too: each comment carries its replies
nested (`replies.limit(REPLIES_SIZE)`, the IG Comment's replies edge, fields id,text,username,
timestamp), paged on at GET /{ig-comment-id}/replies when a thread holds more; read with their
comment, every poll, within the same bound (graph_sweep.py: `Source.thread`). A reply comes as
a comment whose parent is the thread's top comment, never the account's own: answering it goes
to that thread (Instagram adds a reply to a reply to the top-level comment). The nesting costs
no request; a thread longer than its nested page costs one more request a page of THREAD_SIZE
each poll (graph_sweep.THREAD_PAGES at most: replies past the first 1,025 of one thread do not
come). Not covered: comments on media older than LOOKBACK_DAYS."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from redes_desktop.networks.errors import (
    MediaRefused,
    NetworkError,
    NetworkRefused,
    TransientNetworkError,
    WrongAccount,
)
from redes_desktop.networks.graph import graph_time, page_client
from redes_desktop.networks.graph_cursor import Reading
from redes_desktop.networks.graph_messages import Messaging, inbox_page
from redes_desktop.networks.graph_sweep import CALLS_PER_POLL, Container, Reader
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import (
    InboxKind,
    InboxPage,
    IncomingItem,
    OutgoingMedia,
    PublishedItem,
    PublishRequest,
)

LABEL = "Instagram"
# instagram_manage_messages and pages_manage_metadata: the account's direct messages.
SCOPES = ("instagram_basic", "instagram_content_publish", "instagram_manage_comments",
          "pages_show_list", "pages_read_engagement", "pages_manage_posts",
          "instagram_manage_messages", "pages_manage_metadata")
INBOX_URL = "https://www.instagram.com/direct/inbox/"
CONTAINER_POLLS = 10  # Instagram prepares a container in seconds; give up after ~30 s
POLL_SECONDS = 3.0
# The media whose comments are read each poll: those of the last two months (a new comment on
# last month's post still comes), MEDIA_SIZE a page, each with its comments COMMENTS_SIZE a page.
LOOKBACK_DAYS = 62
MEDIA_SIZE = 25
COMMENTS_SIZE = 50
REPLIES_SIZE = 25  # a comment's replies nested in it (Graph's default page)
THREAD_SIZE = 100  # the pages after those, at /{ig-comment-id}/replies
FIELDS = "id,text,username,timestamp"
# A comment with its thread's first page of replies nested.
THREADED = f"{FIELDS},replies.limit({REPLIES_SIZE}){{{FIELDS}}}"


def split_remote_id(remote_id: str) -> tuple[str, str]:
    ig_id, _, page_id = remote_id.partition(":")
    return ig_id, page_id


class InstagramConnector:
    network_label = LABEL

    def __init__(self, client: ApiClient, *, remote_account_id: str, handle: str) -> None:
        self.client = client
        self.ig_id, self.page_id = split_remote_id(remote_account_id)
        self.handle = handle
        self.page = page_client(client, self.page_id, LABEL)
        self.messaging = Messaging(self.page, page_id=self.page_id, platform="instagram",
                                   own_id=self.ig_id, own_handle=handle, label=LABEL,
                                   inbox_url=INBOX_URL)
        self.calls_per_poll = CALLS_PER_POLL

    def _hosted_url(self, media: OutgoingMedia) -> str:
        """A public address Instagram can fetch: an unpublished photo of the linked page."""
        with open(media.path, "rb") as stream:
            photo = self.page.call(
                "POST", f"/{self.page_id}/photos", idempotent=True,
                data={"published": "false", "temporary": "true"},
                files={"source": (media.path.name, stream, media.mime_type)}).json()
        body = self.page.call("GET", f"/{photo['id']}", params={"fields": "images"}).json()
        images = body.get("images") or []
        if not images:
            raise MediaRefused(LABEL, "la página no devolvió la dirección de la imagen")
        return str(max(images, key=lambda i: int(i.get("width", 0)))["source"])

    def _container(self, fields: dict[str, Any]) -> str:
        body = self.client.call("POST", f"/{self.ig_id}/media", idempotent=True,
                                data=fields).json()
        return str(body["id"])

    def _wait_ready(self, container: str) -> None:
        for _ in range(CONTAINER_POLLS):
            status = self.client.call("GET", f"/{container}",
                                      params={"fields": "status_code"}).json()
            code = status.get("status_code")
            if code in ("FINISHED", "PUBLISHED"):
                return
            if code in ("ERROR", "EXPIRED"):
                raise MediaRefused(LABEL, f"estado {code} del contenedor")
            self.client.sleep(POLL_SECONDS)
        raise TransientNetworkError(LABEL, "el contenido no terminó de prepararse")

    def _media_link(self, comment_id: str) -> str:
        """The address of the post a comment belongs to (a comment has none of its own); ""
        when the network does not say: the answer already left, it must not fail now."""
        try:
            body = self.client.call("GET", f"/{comment_id}",
                                    params={"fields": "media{permalink}"}).json()
        except NetworkError:
            return ""
        return str((body.get("media") or {}).get("permalink", ""))

    def publish(self, request: PublishRequest) -> PublishedItem:
        if request.conversation:  # a direct message is answered privately, never in public
            return self.messaging.send(request.conversation, request.text)
        if request.reply_to:
            body = self.client.call("POST", f"/{request.reply_to}/replies", idempotent=False,
                                    data={"message": request.text}).json()
            return PublishedItem(str(body["id"]), self._media_link(request.reply_to),
                                 self.client.clock())
        images = [m for m in request.media if m.mime_type.startswith("image/")]
        if not images:
            raise MediaRefused(LABEL, "Instagram no publica sólo texto: agregue una imagen")
        if len(images) == 1:
            container = self._container({"image_url": self._hosted_url(images[0]),
                                         "caption": request.text,
                                         "alt_text": images[0].alt_text})
        else:
            children = [self._container({"image_url": self._hosted_url(image),
                                         "is_carousel_item": "true",
                                         "alt_text": image.alt_text})
                        for image in images[:10]]
            container = self._container({"media_type": "CAROUSEL",
                                         "children": ",".join(children),
                                         "caption": request.text})
        self._wait_ready(container)
        published = self.client.call("POST", f"/{self.ig_id}/media_publish", idempotent=False,
                                     data={"creation_id": container}).json()
        media_id = str(published["id"])
        link = self.client.call("GET", f"/{media_id}", params={"fields": "permalink"}).json()
        return PublishedItem(media_id, str(link.get("permalink", "")), self.client.clock())

    def find_published(self, request: PublishRequest, since: datetime) -> PublishedItem | None:
        if request.conversation:
            return self.messaging.find_sent(request.conversation, request.text, since)
        if request.reply_to:
            return self._find_reply(request.reply_to, request.text, since)
        body = self.client.call("GET", f"/{self.ig_id}/media", params={
            "fields": "id,caption,timestamp,permalink", "limit": 50}).json()
        for media in body.get("data", []):
            stamp = graph_time(media.get("timestamp"))
            if stamp >= since and (media.get("caption") or "").strip() == request.text.strip():
                return PublishedItem(str(media["id"]), str(media.get("permalink", "")), stamp)
        return None

    def _find_reply(self, comment_id: str, text: str, since: datetime) -> PublishedItem | None:
        """The account's answer with this text under the comment, sent after `since`; when the
        comment is itself a reply, in its thread (where Instagram put the answer)."""
        found = self._answer_in(comment_id, text, since)
        if found is not None:
            return found
        try:
            parent = self.client.call("GET", f"/{comment_id}",
                                      params={"fields": "parent_id"}).json().get("parent_id")
        except NetworkRefused:
            return None
        return self._answer_in(str(parent), text, since) if parent else None

    def _answer_in(self, comment_id: str, text: str, since: datetime) -> PublishedItem | None:
        body = self.client.call("GET", f"/{comment_id}/replies", params={
            "fields": FIELDS, "limit": 100}).json()
        own = self.handle.lstrip("@").lower()
        for reply in body.get("data", []):
            created = graph_time(reply.get("timestamp"))
            if str(reply.get("username", "")).lower() == own and created >= since \
                    and (reply.get("text") or "").strip() == text.strip():
                return PublishedItem(str(reply["id"]), self._media_link(comment_id), created)
        return None

    def fetch_inbox(self, cursor: str | None) -> InboxPage:
        return inbox_page(cursor, MediaComments(self), self.messaging, self.calls_per_poll)

    def identify(self) -> tuple[str, str]:
        body = self.client.call("GET", "/me/accounts", params={
            "fields": "id,name,instagram_business_account{id,username}"}).json()
        wanted = self.handle.lstrip("@").lower()
        linked = [(page, page["instagram_business_account"]) for page in body.get("data", [])
                  if page.get("instagram_business_account")]
        if not linked:
            raise NetworkRefused(LABEL, 403, "ninguna página de la persona tiene una cuenta "
                                 "profesional de Instagram vinculada")
        for page, account in linked:
            if str(account.get("username", "")).lower() == wanted:
                return f"{account['id']}:{page['id']}", "@" + str(account["username"])
        # Never another Instagram account of the same person's pages.
        raise WrongAccount(LABEL, self.handle, [
            "@" + str(account.get("username", "")) for _page, account in linked])

    def follower_count(self) -> int | None:
        body = self.client.call("GET", f"/{self.ig_id}",
                                params={"fields": "followers_count"}).json()
        count = body.get("followers_count")
        return int(count) if count is not None else None


class MediaComments:
    """The account's comments as a source of graph_sweep: its media of the last LOOKBACK_DAYS,
    newest first, each one's comments in whatever order the API gives them, all read, each with
    the replies of its thread."""

    by_activity = False
    newest_first = False  # the API does not say in which order a media's comments come

    def __init__(self, connector: InstagramConnector) -> None:
        self.connector = connector
        self.client = connector.client
        self.position: str | None = None  # taken up again with `until`, not a cursor
        self.own = connector.handle.lstrip("@").lower()

    def containers(self, reader: Reader, reading: Reading) -> Iterator[Container]:
        horizon = self.client.clock() - timedelta(days=LOOKBACK_DAYS)
        path = f"/{self.connector.ig_id}/media"
        params: dict[str, Any] = {
            "fields": f"id,permalink,timestamp,comments.limit({COMMENTS_SIZE}){{{THREADED}}}",
            "limit": MEDIA_SIZE, "since": int(horizon.timestamp())}
        if reading.head is not None and reading.resume is not None:
            params["until"] = reading.resume  # the media after it were read by earlier polls
        body: dict[str, Any] | None = reader.get(path, params)
        while body is not None:
            for media in body.get("data") or []:
                if not isinstance(media, dict) or not media.get("id"):
                    continue
                comments = media.get("comments")
                yield Container(
                    str(media["id"]), int(graph_time(media.get("timestamp")).timestamp()),
                    f"/{media['id']}/comments", {"fields": THREADED, "limit": COMMENTS_SIZE},
                    comments if isinstance(comments, dict) else {"data": []},
                    link=str(media.get("permalink", "")))
            if reading.floor is None:
                return  # a first poll: the newest media only
            body = reader.following(path, params, body)

    def thread(self, raw: dict[str, Any], container: Container) -> Container | None:
        """A comment's replies (nested; Graph leaves out an empty edge). A reply's parent is
        the thread's top comment."""
        replies = raw.get("replies")
        if not isinstance(replies, dict) or not raw.get("id"):
            return None
        return Container(str(raw["id"]), container.key, f"/{raw['id']}/replies",
                         {"fields": FIELDS, "limit": THREAD_SIZE}, replies,
                         link=container.link)

    def parse(self, raw: dict[str, Any], container: Container
              ) -> tuple[int, str, IncomingItem | None]:
        created = graph_time(raw.get("timestamp"))
        stamp, comment_id = int(created.timestamp()), str(raw.get("id", ""))
        username = str(raw.get("username", ""))
        if username.lower() == self.own:
            return stamp, comment_id, None  # the account's own replies are not questions
        return stamp, comment_id, IncomingItem(
            remote_id=comment_id, kind=InboxKind.COMMENT, author_name=username,
            author_handle=username, text=str(raw.get("text", "")), created_at=created,
            parent_remote_id=container.id, url=container.link)
