"""Replies people write inside a comment's thread reach the inbox (issue 17, 5.2 e: answer and
follow up all comments), against the fake Graph API. Instagram: a comment's replies come nested
in it (`replies.limit(n){…}`) and page on at GET /{ig-comment-id}/replies; before, only the
media's top comments were read and a follow-up in a thread never came. Facebook: filter=stream
lists replies with the comments already; each comes as a comment of the thread it belongs to,
and its answer goes to that thread. Never the account's own replies; a thread longer than its
nested page is read within the poll's bound."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.models.inbox import InboxState
from redes_desktop.networks import instagram
from redes_desktop.networks.graph_cursor import GraphCursor
from redes_desktop.networks.types import InboxKind, PublishRequest
from redes_desktop.services.activity import MemoryRecorder
from tests.graph_support import graph_connector, graph_office, impatient
from tests.inbox_support import courtesy_checker, items, poller

NOW = datetime.now(UTC).replace(microsecond=0)
FB, IG = Network.FACEBOOK, Network.INSTAGRAM
REPLIES = "GET /graph/{comment}/replies"


@pytest.fixture
def clock():
    return FixedClock(NOW)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def seen_until(moment: datetime) -> str:
    return str(int(moment.timestamp()))


def ago(**delta: float) -> str:
    return stamp(NOW - timedelta(**delta))


def comment_calls(server) -> int:
    """Requests spent on Instagram comments (messages have their own bound)."""
    return sum(server.count(route) for route in (
        "GET /graph/{ig}/media", "GET /graph/{comment}/comments", REPLIES))


def ids(page) -> set[str]:
    return {item.remote_id for item in page.items}


# -- Instagram -----------------------------------------------------------------------------
def test_replies_in_an_instagram_thread_come_as_comments_of_its_top_comment(server, clock):
    account = graph_connector(server, clock, IG)
    media = server.add_ig_media("Aviso", created=ago(days=1))
    top = server.add_ig_comment(media, "¿Dónde voto?", created=ago(hours=2))
    cursor = seen_until(NOW - timedelta(hours=1))  # the top comment was brought already
    first = server.add_ig_reply(top, "Yo tampoco sé", username="beto.ruiz",
                                created=ago(minutes=30))
    server.add_ig_reply(top, "Hola: en ine.mx/ubica", username="inejalisco",  # the account's
                        created=ago(minutes=20))
    second = server.add_ig_reply(top, "¿Y desde el extranjero?", username="carla.mx",
                                 created=ago(minutes=10))
    page = account.fetch_inbox(cursor)
    assert ids(page) == {first, second}
    for item in page.items:
        assert item.kind == InboxKind.COMMENT and item.parent_remote_id == top
        assert item.url == f"https://www.instagram.com/p/{media}/"
    assert {i.author_handle for i in page.items} == {"beto.ruiz", "carla.mx"}
    assert server.count(REPLIES) == 0  # nested in the comments: no request more
    quiet = account.fetch_inbox(page.cursor)
    assert quiet.items == ()
    later = server.add_ig_reply(top, "Gracias", username="beto.ruiz", created=ago(minutes=1))
    assert ids(account.fetch_inbox(quiet.cursor)) == {later}


def test_a_long_instagram_thread_pages_on_at_its_replies(server, clock):
    account = graph_connector(server, clock, IG)
    media = server.add_ig_media("Aviso", created=ago(days=1))
    top = server.add_ig_comment(media, "¿Dónde voto?", created=ago(hours=3))
    cursor = seen_until(NOW - timedelta(hours=2))
    made = [server.add_ig_reply(top, f"Respuesta {n}", username=f"p{n}",
                                created=ago(minutes=100 - n * 0.5)) for n in range(160)]
    page = account.fetch_inbox(cursor)
    assert ids(page) == set(made)  # 25 nested, then 100 and 35 at /{comment}/replies
    assert server.count(REPLIES) == 2
    # Every poll reads the thread again (the API gives no order nor a last-reply time).
    calls = comment_calls(server)
    assert account.fetch_inbox(page.cursor).items == ()
    assert comment_calls(server) - calls == 1 + 2  # the media (comments nested), the thread


def test_threads_met_with_no_request_left_wait_for_the_next_poll(server, clock):
    account = graph_connector(server, clock, IG)
    account.calls_per_poll = 4
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = []
    for n in range(4):  # four media, each with a thread of three pages
        media = server.add_ig_media(f"Aviso {n}", created=ago(days=n + 1))
        top = server.add_ig_comment(media, f"Duda {n}", created=ago(hours=3))
        expected += [server.add_ig_reply(top, f"{n}-{k}", username=f"p{k}",
                                         created=ago(minutes=90, seconds=k))
                     for k in range(130)]
    brought: set[str] = set()
    for _ in range(8):
        before = comment_calls(server)
        page = account.fetch_inbox(cursor)
        # The bound, and a thread begun read to its end (its two pages past the nested one).
        assert comment_calls(server) - before <= 4 + 1
        brought |= ids(page)
        cursor = page.cursor
        state = GraphCursor.parse(cursor).comments
        if not page.items and state.head is None:
            break
    assert brought == set(expected)


def test_a_first_poll_reads_only_the_nested_page_of_a_thread(server, clock):
    account = graph_connector(server, clock, IG)
    media = server.add_ig_media("Aviso", created=ago(hours=5))
    top = server.add_ig_comment(media, "¿Dónde voto?", created=ago(hours=4))
    for n in range(40):
        server.add_ig_reply(top, f"Respuesta {n}", username=f"p{n}", created=ago(hours=3))
    page = account.fetch_inbox(None)
    assert len(page.items) == 1 + instagram.REPLIES_SIZE and server.count(REPLIES) == 0


def test_an_answer_to_an_instagram_thread_reply_goes_to_its_thread(
        database, clock, server):
    office = graph_office(database, clock, server, IG)
    server.ig_media.append({"id": "42", "caption": "Aviso", "timestamp": ago(days=1),
                            "permalink": "https://www.instagram.com/p/42/"})
    top = server.add_ig_comment("42", "¿Dónde voto?", created=ago(minutes=50))
    poll = poller(database, clock, MemoryRecorder(), office.networks)
    assert poll.poll().new_items == 1
    follow_up = server.add_ig_reply(top, "¿Y si cambié de casa?", username="ana.lopez",
                                    created=ago(minutes=1))
    assert poll.poll(force=True).new_items == 1
    [item] = [i for i in items(database) if i.remote_id == follow_up]
    assert item.parent_remote_id == top
    server.accept_then_stall("POST /graph/{comment}/replies")  # the answer's reply is lost
    reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                  checker=courtesy_checker(), connector_for=impatient(clock, office.networks),
                  person_id=office.titular, item_id=item.id,
                  text="Hola, Ana: actualice su domicilio en ine.mx", area_contacts=None,
                  accept_warnings=True)
    [answer] = [c for c in server.ig_comments if c["username"] == "inejalisco"]
    assert answer["parent"] == top  # in the thread, found there, not sent twice
    [answered] = [i for i in items(database) if i.remote_id == follow_up]
    assert answered.state == InboxState.RESPONDIDO


# -- Facebook ------------------------------------------------------------------------------
def test_replies_in_a_facebook_thread_come_and_are_answered_in_it(server, clock):
    account = graph_connector(server, clock, FB)
    post = server.add_fb_post("Aviso", created=ago(days=1))
    top = server.add_fb_comment(post, "¿Dónde voto?", created=ago(hours=2))
    cursor = seen_until(NOW - timedelta(hours=1))
    follow_up = server.add_fb_reply(top, "¿Y si cambié de casa?", created=ago(minutes=10))
    server.fb_comments.append({"id": f"{post}_999", "post_id": "", "parent": top,
                               "from": {"id": "555", "name": "INE Jalisco"},
                               "message": "Hola", "created_time": ago(minutes=5)})
    page = account.fetch_inbox(cursor)
    [item] = page.items  # never the page's own reply
    assert (item.remote_id, item.parent_remote_id) == (follow_up, top)
    assert account.fetch_inbox(page.cursor).items == ()
    # Facebook does not let a reply be replied to: the answer goes to its thread.
    sent = account.publish(PublishRequest("555", "Hola: actualice su domicilio",
                                          reply_to=follow_up))
    [answer] = [c for c in server.fb_comments if c["id"] == sent.remote_id]
    assert answer["parent"] == top
    found = account.find_published(PublishRequest("555", "Hola: actualice su domicilio",
                                                  reply_to=follow_up), NOW - timedelta(hours=1))
    assert found is not None and found.remote_id == sent.remote_id
