"""The inbox (issue 17) on a real SQLite file against the local fake X server: polling is
incremental and stores each item once, ignored items never come back as new (6.xvi), network
errors back off without losing the cursor, the claim refuses a second person and expires,
replies are checked (6.xx refuses, 6.xvii warns) and reach the network, escalation mails the
titular (5.2 f), information requests go to the area (6.vii), recurring doubts are grouped
(6.xviii), and the informes count what happened."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.actions.inbox_handle import (
    ClaimRefused,
    claim_item,
    escalate_item,
    ignore_item,
    information_request,
    set_response_target,
    tag_item,
)
from redes_desktop.actions.inbox_list import InboxFilter, inbox_detail, list_inbox
from redes_desktop.actions.inbox_reply import ReplyBlocked, ReplyNeedsReview, reply_to_item
from redes_desktop.actions.inbox_report import inbox_report, record_followers
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import AccountUserCount, Post
from redes_desktop.models.inbox import InboxCursor, InboxItem, InboxState, inbox_item_id
from redes_desktop.networks.errors import TransientNetworkError
from redes_desktop.networks.x_messages import XCursor
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.mail import Outbox
from tests.actions_support import seed
from tests.inbox_support import (
    connect,
    connector_for,
    courtesy_checker,
    cover,
    items,
    network_settings,
    poller,
)


@pytest.fixture
def world(database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    return people, networks


class Recording:
    """Wraps a connector and keeps each cursor given and each page's items."""

    def __init__(self, inner, log) -> None:
        self.inner, self.log = inner, log

    def fetch_inbox(self, cursor):
        page = self.inner.fetch_inbox(cursor)
        self.log.append((cursor, [i.remote_id for i in page.items]))
        return page

    def __getattr__(self, name):
        return getattr(self.inner, name)


class Broken:
    def __init__(self, inner) -> None:
        self.inner = inner

    def fetch_inbox(self, cursor):
        raise TransientNetworkError("X", "error 503")


# -- polling ------------------------------------------------------------------------------
def test_polling_is_incremental_and_stores_each_item_once(database, clock, world, server):
    _people, networks = world
    log: list = []
    first = server.add_x_mention("@INEMexico ¿Dónde tramito mi credencial?", name="Ana López")
    server.add_x_mention("@INEMexico gracias por la información", author="beto", name="Beto")
    recorder = MemoryRecorder()
    poll = poller(database, clock, recorder, networks, wrap=lambda c: Recording(c, log))
    assert poll.poll().new_items == 2
    third = server.add_x_mention("@INEMexico ¿hasta cuándo puedo votar?", author="carla")
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 1
    # The second request gave the cursor back and only the new mention came.
    assert log[0][0] is None and sorted(log[0][1]) == sorted([first, str(int(first) + 1)])
    assert XCursor.parse(log[1][0]).mentions == str(int(first) + 1) and log[1][1] == [third]
    stored = items(database)
    assert len(stored) == 3
    assert {i.state for i in stored} == {InboxState.NUEVO}
    assert stored[0].author_name == "Ana López" and stored[0].tags == ["pregunta"]
    assert [e.action for e in recorder.entries] == ["buzon_recibidos", "buzon_recibidos"]
    # Not yet its turn: nothing is asked of the network.
    assert poll.poll().accounts == 1 and len(log) == 2


def test_ignored_items_stay_on_record_and_never_reappear_as_new(database, clock, world,
                                                                 server):
    people, networks = world
    server.add_x_mention("@INEMexico eres un inútil", author="troll")
    poll = poller(database, clock, MemoryRecorder(), networks)
    poll.poll()
    item = items(database)[0]
    recorder = MemoryRecorder()
    ignore_item(database, clock=clock, recorder=recorder, person_id=people.titular,
                item_id=item.id, reason="ofensivo")
    assert recorder.entries[0].action == "buzon_ignorado"
    # The cursor is lost (or the network sends everything again): the same item comes back.
    with database.session() as session:
        cursor = session.query(InboxCursor).one()
        cursor.cursor = None
        session.commit()
    clock.advance(timedelta(minutes=5))
    assert poll.poll().new_items == 0
    again = items(database)
    assert len(again) == 1 and again[0].state == InboxState.IGNORADO
    listing = list_inbox(database, clock=clock, person_id=people.titular,
                         filters=InboxFilter(state="nuevo"))
    assert listing.total == 0
    with pytest.raises(ValidationError, match="6.xvi"):
        claim_item(database, clock=clock, recorder=MemoryRecorder(),
                   person_id=people.titular, item_id=item.id, claims=None)


