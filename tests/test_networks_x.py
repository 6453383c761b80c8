"""The X connector and the shared HTTP client against a local server that speaks X's API v2:
posts with images and alt text, replies, mentions, duplicate content, rate limits, expired
tokens, server errors and a timeout after the network accepted."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from redes_desktop.clock import FixedClock
from redes_desktop.networks.errors import (
    AuthorizationExpired,
    DuplicateContent,
    NotConnected,
    RateLimited,
    TransientNetworkError,
)
from redes_desktop.networks.http import ApiClient, RetryPolicy
from redes_desktop.networks.oauth import OAuthProvider, StoredTokens, TokenSet, authorize_in_browser
from redes_desktop.networks.types import OutgoingMedia, PublishRequest
from redes_desktop.networks.x import XConnector, classify
from tests.fake_networks import FakeNetworks
from tests.memory_secrets import MemorySecrets


@pytest.fixture
def clock():
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))


def provider(server: FakeNetworks) -> OAuthProvider:
    return OAuthProvider("X", f"{server.base}/oauth/authorize", f"{server.base}/oauth/token",
                         "cliente-ine", ("tweet.read", "tweet.write"),
                         revoke_url=f"{server.base}/oauth/revoke")


def browser_that_consents(url: str) -> None:
    # The person clicks «Autorizar»: the network redirects to our loopback address.
    requests.get(url, timeout=10)


def connected(server: FakeNetworks, clock, secrets=None, sleeps=None):
    secrets = secrets if secrets is not None else MemorySecrets()
    account_id = uuid.uuid4()
    tokens = StoredTokens(secrets, provider(server), account_id, clock)  # type: ignore[arg-type]
    tokens.save(authorize_in_browser(provider(server), open_browser=browser_that_consents,
                                     clock=clock, timeout=10))
    recorded = sleeps if sleeps is not None else []
    client = ApiClient(server.base, network="X", tokens=tokens, clock=clock, classify=classify,
                       sleep=recorded.append, policy=RetryPolicy(attempts=3),
                       timeout=(2.0, 1.0))
    return XConnector(client, user_id="42", handle="@INEMexico"), tokens, secrets


def test_pkce_authorisation_stores_tokens_only_in_the_secret_store(server, clock):
    connector, tokens, secrets = connected(server, clock)
    stored = tokens.load()
    assert stored is not None and stored.access_token in server.valid_tokens
    assert stored.refresh_token and stored.expires_at and stored.expires_at > clock()
    assert list(secrets.values) == [tokens.key]


def test_a_wrong_pkce_verifier_is_refused(server, clock):
    from redes_desktop.networks.oauth import AuthorizationFailed

    server.challenge_seen = "otro-desafio"  # the verifier we send cannot match it
    with pytest.raises(AuthorizationFailed, match="no entregó las claves"):
        authorize_in_browser(provider(server), open_browser=browser_that_consents,
                             clock=clock, timeout=10)


def test_publishes_text_image_and_alt_text(server, clock, tmp_path: Path):
    connector, _, _ = connected(server, clock)
    image = tmp_path / "cartel.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    item = connector.publish(PublishRequest(
        "42", "Consulta los resultados en https://ine.mx",
        media=(OutgoingMedia(image, "image/png", "Cartel de la jornada"),)))
    assert item.url == f"https://x.com/INEMexico/status/{item.remote_id}"
    [post] = server.x_posts
    assert post["text"] == "Consulta los resultados en https://ine.mx"
    [media_id] = post["body"]["media"]["media_ids"]
    assert server.x_media[media_id]["alt"] == "Cartel de la jornada"


def test_reply_names_the_post_answered(server, clock):
    connector, _, _ = connected(server, clock)
    connector.publish(PublishRequest("42", "Hola, Ana: la casilla abre a las 8:00.",
                                     reply_to="777"))
    assert server.x_posts[0]["body"]["reply"] == {"in_reply_to_tweet_id": "777"}


def test_duplicate_content_is_a_permanent_spanish_error(server, clock):
    connector, _, _ = connected(server, clock)
    connector.publish(PublishRequest("42", "Aviso"))
    with pytest.raises(DuplicateContent, match="idéntica a una anterior") as caught:
        connector.publish(PublishRequest("42", "Aviso"))
    assert not caught.value.retryable


def test_rate_limit_waits_for_the_reset_then_succeeds(server, clock):
    sleeps: list[float] = []
    connector, _, _ = connected(server, clock, sleeps=sleeps)
    reset = int((clock() + timedelta(seconds=30)).timestamp())
    server.fail_next("POST /2/tweets", 429, {"title": "Too Many Requests"},
                     {"x-rate-limit-reset": str(reset)})
    connector.publish(PublishRequest("42", "Después del límite"))
    assert sleeps == [pytest.approx(30, abs=1)]
    assert len(server.x_posts) == 1


def test_a_long_rate_limit_goes_back_to_the_caller_with_its_moment(server, clock):
    connector, _, _ = connected(server, clock)
    reset = int((clock() + timedelta(minutes=15)).timestamp())
    server.fail_next("POST /2/tweets", 429, None, {"x-rate-limit-reset": str(reset)})
    with pytest.raises(RateLimited) as caught:
        connector.publish(PublishRequest("42", "Texto"))
    assert caught.value.retry_at == datetime.fromtimestamp(reset, UTC)
    assert server.x_posts == []


def test_expired_token_is_refreshed_once_and_the_call_repeated(server, clock):
    connector, tokens, _ = connected(server, clock)
    before = tokens.load()
    server.expire_all_tokens()
    connector.publish(PublishRequest("42", "Con token renovado"))
    after = tokens.load()
    assert after is not None and before is not None
    assert after.access_token != before.access_token and len(server.x_posts) == 1


def test_a_revoked_refresh_token_asks_to_connect_again(server, clock):
    connector, tokens, _ = connected(server, clock)
    server.expire_all_tokens()
    server.refresh_tokens.clear()
    with pytest.raises(AuthorizationExpired, match="Vuelva a conectarla"):
        connector.publish(PublishRequest("42", "Texto"))


def test_token_about_to_expire_is_refreshed_before_the_call(server, clock):
    connector, tokens, _ = connected(server, clock)
    old = tokens.load()
    assert old is not None
    clock.advance(timedelta(hours=2))
    connector.follower_count()
    new = tokens.load()
    assert new is not None and new.access_token != old.access_token
    assert server.count("POST /oauth/token") == 2  # the code exchange, then one refresh


def test_server_errors_on_reads_are_retried_with_backoff(server, clock):
    sleeps: list[float] = []
    connector, _, _ = connected(server, clock, sleeps=sleeps)
    server.fail_next("GET /2/users/{id}", 503, times=2)
    assert connector.follower_count() == 12345
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0] * 0.9


def test_a_post_meeting_a_server_error_is_not_repeated_blindly(server, clock):
    connector, _, _ = connected(server, clock)
    server.fail_next("POST /2/tweets", 503)
    with pytest.raises(TransientNetworkError) as caught:
        connector.publish(PublishRequest("42", "Texto"))
    assert caught.value.ambiguous and caught.value.retryable
    assert server.count("POST /2/tweets") == 1


def test_timeout_after_the_network_accepted_is_ambiguous_and_findable(server, clock):
    connector, _, _ = connected(server, clock)
    server.accept_then_stall("POST /2/tweets")
    request = PublishRequest("42", "Llegó aunque no hubo respuesta")
    with pytest.raises(TransientNetworkError) as caught:
        connector.publish(request)
    assert caught.value.ambiguous
    found = connector.find_published(request, clock() - timedelta(minutes=1))
    assert found is not None and found.remote_id == server.x_posts[0]["id"]
    assert connector.find_published(PublishRequest("42", "otro"), clock()) is None


def test_mentions_arrive_incrementally(server, clock):
    connector, _, _ = connected(server, clock)
    server.add_x_mention("@INEMexico ¿dónde está mi casilla?", author="ana_mx", name="Ana")
    first = connector.fetch_inbox(None)
    assert [(i.author_handle, i.text) for i in first.items] == [
        ("ana_mx", "@INEMexico ¿dónde está mi casilla?")]
    assert connector.fetch_inbox(first.cursor).items == ()
    server.add_x_mention("@INEMexico gracias", author="luis")
    assert [i.text for i in connector.fetch_inbox(first.cursor).items] == ["@INEMexico gracias"]


def test_revoking_deletes_the_tokens_and_tells_the_network(server, clock):
    connector, tokens, secrets = connected(server, clock)
    refresh = tokens.load().refresh_token  # type: ignore[union-attr]
    assert tokens.revoke() is True
    assert secrets.values == {} and server.revoked == [refresh]
    with pytest.raises(NotConnected):
        connector.publish(PublishRequest("42", "Texto"))


def test_token_set_round_trips_through_json():
    tokens = TokenSet("a", "r", datetime(2026, 12, 3, tzinfo=UTC), "s")
    assert TokenSet.from_json(tokens.to_json()) == tokens
