"""The Redactor's preview cards (issue 15) under pytest-qt: X's cut drawn where the checks' count
ends, Instagram's 4:5 crop of a tall image, the fold «… más», and one layout per pause in typing."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QThreadPool

from redes_desktop.models import Network
from redes_desktop.previews import display_url, layout_text
from redes_desktop.ui.composer import previews as previews_ui
from redes_desktop.ui.composer.previews import PreviewPane

URL = "https://ine.mx/voto-de-las-y-los-mexicanos-residentes-en-el-extranjero/registro"
HEAVY = "🗳️ ¡Participa! 🇲🇽 " * 12 + f"Regístrate: {URL} " + "👩‍👩‍👧‍👦 " * 40


@pytest.fixture
def pane(qtbot):
    widget = PreviewPane()
    qtbot.addWidget(widget)
    widget.resize(420, 600)
    widget.show()
    widget.set_account("INE Jalisco", "@INEJalisco")
    yield widget
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def tall(tmp_path):
    path = tmp_path / "cartel.png"
    Image.new("RGB", (1080, 1920), (200, 30, 90)).save(path)
    return str(path)


def test_x_card_cuts_an_emoji_and_link_heavy_text_at_the_limit(qtbot, pane):
    pane.update_post(HEAVY, [])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    card = pane.cards[Network.X]
    _shown, visible, hidden, cut = layout_text(Network.X, HEAVY)
    assert cut == "limite" and card.visible_part() == visible
    assert display_url(URL) in visible  # the link shows as X shows it
    assert "line-through" in card.text_label.text()  # the rest struck through
    assert "X no mostrará" in card.notes.text()
    assert "@INEJalisco" in card.name_label.text()


def test_instagram_card_crops_a_tall_image_to_four_by_five_and_folds(qtbot, pane, tall):
    pane.update_post("La credencial para votar es gratuita. " * 6, [(tall, "Cartel")])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    card = pane.cards[Network.INSTAGRAM]
    pixmap = card.image_labels[0].pixmap()
    assert pixmap.width() == previews_ui.IMAGE_WIDTH
    assert pixmap.height() == pytest.approx(previews_ui.IMAGE_WIDTH * 5 / 4, abs=1)
    assert "… más" in card.text_label.text()
    assert "Recortada" in card.notes.text()
    assert card.image_labels[0].toolTip() == "Cartel"
    x_card = pane.cards[Network.X]
    assert x_card.image_labels[0].pixmap().height() == pytest.approx(
        previews_ui.IMAGE_WIDTH * 4 / 3, abs=1)  # X shows a single image up to 3:4


def test_a_missing_image_says_so_and_a_link_makes_a_card(qtbot, pane, tmp_path):
    pane.update_post(f"Consulte {URL}", [(str(tmp_path / "no-existe.png"), "")])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    facebook = pane.cards[Network.FACEBOOK]
    assert facebook.image_labels[0].text() == "Imagen 1 no disponible"
    pane.update_post(f"Consulte {URL}", [])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    assert not facebook.link_card.isHidden() and "ine.mx" in facebook.link_card.text()
    assert facebook.image_labels == []


def test_typing_lays_the_post_out_once_per_pause(qtbot, pane, monkeypatch):
    calls = []
    real = previews_ui.render
    monkeypatch.setattr(previews_ui, "render", lambda t, m: calls.append(t) or real(t, m))
    for text in ("H", "Ho", "Hol", "Hola"):
        pane.update_post(text, [])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    assert calls == ["Hola"]
    assert pane.cards[Network.FACEBOOK].visible_part() == "Hola"


def test_a_huge_text_draws_only_the_start_of_what_x_cuts(qtbot, pane):
    # 60,000 characters: drawing them all in the card stalled the window for seconds.
    pane.update_post("palabra " * 7500, [])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    card = pane.cards[Network.X]
    assert len(card.text_label.text()) < 2_000
    assert "caracteres más" in card.text_label.text()


def test_typing_on_does_not_decode_the_images_again(qtbot, pane, tall):
    pane.update_post("Cartel", [(tall, "Cartel")])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    misses = previews_ui._cropped.cache_info().misses
    pane.update_post("Cartel de la jornada", [(tall, "Cartel")])
    qtbot.waitUntil(lambda: pane.current, timeout=10_000)
    assert previews_ui._cropped.cache_info().misses == misses  # the crops came from the cache
    assert pane.cards[Network.INSTAGRAM].image_labels[0].pixmap().width() == \
        previews_ui.IMAGE_WIDTH


def test_the_accounts_own_network_comes_to_the_front(qtbot, pane):
    pane.set_account("INE Jalisco", "@INEJalisco", Network.FACEBOOK)
    assert pane.tabText(pane.currentIndex()) == "Facebook"
    pane.set_account("INE Jalisco", "@JLJaliscoINE", Network.X)
    assert pane.tabText(pane.currentIndex()) == "X"
    pane.set_account("INE TV", "@INETV", Network.YOUTUBE)  # no card: the tab stays
    assert pane.tabText(pane.currentIndex()) == "X"