def test_network_errors_back_off_and_keep_the_cursor(database, clock, world, server):
    _people, networks = world
    server.add_x_mention("@INEMexico hola")
    ok = poller(database, clock, MemoryRecorder(), networks)
    ok.poll()
    with database.session() as session:
        before = session.query(InboxCursor).one().cursor
    assert before
    broken = poller(database, clock, MemoryRecorder(), networks, wrap=Broken)
    clock.advance(timedelta(minutes=3))
    report = broken.poll()
    assert "no respondió" in next(iter(report.failed.values()))
    clock.advance(timedelta(minutes=3))
    broken.poll()  # the first retry was due after 1 minute; the second waits 2
    with database.session() as session:
        state = session.query(InboxCursor).one()
        assert state.cursor == before and state.failures == 2
        assert state.next_poll_at > clock() + timedelta(minutes=1)
    server.add_x_mention("@INEMexico otra pregunta ¿cuándo?", author="dora")
    assert ok.poll().new_items == 0  # not its turn yet
    clock.advance(timedelta(minutes=3))
    assert ok.poll().new_items == 1
    with database.session() as session:
        assert session.query(InboxCursor).one().failures == 0


# -- claim --------------------------------------------------------------------------------
def test_a_second_claim_is_refused_naming_the_holder_and_the_claim_expires(
        database, clock, world, server):
    people, networks = world
    cover(database, clock, people.titular, people.suplente)
    server.add_x_mention("@INEMexico ¿dónde está mi casilla?")
    poller(database, clock, MemoryRecorder(), networks).poll()
    item = items(database)[0]
    recorder = MemoryRecorder()
    taken = claim_item(database, clock=clock, recorder=recorder, person_id=people.titular,
                       item_id=item.id, claims=None)
    assert taken.until == clock() + timedelta(minutes=15) and not taken.shared
    with pytest.raises(ClaimRefused, match=r"Titular jal está atendiendo este elemento hasta "
                                           r"las 12:15"):
        claim_item(database, clock=clock, recorder=recorder, person_id=people.suplente,
                   item_id=item.id, claims=None)
    with pytest.raises(ClaimRefused):
        ignore_item(database, clock=clock, recorder=recorder, person_id=people.suplente,
                    item_id=item.id)
    clock.advance(timedelta(minutes=15, seconds=1))
    claim_item(database, clock=clock, recorder=recorder, person_id=people.suplente,
               item_id=item.id, claims=None)
    assert items(database)[0].claimed_by_id == people.suplente
    assert items(database)[0].state == InboxState.ASIGNADO
    mine = list_inbox(database, clock=clock, person_id=people.suplente,
                      filters=InboxFilter(mine=True))
    assert [r.id for r in mine.rows] == [item.id]
    assert [e.action for e in recorder.entries] == ["buzon_reclamado", "buzon_reclamado"]


def test_who_does_not_operate_the_account_may_not_claim(database, clock, world, server):
    people, networks = world
    server.add_x_mention("@INEMexico hola")
    poller(database, clock, MemoryRecorder(), networks).poll()
    with pytest.raises(PermissionDenied):  # CNCS sees the inbox but does not answer
        claim_item(database, clock=clock, recorder=MemoryRecorder(),
                   person_id=people.reviewer, item_id=items(database)[0].id, claims=None)
    assert list_inbox(database, clock=clock, person_id=people.reviewer).total == 1


# -- replies ------------------------------------------------------------------------------
def _one_item(database, clock, networks, server, text="@INEMexico ¿dónde voto?"):
    server.add_x_mention(text, author="ana_mx", name="Ana López")
    poller(database, clock, MemoryRecorder(), networks).poll()
    return items(database)[0]


def test_a_reply_with_an_insult_is_refused_and_nothing_is_sent(database, clock, world, server):
    people, networks = world
    item = _one_item(database, clock, networks, server)
    recorder = MemoryRecorder()
    with pytest.raises(ReplyBlocked, match="6.xx"):
        reply_to_item(database, clock=clock, recorder=recorder, checker=courtesy_checker(),
                      connector_for=connector_for(clock, networks), person_id=people.titular,
                      item_id=item.id, text="Hola, Ana: no sea idiota, lea el aviso.",
                      area_contacts=None, accept_warnings=True)
    assert server.count("POST /2/tweets") == 0
    assert items(database)[0].state == InboxState.NUEVO
    assert recorder.entries[0].action == "buzon_respuesta_rechazada"


