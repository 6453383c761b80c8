"""Facebook and Instagram through the real inbox poller (services/inbox_polling.py) on a real
SQLite file against the fake Graph API: an Instagram account's comments and direct messages
arrive once and are answered as a comment reply and as a private message; an account
connected without the messaging permission still brings its comments and the person is told
once (not every poll) to connect it again; an inbox cursor stored before messages existed (a
plain number) keeps its comments and starts messages from there; a temporary failure reading
messages fails the poll, stores nothing twice and never moves the cursor back; a reading cut by
the bound per poll goes on over the next polls and stores each comment once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.models.enums import Network
from redes_desktop.models.inbox import InboxCursor, InboxState
from redes_desktop.networks.graph_cursor import GraphCursor, Mark
from redes_desktop.services.activity import MemoryRecorder
from tests.graph_support import graph_office
from tests.inbox_support import connector_for, courtesy_checker, items, poller


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def stored_cursor(database, account_id) -> str | None:
    with database.session() as session:
        return session.scalar(select(InboxCursor.cursor)
                              .where(InboxCursor.account_id == account_id))


def test_instagram_comments_and_messages_arrive_once_and_are_answered_where_they_came(
        database, clock, server):
    office = graph_office(database, clock, server, Network.INSTAGRAM)
    server.ig_media.append({"id": "42", "caption": "Aviso", "timestamp": "2026-12-01T09:00:00"
                            "+0000", "permalink": "https://www.instagram.com/p/42/"})
    comment = server.add_ig_comment("42", "¿Hasta cuándo hay registro?")
    message = server.add_ig_message("¿Dónde está mi módulo?", igsid="8001")
    poll = poller(database, clock, MemoryRecorder(), office.networks)
    assert poll.poll().new_items == 2
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 0  # incremental: neither is stored again
    by_id = {i.remote_id: i for i in items(database)}
    assert set(by_id) == {comment, message}
    assert (by_id[comment].kind, by_id[comment].parent_remote_id) == ("comentario", "42")
    assert (by_id[message].kind, by_id[message].parent_remote_id) == ("mensaje_directo", "8001")

    answer = dict(database=database, clock=clock, recorder=MemoryRecorder(),
                  checker=courtesy_checker(), connector_for=connector_for(clock, office.networks),
                  person_id=office.titular, area_contacts=None)
    reply_to_item(item_id=by_id[comment].id, text="Hola, ana.lopez: hasta el 10 de enero.",
                  **answer)
    [public] = [c for c in server.ig_comments if c.get("parent")]
    assert public["parent"] == comment and public["text"].endswith("10 de enero.")
    reply_to_item(item_id=by_id[message].id, text="Hola, ana.lopez: en ine.mx/ubica.",
                  **answer)
    [private] = server.sent_messages("instagram")
    assert private["user"]["id"] == "8001" and private["message"].endswith("ine.mx/ubica.")
    assert len([c for c in server.ig_comments if c.get("parent")]) == 1  # no public copy
    assert server.count("POST /graph/{comment}/comments") == 0

    answered = {i.remote_id: i for i in items(database)}
    assert {i.state for i in answered.values()} == {InboxState.RESPONDIDO}
    assert answered[comment].reply_url == "https://www.instagram.com/p/42/"
    assert answered[message].reply_url == "https://www.instagram.com/direct/inbox/"
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 0  # the account's own answers are not questions


def test_without_the_messaging_permission_comments_arrive_and_it_is_said_once(
        database, clock, server):
    office = graph_office(database, clock, server, Network.FACEBOOK)
    server.graph_messaging_allowed.discard("messenger")
    server.fb_posts.append({"id": "555_1", "message": "Aviso", "permalink_url": "",
                            "created_time": "2026-12-01T10:00:00+0000"})
    server.add_fb_comment("555_1", "¿Hasta cuándo?", created="2026-12-01T10:05:00+0000")
    waiting = server.add_fb_message("¿Me ayudan con mi credencial?")
    poll = poller(database, clock, MemoryRecorder(), office.networks)
    first = poll.poll()
    assert first.new_items == 1 and first.failed == {}
    [notice] = first.notifications
    assert notice.kind == "aviso" and notice.target == ("buzon", "")
    assert "Facebook" in notice.message and "Cuentas › Conexión con la red" in notice.message
    for _ in range(2):  # not every poll
        clock.advance(timedelta(minutes=3))
        report = poll.poll()
        assert report.notifications == [] and report.failed == {}
    assert GraphCursor.parse(stored_cursor(database, office.account)).messages_refused
    # Connected again with the permission: the message that waited arrives.
    server.graph_messaging_allowed.add("messenger")
    clock.advance(timedelta(minutes=3))
    report = poll.poll()
    assert report.new_items == 1 and report.notifications == []
    assert waiting in {i.remote_id for i in items(database)}


def test_a_cursor_stored_before_messages_is_upgraded(database, clock, server):
    office = graph_office(database, clock, server, Network.FACEBOOK)
    seen_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    server.fb_posts.append({"id": "555_1", "message": "Aviso", "permalink_url": "",
                            "created_time": stamp(seen_at - timedelta(hours=1))})
    server.add_fb_comment("555_1", "Ya lo vio la versión anterior", created=stamp(seen_at))
    server.add_fb_message("Antes del cursor", created=stamp(seen_at - timedelta(minutes=30)))
    fresh = server.add_fb_message("¿Sigue abierto el registro?")
    with database.session() as session:  # what the previous version left: a plain number
        session.add(InboxCursor(account_id=office.account, cursor=str(int(seen_at.timestamp())),
                                failures=0, last_error=""))
        session.commit()
    report = poller(database, clock, MemoryRecorder(), office.networks).poll()
    assert report.failed == {} and report.new_items == 1
    assert [i.remote_id for i in items(database)] == [fresh]
    state = GraphCursor.parse(stored_cursor(database, office.account))
    assert state.comments.floor == Mark(int(seen_at.timestamp()) + 1)
    assert state.messages.floor is not None
    assert state.messages.floor.at > int(seen_at.timestamp())


def no_waits(connector):
    connector.client.sleep = connector.page.sleep = lambda seconds: None
    return connector


def not_behind(new: Mark | None, old: Mark | None) -> bool:
    return old is None or (new is not None and (new.at > old.at or (
        new.at == old.at and new.ids >= old.ids)))


def test_a_failed_message_read_stores_nothing_twice_and_keeps_the_cursor(
        database, clock, server):
    office = graph_office(database, clock, server, Network.FACEBOOK)
    post = server.add_fb_post("Aviso", created="2026-12-01T09:00:00+0000")
    first = server.add_fb_comment(post, "¿Hasta cuándo?", created="2026-12-01T10:00:00+0000")
    poll = poller(database, clock, MemoryRecorder(), office.networks, wrap=no_waits)
    assert poll.poll().new_items == 1
    before = stored_cursor(database, office.account)
    second = server.add_fb_comment(post, "¿Y el sábado?", created="2026-12-01T11:00:00+0000")
    message = server.add_fb_message("¿Me ayudan con mi credencial?")
    server.fail_next("GET /graph/{page}/conversations", 503, {"error": {
        "code": 2, "message": "Service temporarily unavailable"}}, times=4)
    failed = poll.poll(force=True)
    assert office.account in failed.failed and failed.new_items == 0
    assert "Facebook" in failed.failed[office.account]
    assert stored_cursor(database, office.account) == before  # the comments' read is dropped
    assert [i.remote_id for i in items(database)] == [first]
    again = poll.poll(force=True)
    assert again.failed == {} and again.new_items == 2
    assert sorted(i.remote_id for i in items(database)) == sorted([first, second, message])
    old, new = (GraphCursor.parse(before), GraphCursor.parse(
        stored_cursor(database, office.account)))
    assert not_behind(new.comments.floor, old.comments.floor)
    assert not_behind(new.messages.floor, old.messages.floor)
    assert poll.poll(force=True).new_items == 0
    last = GraphCursor.parse(stored_cursor(database, office.account))
    assert not_behind(last.comments.floor, new.comments.floor)
    assert not_behind(last.messages.floor, new.messages.floor)


def test_a_reading_cut_by_the_bound_goes_on_and_stores_each_comment_once(
        database, clock, server):
    office = graph_office(database, clock, server, Network.FACEBOOK)
    with database.session() as session:  # everything before 9:00 was brought
        session.add(InboxCursor(account_id=office.account, cursor=str(int(datetime(
            2026, 12, 1, 9, tzinfo=UTC).timestamp())), failures=0, last_error=""))
        session.commit()
    expected = []
    for n in range(6):
        post = server.add_fb_post(f"Aviso {n}", created=f"2026-11-2{n}T09:00:00+0000")
        expected += [server.add_fb_comment(post, f"Duda {n}.{k}",
                                           created=f"2026-12-01T10:0{n}:0{k}+0000")
                     for k in range(3)]

    def small(connector):
        connector.calls_per_poll = 2
        return no_waits(connector)

    poll = poller(database, clock, MemoryRecorder(), office.networks, wrap=small)
    stored = 0
    for _ in range(10):
        report = poll.poll(force=True)
        assert report.failed == {}
        stored += report.new_items
        state = GraphCursor.parse(stored_cursor(database, office.account))
        if report.new_items == 0 and state.comments.head is None:
            break
    assert stored == 18
    assert sorted(i.remote_id for i in items(database)) == sorted(expected)
