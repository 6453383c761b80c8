"""The OAuth side of the network review (issue 17), against the fake networks' OAuth provider:
the loopback listener answers only this attempt's redirect, once, and nothing connected to it
can hold it; refreshing sends what the provider needs (Google's app secret, a public client's
id), happens once when two threads meet a 401 together, and a token endpoint that is down or
silent is a transient failure, not a lost connection; disconnecting works without Internet and
with a damaged entry; nothing secret reaches the log even at DEBUG."""

from __future__ import annotations

import logging
import socket
import threading
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from redes_desktop.actions.network_connection import disconnect_account
from redes_desktop.networks import oauth
from redes_desktop.networks.errors import TransientNetworkError
from redes_desktop.networks.oauth import (
    OAuthProvider,
    StoredTokens,
    authorize_in_browser,
    token_key,
)
from redes_desktop.networks.types import PublishRequest
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder
from tests.fake_networks import FakeNetworks
from tests.memory_secrets import MemorySecrets
from tests.test_networks_x import browser_that_consents, connected, provider
from tests.test_networks_youtube import connector as youtube_connector
from tests.test_publishing_queue import _connect
from tests.test_publishing_queue import world as world  # the queue tests' fixture


def loopback(url: str) -> str:
    """The program's loopback address, as the consent URL names it."""
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    return redirect.rsplit("/callback", 1)[0]


# -- the loopback listener -----------------------------------------------------------------------
def test_a_forged_redirect_is_ignored_and_the_real_one_still_connects(server, clock):
    seen: dict[str, int] = {}

    def browser(url: str) -> None:
        base = loopback(url)
        assert urlsplit(base).hostname == "127.0.0.1"
        # A web page in the same browser aims at the listener first, with a code of its own.
        seen["forged"] = requests.get(f"{base}/callback?code=del-atacante&state=otro",
                                      timeout=10).status_code
        seen["no state"] = requests.get(f"{base}/callback?code=del-atacante",
                                        timeout=10).status_code
        seen["other page"] = requests.get(f"{base}/", timeout=10).status_code
        seen["post"] = requests.post(f"{base}/callback", timeout=10).status_code
        browser_that_consents(url)

    tokens = authorize_in_browser(provider(server), open_browser=browser, clock=clock,
                                  timeout=10)
    assert tokens.access_token in server.valid_tokens
    assert seen == {"forged": 400, "no state": 400, "other page": 404, "post": 501}


def test_the_redirect_is_taken_once_and_a_replay_is_refused(server, clock):
    statuses: list[int] = []

    def browser(url: str) -> None:
        consent = requests.get(url, allow_redirects=False, timeout=10)
        callback = consent.headers["Location"]
        statuses.append(requests.get(callback, timeout=10).status_code)
        statuses.append(requests.get(callback, timeout=10).status_code)  # replayed

    authorize_in_browser(provider(server), open_browser=browser, clock=clock, timeout=10)
    assert statuses == [200, 400]


def test_a_connection_that_says_nothing_does_not_hold_the_listener(server, clock):
    def browser(url: str) -> None:
        host, port = urlsplit(loopback(url)).hostname, urlsplit(loopback(url)).port
        with socket.create_connection((host, port), timeout=10):  # connects, sends nothing
            browser_that_consents(url)

    tokens = authorize_in_browser(provider(server), open_browser=browser, clock=clock,
                                  timeout=10)
    assert tokens.access_token in server.valid_tokens


# -- refreshing ----------------------------------------------------------------------------------
def test_refreshing_sends_the_app_secret_google_requires(clock):
    with FakeNetworks() as server:
        server.required_client_secret = "secreto-de-escritorio"
        connector = youtube_connector(server, clock)
        server.expire_all_tokens()
        connector.follower_count()  # a 401, a refresh with the secret, the call again
        assert server.count("POST /oauth/token") == 2


def test_refreshing_a_public_client_sends_its_id_and_no_made_up_secret(server, clock):
    connector, _tokens, _ = connected(server, clock)
    server.expire_all_tokens()
    connector.follower_count()
    [refresh] = [r for r in server.received
                 if r.path == "/oauth/token" and b"grant_type=refresh_token" in r.body]
    assert refresh.form()["client_id"] == "cliente-ine"
    assert "authorization" not in refresh.headers  # not «Basic cliente-ine:None»


class RacingSecrets(MemorySecrets):
    """Two threads read the tokens at the same moment (a barrier), then go on."""

    barrier: threading.Barrier | None = None

    def get(self, key: str) -> str | None:
        value = super().get(key)
        if self.barrier is not None:
            try:
                self.barrier.wait(timeout=1.0)
            except threading.BrokenBarrierError:
                pass  # the other thread waits its turn elsewhere: go on alone
        return value