def test_a_reply_without_the_persons_name_asks_to_review_then_reaches_the_network(
        database, clock, world, server):
    people, networks = world
    item = _one_item(database, clock, networks, server)
    recorder = MemoryRecorder()
    send = dict(clock=clock, recorder=recorder, checker=courtesy_checker(),
                connector_for=connector_for(clock, networks), person_id=people.titular,
                item_id=item.id, area_contacts=None)
    with pytest.raises(ReplyNeedsReview, match="6.xvii"):
        reply_to_item(database, text="Su casilla está en ine.mx/ubica", **send)
    assert server.count("POST /2/tweets") == 0
    result = reply_to_item(database, text="Su casilla está en ine.mx/ubica",
                           accept_warnings=True, **send)
    assert [f.rule for f in result.warnings] == ["6.xvii"]
    sent = server.x_posts[-1]
    assert sent["body"]["reply"]["in_reply_to_tweet_id"] == item.remote_id
    stored = items(database)[0]
    assert stored.state == InboxState.RESPONDIDO and stored.reply_url == result.url
    with database.session() as session:
        post = session.get(Post, stored.reply_post_id)
        assert post.is_reply and post.text == "Su casilla está en ine.mx/ubica"
    assert recorder.entries[-1].action == "buzon_respondido"
    with pytest.raises(ValidationError, match="ya fue respondido"):
        reply_to_item(database, text="Hola, Ana: otra vez", accept_warnings=True, **send)


def test_a_greeting_by_name_sends_without_asking_and_a_hand_reply_records_its_address(
        database, clock, world, server):
    people, networks = world
    item = _one_item(database, clock, networks, server)
    result = reply_to_item(
        database, clock=clock, recorder=MemoryRecorder(), checker=courtesy_checker(),
        connector_for=connector_for(clock, networks), person_id=people.titular,
        item_id=item.id, text="Hola, Ana: su casilla está en ine.mx/ubica", area_contacts=None,
        hand_url="https://x.com/INEMexico/status/999")
    assert result.warnings == () and result.url.endswith("/999")
    assert server.count("POST /2/tweets") == 0
    detail = inbox_detail(database, clock=clock, person_id=people.titular, item_id=item.id)
    assert detail.reply_text.startswith("Hola, Ana") and detail.row.clock.startswith(
        "respondido en")


def _impatient(clock, networks):
    """The connectors, with a read timeout shorter than the fake server's stall."""
    build = connector_for(clock, networks)

    def make(connection):
        connector = build(connection)
        connector.client.timeout = (2.0, 0.5)
        return connector

    return make


def test_a_reply_that_timed_out_after_the_network_took_it_is_found_not_sent_again(
        database, clock, world, server):
    people, networks = world
    item = _one_item(database, clock, networks, server)
    server.accept_then_stall("POST /2/tweets")
    result = reply_to_item(
        database, clock=clock, recorder=MemoryRecorder(), checker=courtesy_checker(),
        connector_for=_impatient(clock, networks), person_id=people.titular, item_id=item.id,
        text="Hola, Ana: su casilla está en ine.mx/ubica", area_contacts=None)
    assert server.count("POST /2/tweets") == 1 and len(server.x_posts) == 1
    assert result.url.endswith(server.x_posts[0]["id"])
    assert items(database)[0].state == InboxState.RESPONDIDO


def test_a_reply_that_may_have_arrived_and_is_not_found_says_to_look_before_resending(
        database, clock, world, server):
    from redes_desktop.actions.inbox_reply import ReplyUncertain

    people, networks = world
    item = _one_item(database, clock, networks, server)
    server.accept_then_stall("POST /2/tweets")
    server.fail_next("GET /2/users/{id}/tweets", 503, times=4)  # the search fails too
    recorder = MemoryRecorder()
    with pytest.raises(ReplyUncertain, match="pudo haber llegado"):
        reply_to_item(
            database, clock=clock, recorder=recorder, checker=courtesy_checker(),
            connector_for=_impatient(clock, networks), person_id=people.titular,
            item_id=item.id, text="Hola, Ana: su casilla está en ine.mx/ubica",
            area_contacts=None)
    assert server.count("POST /2/tweets") == 1
    assert items(database)[0].state != InboxState.RESPONDIDO
    assert recorder.entries[-1].action == "buzon_respuesta_incierta"


