"""YouTube's comments as an inbox (issue 17), against the local server speaking the Data API v3:
replies written by others in the channel's threads come as comments of the thread (and the
answer goes to the thread), the channel's own comments never come, threads are read page by
page until one older than the cursor, a thread's replies beyond the few it carries come from
comments.list; a reply whose answer never came is found in its thread instead of sent twice;
and the whole path through the real poller and `reply_to_item`, with the daily quota."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.clock import FixedClock
from redes_desktop.models import AccountStatus, Area, Network, Person
from redes_desktop.models.inbox import InboxCursor, InboxState
from redes_desktop.networks.errors import NetworkError, TransientNetworkError
from redes_desktop.networks.types import InboxKind, PublishRequest
from redes_desktop.networks.youtube import InboxMark, comment_url, next_pacific_midnight
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from tests.actions_support import seed
from tests.inbox_support import connect, connector_for, courtesy_checker, items, poller
from tests.test_networks_youtube import connector


@pytest.fixture
def yt_clock(server):
    """A clock near the wall clock that the fake network also uses for `publishedAt`."""
    moment = FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1))
    server.yt_clock = moment
    return moment


def at(clock, minutes: float = 0) -> str:
    return (clock() + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def impatient(yt):
    """A read timeout shorter than the fake server's stall (an answer that never comes)."""
    yt.client.timeout = (2.0, 0.5)
    return yt


# -- fetch_inbox --------------------------------------------------------------------------
def test_replies_by_others_come_as_comments_of_the_thread_and_the_channels_never(
        server, yt_clock):
    yt = connector(server, yt_clock)
    top = server.add_yt_comment("v1", "¿Dónde está mi casilla?", published=at(yt_clock, -30))
    own_top = server.add_yt_comment("v1", "Consulta tu casilla en ine.mx", author="INE TV",
                                    author_channel="UCine", published=at(yt_clock, -20))
    server.add_yt_reply(top, "Hola, Ana: en ine.mx/ubica", author="INE TV",
                        author_channel="UCine", published=at(yt_clock, -10))
    other = server.add_yt_reply(top, "A mí tampoco me aparece", published=at(yt_clock, -5))
    on_own = server.add_yt_reply(own_top, "¿Y si cambié de domicilio?", author="Carla",
                                 author_channel="UCcarla", published=at(yt_clock, -4))
    page = yt.fetch_inbox(None)
    got = {i.remote_id: i for i in page.items}
    assert set(got) == {top, other, on_own}
    assert got[top].parent_remote_id == "v1" and got[top].kind == InboxKind.COMMENT
    assert got[other].parent_remote_id == top and got[other].author_name == "Beto Ruiz"
    assert got[other].kind == InboxKind.COMMENT and got[other].text == "A mí tampoco me aparece"
    assert got[other].url == f"https://www.youtube.com/watch?v=v1&lc={other}"
    assert got[on_own].parent_remote_id == own_top
    assert yt.fetch_inbox(page.cursor).items == ()
    later = server.add_yt_reply(top, "Ya la encontré, gracias", published=at(yt_clock, -1))
    assert [i.remote_id for i in yt.fetch_inbox(page.cursor).items] == [later]


def test_a_thread_with_more_replies_than_it_carries_is_read_through_comments_list(
        server, yt_clock):
    yt = connector(server, yt_clock)
    top = server.add_yt_comment("v1", "¿Cuándo es la jornada?", published=at(yt_clock, -60))
    replies = [server.add_yt_reply(top, f"Respuesta {n}", author_channel=f"UC{n}",
                                   published=at(yt_clock, -50 + n)) for n in range(7)]
    got = [i.remote_id for i in yt.fetch_inbox(None).items]
    assert sorted(got) == sorted([top, *replies])
    assert server.count("GET /youtube/v3/comments") == 1


def test_threads_are_read_page_by_page_until_one_older_than_the_cursor(server, yt_clock):
    yt = connector(server, yt_clock)
    for n in range(150):
        server.add_yt_comment("v1", f"Comentario {n}", author_channel=f"UC{n}",
                              published=at(yt_clock, -300 + n))
    first = yt.fetch_inbox(None)
    assert len(first.items) == 100  # without a cursor: the first page, not the whole history
    assert server.count("GET /youtube/v3/commentThreads") == 1
    # The newest thread seen lands on the second page once 120 more arrive.
    old_thread = max(first.items, key=lambda i: i.created_at).remote_id
    new = [server.add_yt_comment("v2", f"Nuevo {n}", author_channel=f"UCn{n}",
                                 published=at(yt_clock, -100 + n)) for n in range(120)]
    late_reply = server.add_yt_reply(old_thread, "Respuesta tardía", published=at(yt_clock))
    second = yt.fetch_inbox(first.cursor)
    assert sorted(i.remote_id for i in second.items) == sorted([*new, late_reply])
    # 120 new threads: two pages; the second holds older threads, so no third is asked.
    assert server.count("GET /youtube/v3/commentThreads") == 3