def test_two_threads_renewing_at_once_spend_the_refresh_token_once(server, clock):
    secrets = RacingSecrets()
    account = uuid.uuid4()
    first = StoredTokens(secrets, provider(server), account, clock)  # type: ignore[arg-type]
    first.save(authorize_in_browser(provider(server), open_browser=browser_that_consents,
                                    clock=clock, timeout=10))
    second = StoredTokens(secrets, provider(server), account, clock)  # type: ignore[arg-type]
    first.access_token(), second.access_token()  # both calls are made with the same token
    server.expire_all_tokens()  # … and both meet a 401
    secrets.barrier = threading.Barrier(2)
    results: list[bool] = []
    threads = [threading.Thread(target=lambda t=t: results.append(t.renew()))
               for t in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    secrets.barrier = None
    assert results == [True, True]
    assert server.count("POST /oauth/token") == 2  # the code, then one refresh
    assert first.access_token() in server.valid_tokens


def test_a_token_endpoint_that_is_down_is_transient_not_a_lost_connection(server, clock):
    connector, tokens, _ = connected(server, clock)
    server.expire_all_tokens()
    server.fail_next("POST /oauth/token", 503)
    with pytest.raises(TransientNetworkError) as caught:
        connector.publish(PublishRequest("42", "Aviso"))
    assert caught.value.retryable and not caught.value.ambiguous
    assert tokens.load() is not None and server.x_posts == []
    connector.publish(PublishRequest("42", "Aviso"))  # the queue's next try
    assert len(server.x_posts) == 1


def test_a_token_endpoint_that_never_answers_times_out(server, clock, monkeypatch):
    connector, _tokens, _ = connected(server, clock)
    monkeypatch.setattr(oauth, "ENDPOINT_TIMEOUT", (2.0, 0.5))
    server.STALL_SECONDS = 30.0
    server.expire_all_tokens()
    server.accept_then_stall("POST /oauth/token")
    with pytest.raises(TransientNetworkError):
        connector.follower_count()


# -- disconnecting -------------------------------------------------------------------------------
def test_revoking_without_internet_deletes_the_tokens_here_and_says_so(server, clock):
    secrets = MemorySecrets()
    offline = OAuthProvider("X", f"{server.base}/oauth/authorize", f"{server.base}/oauth/token",
                            "cliente-ine", ("tweet.read",),
                            revoke_url="http://127.0.0.1:9/oauth/revoke")  # nothing listens
    tokens = StoredTokens(secrets, offline, uuid.uuid4(), clock)  # type: ignore[arg-type]
    tokens.save(authorize_in_browser(offline, open_browser=browser_that_consents, clock=clock,
                                     timeout=10))
    assert tokens.revoke() is False and secrets.values == {}


def test_a_damaged_token_entry_does_not_stop_disconnecting(database, clock, world):
    people, networks, _ = world
    recorder = MemoryRecorder()
    _connect(database, clock, recorder, people, networks)
    SecretStore().set(token_key(people.account), '{"access_token": "at-1", "refresh')
    assert disconnect_account(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                              networks=networks, person_id=people.titular,
                              account_id=people.account) is False
    assert SecretStore().get(token_key(people.account)) is None
    assert recorder.entries[-1].details["revocada_en_la_red"] is False


# -- the log -------------------------------------------------------------------------------------
def test_debug_logging_of_a_whole_connection_shows_no_secret(server, clock, caplog):
    caplog.set_level(logging.DEBUG)
    server.required_client_secret = "secreto-de-la-app"
    app = OAuthProvider("X", f"{server.base}/oauth/authorize", f"{server.base}/oauth/token",
                        "cliente-ine", ("tweet.read",), revoke_url=f"{server.base}/oauth/revoke",
                        client_secret="secreto-de-la-app")
    secrets = MemorySecrets()
    tokens = StoredTokens(secrets, app, uuid.uuid4(), clock)  # type: ignore[arg-type]
    # The person's browser (urllib: it logs nothing of its own).
    tokens.save(authorize_in_browser(app, open_browser=lambda url: urllib.request.urlopen(
        url, timeout=10).read(), clock=clock, timeout=10))
    first = tokens.load()
    server.expire_all_tokens()
    tokens.renew()
    second = tokens.load()
    tokens.revoke()
    assert first is not None and second is not None
    sent = [r.form() for r in server.received if r.path == "/oauth/token"]
    hidden = {first.access_token, first.refresh_token, second.access_token,
              second.refresh_token, "secreto-de-la-app", sent[0]["code"],
              sent[0]["code_verifier"]}
    assert caplog.records  # urllib3 did log the requests
    assert not [s for s in hidden if s and s in caplog.text]