# -- escalation, tags, information requests ------------------------------------------------
def test_escalation_mails_the_titular_of_the_area_with_the_note(
        database, clock, world, server, mail_settings, smtp_server):
    from redes_desktop.services.mail import MailConfig, SmtpMailer

    people, networks = world
    item = _one_item(database, clock, networks, server, "@INEMexico hay propaganda en mi casilla")
    recorder = MemoryRecorder()

    def outbox(session):
        return Outbox(session, clock, SmtpMailer(MailConfig.from_settings(mail_settings)))

    with pytest.raises(ValidationError, match="5.2 f"):
        escalate_item(database, clock=clock, recorder=recorder,
                      outbox=outbox, person_id=people.titular, item_id=item.id, note="  ")
    result = escalate_item(database, clock=clock, recorder=recorder,
                           outbox=outbox, person_id=people.titular, item_id=item.id,
                           note="Posible queja formal ante la Junta")
    assert result.titular == "Vocal jal" and result.mail_queued
    assert items(database)[0].state == InboxState.ESCALADO
    message = smtp_server[2].messages[-1]
    assert "Posible queja formal" in message.get_body().get_content()
    assert message["To"] == "vocal.jal@ine.mx"
    assert recorder.entries[-1].action == "buzon_escalado"


def test_information_request_gives_the_template_and_mails_the_area(
        database, clock, world, server, mail_settings, smtp_server):
    from redes_desktop.services.mail import MailConfig, SmtpMailer

    people, networks = world
    item = _one_item(database, clock, networks, server,
                     "@INEMexico quiero saber cuánto gastó la Junta en 2025")
    result = information_request(
        database, clock=clock, recorder=MemoryRecorder(),
        outbox=lambda s: Outbox(s, clock, SmtpMailer(MailConfig.from_settings(mail_settings))),
        person_id=people.titular, item_id=item.id, area_email="transparencia@ine.mx",
        area_name="la Unidad de Transparencia")
    assert "INETEL" in result.template and "plataformadetransparencia" in result.template
    assert result.template.startswith("Hola, Ana.")
    assert smtp_server[2].messages[-1]["To"] == "transparencia@ine.mx"
    assert "solicitud_informacion" in items(database)[0].tags
    tag_item(database, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
             item_id=item.id, tags=["sugerencia", "solicitud_informacion"])
    assert items(database)[0].tags == ["solicitud_informacion", "sugerencia"]
    with pytest.raises(ValidationError, match="bloquear"):
        tag_item(database, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
                 item_id=item.id, tags=["bloquear"])


# -- recurring doubts, response clock, informes ---------------------------------------------
def test_similar_questions_are_grouped_and_a_publication_is_suggested(database, clock, world,
                                                                      server):
    people, networks = world
    questions = ["¿Dónde tramito mi credencial para votar?",
                 "¿En dónde puedo tramitar la credencial?",
                 "hola, ¿dónde se tramita la credencial de elector?",
                 "¿Dónde tramitar credencial para votar en Guadalajara?",
                 "¿dónde hago el trámite de mi credencial?"]
    for n, text in enumerate(questions):
        server.add_x_mention(f"@INEMexico {text}", author=f"p{n}")
    server.add_x_mention("@INEMexico ¿Cuándo es la elección judicial?", author="otra")
    server.add_x_mention("@INEMexico felicidades por el conteo", author="fan")
    report = poller(database, clock, MemoryRecorder(), networks).poll()
    stored = {i.text: i for i in items(database)}
    groups = {stored[f"@INEMexico {q}"].doubt_group_id for q in questions}
    assert len(groups) == 1 and None not in groups
    assert stored["@INEMexico ¿Cuándo es la elección judicial?"].doubt_group_id not in groups
    assert stored["@INEMexico felicidades por el conteo"].doubt_group_id is None
    assert any("6.xviii" in n.message and "5 personas" in n.message
               for n in report.notifications)
    summary = inbox_report(database, clock=clock, person_id=people.titular,
                           start=datetime(2000, 1, 1, tzinfo=UTC),
                           end=datetime(2100, 1, 1, tzinfo=UTC))
    assert summary.topics[0].count == 5 and summary.topics[0].suggest_publication
    assert summary.received == 7


