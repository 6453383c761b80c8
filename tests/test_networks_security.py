"""An attacker's and bad luck's review of the network connections (issue 17), against the local
fake networks: a token never reaches another host, an error text, the database, the bitácora
or a notification; a hostile server cannot make the client read without end; a retry sends the
whole file; the settings cannot send tokens over plain http; one connector's failure does not
stop the queue or the inbox. The loopback listener and the refresh of tokens are in
tests/test_networks_security_oauth.py."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import select

from redes_desktop.actions.inbox_reply import reply_to_item
from redes_desktop.actions.network_connection import NetworkSettings, connect_account
from redes_desktop.models.enums import Network
from redes_desktop.models.inbox import InboxCursor, InboxState
from redes_desktop.models.publishing import JobState
from redes_desktop.networks.errors import (
    NetworkError,
    NetworkRefused,
    TransientNetworkError,
    UntrustedAddress,
)
from redes_desktop.networks.http import ApiClient, RetryPolicy
from redes_desktop.networks.oauth import token_key
from redes_desktop.networks.registry import UnsafeEndpoint, endpoints_for, provider_for
from redes_desktop.networks.types import OutgoingMedia, PublishRequest
from redes_desktop.networks.x import classify
from redes_desktop.secrets_store import SecretStore
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
from tests.test_networks_x import connected
from tests.test_networks_youtube import connector as youtube_connector
from tests.test_networks_youtube import video
from tests.test_publishing_queue import _connect, _draft, _job, _queue, _schedule
from tests.test_publishing_queue import world as world  # the queue tests' fixture


@pytest.fixture
def elsewhere():
    """Another host: what must never hear from the client."""
    with FakeNetworks() as fake:
        yield fake


@pytest.fixture
def youtube_server():
    with FakeNetworks() as fake:
        fake.required_client_secret = "secreto-de-escritorio"
        yield fake


def client(server, clock, tokens=None, **options) -> ApiClient:
    return ApiClient(server.base, network="X", tokens=tokens, clock=clock, classify=classify,
                     sleep=lambda _s: None, policy=RetryPolicy(attempts=2),
                     timeout=(2.0, 5.0), **options)


# -- hostile answers ------------------------------------------------------------------------
def endless_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    handler.wfile.write(b"[")
    for _ in range(320):  # 20 MB, past the client's limit of 16 MB, then the server gives up
        handler.wfile.write(b"0," * 32 * 1024)


def trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    for _ in range(200):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.02)
    handler.wfile.write(b"{}")


def nested(status: int):
    def write(handler: BaseHTTPRequestHandler) -> None:
        body = b"[" * 200_000 + b"]" * 200_000
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return write


def cut_short(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(201)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"data": {"id"')


def test_an_endless_body_is_dropped_at_the_size_limit(server, clock):
    server.misbehave_next("GET /2/users/me", endless_body)
    with pytest.raises(TransientNetworkError, match="demasiado grande"):
        client(server, clock).call("GET", "/2/users/me")


def test_a_written_post_whose_answer_is_too_large_is_ambiguous(server, clock):
    server.misbehave_next("POST /2/tweets", endless_body)
    with pytest.raises(TransientNetworkError) as caught:
        client(server, clock, max_body=1024 * 1024).call("POST", "/2/tweets", json={})
    assert caught.value.ambiguous  # it may be on the network: looked for before resending


def test_a_body_that_trickles_in_meets_the_deadline(server, clock):
    server.misbehave_next("GET /2/users/me", trickle)
    ticks = itertools.count(step=100.0)  # each look at the clock: 100 seconds later
    with pytest.raises(TransientNetworkError, match="demasiado lenta"):
        client(server, clock, body_deadline=300.0,
               monotonic=lambda: next(ticks)).call("GET", "/2/users/me")


@pytest.mark.parametrize("status", [200, 400])
def test_json_nested_without_end_is_a_network_error_not_a_crash(server, clock, status):
    server.misbehave_next("GET /2/users/me", nested(status))
    with pytest.raises(NetworkError, match="ilegible"):
        client(server, clock).call("GET", "/2/users/me")


def test_an_answer_cut_short_after_a_post_is_ambiguous_not_a_crash(server, clock):
    server.misbehave_next("POST /2/tweets", cut_short)
    with pytest.raises(TransientNetworkError) as caught:
        client(server, clock).call("POST", "/2/tweets", json={"text": "Aviso"})
    assert caught.value.ambiguous


# -- the token goes nowhere else --------------------------------------------------------------
def test_a_redirect_is_not_followed_so_the_post_never_reaches_another_host(
        server, elsewhere, clock):
    connector, tokens, _ = connected(server, clock)
    server.fail_next("POST /2/tweets", 307, None, {"Location": f"{elsewhere.base}/2/tweets"})
    with pytest.raises(UntrustedAddress, match="ajena a la red"):
        connector.publish(PublishRequest("42", "Aviso de la jornada"))
    assert elsewhere.received == []


def test_an_upload_session_on_another_host_never_gets_the_token(
        youtube_server, elsewhere, clock, tmp_path):
    server = youtube_server
    hostile = f"{elsewhere.base}/upload/session/1?upload_id=robado"
    server.fail_next("POST /upload/youtube/v3/videos", 200, None, {"Location": hostile})
    with pytest.raises(UntrustedAddress):
        youtube_connector(server, clock).publish(PublishRequest(
            "UCine", "Así se cuenta tu voto", media=(video(tmp_path),)))
    assert elsewhere.received == []


def test_a_token_echoed_in_an_error_page_never_reaches_the_message(server, clock):
    connector, tokens, _ = connected(server, clock)
    token = tokens.load().access_token
    server.fail_next("POST /2/tweets", 400, {"detail": f"Cabecera recibida: Bearer {token}; "
                                                       f"url /2/tweets?access_token={token}"})
    with pytest.raises(NetworkRefused) as caught:
        connector.publish(PublishRequest("42", "Aviso"))
    assert token not in caught.value.message and "[oculto]" in caught.value.message


def test_the_exception_chain_does_not_carry_the_address_and_its_secrets(clock):
    closed = ApiClient("http://127.0.0.1:9", network="X", tokens=None, clock=clock,
                       sleep=lambda _s: None, policy=RetryPolicy(attempts=2))
    with pytest.raises(TransientNetworkError) as caught:
        closed.call("GET", "/me?access_token=EAAGsecreto123&upload_id=sesion456")
    chain, error = [], caught.value  # what a crash report would print of it
    while error is not None:
        chain.append(str(error))
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    shown = "\n".join(chain)
    assert "EAAGsecreto123" not in shown and "sesion456" not in shown


def test_a_queued_post_refused_with_the_token_in_the_answer_keeps_it_out_of_every_record(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    stored = SecretStore().get(token_key(people.account)) or ""
    token = stored.split('"access_token": "')[1].split('"')[0]
    post_id = _draft(database, clock, recorder, people, tmp_path)
    _schedule(database, clock, recorder, people, post_id, clock())
    server.fail_next("POST /2/tweets", 403, {"detail": f"token {token} no vale"})
    report = _queue(database, clock, recorder, networks).tick()
    assert report.failed == [post_id]
    job = _job(database, post_id)
    assert job.state == JobState.FALLIDA and "no vale" in job.last_error
    records = [job.last_error, *(str(e.details) for e in recorder.entries),
               *(n.message for n in report.notifications)]
    assert not [r for r in records if token in r]


# -- a retry sends the whole file ----------------------------------------------------------------
def test_a_retried_video_upload_sends_the_whole_file_again(youtube_server, clock, tmp_path):
    server = youtube_server
    server.fail_next("PUT /upload/session/{upload}", 429, None, {"Retry-After": "0"})
    connector = youtube_connector(server, clock)
    connector.client.sleep = lambda _s: None
    connector.publish(PublishRequest("UCine", "Así se cuenta tu voto",
                                     media=(video(tmp_path),)))
    assert [v["size"] for v in server.yt_videos] == [4012]


def test_a_retried_image_upload_sends_the_whole_image_again(server, clock, tmp_path: Path):
    connector, _, _ = connected(server, clock)
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 3000)
    media = (OutgoingMedia(image, "image/png", ""),)
    connector.publish(PublishRequest("42", "Primera", media=media))
    server.fail_next("POST /2/media/upload", 503)
    connector.publish(PublishRequest("42", "Segunda", media=media))
    first, second = (m["size"] for m in server.x_media.values())
    assert server.count("POST /2/media/upload") == 3 and second == first


# -- the settings cannot send tokens over plain http ---------------------------------------------
@pytest.mark.parametrize("key,url", [
    ("api", "http://proxy.institucion.example/2"),
    ("token", "http://192.0.2.10/oauth/token"),
    ("revoke", "ftp://proxy.example/revoke"),
    ("authorize", "https://usuario:clave@proxy.example/authorize"),
])
def test_an_unsafe_address_in_the_settings_file_is_refused(key, url):
    with pytest.raises(UnsafeEndpoint, match="Preferencias › Redes"):
        endpoints_for(Network.X, {"x": {key: url}})
    with pytest.raises(UnsafeEndpoint):
        provider_for(Network.X, client_ids={"x": "cliente-ine"}, overrides={"x": {key: url}})


def test_https_and_this_computer_are_accepted():
    ends = endpoints_for(Network.X, {"x": {"api": "https://proxy.example/x",
                                           "token": "http://127.0.0.1:8080/token"}})
    assert ends.api == "https://proxy.example/x" and ends.token.startswith("http://127.0.0.1")


def test_connecting_with_an_unsafe_address_never_opens_the_browser(database, clock, world):
    people, _networks, _ = world
    unsafe = NetworkSettings({"x": "cliente-ine"},
                             {"x": {"authorize": "http://proxy.example/authorize"}})
    opened: list[str] = []
    with pytest.raises(UnsafeEndpoint):
        connect_account(database, clock=clock, recorder=MemoryRecorder(),
                        secrets=SecretStore(), networks=unsafe, person_id=people.titular,
                        account_id=people.account, open_browser=opened.append, timeout=0.5)
    assert opened == []


# -- one failure does not stop the rest -----------------------------------------------------------
class ReadsGarbage:
    """A connector whose answer could not be read (a KeyError from a malformed body)."""

    def __init__(self, inner, failing: str) -> None:
        self.inner = inner
        self.failing = failing

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def publish(self, request):
        if request.text == self.failing:
            raise KeyError("id")
        return self.inner.publish(request)

    def find_published(self, request, since):
        if request.text == self.failing:
            raise KeyError("data")
        return self.inner.find_published(request, since)

    def fetch_inbox(self, cursor):
        raise ValueError("Expecting value: line 1 column 1 (char 0)")


def test_a_job_whose_answer_cannot_be_read_does_not_stop_the_queue(
        database, clock, world, server, tmp_path):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    broken = _draft(database, clock, recorder, people, tmp_path, text="Se rompe")
    fine = _draft(database, clock, recorder, people, tmp_path, text="Sale bien")
    _schedule(database, clock, recorder, people, broken, clock())
    _schedule(database, clock, recorder, people, fine, clock() + timedelta(seconds=1))
    clock.advance(timedelta(seconds=1))
    queue = _queue(database, clock, recorder, networks,
                   wrap=lambda inner: ReadsGarbage(inner, "Se rompe"))
    report = queue.tick()
    assert report.published == [fine] and report.retried == [broken]
    job = _job(database, broken)
    # It may have reached the network: it stays «enviando», to be looked for first.
    assert job.state == JobState.ENVIANDO and "respuesta inesperada" in job.last_error
    clock.advance(timedelta(minutes=5))
    assert queue.tick().retried == [broken]  # looking for it fails too: still no crash
    assert [p["text"] for p in server.x_posts] == ["Sale bien"]


def test_an_inbox_answer_that_cannot_be_read_backs_off_instead_of_raising(
        database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    report = poller(database, clock, MemoryRecorder(), networks,
                    wrap=lambda inner: ReadsGarbage(inner, "")).poll()
    assert "respuesta inesperada" in report.failed[people.account]
    with database.session() as session:
        state = session.scalar(select(InboxCursor))
        assert state.failures == 1 and state.next_poll_at > clock()



class PostsThenCannotRead:
    """The reply reaches the network, then its answer cannot be read."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def publish(self, request):
        self.inner.publish(request)
        raise KeyError("data")


def test_an_inbox_reply_whose_answer_cannot_be_read_is_looked_for_not_sent_twice(
        database, clock, server):
    people = seed(database, clock)
    networks = network_settings(server)
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    server.add_x_mention("@INEMexico ¿dónde voto?", author="ana_mx", name="Ana López")
    poller(database, clock, MemoryRecorder(), networks).poll()
    [item] = items(database)
    build = connector_for(clock, networks)
    result = reply_to_item(
        database, clock=clock, recorder=MemoryRecorder(), checker=courtesy_checker(),
        connector_for=lambda connection: PostsThenCannotRead(build(connection)),
        person_id=people.titular, item_id=item.id,
        text="Hola, Ana: su casilla está en ine.mx/ubica", area_contacts=None)
    assert len(server.x_posts) == 1 and result.url.endswith(server.x_posts[0]["id"])
    assert items(database)[0].state == InboxState.RESPONDIDO
