"""The Instagram connector against a local server speaking the Instagram Graph API: images
hosted as unpublished photos of the linked page (the API takes only public URLs), containers
polled until ready, carousels, alt text, no text-only posts, comments and replies, followers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from redes_desktop.clock import FixedClock
from redes_desktop.models.enums import Network
from redes_desktop.networks.errors import MediaRefused
from redes_desktop.networks.oauth import StoredTokens, authorize_in_browser
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.networks.types import OutgoingMedia, PublishRequest
from tests.memory_secrets import MemorySecrets


@pytest.fixture
def clock():
    return FixedClock(datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5))


def connector(server, clock, remote="1789:555"):
    ends = {"instagram": {"api": f"{server.base}/graph",
                          "authorize": f"{server.base}/oauth/authorize",
                          "token": f"{server.base}/oauth/token"}}
    provider = provider_for(Network.INSTAGRAM, client_ids={"instagram": "app-ine"},
                            overrides=ends)
    tokens = StoredTokens(MemorySecrets(), provider, uuid.uuid4(), clock)  # type: ignore[arg-type]
    tokens.save(authorize_in_browser(provider, open_browser=lambda url: requests.get(
        url, timeout=10), clock=clock, timeout=10))
    built = build_connector(Network.INSTAGRAM, tokens=tokens, clock=clock,
                            remote_account_id=remote, handle="@inejalisco", overrides=ends)
    built.sleeps = []  # type: ignore[attr-defined]
    built.client.sleep = built.sleeps.append  # type: ignore[attr-defined]
    return built


def image(tmp_path: Path, name: str) -> OutgoingMedia:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"2" * 90)
    return OutgoingMedia(path, "image/png", f"Descripción de {name}")


def test_identify_finds_the_linked_professional_account(server, clock):
    assert connector(server, clock, remote="").identify() == ("1789:555", "@inejalisco")


def test_photo_post_is_hosted_on_the_page_then_published_when_ready(server, clock, tmp_path):
    ig = connector(server, clock)
    item = ig.publish(PublishRequest("1789:555", "Credencial para votar",
                                     media=(image(tmp_path, "c.png"),)))
    [media] = server.ig_media
    assert item.remote_id == media["id"] and item.url == media["permalink"]
    container = media["container"]
    assert container["image_url"].startswith(f"{server.base}/cdn/")
    assert container["alt_text"] == "Descripción de c.png"
    assert container["caption"] == "Credencial para votar"
    assert ig.sleeps == [3.0]  # one poll found it in progress
    hosted = container["image_url"].rsplit("/", 1)[1].removesuffix(".png")
    assert server.fb_posts == [] and hosted in server.fb_photos  # unpublished: no page post


def test_carousel_of_several_images(server, clock, tmp_path):
    connector(server, clock).publish(PublishRequest(
        "1789:555", "Galería", media=(image(tmp_path, "a.png"), image(tmp_path, "b.png"))))
    [media] = server.ig_media
    assert media["container"]["media_type"] == "CAROUSEL"
    assert len(media["container"]["children"].split(",")) == 2


def test_no_text_only_posts(server, clock):
    with pytest.raises(MediaRefused, match="no publica sólo texto"):
        connector(server, clock).publish(PublishRequest("1789:555", "Sólo texto"))
    assert server.ig_containers == {}


def test_comments_replies_and_followers(server, clock, tmp_path):
    ig = connector(server, clock)
    ig.publish(PublishRequest("1789:555", "Aviso", media=(image(tmp_path, "a.png"),)))
    media_id = server.ig_media[0]["id"]
    server.add_ig_comment(media_id, "¿Dónde me registro?")
    first = ig.fetch_inbox(None)
    [item] = first.items
    assert item.author_handle == "ana.lopez" and item.parent_remote_id == media_id
    ig.publish(PublishRequest("1789:555", "Hola: en ine.mx", reply_to=item.remote_id))
    assert server.ig_comments[-1]["text"] == "Hola: en ine.mx"
    assert ig.fetch_inbox(first.cursor).items == ()
    assert ig.follower_count() == 4321


def test_find_published_by_caption(server, clock, tmp_path):
    ig = connector(server, clock)
    request = PublishRequest("1789:555", "Encontrable", media=(image(tmp_path, "a.png"),))
    ig.publish(request)
    found = ig.find_published(request, clock() - timedelta(minutes=5))
    assert found is not None and found.remote_id == server.ig_media[0]["id"]
