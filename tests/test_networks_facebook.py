"""The Facebook Pages connector against a local server speaking the Graph API: photo and
multi-photo posts with alt text, link posts, replies to comments, the page token asked with
the person's token, Graph errors by code (190 expired, 506 duplicate, 4/17/32 rate limits with
Meta's usage headers), comments as an incremental inbox, followers."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.networks.errors import (
    AuthorizationExpired,
    DuplicateContent,
    MediaRefused,
    RateLimited,
)
from redes_desktop.networks.oauth import StoredTokens, authorize_in_browser
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.networks.types import InboxKind, OutgoingMedia, PublishRequest
from tests.memory_secrets import MemorySecrets


@pytest.fixture
def clock():
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))


def overrides(server):
    return {"facebook": {"api": f"{server.base}/graph",
                         "authorize": f"{server.base}/oauth/authorize",
                         "token": f"{server.base}/oauth/token"}}


def connector(server, clock, page_id="555"):
    provider = provider_for(Network.FACEBOOK, client_ids={"facebook": "app-ine"},
                            overrides=overrides(server))
    tokens = StoredTokens(MemorySecrets(), provider, uuid.uuid4(), clock)  # type: ignore[arg-type]
    tokens.save(authorize_in_browser(provider, open_browser=lambda url: requests.get(
        url, timeout=10), clock=clock, timeout=10))
    built = build_connector(Network.FACEBOOK, tokens=tokens, clock=clock,
                            remote_account_id=page_id, handle="@INEJalisco",
                            overrides=overrides(server))
    built.client.sleep = lambda seconds: None  # type: ignore[attr-defined]
    built.page.sleep = lambda seconds: None  # type: ignore[attr-defined]
    return built


def image(tmp_path: Path, name="cartel.png") -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"1" * 80)
    return OutgoingMedia(path, "image/png", f"Texto alternativo de {name}")


def test_identify_picks_the_page_of_the_account(server, clock):
    assert connector(server, clock, page_id="").identify() == ("555", "@INEJalisco")


def test_photo_post_with_alt_text_uses_the_page_token(server, clock, tmp_path):
    item = connector(server, clock).publish(
        PublishRequest("555", "Registro abierto", media=(image(tmp_path),)))
    [post] = server.fb_posts
    assert item.remote_id == post["id"] and item.url.endswith(post["id"])
    [photo] = post["photos"]
    assert server.fb_photos[photo]["alt"] == "Texto alternativo de cartel.png"


def test_several_photos_make_one_post(server, clock, tmp_path):
    connector(server, clock).publish(PublishRequest(
        "555", "Galería", media=(image(tmp_path, "a.png"), image(tmp_path, "b.png"))))
    [post] = server.fb_posts
    assert len(post["photos"]) == 2 and post["message"] == "Galería"


def test_link_post_and_duplicate(server, clock):
    page = connector(server, clock)
    page.publish(PublishRequest("555", "Consulta", link="https://ine.mx"))
    assert server.fb_posts[0]["link"] == "https://ine.mx"
    with pytest.raises(DuplicateContent):
        page.publish(PublishRequest("555", "Consulta", link="https://ine.mx"))


def test_missing_image_file_is_media_refused(server, clock):
    page = connector(server, clock)
    server.fail_next("POST /graph/{page}/feed", 400,
                     {"error": {"code": 324, "message": "Missing or invalid image file"}})
    with pytest.raises(MediaRefused, match="no aceptó la imagen"):
        page.publish(PublishRequest("555", "Sin imagen"))


def test_an_expired_page_token_is_asked_again(server, clock):
    page = connector(server, clock)
    page.follower_count()
    server.fb_pages["555"]["token"] = "page-token-nuevo"
    assert page.follower_count() == 98765
    assert page.page.tokens.token == "page-token-nuevo"  # type: ignore[union-attr]


def test_an_expired_person_token_asks_to_connect_again(server, clock):
    page = connector(server, clock)
    server.expire_all_tokens()
    server.refresh_tokens.clear()
    with pytest.raises(AuthorizationExpired, match="Vuelva a conectarla"):
        page.follower_count()


def test_a_person_who_no_longer_manages_the_page_is_told_to_connect_again(server, clock):
    """Graph answers the page without its token: was a KeyError, a crash of the queue tick."""
    page = connector(server, clock)
    server.fb_pages["555"]["role_lost"] = True
    with pytest.raises(AuthorizationExpired, match="ya no administra la página"):
        page.follower_count()


def test_rate_limit_codes_use_metas_usage_header(server, clock):
    page = connector(server, clock)
    page.follower_count()  # the page token is known
    usage = {"555": [{"type": "pages", "call_count": 100,
                      "estimated_time_to_regain_access": 12}]}
    server.fail_next("POST /graph/{page}/feed", 400,
                     {"error": {"code": 32, "message": "Page request limit reached"}},
                     {"X-Business-Use-Case-Usage": json.dumps(usage)})
    with pytest.raises(RateLimited) as caught:
        page.publish(PublishRequest("555", "Texto"))
    assert caught.value.retry_at == clock() + timedelta(minutes=12)
    assert server.fb_posts == []


def test_comments_arrive_incrementally_without_the_pages_own_replies(server, clock):
    page = connector(server, clock)
    page.publish(PublishRequest("555", "Aviso"))
    post_id = server.fb_posts[0]["id"]
    server.add_fb_comment(post_id, "¿Hasta cuándo puedo tramitar mi credencial?",
                          created="2026-12-01T10:00:00+0000")
    first = page.fetch_inbox(None)
    [item] = first.items
    assert (item.kind, item.author_name, item.parent_remote_id) == (
        InboxKind.COMMENT, "Ana López", post_id)
    page.publish(PublishRequest("555", "Hola, Ana: hasta el 31 de enero.",
                                reply_to=item.remote_id))
    assert page.fetch_inbox(first.cursor).items == ()
    server.add_fb_comment(post_id, "Gracias", created="2026-12-01T11:00:00+0000")
    assert [i.text for i in page.fetch_inbox(first.cursor).items] == ["Gracias"]


def test_find_published_matches_the_text(server, clock):
    page = connector(server, clock)
    page.publish(PublishRequest("555", "Llegó"))
    found = page.find_published(PublishRequest("555", "Llegó"), clock() - timedelta(hours=1))
    assert found is not None and found.remote_id == server.fb_posts[0]["id"]
    assert page.find_published(PublishRequest("555", "Otro"), clock()) is None