def test_two_comments_in_the_same_second_each_come_once(server, yt_clock):
    yt = connector(server, yt_clock)
    same = at(yt_clock, -1)
    a = server.add_yt_comment("v1", "Primero", published=same)
    first = yt.fetch_inbox(None)
    b = server.add_yt_comment("v1", "Segundo, en el mismo segundo", author_channel="UCb",
                              published=same)
    assert [i.remote_id for i in first.items] == [a]
    assert [i.remote_id for i in yt.fetch_inbox(first.cursor).items] == [b]
    assert InboxMark.parse(first.cursor).ids == frozenset({a})
    assert InboxMark.parse("no es una fecha").at is None  # an unreadable cursor starts over
    assert comment_url("", "Ugx") == ""  # no video, no address to make up


# -- replies and the look-up after a timeout ----------------------------------------------
def test_an_answer_to_a_reply_goes_to_its_thread_with_the_address_of_the_answer(
        server, yt_clock):
    yt = connector(server, yt_clock)
    top = server.add_yt_comment("v9", "¿Hay casilla especial?", published=at(yt_clock, -9))
    reply = server.add_yt_reply(top, "¿Y en el aeropuerto?", published=at(yt_clock, -5))
    sent = yt.publish(PublishRequest("UCine", "Hola, Beto: sí, en la terminal 1.",
                                     reply_to=reply))
    stored = server.yt_replies[-1]
    assert stored["parentId"] == top and stored["authorChannelId"] == "UCine"
    assert sent.remote_id == stored["id"]
    assert sent.url == f"https://www.youtube.com/watch?v=v9&lc={stored['id']}"


def test_a_reply_that_timed_out_after_youtube_took_it_is_found_in_its_thread(
        server, yt_clock):
    yt = impatient(connector(server, yt_clock))
    top = server.add_yt_comment("v1", "¿Dónde voto?", published=at(yt_clock, -9))
    request = PublishRequest("UCine", "Hola, Ana: en ine.mx/ubica", reply_to=top)
    server.accept_then_stall("POST /youtube/v3/comments")
    with pytest.raises(TransientNetworkError) as caught:
        yt.publish(request)
    assert caught.value.ambiguous
    found = yt.find_published(request, yt_clock() - timedelta(minutes=2))
    [stored] = server.yt_replies
    assert found is not None and found.remote_id == stored["id"]
    assert found.url == f"https://www.youtube.com/watch?v=v1&lc={stored['id']}"


def test_the_look_up_takes_only_the_channels_reply_with_that_text_after_the_send(
        server, yt_clock):
    yt = connector(server, yt_clock)
    top = server.add_yt_comment("v1", "¿Dónde voto?", published=at(yt_clock, -90))
    text = "Hola, Ana: en ine.mx/ubica"
    server.add_yt_reply(top, text, author="INE TV", author_channel="UCine",
                        published=at(yt_clock, -60))  # the same answer, an hour ago
    server.add_yt_reply(top, text, author="Imitador", author_channel="UCotro",
                        published=at(yt_clock))  # someone else copying it
    server.add_yt_reply(top, "Hola, Ana: en otra parte", author="INE TV",
                        author_channel="UCine", published=at(yt_clock))
    request = PublishRequest("UCine", text, reply_to=top)
    assert yt.find_published(request, yt_clock() - timedelta(minutes=2)) is None


def test_answering_a_comment_that_was_deleted_says_so(server, yt_clock):
    yt = connector(server, yt_clock)
    with pytest.raises(NetworkError, match="ya no está en YouTube"):
        yt.publish(PublishRequest("UCine", "Hola, Ana", reply_to="Ugborrado"))
    assert server.count("POST /youtube/v3/comments") == 0


# -- through the poller and reply_to_item -------------------------------------------------
@pytest.fixture
def channel(database, clock, server):
    """A YouTube account of the area, connected to the fake network on this workstation."""
    people = seed(database, clock)
    with database.session() as session:
        titular = session.get(Person, people.titular)
        suplente = session.get(Person, people.suplente)
        directory = Directory(session, clock, NullRecorder())
        account = directory.create_account(
            area=session.get(Area, titular.area_id), network=Network.YOUTUBE,
            name="INE TV", handle="@INETV", email="yt.jal@ine.mx",
            status=AccountStatus.ACTIVA, official=True)
        directory.designate_administrators(account, titular, suplente)
        session.commit()
        account_id = account.id
    base = server.base
    networks = NetworkSettings({"youtube": "app.apps.google"}, {"youtube": {
        "api": f"{base}/youtube/v3", "upload": f"{base}/upload/youtube/v3",
        "authorize": f"{base}/oauth/authorize", "token": f"{base}/oauth/token"}})
    connect(database, clock, MemoryRecorder(), people.titular, account_id, networks)
    server.yt_clock = clock
    return people, account_id, networks


