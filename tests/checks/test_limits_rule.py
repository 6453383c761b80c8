"""Rules 6.xxii (network limits) and 6.xxvi (an image on every X/Facebook post)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from PIL import Image

from redes_desktop.checks import images
from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.network_limits import (
    NETWORKS_FILE,
    LimitsError,
    fit_offset,
    limits_for,
    load_limits,
    text_units,
)
from redes_desktop.checks.rule_image import ImageRequiredRule
from redes_desktop.checks.rule_limits import NetworkLimitsRule, text_limit_status
from redes_desktop.models.enums import Network
from tests.checks.video_files import avi_bytes, write_mp4

LIMITS = NetworkLimitsRule()
IMAGE = ImageRequiredRule()


@pytest.fixture(autouse=True)
def _fresh_cache():
    images.clear_cache()


def img(tmp_path: Path, name="foto.jpg", size=(1080, 1080), fmt=None) -> Path:
    path = tmp_path / name
    Image.new("RGB", size, (10, 120, 200)).save(path, format=fmt)
    return path


def post(network=Network.X, text="Hola", media=(), alts=None) -> CheckInput:
    media = tuple(media)
    if alts is None:
        alts = tuple("Cartel de la jornada electoral" for _ in media)
    return CheckInput(text=text, network=network, images=media, alt_texts=tuple(alts))


def codes(findings):
    return sorted(f.code for f in findings)


# --- data file ----------------------------------------------------------------------------------


def test_every_network_is_described():
    limits = load_limits()
    assert set(limits) == set(Network)
    x = limits[Network.X]
    assert (x.text_limit, x.text_counting, x.alt_text_limit, x.images.max_count) == (
        280,
        "twitter",
        1000,
        4,
    )
    assert x.images.max_bytes_for("GIF") > x.images.max_bytes_for("JPEG") == 5 * 1024 * 1024
    assert limits[Network.INSTAGRAM].max_hashtags == 30
    assert limits[Network.YOUTUBE].required_media == "video"
    assert limits[Network.FACEBOOK].required_media == "image"


def test_broken_data_file_is_reported(tmp_path):
    data = json.loads(NETWORKS_FILE.read_text(encoding="utf-8"))
    del data["networks"]["tiktok"]
    bad = tmp_path / "networks.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LimitsError):
        load_limits(bad)
    data = json.loads(NETWORKS_FILE.read_text(encoding="utf-8"))
    data["networks"]["x"]["text"]["counting"] = "palabras"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(LimitsError):
        load_limits(bad)


@pytest.mark.parametrize("counting", ["utf16", "codepoints", "utf8", "twitter"])
def test_fit_offset_agrees_with_text_units(counting):
    text = "Elección 🗳️ año " * 30
    for limit in (1, 10, 57, 200):
        cut = fit_offset(text, limit, counting)
        assert text_units(text[:cut], counting) <= limit
        assert text_units(text[: cut + 1], counting) > limit or cut == len(text)


# --- text ---------------------------------------------------------------------------------------


def test_text_limit_status():
    assert text_limit_status("Hola 👍", Network.X) == (7, 280)
    assert text_limit_status("Hola 👍", Network.INSTAGRAM) == (7, 2200)
    assert text_limit_status("año", Network.YOUTUBE) == (4, 5000)


def test_x_text_over_limit_marks_the_excess(tmp_path):
    text = "a" * 290
    findings = LIMITS.check(post(text=text, media=[img(tmp_path)]))
    (f,) = [f for f in findings if f.code == "texto_excede_limite"]
    assert f.severity is Severity.BLOQUEA and f.rule == "6.xxii"
    assert (f.start, f.end) == (280, 290)
    assert "290" in f.message and "280" in f.message and "Sobran 10" in f.message


def test_x_text_at_limit_is_fine(tmp_path):
    assert LIMITS.check(post(text="a" * 280, media=[img(tmp_path)])) == []


def test_x_counts_urls_as_23(tmp_path):
    text = "a" * 250 + " https://www.ine.mx/" + "x" * 100
    assert "texto_excede_limite" not in codes(LIMITS.check(post(text=text, media=[img(tmp_path)])))


def test_instagram_hashtags(tmp_path):
    media = [img(tmp_path)]
    ok = " ".join(f"#tema{i}" for i in range(30))
    assert LIMITS.check(post(Network.INSTAGRAM, ok, media)) == []
    text = " ".join(f"#tema{i}" for i in range(33)) + " #2024"  # digits only: not a hashtag
    (f,) = LIMITS.check(post(Network.INSTAGRAM, text, media))
    assert f.code == "demasiadas_etiquetas" and f.severity is Severity.BLOQUEA
    assert "33" in f.message and "Quite 3" in f.message
    assert text[f.start : f.end].startswith("#tema30")


def test_youtube_description_counts_bytes_and_refuses_angle_brackets(tmp_path):
    video = write_mp4(tmp_path / "spot.mp4")
    findings = LIMITS.check(post(Network.YOUTUBE, "ñ" * 2501 + " <b>", [video]))
    assert codes(findings) == [
        "caracter_no_permitido",
        "caracter_no_permitido",
        "texto_excede_limite",
    ]
    over = next(f for f in findings if f.code == "texto_excede_limite")
    assert over.start == 2500 and "bytes" in over.message


# --- media --------------------------------------------------------------------------------------


def test_too_many_images_on_x(tmp_path):
    media = [img(tmp_path, f"{i}.jpg") for i in range(5)]
    findings = LIMITS.check(post(media=media))
    assert codes(findings) == ["demasiadas_imagenes"]
    assert "5 imágenes" in findings[0].message and "4" in findings[0].message


def test_format_not_accepted(tmp_path):
    bmp = img(tmp_path, "plano.bmp", fmt="BMP")
    assert codes(LIMITS.check(post(media=[bmp]))) == ["formato_no_aceptado"]
    assert LIMITS.check(post(Network.FACEBOOK, media=[bmp])) == []


def test_image_too_heavy(tmp_path):
    path = tmp_path / "ruido.png"
    noise = random.Random(7).randbytes(1400 * 1400 * 3)  # incompressible: ~5.9 MB as PNG
    Image.frombytes("RGB", (1400, 1400), noise).save(path, compress_level=1)
    assert path.stat().st_size > 5 * 1024 * 1024
    (f,) = LIMITS.check(post(media=[path]))
    assert f.code == "imagen_muy_pesada" and "5 MB" in f.message


def test_oversize_and_undersize_dimensions(tmp_path):
    wide = tmp_path / "panorama.png"
    Image.new("1", (8200, 100)).save(wide)
    assert codes(LIMITS.check(post(media=[wide]))) == ["imagen_muy_grande"]
    thumb = img(tmp_path, "miniatura.jpg", size=(320, 180))
    video = write_mp4(tmp_path / "v.mp4")
    assert codes(LIMITS.check(post(Network.YOUTUBE, media=[video, thumb]))) == ["imagen_muy_chica"]


def test_instagram_aspect_ratio_warns(tmp_path):
    tall = img(tmp_path, "vertical.jpg", size=(540, 960))
    (f,) = LIMITS.check(post(Network.INSTAGRAM, media=[tall]))
    assert f.code == "proporcion_recortada" and f.severity is Severity.ADVIERTE


def test_extension_mismatch_warns(tmp_path):
    path = img(tmp_path, "cartel.jpg", fmt="PNG")
    (f,) = LIMITS.check(post(media=[path]))
    assert f.code == "extension_no_coincide" and f.severity is Severity.ADVIERTE
    assert "PNG" in f.message and ".png" in f.message
    assert IMAGE.check(post(media=[path])) == []  # still a usable image


def test_broken_image_next_to_a_good_one_is_reported_by_limits(tmp_path):
    bad = tmp_path / "rota.jpg"
    bad.write_text("no", encoding="utf-8")
    findings = LIMITS.check(post(media=[img(tmp_path), bad]))
    assert codes(findings) == ["imagen_inutilizable"]
    assert "rota.jpg" in findings[0].message
    assert IMAGE.check(post(media=[img(tmp_path), bad])) == []


def test_video_format_and_count(tmp_path):
    avi = tmp_path / "clip.avi"
    avi.write_bytes(avi_bytes())
    findings = LIMITS.check(post(Network.X, media=[img(tmp_path), avi]))
    assert codes(findings) == ["video_no_aceptado"]


# --- alt text -----------------------------------------------------------------------------------


def test_missing_alt_text_warns(tmp_path):
    (f,) = LIMITS.check(post(media=[img(tmp_path)], alts=[""]))
    assert f.code == "falta_texto_alternativo" and f.severity is Severity.ADVIERTE
    assert "accesibilidad" in f.message
    (f,) = LIMITS.check(post(media=[img(tmp_path)], alts=[]))
    assert f.code == "falta_texto_alternativo"


def test_alt_text_over_limit_blocks(tmp_path):
    (f,) = LIMITS.check(post(media=[img(tmp_path)], alts=["x" * 1001]))
    assert f.code == "texto_alternativo_largo" and f.severity is Severity.BLOQUEA
    assert LIMITS.check(post(media=[img(tmp_path)], alts=["x" * 1000])) == []


def test_networks_without_alt_text(tmp_path):
    video = write_mp4(tmp_path / "v.mp4")
    assert (
        LIMITS.check(
            post(Network.YOUTUBE, media=[video, img(tmp_path, size=(1280, 720))], alts=["", ""])
        )
        == []
    )


# --- 6.xxvi -------------------------------------------------------------------------------------


@pytest.mark.parametrize("network", [Network.X, Network.FACEBOOK])
def test_x_and_facebook_need_an_image(network, tmp_path):
    (f,) = IMAGE.check(post(network))
    assert (f.rule, f.severity, f.code) == ("6.xxvi", Severity.BLOQUEA, "imagen_requerida")
    assert "sólo texto" in f.message and network.label in f.message
    assert IMAGE.check(post(network, media=[img(tmp_path)])) == []


def test_unusable_attachment_counts_as_none_and_says_why(tmp_path):
    half = tmp_path / "foto.jpg"
    Image.effect_noise((300, 300), 50).convert("RGB").save(half)
    half.write_bytes(half.read_bytes()[: half.stat().st_size // 2])
    (f,) = IMAGE.check(post(media=[half]))
    assert f.code == "imagen_requerida" and "foto.jpg" in f.message and "incompleta" in f.message
    # rule 6.xxii does not repeat it
    assert LIMITS.check(post(media=[half])) == []


def test_missing_file_counts_as_none(tmp_path):
    (f,) = IMAGE.check(post(Network.FACEBOOK, media=[tmp_path / "borrada.png"]))
    assert "borrada.png" in f.message and "no existe" in f.message


def test_a_video_without_image_on_x_warns_instead_of_blocking(tmp_path):
    video = write_mp4(tmp_path / "v.mp4")
    (f,) = IMAGE.check(post(media=[video]))
    assert (f.rule, f.severity, f.code) == ("6.xxvi", Severity.ADVIERTE, "video_sin_imagen")
    assert "6.xxii" in f.message and "imagen" in f.message


def test_youtube_needs_a_video(tmp_path):
    (f,) = IMAGE.check(post(Network.YOUTUBE, media=[img(tmp_path)]))
    assert (f.rule, f.code, f.severity) == ("6.xxii", "video_requerido", Severity.BLOQUEA)
    video = write_mp4(tmp_path / "spot.mov", brand=b"qt  ")
    assert IMAGE.check(post(Network.YOUTUBE, media=[video])) == []


def test_instagram_and_other_networks(tmp_path):
    (f,) = IMAGE.check(post(Network.INSTAGRAM))
    assert f.code == "multimedia_requerida"
    assert IMAGE.check(post(Network.INSTAGRAM, media=[img(tmp_path)])) == []
    assert IMAGE.check(post(Network.OTRA)) == []


def test_repeated_checks_give_the_same_findings(tmp_path):
    item = post(text="Consulta https://ine.mx " * 5, media=[img(tmp_path, size=(3000, 2000))])
    first = (LIMITS.check(item), IMAGE.check(item))
    for _ in range(5):  # the image inspection cache must not change the answer
        assert (LIMITS.check(item), IMAGE.check(item)) == first


def test_limits_for_returns_the_shipped_values():
    assert limits_for(Network.TIKTOK).images.formats == frozenset({"JPEG", "WEBP"})


# --- private messages (the answer to a direct message, issue 17) -------------------------------


def direct(network: Network, text: str) -> CheckInput:
    return CheckInput(text=text, network=network, is_reply=True, is_direct=True)


@pytest.mark.parametrize(("network", "limit", "unit"), [
    (Network.X, 10_000, "a"), (Network.FACEBOOK, 2_000, "a"), (Network.INSTAGRAM, 1_000, "a")])
def test_a_private_message_has_the_networks_message_limit(network, limit, unit):
    assert LIMITS.check(direct(network, unit * limit)) == []
    (f,) = LIMITS.check(direct(network, unit * (limit + 1)))
    assert f.code == "texto_excede_limite" and f.severity is Severity.BLOQUEA
    assert f.message.startswith("El mensaje") and f"máximo es {limit}" in f.message
    # X: the same text as a public reply keeps the post's 280
    public = CheckInput(text=unit * (limit + 1), network=network, is_reply=True)
    assert network != Network.X or codes(LIMITS.check(public)) == ["texto_excede_limite"]


def test_instagram_messages_count_bytes_and_ignore_the_hashtag_limit():
    # «ñ» is 2 bytes of UTF-8: 501 of them pass 1,000 characters' worth of bytes.
    (f,) = LIMITS.check(direct(Network.INSTAGRAM, "ñ" * 501))
    assert "1002" in f.message and "bytes" in f.message
    tags = " ".join(f"#tema{i}" for i in range(40))
    assert LIMITS.check(direct(Network.INSTAGRAM, tags)) == []


def test_networks_without_private_messages_keep_the_post_limits():
    assert limits_for(Network.YOUTUBE).direct_message is None
    (f,) = LIMITS.check(direct(Network.YOUTUBE, "a" * 5_001))
    assert f.message.startswith("La descripción excede")
