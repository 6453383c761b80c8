"""The YouTube connector against a local server speaking the Data API v3: Google's desktop
OAuth (PKCE, offline access, the installed-app client secret), resumable video upload, the
title from the first line, no video no post, comment threads and replies, the daily quota."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.networks.errors import MediaRefused, RateLimited
from redes_desktop.networks.oauth import AuthorizationFailed, StoredTokens, authorize_in_browser
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.networks.types import OutgoingMedia, PublishRequest
from redes_desktop.networks.youtube import next_pacific_midnight, title_of
from tests.fake_networks import FakeNetworks
from tests.memory_secrets import MemorySecrets


@pytest.fixture
def server():
    with FakeNetworks() as fake:
        fake.required_client_secret = "secreto-de-escritorio"
        yield fake


@pytest.fixture
def clock():
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))


def ends(server):
    return {"youtube": {"api": f"{server.base}/youtube/v3",
                        "upload": f"{server.base}/upload/youtube/v3",
                        "authorize": f"{server.base}/oauth/authorize",
                        "token": f"{server.base}/oauth/token"}}


def connector(server, clock, secret="secreto-de-escritorio", seen_urls=None):
    provider = provider_for(Network.YOUTUBE, client_ids={"youtube": "app.apps.google"},
                            overrides=ends(server), client_secrets={"youtube": secret})
    tokens = StoredTokens(MemorySecrets(), provider, uuid.uuid4(), clock)  # type: ignore[arg-type]

    def consent(url):
        if seen_urls is not None:
            seen_urls.append(url)
        requests.get(url, timeout=10)

    tokens.save(authorize_in_browser(provider, open_browser=consent, clock=clock, timeout=10))
    return build_connector(Network.YOUTUBE, tokens=tokens, clock=clock,
                           remote_account_id="UCine", handle="@INETV", overrides=ends(server))


def video(tmp_path: Path) -> OutgoingMedia:
    path = tmp_path / "spot.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"v" * 4000)
    return OutgoingMedia(path, "video/mp4")


def test_google_consent_asks_offline_access_and_sends_the_app_secret(server, clock):
    urls: list[str] = []
    connector(server, clock, seen_urls=urls)
    query = parse_qs(urlsplit(urls[0]).query)
    assert query["access_type"] == ["offline"] and query["code_challenge_method"] == ["S256"]
    with pytest.raises(AuthorizationFailed):
        connector(server, clock, secret="otro")


def test_resumable_upload_with_title_from_the_first_line(server, clock, tmp_path):
    item = connector(server, clock).publish(PublishRequest(
        "UCine", "Así se cuenta tu voto\nConoce el cómputo distrital en ine.mx",
        media=(video(tmp_path),)))
    [uploaded] = server.yt_videos
    assert uploaded["title"] == "Así se cuenta tu voto" and uploaded["size"] == 4012
    assert item.url == f"https://www.youtube.com/watch?v={uploaded['id']}"


def test_a_relative_upload_session_address_goes_to_the_upload_host(server, clock, tmp_path):
    """RFC 9110 allows a relative Location: it is resolved against the upload address that
    answered it, not against the API's (where it was a 404 and the video never went)."""
    server.yt_relative_session = True
    item = connector(server, clock).publish(PublishRequest(
        "UCine", "Así se cuenta tu voto", media=(video(tmp_path),)))
    [uploaded] = server.yt_videos
    assert item.url.endswith(uploaded["id"]) and uploaded["size"] == 4012


def test_no_video_no_post(server, clock):
    with pytest.raises(MediaRefused, match="publica videos"):
        connector(server, clock).publish(PublishRequest("UCine", "Sólo texto"))


def test_spent_quota_waits_until_midnight_pacific(server, clock, tmp_path):
    yt = connector(server, clock)
    server.fail_next("POST /upload/youtube/v3/videos", 403, {"error": {
        "code": 403, "errors": [{"reason": "quotaExceeded"}]}})
    with pytest.raises(RateLimited) as caught:
        yt.publish(PublishRequest("UCine", "Texto", media=(video(tmp_path),)))
    assert caught.value.retry_at == next_pacific_midnight(clock())


def test_comment_threads_and_replies(server, clock, tmp_path):
    yt = connector(server, clock)
    server.add_yt_comment("v1", "¿Cuándo es la jornada?")
    first = yt.fetch_inbox(None)
    [item] = first.items
    assert item.author_name == "Ana López" and item.parent_remote_id == "v1"
    yt.publish(PublishRequest("UCine", "Hola, Ana: el 7 de junio.", reply_to=item.remote_id))
    assert server.yt_replies[0]["textOriginal"] == "Hola, Ana: el 7 de junio."
    assert yt.fetch_inbox(first.cursor).items == ()
    assert yt.follower_count() == 250000
    assert yt.identify() == ("UCine", "@INETV")


def test_find_published_by_title(server, clock, tmp_path):
    yt = connector(server, clock)
    request = PublishRequest("UCine", "Spot de la jornada", media=(video(tmp_path),))
    yt.publish(request)
    found = yt.find_published(request, clock() - timedelta(minutes=5))
    assert found is not None and found.remote_id == server.yt_videos[0]["id"]


def test_titles_are_cut_and_cleaned():
    assert title_of("<b>Hola</b>") == "bHola/b"
    assert len(title_of("x" * 300)) == 100
