"""The publishing queue (issue 17) against a local server speaking X's API: scheduled posts go
out at their time with the criteria checked where the request leaves, never twice (a crash
between sending and recording, a timeout after the network accepted), held during an incident,
retried after rate limits, and refused permanently with a Spanish reason."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from redes_desktop.actions.network_connection import (
    NetworkSettings,
    connect_account,
    disconnect_account,
)
from redes_desktop.actions.publishing_list import publishing_queue_rows
from redes_desktop.actions.save_draft import create_draft
from redes_desktop.actions.schedule_post import cancel_scheduled, schedule_post
from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.errors import PermissionDenied, ValidationError
from redes_desktop.models import Account, Post, PostStatus
from redes_desktop.models.publishing import JobState, NetworkConnection, PublishJob
from redes_desktop.networks.oauth import token_key
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.publishing_queue import PublishingQueue
from tests.actions_support import seed
from tests.checkers import nothing_found


def blocking(post) -> CheckResult:
    return CheckResult(post.text, post.network, len(post.text), 280,
                       [Finding("6.iii", Severity.BLOQUEA, "Dato personal")])


class Crash(BaseException):
    """The process dies (power cut, killed) right after the network answered."""


@pytest.fixture
def world(database, clock, server, tmp_path):
    people = seed(database, clock)
    with database.session() as session:
        account = session.get(Account, people.account)
        handle = account.handle
    networks = NetworkSettings(
        {"x": "cliente-ine"},
        {"x": {"api": server.base, "authorize": f"{server.base}/oauth/authorize",
               "token": f"{server.base}/oauth/token", "revoke": f"{server.base}/oauth/revoke"}})
    return people, networks, handle


def _consent(url: str) -> None:
    requests.get(url, timeout=10)


def _connect(database, clock, recorder, people, networks):
    return connect_account(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                           networks=networks, person_id=people.titular,
                           account_id=people.account, open_browser=_consent, timeout=10)


def _draft(database, clock, recorder, people, tmp_path: Path, text="Aviso de la jornada"):
    image = tmp_path / f"cartel-{uuid.uuid4().hex[:6]}.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    return create_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                        account_id=people.account, text=text, is_reply=False,
                        media=[(str(image), "Cartel")], findings=None).post_id


def _queue(database, clock, recorder, networks, checker=nothing_found, wrap=None):
    from redes_desktop.actions.publishing import publishing_queue

    queue = publishing_queue(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                             networks=networks, engine=lambda: None,  # type: ignore[arg-type]
                             area_contacts=None)
    queue.checker_for = lambda session, now: checker
    if wrap is not None:
        build = queue.connector_for
        queue.connector_for = lambda connection: wrap(build(connection))
    return queue


def _job(database, post_id) -> PublishJob:
    with database.session() as session:
        job = session.scalar(select(PublishJob).where(PublishJob.post_id == post_id))
        session.expunge_all()
        return job


def _post(database, post_id) -> Post:
    with database.session() as session:
        post = session.get(Post, post_id)
        session.expunge_all()
        return post


def _schedule(database, clock, recorder, people, post_id, when, checker=nothing_found):
    return schedule_post(database, clock=clock, recorder=recorder, check_post=checker,
                         person_id=people.titular, post_id=post_id, when=when)


# -- connecting ---------------------------------------------------------------------------
def test_connecting_stores_tokens_in_the_secret_store_and_the_remote_id(
        database, clock, world, data_dir):
    people, networks, _ = world
    recorder = MemoryRecorder()
    info = _connect(database, clock, recorder, people, networks)
    assert info.remote_handle == "@JLE_JaliscoINE"
    with database.session() as session:
        connection = session.scalar(select(NetworkConnection))
        assert connection.remote_account_id == "42"
    assert SecretStore().get(token_key(people.account))
    assert [e.action for e in recorder.entries] == ["red_conectada"]
    # The tokens are nowhere in the data folder (database, its journal, settings).
    token = SecretStore().get(token_key(people.account)) or ""
    access = token.split('"access_token": "')[1].split('"')[0]
    database.dispose()
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert access.encode() not in path.read_bytes(), path


def test_only_who_operates_the_account_may_connect_it(database, clock, world):
    people, networks, _ = world
    with pytest.raises(PermissionDenied):
        connect_account(database, clock=clock, recorder=MemoryRecorder(),
                        secrets=SecretStore(), networks=networks, person_id=people.reviewer,
                        account_id=people.account, open_browser=_consent, timeout=10)


def test_disconnecting_revokes_at_the_network_and_deletes_the_tokens(
        database, clock, world, server):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    assert disconnect_account(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                              networks=networks, person_id=people.titular,
                              account_id=people.account) is True
    assert SecretStore().get(token_key(people.account)) is None
    assert len(server.revoked) == 1
    with database.session() as session:
        assert session.scalar(select(NetworkConnection)) is None


# -- scheduling ---------------------------------------------------------------------------
def test_scheduling_needs_a_connection_a_future_time_and_the_criteria(
        database, clock, world, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    post_id = _draft(database, clock, recorder, people, tmp_path)
    with pytest.raises(ValidationError, match="no está conectada"):
        _schedule(database, clock, recorder, people, post_id, clock() + timedelta(hours=1))
    _connect(database, clock, recorder, people, networks)
    with pytest.raises(ValidationError, match="ya pasó"):
        _schedule(database, clock, recorder, people, post_id, clock() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="No se puede programar"):
        _schedule(database, clock, recorder, people, post_id, clock() + timedelta(hours=1),
                  checker=blocking)
    assert _job(database, post_id) is None
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(hours=1))
    assert _post(database, post_id).scheduled_at == clock() + timedelta(hours=1)


def test_a_scheduled_post_goes_out_at_its_time_once(database, clock, world, server, tmp_path):
    people, networks, handle = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(hours=1))
    queue = _queue(database, clock, recorder, networks)
    assert queue.tick().published == [] and server.x_posts == []
    clock.advance(timedelta(hours=1))
    report = queue.tick()
    assert report.published == [post_id]
    post = _post(database, post_id)
    assert post.status == PostStatus.PUBLICADA
    assert post.published_url == f"https://x.com/JLE_JaliscoINE/status/{server.x_posts[0]['id']}"
    assert queue.tick().published == [] and len(server.x_posts) == 1
    assert [e.action for e in recorder.entries][-2:] == ["publicacion_enviandose", "publicada"]
    assert report.notifications[0].target == ("redactor", str(post_id))


def test_the_criteria_are_checked_again_where_the_request_leaves(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(minutes=5))
    clock.advance(timedelta(minutes=5))
    report = _queue(database, clock, recorder, networks, checker=blocking).tick()
    assert report.failed == [post_id] and server.x_posts == []
    job = _job(database, post_id)
    assert job.state == JobState.FALLIDA and "No se puede enviar a la red" in job.last_error
    assert report.notifications[0].kind == "urgente"


def test_an_open_incident_holds_the_account_queue_until_it_is_closed(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(minutes=5))
    with database.session() as session:
        session.get(Account, people.account).compromised = True
        session.commit()
    clock.advance(timedelta(minutes=5))
    queue = _queue(database, clock, recorder, networks)
    assert queue.tick().held == [post_id]
    assert _job(database, post_id).state == JobState.RETENIDA and server.x_posts == []
    clock.advance(timedelta(minutes=5))
    assert queue.tick().held == [] and server.x_posts == []  # still held, reported once
    with database.session() as session:
        session.get(Account, people.account).compromised = False
        session.commit()
    clock.advance(timedelta(minutes=1))
    assert queue.tick().published == [post_id] and len(server.x_posts) == 1


def test_a_crash_between_sending_and_recording_never_posts_twice(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())

    class DiesAfterSending:
        def __init__(self, inner):
            self.inner = inner

        def publish(self, request):
            self.inner.publish(request)
            raise Crash()

    with pytest.raises(Crash):
        _queue(database, clock, recorder, networks, wrap=DiesAfterSending).tick()
    assert len(server.x_posts) == 1 and _job(database, post_id).state == JobState.ENVIANDO
    # The program starts again: the job is found «enviando», looked for, and recorded.
    report = _queue(database, clock, recorder, networks).tick()
    assert report.published == [post_id] and len(server.x_posts) == 1
    assert server.count("POST /2/tweets") == 1
    post = _post(database, post_id)
    assert post.status == PostStatus.PUBLICADA and post.published_url.endswith(
        server.x_posts[0]["id"])
    assert recorder.entries[-1].details["confirmada_tras_duda"] is True


def test_a_timeout_after_the_network_accepted_is_looked_for_not_resent(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.accept_then_stall("POST /2/tweets")
    queue = _queue(database, clock, recorder, networks)
    original = queue.connector_for

    def short_timeout(connection):
        connector = original(connection)
        connector.client.timeout = (2.0, 0.5)
        return connector

    queue.connector_for = short_timeout
    report = queue.tick()
    assert report.retried == [post_id] and _job(database, post_id).state == JobState.ENVIANDO
    clock.advance(timedelta(minutes=2))
    assert queue.tick().published == [post_id]
    assert len(server.x_posts) == 1 and server.count("POST /2/tweets") == 1


def test_a_server_error_then_nothing_found_sends_again(database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.fail_next("POST /2/tweets", 503)
    queue = _queue(database, clock, recorder, networks)
    assert queue.tick().retried == [post_id]
    clock.advance(timedelta(minutes=2))
    assert queue.tick().published == [post_id]
    assert len(server.x_posts) == 1 and server.count("GET /2/users/{id}/tweets") == 1


def test_a_long_rate_limit_waits_for_its_reset(database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    reset = clock() + timedelta(minutes=15)
    server.fail_next("POST /2/tweets", 429, None,
                     {"x-rate-limit-reset": str(int(reset.timestamp()))})
    queue = _queue(database, clock, recorder, networks)
    assert queue.tick().retried == [post_id]
    job = _job(database, post_id)
    assert job.state == JobState.PENDIENTE and job.next_attempt_at == reset
    clock.advance(timedelta(minutes=10))
    assert queue.tick().published == [] and server.x_posts == []
    clock.advance(timedelta(minutes=5))
    assert queue.tick().published == [post_id]


def test_permanent_refusals_fail_with_the_reason_in_spanish(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.fail_next("POST /2/tweets", 403, {"detail": "You are not allowed to create a Tweet "
                                                       "with duplicate content."})
    report = _queue(database, clock, recorder, networks).tick()
    assert report.failed == [post_id]
    assert "idéntica a una anterior" in _job(database, post_id).last_error
    [row] = publishing_queue_rows(database)
    assert row.state == JobState.FALLIDA and row.account_handle


def test_an_expired_authorisation_asks_to_connect_again(database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.expire_all_tokens()
    server.refresh_tokens.clear()
    _queue(database, clock, recorder, networks).tick()
    job = _job(database, post_id)
    assert job.state == JobState.FALLIDA and "Vuelva a conectarla" in job.last_error


def test_cancelling_a_scheduled_post(database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(minutes=1))
    cancel_scheduled(database, clock=clock, recorder=recorder, person_id=people.titular,
                     post_id=post_id)
    clock.advance(timedelta(minutes=1))
    assert _queue(database, clock, recorder, networks).tick().published == []
    assert server.x_posts == [] and _post(database, post_id).scheduled_at is None


def test_published_by_hand_meanwhile_is_not_sent(database, clock, world, server, tmp_path):
    from redes_desktop.actions.publish_post import publish_post

    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(minutes=1))
    publish_post(database, clock=clock, recorder=recorder, check_post=nothing_found,
                 person_id=people.titular, post_id=post_id,
                 url="https://x.com/INEMexico/status/5")
    clock.advance(timedelta(minutes=1))
    _queue(database, clock, recorder, networks).tick()
    assert server.x_posts == [] and _job(database, post_id).state == JobState.PUBLICADA


def test_the_queue_is_local_to_the_workstation():
    from redes_desktop.sync.policies import LOCAL_ONLY

    assert {"publish_jobs", "network_connections"} <= LOCAL_ONLY
    assert isinstance(PublishingQueue, type)


def test_closing_the_account_revokes_its_tokens_and_cancels_its_queue(
        database, clock, world, server, tmp_path, data_dir, mail_settings):
    """7.viii: a closed account keeps no access to its network from this workstation."""
    from dataclasses import replace

    from redes_desktop.actions.close_account import complete_closure, request_closure
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.services.account_closure import ClosureChecklist
    from redes_desktop.services.mail import MailConfig, Outbox, SmtpMailer

    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock() + timedelta(days=1))
    settings = replace(mail_settings, network_client_ids=dict(networks.client_ids),
                       network_endpoints={k: dict(v) for k, v in networks.endpoints.items()})
    procedures = Procedures(
        database=database, clock=clock, settings=settings, data_dir=data_dir,
        outbox=lambda s: Outbox(s, clock, SmtpMailer(MailConfig.from_settings(settings))),
        secrets=SecretStore(), recorder=recorder)
    oficio = tmp_path / "oficio.pdf"
    oficio.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    head = people.titular
    closure_id = request_closure(procedures, people.account, str(oficio),
                                 "El programa de la cuenta concluyó.", person_id=head)
    assert SecretStore().get(token_key(people.account)) is not None
    complete_closure(procedures, closure_id, ClosureChecklist(True, True, True, True),
                     person_id=head)
    assert SecretStore().get(token_key(people.account)) is None
    assert len(server.revoked) == 1
    assert _job(database, post_id).state == JobState.CANCELADA
    with database.session() as session:
        assert session.scalar(select(NetworkConnection)) is None
    assert "red_desconectada" in [e.action for e in recorder.entries]


def test_a_post_waiting_for_confirmation_cannot_be_edited(
        database, clock, world, server, tmp_path):
    """The queue looks for exactly the text it sent: the text stays until it is confirmed."""
    from redes_desktop.actions.save_draft import save_draft

    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.fail_next("POST /2/tweets", 503)  # ambiguous: stays «enviando»
    _queue(database, clock, recorder, networks).tick()
    assert _job(database, post_id).state == JobState.ENVIANDO
    with pytest.raises(ValidationError, match="se espera su confirmación"):
        save_draft(database, clock=clock, recorder=recorder, person_id=people.titular,
                   post_id=post_id, text="Otro texto", is_reply=False, media=[],
                   findings=None)
    assert _post(database, post_id).text == "Aviso de la jornada"


def test_a_resend_after_nothing_was_found_asks_the_criteria_again(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.fail_next("POST /2/tweets", 503)
    _queue(database, clock, recorder, networks).tick()
    clock.advance(timedelta(minutes=2))
    # Meanwhile the criteria changed their verdict (a rule updated, an incident, a decision).
    report = _queue(database, clock, recorder, networks, checker=blocking).tick()
    assert report.failed == [post_id] and server.count("POST /2/tweets") == 1
    assert server.x_posts == []
