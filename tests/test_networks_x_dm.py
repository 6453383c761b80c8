"""X direct messages (issue 17) against the local fake X server, on a real SQLite file: they
arrive through the real poller as «mensaje directo» items and are stored once, the cursor pages
back to the last event seen and an older plain cursor still works, a reply goes privately in
the conversation (never as a public post) and one whose answer never came is found instead of
sent twice, and a connection authorised without the dm scopes still brings its mentions and
says once, in Spanish, to connect the account again."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from redes_desktop.actions.inbox_list import list_inbox
from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.clock import FixedClock
from redes_desktop.errors import UserFacingError
from redes_desktop.models.enums import Network
from redes_desktop.models.inbox import InboxCursor, InboxState
from redes_desktop.networks import registry, x
from redes_desktop.networks.http import ApiClient, RetryPolicy
from redes_desktop.networks.oauth import OAuthProvider, StoredTokens, authorize_in_browser
from redes_desktop.networks.types import (
    INBOX_NOTICE,
    InboxKind,
    OutgoingMedia,
    PublishRequest,
)
from redes_desktop.networks.x_messages import XCursor
from redes_desktop.services.activity import MemoryRecorder
from tests.actions_support import seed
from tests.fake_networks import FakeNetworks
from tests.inbox_support import (
    connect,
    connector_for,
    courtesy_checker,
    items,
    network_settings,
    poller,
)
from tests.memory_secrets import MemorySecrets

BEFORE_DMS = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")


@pytest.fixture
def world(database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    return people, networks


def direct_connector(server: FakeNetworks, scopes=x.SCOPES) -> x.XConnector:
    """The connector alone, authorised with `scopes` (today's by default)."""
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))
    provider = OAuthProvider("X", f"{server.base}/oauth/authorize",
                             f"{server.base}/oauth/token", "cliente-ine", scopes)
    tokens = StoredTokens(MemorySecrets(), provider, uuid.uuid4(), clock)  # type: ignore[arg-type]
    tokens.save(authorize_in_browser(provider, open_browser=lambda u: requests.get(u, timeout=10),
                                     clock=clock, timeout=10))
    client = ApiClient(server.base, network="X", tokens=tokens, clock=clock,
                       classify=x.classify, sleep=lambda _s: None,
                       policy=RetryPolicy(attempts=2), timeout=(2.0, 1.0))
    return x.XConnector(client, user_id="42", handle="@INEMexico")


def _stored_cursor(database) -> InboxCursor:
    with database.session() as session:
        state = session.query(InboxCursor).one()
        session.expunge(state)
        return state


# -- reading ------------------------------------------------------------------------------
def test_received_messages_become_private_items_of_their_conversation(server):
    connector = direct_connector(server)
    server.add_x_dm("Hola, ¿dónde tramito mi credencial?", author="ana_mx", name="Ana López")
    answer = server.add_x_dm("Con gusto, Ana: en ine.mx/modulos", author="ana_mx",
                             from_account=True)
    server.add_x_dm("", author="beto", event_type="ParticipantsJoin")
    page = connector.fetch_inbox(None)
    [item] = page.items  # not the account's own answer, not a join event
    conversation = server.x_dm_conversation("ana_mx")
    assert item.kind == InboxKind.DIRECT and item.text == "Hola, ¿dónde tramito mi credencial?"
    assert (item.author_name, item.author_handle) == ("Ana López", "ana_mx")
    assert item.parent_remote_id == conversation
    # Its address is the private conversation, never a public post's.
    assert item.url == f"https://x.com/messages/{conversation}" and "/status/" not in item.url
    assert item.created_at.tzinfo is not None
    assert XCursor.parse(page.cursor).messages == answer  # the newest message seen
    assert INBOX_NOTICE not in page.extra
    assert connector.fetch_inbox(page.cursor).items == ()


