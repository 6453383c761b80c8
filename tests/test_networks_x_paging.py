"""Every X mention and direct message reaches the inbox on a busy day (issue 17, 5.2 e: answer
and follow up all comments), against the local fake X server that pages as X documents:
mentions are read page by page down to the cursor; what a poll cannot read (its page bound,
the timeline's reach of 800, a rate limit) stays as a gap in the cursor that later polls fill
through recent search, oldest first, never asking twice for what was read; direct messages go
on from the pagination token where a poll stopped, and start again from the newest when X no
longer honours the token. A plan without recent search keeps its gaps, is told so once and is
not asked again for a day. Cursors written before keep working."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.networks import x_mentions, x_messages
from redes_desktop.networks.errors import NetworkRefused
from redes_desktop.networks.types import INBOX_NOTICE
from redes_desktop.networks.x_cursor import MAX_CHARS, XCursor
from redes_desktop.services.activity import MemoryRecorder
from tests.actions_support import seed
from tests.fake_networks import FakeNetworks
from tests.inbox_support import connect, items, network_settings, poller
from tests.test_networks_x_dm import BEFORE_DMS, direct_connector

MENTIONS = "GET /2/users/{id}/mentions"
SEARCH = "GET /2/tweets/search/recent"
DMS = "GET /2/dm_events"


def burst(server: FakeNetworks, count: int, *, start: int = 0,
          handle: str = "@INEMexico") -> list[str]:
    return [server.add_x_mention(f"{handle} mensaje {n}", author=f"p{n % 37}")
            for n in range(start, start + count)]


def ids(page) -> list[str]:
    return [item.remote_id for item in page.items]


def in_a(minutes: int) -> int:
    return int((datetime.now(UTC) + timedelta(minutes=minutes)).timestamp())


# -- the fake server pages as X documents ---------------------------------------------------
def test_the_fake_pages_mentions_as_x_documents(server):
    client = direct_connector(server).client
    made = burst(server, 12)

    def get(**params):
        return client.call("GET", "/2/users/42/mentions", params=params).json()

    first = get(max_results=5)
    assert [t["id"] for t in first["data"]] == made[::-1][:5]  # newest first
    meta = first["meta"]
    assert (meta["result_count"], meta["newest_id"], meta["oldest_id"]) == (5, made[11], made[7])
    second = get(max_results=5, pagination_token=meta["next_token"])
    assert [t["id"] for t in second["data"]] == made[::-1][5:10]
    assert {u["username"] for u in second["includes"]["users"]} == {f"p{n}" for n in range(2, 7)}
    window = get(max_results=100, since_id=made[2], until_id=made[6])
    assert [t["id"] for t in window["data"]] == [made[5], made[4], made[3]]  # both exclusive
    assert "next_token" not in window["meta"]
    assert get(since_id=made[11]) == {"meta": {"result_count": 0}}
    assert len(get()["data"]) == 10  # the default page
    with pytest.raises(NetworkRefused, match="400"):
        get(max_results=4)
    server.expire_x_page_tokens()
    with pytest.raises(NetworkRefused, match="400"):
        get(max_results=5, pagination_token=meta["next_token"])


def test_the_fake_timeline_reaches_only_the_800_most_recent_mentions(server):
    client = direct_connector(server).client
    made = burst(server, 805)
    seen, token = [], None
    while True:
        params = {"max_results": 100, **({"pagination_token": token} if token else {})}
        body = client.call("GET", "/2/users/42/mentions", params=params).json()
        seen += [t["id"] for t in body["data"]]
        token = body["meta"].get("next_token")
        if not token:
            break
    assert seen == made[::-1][:800]
    found = client.call("GET", "/2/tweets/search/recent", params={
        "query": "@INEMexico", "until_id": made[5], "max_results": 10}).json()
    assert [t["id"] for t in found["data"]] == made[4::-1]  # search reaches behind them


# -- mentions ------------------------------------------------------------------------------
def test_mentions_beyond_one_page_are_read_down_to_the_cursor(server):
    connector = direct_connector(server)
    cursor = connector.fetch_inbox(None).cursor
    seen = server.add_x_mention("@INEMexico primera", author="ana_mx")
    cursor = connector.fetch_inbox(cursor).cursor
    assert XCursor.parse(cursor).mentions == seen
    made = burst(server, 250)
    before = server.count(MENTIONS)
    page = connector.fetch_inbox(cursor)
    assert sorted(ids(page)) == sorted(made)
    assert server.count(MENTIONS) - before == 3 and server.count(SEARCH) == 0
    state = XCursor.parse(page.cursor)
    assert state.mentions == made[-1] and state.gaps == ()
    assert connector.fetch_inbox(page.cursor).items == ()


def test_a_burst_of_1000_between_two_polls_arrives_whole_in_one_poll(server):
    """The timeline pages only to its 800 most recent mentions: the 200 older ones come through
    recent search in the same poll (8 + 2 requests, and 1 for direct messages)."""
    connector = direct_connector(server)
    seen = server.add_x_mention("@INEMexico primera", author="ana_mx")
    cursor = XCursor(mentions=seen, messages=seen).dump()
    made = burst(server, 1000)
    calls = len(server.calls)
    page = connector.fetch_inbox(cursor)
    assert sorted(ids(page)) == sorted(made) and len(page.items) == 1000
    assert (server.count(MENTIONS), server.count(SEARCH), server.count(DMS)) == (8, 2, 1)
    assert len(server.calls) - calls == 11
    assert XCursor.parse(page.cursor).gaps == ()
    assert connector.fetch_inbox(page.cursor).items == ()
    assert server.count(SEARCH) == 2  # no gap left: nothing asked again


def test_what_a_poll_cannot_read_is_a_gap_filled_later_oldest_first(server, monkeypatch):
    monkeypatch.setattr(x_mentions, "MENTION_PAGES", 1)
    monkeypatch.setattr(x_mentions, "GAP_PAGES", 1)
    connector = direct_connector(server)
    start = server.add_x_mention("@INEMexico primera")
    cursor = XCursor(mentions=start, messages=start).dump()
    first = burst(server, 300)
    one = connector.fetch_inbox(cursor)
    # The newest page by the timeline, then the newest page of what it left, by search.
    assert sorted(ids(one)) == sorted(first[100:])
    assert XCursor.parse(one.cursor).gaps == ((start, first[100]),)
    second = burst(server, 300, start=300)
    two = connector.fetch_inbox(one.cursor)
    # The newest of the second burst first, then the oldest gap (the first burst's rest).
    assert sorted(ids(two)) == sorted(second[200:] + first[:100])
    assert XCursor.parse(two.cursor).gaps == ((first[-1], second[200]),)
    three = connector.fetch_inbox(two.cursor)
    four = connector.fetch_inbox(three.cursor)
    read = ids(one) + ids(two) + ids(three) + ids(four)
    assert sorted(read) == sorted(first + second) and len(read) == len(set(read))  # once each
    assert XCursor.parse(four.cursor).gaps == ()
    asked = server.count(MENTIONS) + server.count(SEARCH)
    assert connector.fetch_inbox(four.cursor).items == ()
    assert server.count(MENTIONS) + server.count(SEARCH) == asked + 1  # only the newest


def test_a_gap_older_than_search_reach_is_read_without_its_since_id(server):
    connector = direct_connector(server)
    old = server.add_x_mention("@INEMexico hace ocho días", days_ago=8)
    made = burst(server, 150)
    cursor = XCursor(mentions=made[-1], messages=made[-1], gaps=((old, made[-1]),)).dump()
    page = connector.fetch_inbox(cursor)
    # Recent search refuses a since_id older than 7 days: asked again without it, down to
    # the gap's older end.
    assert sorted(ids(page)) == sorted(made[:-1])
    assert XCursor.parse(page.cursor).gaps == ()


def test_a_rate_limit_midway_keeps_the_pages_read_and_the_rest_as_a_gap(server):
    connector = direct_connector(server)
    start = server.add_x_mention("@INEMexico primera")
    cursor = XCursor(mentions=start, messages=start).dump()
    made = burst(server, 250)
    reset = in_a(15)
    server.limit_x("mentions", remaining=1, reset=reset)
    server.limit_x("search", remaining=0, reset=reset)
    page = connector.fetch_inbox(cursor)
    assert sorted(ids(page)) == sorted(made[150:])  # the page read before the limit
    state = XCursor.parse(page.cursor)
    assert state.mentions == made[-1] and state.gaps == ((start, made[150]),)
    assert int(page.extra["poll_again_in"]) == pytest.approx(15 * 60, abs=10)
    server.lift_x_limits()
    rest = connector.fetch_inbox(page.cursor)
    assert sorted(ids(rest)) == sorted(made[:150]) and XCursor.parse(rest.cursor).gaps == ()


def test_a_burst_reaches_the_inbox_through_the_poller(database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    server.add_x_mention("@JLE_JaliscoINE primera")
    poll = poller(database, clock, MemoryRecorder(), networks)
    assert poll.poll().new_items == 1
    burst(server, 1000, handle="@JLE_JaliscoINE")  # the connected account's (tests/factories)
    clock.advance(timedelta(minutes=3))
    report = poll.poll()
    assert report.new_items == 1000 and report.failed == {}
    assert len(items(database)) == 1001


def test_a_plan_without_search_keeps_its_gap_says_so_once_and_waits_a_day(server):
    """Search answered 403 for good (a plan of X's API without it): before, every poll asked
    it again (one refused request every two minutes, forever) and nobody was told."""
    server.x_search_in_plan = False
    connector = direct_connector(server)
    start = server.add_x_mention("@INEMexico primera")
    cursor = XCursor(mentions=start, messages=start).dump()
    made = burst(server, 900)  # past the timeline's reach of 800
    one = connector.fetch_inbox(cursor)
    assert sorted(ids(one)) == sorted(made[100:]) and server.count(SEARCH) == 1
    gap = ((start, made[100]),)
    assert XCursor.parse(one.cursor).gaps == gap
    notice = one.extra[INBOX_NOTICE]
    assert "@INEMexico" in notice and "Menciones" in notice and "x.com" in notice
    quiet = one
    for _ in range(3):  # a quiet day: the timeline and the messages, never search again
        calls = len(server.calls)
        quiet = connector.fetch_inbox(quiet.cursor)
        assert quiet.items == () and INBOX_NOTICE not in quiet.extra
        assert len(server.calls) - calls == 2 and server.count(SEARCH) == 1
        assert XCursor.parse(quiet.cursor).gaps == gap  # kept
    clock = connector.client.clock
    clock.advance(x_mentions.SEARCH_PAUSE + timedelta(minutes=1))  # type: ignore[attr-defined]
    still = connector.fetch_inbox(quiet.cursor)  # asked once more: still refused, not retold
    assert server.count(SEARCH) == 2 and INBOX_NOTICE not in still.extra
    assert XCursor.parse(still.cursor).gaps == gap
    server.x_search_in_plan = True  # the plan gains search
    clock.advance(x_mentions.SEARCH_PAUSE + timedelta(minutes=1))  # type: ignore[attr-defined]
    filled = connector.fetch_inbox(still.cursor)
    assert sorted(ids(filled)) == sorted(made[:100])
    state = XCursor.parse(filled.cursor)
    assert state.gaps == () and state.search_refused is None


def test_both_notices_of_one_poll_reach_the_person(server):
    server.x_search_in_plan = False
    connector = direct_connector(server, scopes=BEFORE_DMS)
    start = server.add_x_mention("@INEMexico primera")
    burst(server, 850)
    page = connector.fetch_inbox(XCursor(mentions=start, messages=start).dump())
    notice = page.extra[INBOX_NOTICE]
    assert "búsqueda" in notice and "mensajes directos" in notice.lower()
    assert INBOX_NOTICE not in connector.fetch_inbox(page.cursor).extra


def test_a_plan_without_search_is_told_once_through_the_poller(database, clock, server):
    server.x_search_in_plan = False
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    server.add_x_mention("@JLE_JaliscoINE primera")
    poll = poller(database, clock, MemoryRecorder(), networks)
    assert poll.poll().notifications == []
    burst(server, 850, handle="@JLE_JaliscoINE")
    clock.advance(timedelta(minutes=3))
    report = poll.poll()
    [note] = report.notifications
    assert report.new_items == 800 and "@JLE_JaliscoINE" in note.message
    clock.advance(timedelta(minutes=3))
    again = poll.poll()
    assert again.notifications == [] and again.failed == {}
    assert server.count(SEARCH) == 1


# -- direct messages -----------------------------------------------------------------------
def dms(server: FakeNetworks, count: int, *, start: int = 0) -> list[str]:
    return [server.add_x_dm(f"mensaje {n}", author=f"persona{n % 7}")
            for n in range(start, start + count)]


def test_messages_past_the_page_bound_go_on_from_the_token(server, monkeypatch):
    monkeypatch.setattr(x_messages, "MAX_PAGES", 2)
    connector = direct_connector(server)
    seen = server.add_x_dm("primero", author="ana_mx")
    cursor = XCursor(mentions=seen, messages=seen).dump()
    first = dms(server, 450)
    one = connector.fetch_inbox(cursor)
    assert sorted(ids(one)) == sorted(first[250:])
    state = XCursor.parse(one.cursor)
    assert state.messages == first[-1] and state.resume and state.resume[1] == seen
    later = dms(server, 30, start=450)
    two = connector.fetch_inbox(one.cursor)  # goes on from the token: 200 more
    assert sorted(ids(two)) == sorted(first[50:250])
    three = connector.fetch_inbox(two.cursor)  # the last 50, then the newest
    assert sorted(ids(three)) == sorted(first[:50] + later)
    read = ids(one) + ids(two) + ids(three)
    assert sorted(read) == sorted(first + later) and len(read) == len(set(read))
    assert XCursor.parse(three.cursor).resume is None
    assert connector.fetch_inbox(three.cursor).items == ()


def test_a_token_x_no_longer_honours_starts_again_from_the_newest(server, monkeypatch):
    monkeypatch.setattr(x_messages, "MAX_PAGES", 2)
    connector = direct_connector(server)
    seen = server.add_x_dm("primero", author="ana_mx")
    cursor = XCursor(mentions=seen, messages=seen).dump()
    first = dms(server, 250)
    one = connector.fetch_inbox(cursor)
    server.expire_x_page_tokens()
    two = connector.fetch_inbox(one.cursor)  # refused token: from the newest down again
    assert server.count(DMS) == 2 + 2  # the refused page and the newest page
    three = connector.fetch_inbox(two.cursor)
    read = set(ids(one) + ids(two) + ids(three))
    assert read == set(first)
    assert XCursor.parse(three.cursor).resume is None


def test_a_rate_limit_midway_through_messages_keeps_what_was_read(server):
    connector = direct_connector(server)
    seen = server.add_x_dm("primero", author="ana_mx")
    cursor = XCursor(mentions=seen, messages=seen).dump()
    first = dms(server, 250)
    server.limit_x("dm_events", remaining=1, reset=in_a(15))
    page = connector.fetch_inbox(cursor)
    assert sorted(ids(page)) == sorted(first[150:]) and "poll_again_in" in page.extra
    assert XCursor.parse(page.cursor).messages == first[-1]
    server.lift_x_limits()
    rest = connector.fetch_inbox(page.cursor)
    assert sorted(ids(rest)) == sorted(first[:150])


# -- the cursor ----------------------------------------------------------------------------
def test_cursors_written_before_are_read_and_upgraded(server):
    old = '{"mentions":"1000007","messages":"1000009","messages_denied":true}'
    state = XCursor.parse(old)
    assert (state.mentions, state.messages, state.messages_denied) == (
        "1000007", "1000009", True)
    assert state.dump() == old  # nothing new to say: written as before
    assert XCursor.parse("1000007") == XCursor(mentions="1000007", messages="1000007")
    # An old plain cursor meeting a burst larger than the timeline's reach.
    connector = direct_connector(server)
    start = server.add_x_mention("@INEMexico primera")
    made = burst(server, 850)
    page = connector.fetch_inbox(start)
    assert sorted(ids(page)) == sorted(made)
    assert json.loads(page.cursor)["mentions"] == made[-1]


def test_the_cursor_keeps_to_its_column_and_its_gaps_to_four():
    big = 1_900_000_000_000_000_000
    state = XCursor(mentions=str(big + 10_000), messages=str(big + 9_000),
                    resume=("T" * 60, str(big + 8_000)), messages_denied=True)
    for n in range(6):
        state = state.with_gap(str(big + n * 1000), str(big + n * 1000 + 500))
    assert len(state.gaps) == 4
    assert state.gaps[0] == (str(big), str(big + 2500))  # the three oldest became one
    assert len(state.dump()) <= MAX_CHARS and XCursor.parse(state.dump()) == state
    absurd = XCursor(mentions="5", messages="9", resume=("T" * 600, "7"))
    assert len(absurd.dump()) <= MAX_CHARS
    assert XCursor.parse(absurd.dump()) == XCursor(mentions="5", messages="7")
    assert XCursor(mentions="5").with_gap("5", "6").gaps == ()  # nothing fits between
