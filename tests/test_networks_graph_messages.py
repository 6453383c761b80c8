"""Direct messages of a Facebook Page (Messenger) and of an Instagram professional account,
against the local fake Graph API: a person's messages arrive once as DIRECT items whose
conversation is the sender's page- or Instagram-scoped id, the account's own answers never
come back as questions, an answer goes privately to /{page-id}/messages (never a public
comment or post), the 24-hour messaging window is said in Spanish, a connection without the
messaging permission still brings comments, keeps the messages' cursor and says so once, and
the inbox cursor of before (a plain number) still works."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.networks.graph import MessagingWindowClosed
from redes_desktop.networks.graph_cursor import GraphCursor, Mark
from redes_desktop.networks.types import INBOX_NOTICE, InboxKind, PublishRequest
from tests.graph_support import graph_connector

PLATFORM = {Network.FACEBOOK: "messenger", Network.INSTAGRAM: "instagram"}
WRITE_PATHS = ("POST /graph/{page}/feed", "POST /graph/{page}/photos",
               "POST /graph/{comment}/comments", "POST /graph/{comment}/replies",
               "POST /graph/{ig}/media", "POST /graph/{ig}/media_publish")


@pytest.fixture
def clock():
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def write(server, network: Network, text: str, *, sender: str = "", created=None) -> str:
    when = stamp(created) if created else None
    if network == Network.FACEBOOK:
        return server.add_fb_message(text, psid=sender or "7001", created=when)
    return server.add_ig_message(text, igsid=sender or "8001", created=when)


def answer(item, text: str) -> PublishRequest:
    """What actions/inbox_reply.py sends for a direct message."""
    return PublishRequest("", text, reply_to=item.remote_id, conversation=item.parent_remote_id)


@pytest.mark.parametrize("network", [Network.FACEBOOK, Network.INSTAGRAM])
def test_messages_arrive_once_and_the_answer_goes_privately(server, clock, network):
    account = graph_connector(server, clock, network)
    earlier = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
    first = write(server, network, "¿Dónde está mi casilla?", created=earlier)
    page = account.fetch_inbox(None)
    [item] = page.items
    sender = "7001" if network == Network.FACEBOOK else "8001"
    assert (item.remote_id, item.kind, item.parent_remote_id) == (first, InboxKind.DIRECT,
                                                                 sender)
    assert item.text == "¿Dónde está mi casilla?"
    assert item.author_name == ("Ana López" if network == Network.FACEBOOK else "ana.lopez")

    sent = account.publish(answer(item, "Hola, Ana: en ine.mx/ubica"))
    [message] = server.sent_messages(PLATFORM[network])
    assert sent.remote_id == message["id"] and message["message"] == "Hola, Ana: en ine.mx/ubica"
    assert message["user"]["id"] == sender
    assert server.count("POST /graph/{page}/messages") == 1
    assert all(server.count(path) == 0 for path in WRITE_PATHS)  # nothing public
    assert server.fb_comments == server.ig_comments == server.fb_posts == []

    # The account's own answer is no question, and the message is not brought again.
    again = account.fetch_inbox(page.cursor)
    assert again.items == ()
    later = write(server, network, "Gracias, ya la encontré")
    assert [i.remote_id for i in account.fetch_inbox(again.cursor).items] == [later]


def test_two_people_and_comments_come_together(server, clock):
    page = graph_connector(server, clock, Network.FACEBOOK)
    server.fb_posts.append({"id": "555_1", "message": "Aviso", "permalink_url": "",
                            "created_time": "2026-12-01T10:00:00+0000"})
    comment = server.add_fb_comment("555_1", "¿Hasta cuándo?",
                                    created="2026-12-01T10:05:00+0000")
    ana = write(server, Network.FACEBOOK, "Hola", sender="7001")
    beto = server.add_fb_message("Buenas tardes", psid="7002", name="Beto Ruiz")
    result = page.fetch_inbox(None)
    assert sorted(i.remote_id for i in result.items) == sorted([comment, ana, beto])
    kinds = {i.remote_id: (i.kind, i.parent_remote_id) for i in result.items}
    assert kinds[comment] == (InboxKind.COMMENT, "555_1")
    assert kinds[beto] == (InboxKind.DIRECT, "7002")
    state = GraphCursor.parse(result.cursor)
    newest = int(datetime(2026, 12, 1, 10, 5, tzinfo=UTC).timestamp())
    assert state.comments.floor == Mark(newest, frozenset({comment}))
    assert state.messages.floor is not None and not state.messages_refused
    assert len(result.cursor or "") < 500  # inbox_cursors.cursor is String(500)


@pytest.mark.parametrize("network", [Network.FACEBOOK, Network.INSTAGRAM])
def test_an_answer_after_the_24_hour_window_is_refused_in_spanish(server, clock, network):
    account = graph_connector(server, clock, network)
    write(server, network, "¿Me ayudan?", created=datetime.now(UTC) - timedelta(days=2))
    [item] = account.fetch_inbox(None).items
    with pytest.raises(MessagingWindowClosed) as caught:
        account.publish(answer(item, "Hola, Ana: claro."))
    error = caught.value
    assert not error.retryable and not error.ambiguous
    label = "Facebook" if network == Network.FACEBOOK else "Instagram"
    assert "24 horas" in error.message
    assert f"bandeja de mensajes de {label}" in error.message
    assert "vuelva a escribir" in error.message
    assert server.sent_messages(PLATFORM[network]) == []
    assert all(server.count(path) == 0 for path in WRITE_PATHS)


@pytest.mark.parametrize("network", [Network.FACEBOOK, Network.INSTAGRAM])
def test_without_the_messaging_permission_comments_still_come_and_it_is_said_once(
        server, clock, network):
    account = graph_connector(server, clock, network)
    server.graph_messaging_allowed.discard(PLATFORM[network])
    if network == Network.FACEBOOK:
        server.fb_posts.append({"id": "555_1", "message": "Aviso", "permalink_url": "",
                                "created_time": "2026-12-01T10:00:00+0000"})
        comment = server.add_fb_comment("555_1", "¿Hasta cuándo?",
                                        created="2026-12-01T10:05:00+0000")
    else:
        server.ig_media.append({"id": "42", "caption": "Aviso", "permalink": "https://ig/p/42",
                                "timestamp": "2026-12-01T10:00:00+0000"})
        comment = server.add_ig_comment("42", "¿Hasta cuándo?")
    old_cursor = json.dumps({"comments": "1764580000", "messages": "1764580001"})
    waiting = write(server, network, "¿Me ayudan?")
    first = account.fetch_inbox(old_cursor)
    assert [i.remote_id for i in first.items] == [comment]
    notice = first.extra[INBOX_NOTICE]
    assert "Cuentas › Conexión con la red" in notice and "mensajes directos" in notice
    state = GraphCursor.parse(first.cursor)
    assert state.messages.floor == Mark(1764580002) and state.messages_refused  # it stays
    second = account.fetch_inbox(first.cursor)
    assert second.items == () and INBOX_NOTICE not in second.extra  # said once only
    # Connected again with the permission: what waited arrives from where it stopped.
    server.graph_messaging_allowed.add(PLATFORM[network])
    third = account.fetch_inbox(second.cursor)
    assert [i.remote_id for i in third.items] == [waiting]
    assert not GraphCursor.parse(third.cursor).messages_refused


def test_a_cursor_from_before_messages_is_read_as_both_cursors(server, clock):
    account = graph_connector(server, clock, Network.INSTAGRAM)
    seen_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    server.ig_media.append({"id": "42", "caption": "Aviso", "permalink": "https://ig/p/42",
                            "timestamp": stamp(seen_at - timedelta(hours=1))})
    seen = server.add_ig_comment("42", "Ya visto", created=stamp(seen_at))
    old = str(int(seen_at.timestamp()))  # what the connector stored before messages
    write(server, Network.INSTAGRAM, "Viejo", created=seen_at - timedelta(hours=1))
    fresh = write(server, Network.INSTAGRAM, "Nuevo")
    page = account.fetch_inbox(old)
    assert seen not in [i.remote_id for i in page.items]
    assert [i.remote_id for i in page.items] == [fresh]
    state = GraphCursor.parse(page.cursor)
    assert state.comments.floor == Mark(int(old) + 1)  # that second was all seen
    assert state.messages.floor is not None and state.messages.floor.at > int(old)
    assert GraphCursor.parse("no es un cursor") == GraphCursor()


@pytest.mark.parametrize("network", [Network.FACEBOOK, Network.INSTAGRAM])
def test_the_connection_asks_for_the_messaging_permissions(server, clock, network):
    seen: list[str] = []
    graph_connector(server, clock, network, scopes_seen=seen)
    scopes = parse_qs(urlsplit(seen[0]).query)["scope"][0].split()
    wanted = "pages_messaging" if network == Network.FACEBOOK else "instagram_manage_messages"
    assert wanted in scopes and "pages_manage_metadata" in scopes