def test_many_messages_between_two_polls_are_read_page_by_page_down_to_the_cursor(server):
    connector = direct_connector(server)
    server.add_x_dm("primero", author="ana_mx")
    cursor = connector.fetch_inbox(None).cursor
    for n in range(230):
        server.add_x_dm(f"mensaje {n}", author=f"persona{n % 7}")
    before = server.count("GET /2/dm_events")
    page = connector.fetch_inbox(cursor)
    assert sorted(i.text for i in page.items) == sorted(f"mensaje {n}" for n in range(230))
    assert server.count("GET /2/dm_events") - before == 3  # 100 + 100 + 30, then the cursor
    assert connector.fetch_inbox(page.cursor).items == ()


def test_direct_messages_arrive_through_the_poller_once(database, clock, world, server):
    people, networks = world
    server.add_x_mention("@INEMexico ¿hasta cuándo puedo votar?", author="carla")
    server.add_x_dm("¿Puedo votar si perdí mi credencial?", author="ana_mx", name="Ana López")
    poll = poller(database, clock, MemoryRecorder(), networks)
    report = poll.poll()
    assert report.new_items == 2 and report.failed == {} and report.notifications == []
    direct = [i for i in items(database) if i.kind == InboxKind.DIRECT.value]
    assert [(i.author_name, i.text, i.state) for i in direct] == [
        ("Ana López", "¿Puedo votar si perdí mi credencial?", InboxState.NUEVO)]
    assert direct[0].parent_remote_id == server.x_dm_conversation("ana_mx")
    assert direct[0].tags == ["pregunta"]
    listing = list_inbox(database, clock=clock, person_id=people.titular)
    assert sorted(r.kind for r in listing.rows) == ["mencion", "mensaje_directo"]
    # Polled again, the same message is not stored twice; a new one is.
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 0
    server.add_x_dm("Gracias", author="ana_mx")
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 1
    assert len(items(database)) == 3


def test_an_older_plain_cursor_is_read_as_both_cursors(database, clock, world, server):
    people, networks = world
    server.add_x_dm("Un mensaje de hace semanas, ya atendido en x.com", author="eva")
    seen = server.add_x_mention("@INEMexico ya visto")
    # What a workstation stored before messages were read: the mentions' since_id alone.
    with database.session() as session:
        session.add(InboxCursor(account_id=people.account, cursor=seen, failures=0,
                                last_error=""))
        session.commit()
    newer = server.add_x_mention("@INEMexico ¿y mi casilla?", author="dora")
    message = server.add_x_dm("¿Me ayudan con mi trámite?", author="ana_mx")
    assert poller(database, clock, MemoryRecorder(), networks).poll().new_items == 2
    # Messages start where the mentions stood: no month of old conversations floods in.
    assert sorted(i.remote_id for i in items(database)) == sorted([newer, message])
    state = XCursor.parse(_stored_cursor(database).cursor)
    assert (state.mentions, state.messages, state.messages_denied) == (newer, message, False)


# -- answering ----------------------------------------------------------------------------
def _direct_item(database, clock, networks, server):
    server.add_x_dm("¿Dónde está mi casilla?", author="ana_mx", name="Ana López")
    poller(database, clock, MemoryRecorder(), networks).poll()
    [item] = items(database)
    assert item.kind == InboxKind.DIRECT.value
    return item


def _reply(database, clock, people, item, connectors, text="Hola, Ana: está en ine.mx/ubica"):
    return reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                         checker=courtesy_checker(), connector_for=connectors,
                         person_id=people.titular, item_id=item.id, text=text,
                         area_contacts=None)


def test_a_reply_to_a_direct_message_goes_privately_never_as_a_post(database, clock, world,
                                                                    server):
    people, networks = world
    item = _direct_item(database, clock, networks, server)
    result = _reply(database, clock, people, item, connector_for(clock, networks))
    conversation = server.x_dm_conversation("ana_mx")
    assert server.count("POST /2/dm_conversations/{id}/messages") == 1
    assert server.count("POST /2/tweets") == 0 and server.x_posts == []
    sent = server.x_dm_events[-1]
    assert (sent["sender_id"], sent["dm_conversation_id"], sent["text"]) == (
        "42", conversation, "Hola, Ana: está en ine.mx/ubica")
    assert result.url == f"https://x.com/messages/{conversation}"
    stored = items(database)[0]
    assert stored.state == InboxState.RESPONDIDO and stored.reply_url == result.url
    # The account's own answer is not a new item of the inbox.
    clock.advance(timedelta(minutes=3))
    assert poller(database, clock, MemoryRecorder(), networks).poll().new_items == 0


