"""A follow-up in a YouTube thread the channel answered comes even once the thread is older than
the pages of threads a poll reads (issue 17, 5.2 e: follow up all comments), against the local
server speaking the Data API v3, which keeps threads in the order their top comments were
written (Google does not say whether a new reply moves its thread up). Before, such a reply
never came. The watch costs one request (1 unit) a poll for all the threads it holds, reads a
thread's replies only when its count changed, and ends WATCH_DAYS after the channel's last
answer; threads the channel did not answer cost nothing. Cursors written before still read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.clock import FixedClock
from redes_desktop.networks.youtube import WATCH_DAYS, InboxMark
from redes_desktop.networks.youtube_cursor import (
    CURSOR_LIMIT,
    MAX_WATCHED,
    Watch,
    YouTubeCursor,
)
from tests.test_networks_youtube import connector

THREADS = "GET /youtube/v3/commentThreads"
COMMENTS = "GET /youtube/v3/comments"


@pytest.fixture
def yt_clock(server):
    moment = FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    server.yt_clock = moment
    return moment


def at(clock, minutes: float = 0) -> str:
    return (clock() + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def answered_thread_pushed_down(server, yt, yt_clock) -> tuple[str, str | None]:
    """A thread the channel answered an hour ago, then 150 newer threads read by a poll: it
    is no longer among the 100 newest. (thread, the cursor after.)"""
    old = server.add_yt_comment("v1", "¿Dónde está mi casilla?", published=at(yt_clock, -600))
    server.add_yt_reply(old, "Hola, Ana: en ine.mx/ubica", author="INE TV",
                        author_channel="UCine", published=at(yt_clock, -60))
    first = yt.fetch_inbox(None)
    assert [i.remote_id for i in first.items] == [old]
    assert [w.thread for w in YouTubeCursor.parse(first.cursor).watched] == [old]
    for n in range(150):
        server.add_yt_comment("v2", f"Duda {n}", author_channel=f"UC{n}",
                              published=at(yt_clock, -500 + n))
    second = yt.fetch_inbox(first.cursor)
    assert len(second.items) == 150
    return old, second.cursor


def test_a_follow_up_in_an_answered_thread_comes_after_it_left_the_pages_read(
        server, yt_clock):
    yt = connector(server, yt_clock)
    old, cursor = answered_thread_pushed_down(server, yt, yt_clock)
    threads, comments = server.count(THREADS), server.count(COMMENTS)
    quiet = yt.fetch_inbox(cursor)
    assert quiet.items == ()
    # The newest page, and the watched thread asked for by id; its count did not change.
    assert (server.count(THREADS) - threads, server.count(COMMENTS) - comments) == (2, 0)
    follow_up = server.add_yt_reply(old, "¿Y si cambié de domicilio?", published=at(yt_clock, -1))
    page = yt.fetch_inbox(quiet.cursor)
    [item] = page.items
    assert (item.remote_id, item.parent_remote_id) == (follow_up, old)
    assert item.url == f"https://www.youtube.com/watch?v=v1&lc={follow_up}"
    assert yt.fetch_inbox(page.cursor).items == ()


def test_a_long_watched_thread_is_read_only_when_its_count_changes(server, yt_clock):
    yt = connector(server, yt_clock)
    old, cursor = answered_thread_pushed_down(server, yt, yt_clock)
    for n in range(8):  # more replies than a thread carries
        server.add_yt_reply(old, f"Yo también {n}", author_channel=f"UCr{n}",
                            published=at(yt_clock, -200 + n))
    page = yt.fetch_inbox(cursor)
    assert len(page.items) == 8 and server.count(COMMENTS) == 1  # the count changed: read
    comments = server.count(COMMENTS)
    assert yt.fetch_inbox(page.cursor).items == ()
    assert server.count(COMMENTS) == comments  # unchanged: not read again


def test_the_watch_ends_days_after_the_channels_last_answer(server, yt_clock):
    yt = connector(server, yt_clock)
    old, cursor = answered_thread_pushed_down(server, yt, yt_clock)
    yt_clock.advance(WATCH_DAYS + timedelta(hours=1))
    threads = server.count(THREADS)
    page = yt.fetch_inbox(cursor)
    assert server.count(THREADS) - threads == 1  # the newest page only
    assert YouTubeCursor.parse(page.cursor).watched == ()


def test_a_thread_the_channel_did_not_answer_costs_nothing_more(server, yt_clock):
    yt = connector(server, yt_clock)
    server.add_yt_comment("v1", "Saludos", published=at(yt_clock, -600))
    first = yt.fetch_inbox(None)
    assert YouTubeCursor.parse(first.cursor).watched == ()
    for n in range(150):
        server.add_yt_comment("v2", f"Duda {n}", author_channel=f"UC{n}",
                              published=at(yt_clock, -500 + n))
    second = yt.fetch_inbox(first.cursor)
    threads = server.count(THREADS)
    assert yt.fetch_inbox(second.cursor).items == ()
    assert server.count(THREADS) - threads == 1


def test_the_cursor_reads_the_forms_written_before_and_keeps_to_its_column():
    old = "2026-12-01T10:00:00+00:00|Ug1,Ug2"
    state = YouTubeCursor.parse(old)
    assert state.mark == InboxMark.parse(old) and state.watched == ()
    assert state.text() == old
    assert YouTubeCursor.parse("2026-12-01T10:00:00+00:00").mark.ids == frozenset()
    long_id = "Ugz" + "x" * 23
    mark = InboxMark(datetime(2026, 12, 1, tzinfo=UTC),
                     frozenset(f"{long_id}.{n:030d}" for n in range(20)))
    watched = tuple(Watch(f"{long_id}{n}", 120 + n, 1_800_000_000 + n)
                    for n in range(MAX_WATCHED))
    text = YouTubeCursor(mark, watched).text()
    assert len(text) <= CURSOR_LIMIT
    back = YouTubeCursor.parse(text)
    assert back.watched == watched and back.mark.at == mark.at
    assert back.mark.ids and back.mark.ids <= mark.ids  # some ids left out: they may come again
