"""Reading routes of the fake Graph API, paged as the Graph API documents it (graph_paging.py):
the page's feed, a post's or a comment's comments, the Instagram account's media and a media's
comments, the page's conversations and a conversation's messages.

- GET /{page-id}/feed: the page's posts, newest first, each with `created_time` and
  `updated_time` (the post's creation, or its newest comment: a comment updates the post, as
  the Page Post reference says). `since`/`until` (Unix time) bound the posts' creation; nested
  `comments` as field expansion.
- GET /{post-id}/comments: `filter` toplevel (default) or stream (replies too), `order`
  chronological (default) or reverse_chronological; a reply carries its `parent` ({id}). GET
  /{comment-id}/comments: its replies.
- GET /{ig-user-id}/media: newest first, `since`/`until`, nested `comments` (oldest first, as
  the example of the comment moderation guide shows them; the API offers no order), each
  comment with its `replies` nested when asked for (`comments{…,replies.limit(n){…}}`).
- GET /{ig-comment-id}/replies: the replies of a comment's thread, oldest first, paged; an
  unknown comment is refused (code 100). A reply never has replies of its own: Instagram adds a
  reply to a reply to the top-level comment (POST, graph_api.py).
- GET /{page-id}/conversations: the most recently updated first, each conversation's
  `messages` newest first (nested `messages.limit(n)`, 25 unless asked); GET
  /{conversation-id}/messages pages on."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tests.fake_networks.graph_paging import BadCursor, nested, page
from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.graph_api import GraphApi as _Base
else:
    _Base = object

STAMP = "%Y-%m-%dT%H:%M:%S+0000"
PUBLIC = ("id", "from", "message", "created_time", "permalink_url", "username", "text",
          "timestamp")


def _stamp(unix: str) -> str:
    return datetime.fromtimestamp(int(unix), UTC).strftime(STAMP)


def _within(when: str, query: dict[str, str]) -> bool:
    since, until = query.get("since"), query.get("until")
    return (not since or when >= _stamp(since)) and (not until or when <= _stamp(until))


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k in PUBLIC}


def _fb_public(comment: dict[str, Any]) -> dict[str, Any]:
    """A Facebook comment as Graph gives it: a reply names the comment it answers."""
    entry = _public(comment)
    if comment.get("parent"):
        entry["parent"] = {"id": comment["parent"]}
    return entry


def _newest_first(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Newest first; of two in the same second, the one added last first."""
    return [i for _, i in sorted(enumerate(items), key=lambda p: (p[1][key], p[0]),
                                 reverse=True)]