def _impatient(clock, networks):
    """The connectors, with a read timeout shorter than the fake server's stall."""
    build = connector_for(clock, networks)

    def make(connection):
        connector = build(connection)
        connector.client.timeout = (2.0, 0.5)
        return connector

    return make


def test_a_message_accepted_then_unanswered_is_found_not_sent_twice(database, clock, world,
                                                                    server):
    people, networks = world
    item = _direct_item(database, clock, networks, server)
    server.accept_then_stall("POST /2/dm_conversations/{id}/messages")
    result = _reply(database, clock, people, item, _impatient(clock, networks))
    assert server.count("POST /2/dm_conversations/{id}/messages") == 1
    assert server.count("GET /2/dm_conversations/{id}/dm_events") == 1
    mine = [e for e in server.x_dm_events if e["sender_id"] == "42"]
    assert len(mine) == 1 and server.count("POST /2/tweets") == 0
    assert result.url.endswith(server.x_dm_conversation("ana_mx"))
    assert items(database)[0].state == InboxState.RESPONDIDO


def test_the_lookup_finds_only_the_accounts_own_recent_message(server):
    connector = direct_connector(server)
    server.add_x_dm("Hola, Ana", author="ana_mx")  # the person wrote the same words
    conversation = server.x_dm_conversation("ana_mx")
    request = PublishRequest("42", "Hola, Ana", conversation=conversation)
    since = datetime.now(UTC) - timedelta(minutes=2)
    assert connector.find_published(request, since) is None
    sent = connector.publish(request)
    found = connector.find_published(request, since)
    assert found is not None and found.remote_id == sent.remote_id
    assert connector.find_published(request, datetime.now(UTC) + timedelta(minutes=1)) is None


def test_a_direct_answer_carries_one_image_and_refuses_two(server, tmp_path: Path):
    connector = direct_connector(server)
    server.add_x_dm("¿Me manda el cartel?", author="ana_mx")
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    media = OutgoingMedia(image, "image/png", "Cartel")
    conversation = server.x_dm_conversation("ana_mx")
    connector.publish(PublishRequest("42", "Aquí está", media=(media,), reply_to="1",
                                     conversation=conversation))
    [attachment] = server.x_dm_events[-1]["body"]["attachments"]
    assert attachment["media_id"] in server.x_media and server.x_posts == []
    with pytest.raises(UserFacingError, match="una sola imagen"):
        connector.publish(PublishRequest("42", "Dos", media=(media, media),
                                         conversation=conversation))
    assert server.count("POST /2/dm_conversations/{id}/messages") == 1


