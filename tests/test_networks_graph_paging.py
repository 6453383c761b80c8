"""Facebook and Instagram inboxes of a busy account, against the fake Graph API that pages as
the Graph API documents it (limit, `paging.cursors.after`, `next`, nested edges paged on their
own): a second comment or message in the same second as the last one seen still comes; more
than a page of new comments, posts, media, conversations or messages (more than a post's or a
conversation's nested page too) all come; a poll makes at most its bound of requests and what
it leaves comes in the next polls, including what was written meanwhile; a new comment on last
month's post comes. Before, cursors compared whole seconds strictly and only the first page of
everything was read (25 conversations, 50 posts created after the cursor, 25 media)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.networks import graph_messages
from redes_desktop.networks.graph_cursor import CURSOR_LIMIT, GraphCursor, Mark, Reading
from tests.graph_support import graph_connector

NOW = datetime.now(UTC).replace(microsecond=0)
FB, IG = Network.FACEBOOK, Network.INSTAGRAM


@pytest.fixture
def clock():
    return FixedClock(NOW)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def seen_until(moment: datetime) -> str:
    """A cursor of the previous version: everything up to that second was brought."""
    return str(int(moment.timestamp()))


def post(server, network: Network, created: datetime) -> str:
    if network == FB:
        return server.add_fb_post("Aviso", created=stamp(created))
    return server.add_ig_media("Aviso", created=stamp(created))


def comment(server, network: Network, on: str, text: str, created: datetime) -> str:
    if network == FB:
        return server.add_fb_comment(on, text, created=stamp(created))
    return server.add_ig_comment(on, text, created=stamp(created))


def message(server, network: Network, text: str, created: datetime, sender: str) -> str:
    if network == FB:
        return server.add_fb_message(text, psid=sender, created=stamp(created))
    return server.add_ig_message(text, igsid=sender, username=f"u{sender}",
                                 created=stamp(created))


def in_progress(cursor: str | None) -> bool:
    state = GraphCursor.parse(cursor)
    return state.comments.head is not None or state.messages.head is not None


def drain(account, cursor: str | None, *, polls: int = 12) -> tuple[list[str], str | None]:
    """Polls until the reading is over and a poll brings nothing: every id brought, and the
    last cursor."""
    brought: list[str] = []
    for _ in range(polls):
        page = account.fetch_inbox(cursor)
        brought += [i.remote_id for i in page.items]
        cursor = page.cursor
        if not page.items and not in_progress(cursor):
            return brought, cursor
    raise AssertionError(f"still reading after {polls} polls")


@pytest.mark.parametrize(("network", "kind"), [(FB, "comment"), (FB, "message"),
                                               (IG, "comment"), (IG, "message")])
def test_a_second_item_in_the_same_second_as_the_last_one_seen_still_comes(
        server, clock, network, kind):
    account = graph_connector(server, clock, network)
    moment = NOW - timedelta(hours=1)
    on = post(server, network, moment - timedelta(minutes=10))

    def write(text: str) -> str:
        if kind == "comment":
            return comment(server, network, on, text, moment)
        return message(server, network, text, moment, "7001")

    first = write("¿Dónde está mi casilla?")
    page = account.fetch_inbox(seen_until(moment - timedelta(hours=1)))
    assert [i.remote_id for i in page.items] == [first]
    second = write("¿Y a qué hora abre?")  # the same second
    again = account.fetch_inbox(page.cursor)
    assert [i.remote_id for i in again.items] == [second]
    assert account.fetch_inbox(again.cursor).items == ()


def test_every_new_comment_of_a_busy_facebook_page_comes(server, clock):
    account = graph_connector(server, clock, FB)
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = []
    for n in range(120):  # more than a page of posts, each with a new comment
        on = post(server, FB, NOW - timedelta(days=1, hours=2 * n))
        expected.append(comment(server, FB, on, f"Duda {n}",
                                NOW - timedelta(minutes=90, seconds=n)))
    busy = post(server, FB, NOW - timedelta(hours=3))
    old = comment(server, FB, busy, "Ya atendido", NOW - timedelta(hours=2, minutes=5))
    expected += [comment(server, FB, busy, f"Pregunta {n}", NOW - timedelta(minutes=30, seconds=n))
                 for n in range(130)]  # more than a page of comments on one post
    brought, _ = drain(account, cursor)
    assert sorted(set(brought)) == sorted(expected) and old not in brought


def test_every_new_comment_of_a_busy_instagram_account_comes(server, clock):
    account = graph_connector(server, clock, IG)
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = []
    for n in range(40):  # more than a page of media
        on = post(server, IG, NOW - timedelta(days=1, hours=5 * n))
        expected.append(comment(server, IG, on, f"Duda {n}",
                                NOW - timedelta(minutes=90, seconds=n)))
    busy = post(server, IG, NOW - timedelta(hours=3))
    old = comment(server, IG, busy, "Ya atendido", NOW - timedelta(hours=2, minutes=5))
    expected += [comment(server, IG, busy, f"Pregunta {n}", NOW - timedelta(minutes=30, seconds=n))
                 for n in range(70)]  # more than the nested page of comments
    brought, _ = drain(account, cursor)
    assert sorted(set(brought)) == sorted(expected) and old not in brought


@pytest.mark.parametrize("network", [FB, IG])
def test_every_new_message_comes_when_many_people_write(server, clock, network):
    account = graph_connector(server, clock, network)
    cursor = seen_until(NOW - timedelta(hours=2))
    old = message(server, network, "Ya atendido", NOW - timedelta(hours=3), "7999")
    expected = [message(server, network, f"Hola {n}", NOW - timedelta(minutes=60, seconds=n),
                        f"7{n:03d}") for n in range(60)]  # more than a page of conversations
    expected += [message(server, network, f"Otra cosa {n}",  # more than the nested page
                         NOW - timedelta(minutes=90, seconds=n), "7500") for n in range(40)]
    brought, _ = drain(account, cursor)
    assert sorted(set(brought)) == sorted(expected) and old not in brought


def test_a_poll_makes_at_most_its_bound_of_requests_and_what_it_leaves_comes_next(
        server, clock):
    account = graph_connector(server, clock, FB)
    account.messaging.calls_per_poll = 2
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = []
    for lag, person in enumerate(("7501", "7502", "7503")):  # longer than a page each
        expected += [message(server, FB, f"{person}: {n}",
                             NOW - timedelta(minutes=20 + lag, seconds=n), person)
                     for n in range(40)]
    expected += [message(server, FB, f"Hola {n}", NOW - timedelta(minutes=60, seconds=n),
                         f"7{n:03d}") for n in range(70)]
    brought: list[str] = []
    for poll in range(30):
        before = server.count("GET /graph/{conversation}/messages")
        page = account.fetch_inbox(cursor)
        assert server.count("GET /graph/{conversation}/messages") - before <= 2
        brought += [i.remote_id for i in page.items]
        cursor = page.cursor
        if poll == 0:
            state = GraphCursor.parse(cursor).messages
            assert state.head is not None and state.part is not None  # stopped inside one
            # Meanwhile someone already read writes again, and someone new writes.
            expected += [message(server, FB, "Una más", NOW - timedelta(seconds=30), "7501"),
                         message(server, FB, "Soy nuevo", NOW - timedelta(seconds=20), "7900")]
        if not page.items and not in_progress(cursor):
            break
    assert sorted(set(brought)) == sorted(expected)


def test_a_facebook_poll_reads_at_most_its_bound_of_comment_pages(server, clock):
    account = graph_connector(server, clock, FB)
    account.calls_per_poll = 3
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = []
    for n in range(8):
        on = post(server, FB, NOW - timedelta(days=n + 1))
        expected += [comment(server, FB, on, f"{n}-{k}", NOW - timedelta(minutes=n, seconds=k))
                     for k in range(3)]
    brought: list[str] = []
    for _ in range(10):
        before = server.count("GET /graph/{comment}/comments")
        page = account.fetch_inbox(cursor)
        assert server.count("GET /graph/{comment}/comments") - before <= 3
        brought += [i.remote_id for i in page.items]
        cursor = page.cursor
        if not page.items and not in_progress(cursor):
            break
    assert sorted(set(brought)) == sorted(expected)


@pytest.mark.parametrize("network", [FB, IG])
def test_a_new_comment_on_last_months_post_comes(server, clock, network):
    account = graph_connector(server, clock, network)
    last_month = post(server, network, NOW - timedelta(days=40))
    for n in range(30):  # the account kept posting since
        post(server, network, NOW - timedelta(days=30 - n))
    cursor = seen_until(NOW - timedelta(hours=1))
    late = comment(server, network, last_month, "¿Esto sigue vigente?",
                   NOW - timedelta(minutes=10))
    page = account.fetch_inbox(cursor)
    [item] = page.items
    assert (item.remote_id, item.parent_remote_id) == (late, last_month)
    assert account.fetch_inbox(page.cursor).items == ()


def test_a_long_cursor_is_cut_to_its_column_without_losing_its_place():
    ids = frozenset(f"m_{'x' * 90}{n}" for n in range(8))  # Messenger ids are long
    reading = Reading(Mark(1_700_000_000, ids), Mark(1_700_000_900, ids), 1_700_000_500,
                      ("t_7001", "Q" * 300))
    text = GraphCursor(reading, reading).dump()
    assert text is not None and len(text) <= CURSOR_LIMIT
    back = GraphCursor.parse(text)
    for side in (back.comments, back.messages):
        assert side.floor is not None and side.floor.at == 1_700_000_000
        assert side.head is not None and side.head.at == 1_700_000_900
        assert side.resume == 1_700_000_500


def test_a_long_list_of_conversations_is_taken_up_where_it_stopped(server, clock, monkeypatch):
    monkeypatch.setattr(graph_messages, "LIST_PAGES", 2)
    account = graph_connector(server, clock, FB)
    cursor = seen_until(NOW - timedelta(hours=2))
    expected = [message(server, FB, f"Hola {n}", NOW - timedelta(minutes=60, seconds=n),
                        f"7{n:03d}") for n in range(130)]  # six pages of conversations
    first = account.fetch_inbox(cursor)
    assert server.count("GET /graph/{page}/conversations") == 2
    assert GraphCursor.parse(first.cursor).messages.listed is not None
    # The conversation the stored cursor points to is deleted: Graph refuses the cursor, and
    # the list is read again from its start.
    [gone] = [m for m in server.graph_messages if m["user"]["id"] == "7049"]
    assert gone["id"] in [i.remote_id for i in first.items]
    server.graph_messages.remove(gone)
    later = message(server, FB, "Ya escribí antes", NOW - timedelta(seconds=10), "7003")
    brought, _ = drain(account, first.cursor, polls=20)
    assert sorted(set(brought + [i.remote_id for i in first.items])) \
        == sorted(expected + [later])


def test_a_media_read_in_several_polls_is_read_again_when_its_cursor_is_refused(
        server, clock):
    account = graph_connector(server, clock, IG)
    account.calls_per_poll = 2
    cursor = seen_until(NOW - timedelta(hours=2))
    busy = post(server, IG, NOW - timedelta(days=2))
    expected = [comment(server, IG, busy, f"Pregunta {n}",
                        NOW - timedelta(minutes=90) + timedelta(seconds=n))
                for n in range(120)]  # three pages of comments
    first = account.fetch_inbox(cursor)
    part = GraphCursor.parse(first.cursor).comments.part
    assert part is not None and part[0] == busy  # stopped inside the media
    # The comment Graph's stored cursor points to is deleted: Graph refuses that cursor, and
    # the media is read from its start.
    server.ig_comments = [c for c in server.ig_comments if c["id"] != expected[99]]
    account.calls_per_poll = 4  # enough for the media and the refused cursor in one poll
    brought, _ = drain(account, first.cursor)
    assert sorted(set(brought + [i.remote_id for i in first.items])) == sorted(expected)