class GraphReadApi(_Base):
    def paged(self, request: Request, items: list[dict[str, Any]]) -> Reply:
        try:
            body = page(items, limit=request.query.get("limit"),
                        after=request.query.get("after"), address=f"{self.base}{request.path}",
                        params=request.query)
        except BadCursor:
            return self.graph_error(100, "(#100) The after cursor is not valid")
        return Reply(200, body)

    def fb_thread(self, post_id: str, *, stream: bool) -> list[dict[str, Any]]:
        """A post's comments, oldest first; with `stream` their replies too."""
        top = {c["id"] for c in self.fb_comments if c["post_id"] == post_id}
        found = [c for c in self.fb_comments if c["post_id"] == post_id
                 or (stream and c.get("parent") in top)]
        return sorted(found, key=lambda c: c["created_time"])

    def fb_post_entry(self, post: dict[str, Any], fields: str) -> dict[str, Any]:
        thread = self.fb_thread(post["id"], stream=True)
        entry = {k: post[k] for k in ("id", "message", "created_time", "permalink_url")
                 if k in post}
        entry["updated_time"] = max([post["created_time"]]
                                    + [c["created_time"] for c in thread])
        stream = "filter(stream)" in fields
        comments = nested([_fb_public(c) for c in self.fb_thread(post["id"], stream=stream)],
                          fields, "comments", base=self.base, owner=post["id"],
                          order_param=True)
        if comments is not None:
            entry["comments"] = comments
        return entry

    def _mount_graph_read(self) -> None:
        def feed(request: Request) -> Reply:
            if not self.page_token_ok(request, request.query["page"]):
                return self.graph_error(190, "Error validating access token")
            fields = request.query.get("fields", "")
            posts = [p for p in _newest_first(self.fb_posts, "created_time")
                     if _within(p["created_time"], request.query)]
            return self.paged(request, [self.fb_post_entry(p, fields) for p in posts])

        def comments(request: Request) -> Reply:
            owner = request.query["comment"]
            if any(m["id"] == owner for m in self.ig_media):
                if request.token not in self.valid_tokens:
                    return self.graph_error(190, "Error validating access token")
                fields = request.query.get("fields", "")
                return self.paged(request, [self.ig_comment_entry(c, fields)
                                            for c in self.ig_comments if c["media"] == owner])
            if not self.page_token_ok(request, "555"):
                return self.graph_error(190, "Error validating access token")
            if any(p["id"] == owner for p in self.fb_posts):
                found = self.fb_thread(owner, stream=request.query.get("filter") == "stream")
            else:
                found = [c for c in self.fb_comments if c.get("parent") == owner]
            if request.query.get("order") == "reverse_chronological":
                found = list(reversed(found))
            return self.paged(request, [_fb_public(c) for c in found])

        def ig_replies(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            parent = request.query["comment"]
            if not any(c["id"] == parent for c in self.ig_comments):
                return self.graph_error(100, "Unsupported get request")
            return self.paged(request, [_public(c) for c in self.ig_thread(parent)])

        def ig_list(request: Request) -> Reply:
            if request.token not in self.valid_tokens:
                return self.graph_error(190, "Error validating access token")
            fields = request.query.get("fields", "")
            data = []
            for media in _newest_first(self.ig_media, "timestamp"):
                if not _within(media["timestamp"], request.query):
                    continue
                entry = {k: media[k] for k in ("id", "caption", "timestamp", "permalink")}
                found = nested([self.ig_comment_entry(c, fields) for c in self.ig_comments
                                if c["media"] == media["id"]], fields, "comments",
                               base=self.base, owner=media["id"])
                if found is not None:
                    entry["comments"] = found
                data.append(entry)
            return self.paged(request, data)

        def conversation_messages(request: Request) -> Reply:
            wanted = request.query["conversation"]
            for conversation in self.graph_conversations(""):
                if conversation["id"] == wanted:
                    if not self.page_token_ok(request, "555"):
                        return self.graph_error(190, "Error validating access token")
                    return self.paged(request, conversation["messages"])
            return self.graph_error(100, "Unsupported get request")

        self.route("GET", "/graph/{page}/feed", feed)
        self.route("GET", "/graph/{comment}/comments", comments)
        self.route("GET", "/graph/{ig}/media", ig_list)
        self.route("GET", "/graph/{comment}/replies", ig_replies)
        self.route("GET", "/graph/{conversation}/messages", conversation_messages)

    def ig_thread(self, comment_id: str) -> list[dict[str, Any]]:
        """The replies to an Instagram comment, oldest first."""
        return sorted((c for c in self.ig_comments if c.get("parent") == comment_id),
                      key=lambda c: c["timestamp"])

    def ig_comment_entry(self, comment: dict[str, Any], fields: str) -> dict[str, Any]:
        """A comment as Graph gives it, its replies nested when `fields` asks for them."""
        entry = _public(comment)
        replies = nested([_public(r) for r in self.ig_thread(comment["id"])], fields,
                         "replies", base=self.base, owner=comment["id"])
        if replies is not None:
            entry["replies"] = replies
        return entry

    def graph_conversations(self, platform: str) -> list[dict[str, Any]]:
        """The conversations of `platform` (every platform with ""), the most recently updated
        first, each with all its messages newest first."""
        people: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for message in self.graph_messages:
            if platform in ("", message["platform"]):
                people.setdefault((message["platform"], message["user"]["id"]),
                                  []).append(message)
        data = []
        for (kind, user_id), messages in people.items():
            newest = _newest_first(messages, "created_time")
            data.append({
                "id": f"t_{user_id}", "updated_time": newest[0]["created_time"],
                "participants": {"data": [newest[0]["user"], self._own_sender(kind)]},
                "messages": [{k: m[k] for k in ("id", "message", "from", "created_time")}
                             for m in newest]})
        return _newest_first(data, "updated_time")