# -- a connection without the dm scopes, and limits ---------------------------------------
def test_without_dm_scopes_mentions_arrive_and_the_person_is_told_once(
        database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    with pytest.MonkeyPatch.context() as old:  # authorised before dm.read and dm.write were asked
        old.setitem(registry.SCOPES, Network.X, BEFORE_DMS)
        connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    server.add_x_mention("@INEMexico ¿dónde voto?", author="carla")
    waiting = server.add_x_dm("¿Me ayudan?", author="ana_mx")
    poll = poller(database, clock, MemoryRecorder(), networks)
    report = poll.poll()
    assert report.new_items == 1 and report.failed == {}
    assert [i.kind for i in items(database)] == ["mencion"]
    [note] = report.notifications
    assert "mensajes directos" in note.message and "@JLE_JaliscoINE" in note.message
    assert "Vuelva a conectarla en Cuentas › Conexión con la red" in note.message
    assert note.kind == "aviso"
    state = _stored_cursor(database)
    assert state.failures == 0 and state.last_error == ""
    # Later polls bring the mentions and say nothing more.
    server.add_x_mention("@INEMexico otra", author="dora")
    clock.advance(timedelta(minutes=3))
    again = poll.poll()
    assert again.new_items == 1 and again.notifications == []
    assert XCursor.parse(_stored_cursor(database).cursor).messages is None  # not moved
    # Connected again with today's scopes: the message waiting meanwhile arrives.
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    clock.advance(timedelta(minutes=3))
    after = poll.poll()
    assert after.new_items == 1 and after.notifications == []
    assert waiting in {i.remote_id for i in items(database)}
    state_after = XCursor.parse(_stored_cursor(database).cursor)
    assert state_after.messages == waiting and not state_after.messages_denied


def test_a_rate_limit_on_messages_waits_and_moves_no_cursor(database, clock, world, server):
    _people, networks = world
    server.add_x_mention("@INEMexico primero", author="carla")
    poll = poller(database, clock, MemoryRecorder(), networks)
    poll.poll()
    before = _stored_cursor(database).cursor
    server.add_x_mention("@INEMexico segundo", author="dora")
    server.add_x_dm("¿Me ayudan?", author="ana_mx")
    reset = clock() + timedelta(minutes=3 + 15)  # longer than the client waits by itself
    server.fail_next("GET /2/dm_events", 429, {"title": "Too Many Requests"},
                     {"x-rate-limit-reset": str(int(reset.timestamp()))})
    clock.advance(timedelta(minutes=3))
    report = poll.poll()
    assert report.new_items == 0 and "limitó" in next(iter(report.failed.values()))
    state = _stored_cursor(database)
    assert state.cursor == before and state.next_poll_at.replace(tzinfo=UTC) == reset
    clock.advance(timedelta(minutes=14))
    assert poll.poll().new_items == 0  # not before the network's reset
    clock.advance(timedelta(minutes=1))
    assert poll.poll().new_items == 2  # the reset came: nothing was lost
    assert len(items(database)) == 3


# -- the checks of a private answer (6.xxii) ------------------------------------------------
def _limits_checker():
    from redes_desktop.checks.engine import CheckEngine
    from redes_desktop.checks.rule_courtesy import CourtesyRule
    from redes_desktop.checks.rule_limits import NetworkLimitsRule

    return CheckEngine(text_rules=[CourtesyRule()], network_rules=[NetworkLimitsRule()]).check


def test_a_private_answer_is_measured_against_the_message_limit_not_the_posts(database, clock,
                                                                              world, server):
    """An answer to a direct message may be longer than a post (X: 10,000 characters against
    280); a public reply to a mention may not."""
    from redes_desktop.actions.inbox_reply import ReplyBlocked, check_reply

    people, networks = world
    item = _direct_item(database, clock, networks, server)
    long_answer = "Hola, Ana: " + "le explicamos cada paso del trámite. " * 20  # ~700
    findings = check_reply(database, clock=clock, checker=_limits_checker(),
                           person_id=people.titular, item_id=item.id, text=long_answer,
                           area_contacts=None)
    assert not [f for f in findings if f.rule == "6.xxii"]
    too_long = "Hola, Ana: " + "x" * 10_000
    findings = check_reply(database, clock=clock, checker=_limits_checker(),
                           person_id=people.titular, item_id=item.id, text=too_long,
                           area_contacts=None)
    [limit] = [f for f in findings if f.rule == "6.xxii"]
    assert limit.message.startswith("El mensaje directo excede el límite de X")
    assert "máximo es 10000" in limit.message
    # The same answer to a public mention is refused as a post.
    server.add_x_mention("@INEMexico ¿dónde voto?", author="beto", name="Beto Ruiz")
    clock.advance(timedelta(minutes=3))
    poller(database, clock, MemoryRecorder(), networks).poll()
    mention = next(i for i in items(database) if i.kind == InboxKind.MENTION.value)
    with pytest.raises(ReplyBlocked, match="excede el límite de X"):
        reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                      checker=_limits_checker(), connector_for=connector_for(clock, networks),
                      person_id=people.titular, item_id=mention.id,
                      text="Hola, Beto: " + "le explicamos cada paso del trámite. " * 20,
                      area_contacts=None)
