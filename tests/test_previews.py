"""The networks' layouts of a post (issue 15), Qt-free: X's cut uses the checks' own weighted
count (URL = 23, emoji = 2), Instagram's and Facebook's folds, and each network's image crop."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import Image

from redes_desktop.checks.network_limits import fit_offset, limits_for, text_units
from redes_desktop.checks.weighted_length import weighted_length
from redes_desktop.models import Network
from redes_desktop.previews import (
    Crop,
    centre_crop,
    clamp_crop,
    display_url,
    instagram_crops,
    layout_all,
    layout_post,
    layout_text,
)

URL = "https://ine.mx/voto-de-las-y-los-mexicanos-residentes-en-el-extranjero/registro"
# Emoji (2 each), a long link (23 whatever its length), accents (1): over 280 weighted.
HEAVY = ("🗳️ ¡Participa! 🇲🇽 " * 8 + f"Regístrate aquí: {URL} " + "👩‍👩‍👧‍👦 " * 20
         + "Consulta más en https://www.ine.mx/credencial/ y comparte 🙌🏽 " * 3)


def test_x_cut_is_where_the_checks_count_reaches_280():
    nfc = unicodedata.normalize("NFC", HEAVY)
    assert weighted_length(nfc) > 280  # the case is really over the limit
    shown, visible, hidden, cut = layout_text(Network.X, HEAVY)
    assert cut == "limite" and hidden
    end = fit_offset(nfc, 280, limits_for(Network.X).text_counting)
    # Up to the cut the text weighs 261; the next token is a link, which weighs 23 whatever
    # its length (261 + 23 > 280): it goes whole to the hidden part, never split.
    assert weighted_length(nfc[:end]) == 261
    assert nfc[end:].startswith("https://www.ine.mx/credencial/")
    assert hidden.startswith("ine.mx/credencial/ y comparte")
    # Links are shown as X shows them and never split; no emoji is cut in half.
    assert URL not in visible and display_url(URL) in visible
    assert display_url(URL) == "ine.mx/voto-de-las-y-lo…"
    assert "\u200d" not in visible[-3:] or visible.endswith("👦")
    assert shown == visible + hidden


def test_x_cut_matches_the_limit_rule_on_an_emoji_run():
    text = "😀" * 150  # 300 weighted: X keeps 140 emoji
    _shown, visible, hidden, cut = layout_text(Network.X, text)
    assert cut == "limite"
    assert visible == "😀" * 140 and hidden == "😀" * 10
    assert text_units(visible, "twitter") == 280


def test_x_text_that_fits_is_not_cut():
    shown, visible, hidden, cut = layout_text(Network.X, f"Consulta {URL} 🗳️")
    assert (hidden, cut) == ("", "")
    assert visible == f"Consulta {display_url(URL)} 🗳️"


def test_instagram_folds_the_caption_after_125_characters_at_a_word():
    text = "La credencial para votar " * 10
    _shown, visible, hidden, cut = layout_text(Network.INSTAGRAM, text)
    assert cut == "mas"
    assert len(visible) <= 125 and visible.endswith(("credencial", "para", "votar", "La"))
    assert (visible + " " + hidden).split() == text.split()


def test_instagram_folds_after_two_lines():
    _shown, visible, hidden, cut = layout_text(Network.INSTAGRAM, "Uno\nDos\nTres")
    assert (visible, hidden, cut) == ("Uno\nDos", "Tres", "mas")


def test_facebook_shows_a_short_post_whole_and_folds_a_long_one():
    assert layout_text(Network.FACEBOOK, "Aviso breve")[3] == ""
    long_text = "palabra " * 100
    _shown, visible, _hidden, cut = layout_text(Network.FACEBOOK, long_text)
    assert cut == "mas" and len(visible) <= 480


@pytest.mark.parametrize(("size", "expected"), [
    ((1080, 1080), Crop(0, 0, 1080, 1080)),        # square: whole
    ((1080, 1350), Crop(0, 0, 1080, 1350)),        # 4:5: whole
    ((1080, 1920), Crop(0, 285, 1080, 1350)),      # 9:16 story-shaped: cut to 4:5, centred
    ((3000, 1000), Crop(545, 0, 1910, 1000)),      # 3:1 panorama: cut to 1.91:1
    ((1910, 1000), Crop(0, 0, 1910, 1000)),        # 1.91:1: whole
])
def test_instagram_feed_crop(size, expected):
    crops, grid = instagram_crops([size])
    assert crops == [expected]
    side = min(size)
    assert grid == Crop((size[0] - side) // 2, (size[1] - side) // 2, side, side)


def test_instagram_carousel_takes_the_first_images_aspect():
    crops, _grid = instagram_crops([(1080, 1350), (1600, 900)])
    assert crops[1].aspect == pytest.approx(0.8, abs=0.01)
    assert crops[1] == Crop(440, 0, 720, 900)


def test_centre_and_clamp_crops():
    assert centre_crop(1600, 900, 1.0) == Crop(350, 0, 900, 900)
    assert clamp_crop(1000, 3000, 0.75, 2.0) == Crop(0, 833, 1000, 1333)
    assert clamp_crop(1600, 900, 0.75, 2.0) == Crop(0, 0, 1600, 900)


def test_cards_with_images_links_and_unreadable_files(tmp_path):
    tall = tmp_path / "cartel.png"
    Image.new("RGB", (1080, 1920), (200, 30, 90)).save(tall)
    broken = tmp_path / "roto.jpg"
    broken.write_bytes(b"no es una imagen")
    cards = layout_all(f"Regístrate: {URL}", [(str(tall), "Cartel"), (str(broken), "")])
    x = cards[Network.X]
    assert x.link_card is None  # with images, no link card
    # Two images on X: side by side, each cut to 7:8; the broken one shows as unavailable.
    assert [i.crop for i in x.images] == [Crop(0, 343, 1080, 1234), None]
    insta = cards[Network.INSTAGRAM]
    assert insta.images[0].crop == Crop(0, 285, 1080, 1350) and insta.images[0].cropped
    assert "instagram_sin_enlaces" in insta.notes
    facebook = cards[Network.FACEBOOK]
    assert facebook.images[0].alt_text == "Cartel"
    only_text = layout_post(Network.FACEBOOK, f"Primero {URL} y luego https://ine.mx/", [])
    assert only_text.link_card is not None and only_text.link_card.domain == "ine.mx"
    assert only_text.link_card.url == URL  # Facebook: the first link
    assert layout_post(Network.X, f"Primero {URL} y luego https://ine.mx/", []).link_card.url \
        == "https://ine.mx/"  # X: the last one


@pytest.mark.parametrize("size", [(1080, 1920), (1080, 1350), (3000, 1000), (1600, 900)])
def test_instagram_preview_crops_exactly_when_the_image_rule_warns(size):
    """The preview's bounds are the networks file's, those of 6.xxii's «la red la recortará»."""
    limits = limits_for(Network.INSTAGRAM).images
    width, height = size
    warned = not (limits.min_aspect <= width / height <= limits.max_aspect)
    [crop], _grid = instagram_crops([size])
    assert ((crop.width, crop.height) != size) == warned


def test_a_video_is_noted_and_not_taken_for_an_image(tmp_path):
    video = tmp_path / "mensaje.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    card = layout_all("Mensaje del Consejero Presidente", [(str(video), "")])[Network.X]
    assert card.images == () and "con_video" in card.notes
