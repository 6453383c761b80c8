"""Graph API routes of the fake server for private messages (Messenger conversations of the
page, Instagram messaging through the linked page); a comment's replies are read in
graph_read_api.py.

`graph_messaging_allowed` lists the platforms the connection holds the permission for
(pages_messaging, instagram_manage_messages): take one out to play an account connected
without it. A private answer more than 24 hours after the person's last message is refused
with code 10 and the documented subcode (2018278 Messenger, 2534022 Instagram)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tests.fake_networks.graph_paging import nested
from tests.fake_networks.server import Reply, Request

if TYPE_CHECKING:
    from tests.fake_networks.graph_api import GraphApi as _Base
else:
    _Base = object

STAMP = "%Y-%m-%dT%H:%M:%S+0000"
WINDOW_SUBCODE = {"messenger": 2018278, "instagram": 2534022}


def _now() -> str:
    return datetime.now(UTC).strftime(STAMP)


class GraphMessagesApi(_Base):
    """Mixed into GraphApi, whose page_token_ok, graph_error, paged and graph_conversations
    (graph_read_api.py) it uses."""

    graph_messages: list[dict[str, Any]]
    graph_messaging_allowed: set[str]

    def _own_sender(self, platform: str) -> dict[str, str]:
        if platform == "instagram":
            return {"id": "1789", "username": "inejalisco"}
        return {"id": "555", "name": "INE Jalisco", "email": "555@facebook.com"}

    def _refused(self, platform: str) -> Reply | None:
        if platform in self.graph_messaging_allowed:
            return None
        if platform == "instagram":
            return self.graph_error(10, "(#10) Application does not have permission for this "
                                        "action")
        return self.graph_error(200, "(#200) Requires pages_messaging permission to manage "
                                     "the object")

    def _mount_graph_messages(self) -> None:
        self.graph_messages = []
        self.graph_messaging_allowed = {"messenger", "instagram"}

        def conversations(request: Request) -> Reply:
            if not self.page_token_ok(request, request.query["page"]):
                return self.graph_error(190, "Error validating access token")
            platform = request.query.get("platform", "messenger")
            refused = self._refused(platform)
            if refused is not None:
                return refused
            wanted = request.query.get("user_id")
            fields = request.query.get("fields", "")
            data = []
            for conversation in self.graph_conversations(platform):
                if wanted and conversation["id"] != f"t_{wanted}":
                    continue
                entry = {k: v for k, v in conversation.items() if k != "messages"}
                found = nested(conversation["messages"], fields, "messages", base=self.base,
                               owner=conversation["id"])
                if found is not None:
                    entry["messages"] = found
                data.append(entry)
            return self.paged(request, data)

        def send(request: Request) -> Reply:
            if not self.page_token_ok(request, request.query["page"]):
                return self.graph_error(190, "Error validating access token")
            form = request.form()
            recipient = json.loads(form.get("recipient", "{}")).get("id", "")
            text = json.loads(form.get("message", "{}")).get("text", "")
            theirs = [m for m in self.graph_messages
                      if m["user"]["id"] == recipient and m["from"]["id"] == recipient]
            if not theirs:
                return Reply(400, {"error": {"message": "(#100) No matching user found",
                                             "code": 100, "error_subcode": 2018001}})
            platform = theirs[0]["platform"]
            refused = self._refused(platform)
            if refused is not None:
                return refused
            if form.get("messaging_type") != "RESPONSE" or not text:
                return self.graph_error(100, "(#100) Invalid parameter")
            last = max(datetime.strptime(m["created_time"], "%Y-%m-%dT%H:%M:%S%z")
                       for m in theirs)
            if datetime.now(UTC) - last > timedelta(hours=24):
                return Reply(400, {"error": {
                    "message": "(#10) This message is sent outside of allowed window.",
                    "type": "OAuthException", "code": 10,
                    "error_subcode": WINDOW_SUBCODE[platform]}})
            message_id = f"m_{self.new_id()}"
            self.graph_messages.append({
                "id": message_id, "platform": platform, "user": theirs[0]["user"],
                "from": self._own_sender(platform), "message": text, "created_time": _now()})
            return Reply(200, {"recipient_id": recipient, "message_id": message_id})

        self.route("GET", "/graph/{page}/conversations", conversations)
        self.route("POST", "/graph/{page}/messages", send)

    def ig_comment_permalink(self, comment_id: str) -> str | None:
        """The permalink of the post an Instagram comment (or a reply to one) belongs to."""
        by_id = {c["id"]: c for c in self.ig_comments}
        comment = by_id.get(comment_id)
        while comment is not None and not comment.get("media") and comment.get("parent"):
            comment = by_id.get(comment["parent"])
        if comment is None:
            return None
        return next((m["permalink"] for m in self.ig_media if m["id"] == comment["media"]), "")

    def _add_message(self, platform: str, user: dict[str, str], text: str,
                     created: str | None) -> str:
        message_id = f"m_{self.new_id()}"
        self.graph_messages.append({"id": message_id, "platform": platform, "user": user,
                                    "from": user, "message": text,
                                    "created_time": created or _now()})
        return message_id

    def add_fb_message(self, text: str, *, psid: str = "7001", name: str = "Ana López",
                       created: str | None = None) -> str:
        """A person writes to the page on Messenger; `psid` is their page-scoped id."""
        user = {"name": name, "email": f"{psid}@facebook.com", "id": psid}
        return self._add_message("messenger", user, text, created)

    def add_ig_message(self, text: str, *, igsid: str = "8001", username: str = "ana.lopez",
                       created: str | None = None) -> str:
        """A person writes to the Instagram account; `igsid` is their Instagram-scoped id."""
        return self._add_message("instagram", {"username": username, "id": igsid}, text,
                                 created)

    def sent_messages(self, platform: str) -> list[dict[str, Any]]:
        own = self._own_sender(platform)["id"]
        return [m for m in self.graph_messages
                if m["platform"] == platform and m["from"]["id"] == own]
