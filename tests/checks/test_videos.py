"""Videos are checked to be videos (container sniffed, duration and size read), and 6.xxvi
asks for an image only on X/Facebook posts: not on replies, and a video only warns (issue 16)."""

from __future__ import annotations

import pytest
from PIL import Image

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_image import ImageRequiredRule
from redes_desktop.checks.rule_limits import NetworkLimitsRule
from redes_desktop.checks.videos import VideoInfo, VideoProblem, format_duration, inspect_video
from redes_desktop.models.enums import Network
from tests.checks.video_files import avi_bytes, mp4_bytes, webm_bytes, write_mp4

IMAGE = ImageRequiredRule()
LIMITS = NetworkLimitsRule()


def post(network=Network.X, media=(), videos=(), reply=False) -> CheckInput:
    return CheckInput(text="Hola", network=network, images=tuple(media), videos=tuple(videos),
                      is_reply=reply)


@pytest.mark.parametrize(("name", "data", "container", "seconds"), [
    ("spot.mp4", mp4_bytes(12.5), "MP4", 12.5),
    ("spot.mp4", mp4_bytes(3725.0, version=1), "MP4", 3725.0),  # 64-bit mvhd
    ("spot.mov", mp4_bytes(8.0, brand=b"qt  "), "QuickTime", 8.0),
    ("spot.webm", webm_bytes(30.0), "WebM", 30.0),
    ("spot.mkv", webm_bytes(90.0, doctype=b"matroska"), "Matroska", 90.0),
    ("spot.avi", avi_bytes(10.0), "AVI", 10.0),
])
def test_containers_are_sniffed_and_their_duration_read(tmp_path, name, data, container,
                                                        seconds) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    info = inspect_video(path)
    assert isinstance(info, VideoInfo)
    assert info.container == container and info.size_bytes == len(data)
    assert info.duration_seconds == pytest.approx(seconds, abs=0.05)
    assert not info.extension_mismatch


def test_a_picture_renamed_mp4_is_not_a_video(tmp_path) -> None:
    path = tmp_path / "video.mp4"
    Image.new("RGB", (10, 10)).save(path, format="PNG")
    result = inspect_video(path)
    assert isinstance(result, VideoProblem) and result.code == "no_es_video"
    assert "video.mp4" in result.message


@pytest.mark.parametrize(("cut", "code"), [
    (lambda d: d[: len(d) // 2], "danado"),  # mdat runs past the end of the file
    (lambda d: d[:24] + b"\0\0\0\x10mdat" + b"\0" * 8, "danado"),  # no moov at all
    (lambda d: b"", "vacio"),
])
def test_cut_or_empty_videos_are_refused(tmp_path, cut, code) -> None:
    path = tmp_path / "corte.mp4"
    path.write_bytes(cut(mp4_bytes(5.0)))
    result = inspect_video(path)
    assert isinstance(result, VideoProblem) and result.code == code


def test_missing_video() -> None:
    assert inspect_video("/no/existe.mp4").code == "no_existe"


def test_format_duration() -> None:
    assert format_duration(140) == "2 min 20 s"
    assert format_duration(45.2) == "45 s"
    assert format_duration(3900) == "1 h 5 min"


# --- 6.xxvi ------------------------------------------------------------------------------------


@pytest.mark.parametrize("network", [Network.X, Network.FACEBOOK])
def test_a_reply_needs_no_image(network) -> None:
    assert IMAGE.check(post(network, reply=True)) == []
    assert IMAGE.check(post(network))[0].severity == Severity.BLOQUEA  # a post does


@pytest.mark.parametrize("network", [Network.X, Network.FACEBOOK])
def test_a_post_with_a_real_video_warns_with_the_reason(tmp_path, network) -> None:
    video = write_mp4(tmp_path / "spot.mp4")
    for item in (post(network, media=[video]), post(network, videos=[video])):
        (f,) = IMAGE.check(item)
        assert (f.rule, f.severity, f.code) == ("6.xxvi", Severity.ADVIERTE, "video_sin_imagen")
        assert "sólo texto" in f.message and "6.xxii" in f.message


def test_a_file_given_as_a_video_that_is_not_one_blocks(tmp_path) -> None:
    fake = tmp_path / "spot.mp4"
    fake.write_bytes(b"esto no es un video" * 10)
    (f,) = IMAGE.check(post(Network.X, videos=[fake]))
    assert f.severity == Severity.BLOQUEA and "spot.mp4" in f.message
    assert "no es un video" in f.message
    assert LIMITS.check(post(Network.X, videos=[fake])) == []  # said once, by 6.xxvi


def test_youtube_counts_only_real_videos(tmp_path) -> None:
    fake = tmp_path / "spot.mp4"
    fake.write_bytes(b"\0" * 64)
    (f,) = IMAGE.check(post(Network.YOUTUBE, media=[fake]))
    assert f.code == "video_requerido" and f.severity == Severity.BLOQUEA
    assert IMAGE.check(post(Network.YOUTUBE, media=[write_mp4(tmp_path / "ok.mp4")])) == []


# --- 6.xxii: duration, size and container of a video ---------------------------------------------


def _image(tmp_path):
    path = tmp_path / "cartel.png"
    Image.new("RGB", (1200, 675)).save(path)
    return path


def test_a_video_longer_than_the_network_takes_blocks(tmp_path) -> None:
    long = write_mp4(tmp_path / "largo.mp4", seconds=150)
    findings = LIMITS.check(post(Network.X, media=[_image(tmp_path)], videos=[long]))
    codes = [f.code for f in findings]
    assert "video_muy_largo" in codes
    f = next(f for f in findings if f.code == "video_muy_largo")
    assert "2 min 30 s" in f.message and "2 min 20 s" in f.message
    short = write_mp4(tmp_path / "corto.mp4", seconds=139)
    assert "video_muy_largo" not in [f.code for f in LIMITS.check(
        post(Network.X, media=[_image(tmp_path)], videos=[short]))]
    assert "video_muy_largo" not in [f.code for f in LIMITS.check(
        post(Network.FACEBOOK, media=[_image(tmp_path)], videos=[long]))]


def test_a_video_whose_extension_lies_warns(tmp_path) -> None:
    path = tmp_path / "spot.mp4"
    path.write_bytes(webm_bytes(10.0))
    findings = LIMITS.check(post(Network.FACEBOOK, media=[_image(tmp_path)], videos=[path]))
    f = next(f for f in findings if f.code == "extension_no_coincide")
    assert f.severity == Severity.ADVIERTE and "WebM" in f.message


def test_a_container_the_network_refuses_blocks(tmp_path) -> None:
    path = tmp_path / "spot.webm"
    path.write_bytes(webm_bytes(10.0))
    findings = LIMITS.check(post(Network.X, media=[_image(tmp_path)], videos=[path]))
    (f,) = [f for f in findings if f.code.startswith("video")]
    assert f.code == "video_no_aceptado" and f.severity == Severity.BLOQUEA