def test_response_clock_follows_the_area_target_and_the_report_counts(database, clock, world,
                                                                      server):
    people, networks = world
    with database.session() as session:
        from redes_desktop.models import Account

        area_id = session.get(Account, people.account).area_id
    with pytest.raises(PermissionDenied):
        set_response_target(database, clock=clock, recorder=MemoryRecorder(),
                            person_id=people.titular, area_id=area_id, hours=4)
    with database.session() as session:
        from redes_desktop.models import Area

        head = session.get(Area, area_id).titular_id
    set_response_target(database, clock=clock, recorder=MemoryRecorder(), person_id=head,
                        area_id=area_id, hours=4)
    a = _one_item(database, clock, networks, server)
    with database.session() as session:  # the person wrote 5 hours ago
        session.get(InboxItem, a.id).received_at = clock() - timedelta(hours=5)
        session.commit()
    row = list_inbox(database, clock=clock, person_id=people.titular).rows[0]
    assert row.late and row.clock == "vencido hace 1 h 0 min"
    reply_to_item(database, clock=clock, recorder=MemoryRecorder(),
                  checker=courtesy_checker(), connector_for=connector_for(clock, networks),
                  person_id=people.titular, item_id=a.id, text="Hola, Ana: en ine.mx/ubica",
                  area_contacts=None)
    server.add_x_mention("@INEMexico basura", author="z")
    clock.advance(timedelta(minutes=3))
    poller(database, clock, MemoryRecorder(), networks).poll()
    b = [i for i in items(database) if i.id != a.id][0]
    ignore_item(database, clock=clock, recorder=MemoryRecorder(), person_id=people.titular,
                item_id=b.id)
    # (the fake network dates its mentions by the wall clock: a period that covers both)
    summary = inbox_report(database, clock=clock, person_id=people.titular,
                           start=datetime(2000, 1, 1, tzinfo=UTC),
                           end=datetime(2100, 1, 1, tzinfo=UTC))
    assert (summary.received, summary.answered, summary.ignored) == (2, 1, 1)
    assert summary.answered_share == 1.0
    assert summary.median_response == timedelta(hours=5)


def test_followers_fill_the_quarterly_users(database, clock, world):
    people, networks = world
    recorder = MemoryRecorder()
    result = record_followers(database, clock=clock, recorder=recorder,
                              connector_for=connector_for(clock, networks),
                              person_id=people.titular, year=2026, quarter=1)
    assert result.recorded == {people.account: 12345}
    with database.session() as session:
        row = session.query(AccountUserCount).one()
        assert (row.users, row.quarter) == (12345, 1)
    assert recorder.entries[-1].action == "usuarios_registrados"


def test_item_ids_are_the_same_for_the_same_network_item():
    import uuid

    account = uuid.uuid4()
    assert inbox_item_id(account, "123") == inbox_item_id(account, "123")
    assert inbox_item_id(account, "123") != inbox_item_id(uuid.uuid4(), "123")


def test_pages_walk_open_items_oldest_first_then_closed_newest_first(database, clock, world,
                                                                    server):
    people, networks = world
    for n in range(5):
        server.add_x_mention(f"@INEMexico mensaje {n}", author=f"p{n}")
    poller(database, clock, MemoryRecorder(), networks).poll()
    stored = items(database)
    with database.session() as session:  # distinct arrival times, oldest = mensaje 0
        for n, item in enumerate(stored):
            session.get(InboxItem, item.id).received_at = clock() - timedelta(hours=10 - n)
        session.commit()
    for item in (stored[1], stored[3]):
        ignore_item(database, clock=clock, recorder=MemoryRecorder(),
                    person_id=people.titular, item_id=item.id)
    seen, key = [], None
    while True:
        page = list_inbox(database, clock=clock, person_id=people.titular, after=key, limit=2)
        assert page.total == 5
        seen += [(r.text[-1], r.state) for r in page.rows]
        key = page.next_key
        if key is None:
            break
    assert seen == [("0", "nuevo"), ("2", "nuevo"), ("4", "nuevo"),
                    ("3", "ignorado"), ("1", "ignorado")]