def _reply(database, clock, people, item, make_connector, text):
    return reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                         checker=courtesy_checker(), connector_for=make_connector,
                         person_id=people.titular, item_id=item.id, text=text,
                         area_contacts=None)


def test_youtube_comments_arrive_once_and_the_answers_go_to_their_threads(
        database, clock, server, channel):
    people, account_id, networks = channel
    top = server.add_yt_comment("v1", "¿Dónde tramito mi credencial?", author="Ana López",
                                published=at(clock, -30))
    poll = poller(database, clock, MemoryRecorder(), networks)
    assert poll.poll().new_items == 1
    reply = server.add_yt_reply(top, "¿Y si me cambié de estado?", author="Beto Ruiz",
                                published=at(clock, -1))
    clock.advance(timedelta(minutes=14))
    poll.poll()  # YouTube's daily quota: asked every 15 minutes, not every 2
    assert server.count("GET /youtube/v3/commentThreads") == 1
    clock.advance(timedelta(minutes=2))
    assert poll.poll().new_items == 1  # only the reply: the comment is not stored again
    clock.advance(timedelta(minutes=16))
    assert poll.poll().new_items == 0
    stored = {i.remote_id: i for i in items(database) if i.account_id == account_id}
    assert set(stored) == {top, reply} and stored[reply].parent_remote_id == top
    assert stored[top].tags == ["pregunta"]
    result = _reply(database, clock, people, stored[reply], connector_for(clock, networks),
                    "Hola, Beto: actualice su domicilio en un módulo.")
    answer = server.yt_replies[-1]
    assert answer["parentId"] == top and answer["authorChannelId"] == "UCine"
    assert result.url == f"https://www.youtube.com/watch?v=v1&lc={answer['id']}"
    clock.advance(timedelta(minutes=16))
    assert poll.poll().new_items == 0  # the channel's own answer never comes in


def test_a_stalled_youtube_reply_is_found_and_not_sent_twice(database, clock, server, channel):
    people, account_id, networks = channel
    server.add_yt_comment("v1", "¿Dónde voto?", author="Ana López", published=at(clock, -30))
    poller(database, clock, MemoryRecorder(), networks).poll()
    [item] = [i for i in items(database) if i.account_id == account_id]
    server.accept_then_stall("POST /youtube/v3/comments")
    build = connector_for(clock, networks)
    result = _reply(database, clock, people, item, lambda c: impatient(build(c)),
                    "Hola, Ana: su casilla está en ine.mx/ubica")
    [answer] = server.yt_replies
    assert server.count("POST /youtube/v3/comments") == 1
    assert result.url == f"https://www.youtube.com/watch?v=v1&lc={answer['id']}"
    [stored] = [i for i in items(database) if i.account_id == account_id]
    assert stored.state == InboxState.RESPONDIDO and stored.reply_url == result.url


def test_a_spent_quota_waits_until_pacific_midnight_and_keeps_the_cursor(
        database, clock, server, channel):
    _people, account_id, networks = channel
    first = server.add_yt_comment("v1", "Hola", author="Ana López", published=at(clock, -30))
    poll = poller(database, clock, MemoryRecorder(), networks)
    poll.poll()

    def cursor_state():
        with database.session() as session:
            state = session.query(InboxCursor).filter_by(account_id=account_id).one()
            return state.cursor, state.next_poll_at, state.failures

    before, _, _ = cursor_state()
    server.fail_next("GET /youtube/v3/commentThreads", 403, {"error": {
        "code": 403, "message": "quota", "errors": [{"reason": "quotaExceeded"}]}})
    clock.advance(timedelta(minutes=16))
    report = poll.poll()
    assert "YouTube limitó" in report.failed[account_id]
    cursor, due, failures = cursor_state()
    midnight = next_pacific_midnight(clock())
    assert (cursor, failures) == (before, 1)
    assert due.replace(tzinfo=UTC) == midnight
    asked = server.count("GET /youtube/v3/commentThreads")
    clock.set(midnight - timedelta(minutes=1))
    assert poll.poll().new_items == 0
    assert server.count("GET /youtube/v3/commentThreads") == asked  # not asked before midnight
    later = server.add_yt_comment("v2", "¿Sigue abierto el registro?", author_channel="UCz",
                                  published=at(clock))
    clock.set(midnight + timedelta(minutes=1))
    assert poll.poll().new_items == 1
    assert {i.remote_id for i in items(database) if i.account_id == account_id} == {first,
                                                                                    later}
    assert cursor_state()[2] == 0


def test_the_inbox_help_says_youtube_has_no_direct_messages():
    page = Path(__file__).parents[1] / "resources" / "help" / "buzon.html"
    assert "YouTube no ofrece mensajes directos" in page.read_text(encoding="utf-8")