def test_a_group_made_on_another_workstation_takes_the_next_similar_question(
        database, clock, world, server):
    from redes_desktop.models.inbox import DoubtGroup
    from redes_desktop.services.recurring_doubts import signature_text, stems

    people, networks = world
    poll = poller(database, clock, MemoryRecorder(), networks)
    server.add_x_mention("@INEMexico ¿cuándo es la elección judicial?", author="a")
    poll.poll()  # the grouper now holds this account's index
    text = "¿Dónde tramito mi credencial para votar?"
    with database.session() as session:  # arrived by sync from another workstation
        group = DoubtGroup(account_id=people.account, sample_text=text,
                           signature=signature_text(stems(text)))
        session.add(group)
        session.commit()
        group_id = group.id
    server.add_x_mention("@INEMexico ¿en dónde tramito la credencial para votar?", author="b")
    clock.advance(timedelta(minutes=3))
    poll.poll()
    latest = [i for i in items(database) if "credencial" in i.text]
    assert latest[0].doubt_group_id == group_id


def test_facebook_comments_arrive_and_the_reply_goes_to_the_comment(database, clock, server):
    """The same poller and reply with another connector (Graph API, the page's token)."""
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.models import AccountStatus, Area, Network, Person
    from redes_desktop.services.activity import NullRecorder
    from redes_desktop.services.directory import Directory

    people = seed(database, clock)
    with database.session() as session:
        titular = session.get(Person, people.titular)
        suplente = session.get(Person, people.suplente)
        directory = Directory(session, clock, NullRecorder())
        account = directory.create_account(
            area=session.get(Area, titular.area_id), network=Network.FACEBOOK,
            name="INE Jalisco", handle="@INEJalisco", email="fb.jal@ine.mx",
            status=AccountStatus.ACTIVA, official=True)
        directory.designate_administrators(account, titular, suplente)
        session.commit()
        account_id = account.id
    base = server.base
    networks = NetworkSettings({"facebook": "app-ine"}, {"facebook": {
        "api": f"{base}/graph", "authorize": f"{base}/oauth/authorize",
        "token": f"{base}/oauth/token"}})
    connect(database, clock, MemoryRecorder(), people.titular, account_id, networks)
    server.fb_posts.append({"id": "555_1", "message": "Registro abierto",
                            "created_time": "2026-12-01T10:00:00+0000",
                            "permalink_url": "https://www.facebook.com/555_1"})
    comment = server.add_fb_comment("555_1", "¿Hasta cuándo hay registro?", name="Luis Pérez")
    poll = poller(database, clock, MemoryRecorder(), networks)
    assert poll.poll().new_items == 1
    clock.advance(timedelta(minutes=3))
    assert poll.poll().new_items == 0  # incremental: the same comment is not stored again
    [item] = [i for i in items(database) if i.account_id == account_id]
    assert (item.remote_id, item.author_name) == (comment, "Luis Pérez")
    reply_to_item(database, clock=clock, recorder=MemoryRecorder(), checker=courtesy_checker(),
                  connector_for=connector_for(clock, networks), person_id=people.titular,
                  item_id=item.id, text="Hola, Luis: hasta el 10 de enero.", area_contacts=None)
    sent = server.fb_comments[-1]
    assert sent["parent"] == comment and sent["message"] == "Hola, Luis: hasta el 10 de enero."


def test_command_line_fetches_the_inbox_for_a_scheduled_task(data_dir, clock, server, capsys):
    import json

    from redes_desktop.cli import main
    from redes_desktop.workspace import open_workspace

    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    people = seed(database, clock)
    networks = network_settings(server)
    workspace.settings.network_client_ids = dict(networks.client_ids)
    workspace.settings.network_endpoints = {k: dict(v) for k, v in networks.endpoints.items()}
    workspace.settings_store.save(workspace.settings)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    database.dispose()
    workspace.close()
    server.add_x_mention("@INEMexico ¿dónde voto?")
    args = ["buzon", "recibir", "--json", "--data-dir", str(data_dir)]
    assert main(args, clock=clock) == 0
    assert json.loads(capsys.readouterr().out)["nuevos"] == 1
    assert main(args, clock=clock) == 0  # incremental: nothing new the second time
    assert json.loads(capsys.readouterr().out)["nuevos"] == 0
