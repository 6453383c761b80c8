"""Images are judged by what decodes, not by what their header claims (issue 11)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from redes_desktop.checks import images
from redes_desktop.checks.images import ImageInfo, ImageProblem, inspect_image


@pytest.fixture(autouse=True)
def _fresh_cache():
    images.clear_cache()
    yield
    images.clear_cache()


def _poster(width=1200, height=675, gray_footer=False) -> Image.Image:
    """A believable poster: a coloured background, shapes and stripes (varied blocks)."""
    im = Image.new("RGB", (width, height), (149, 0, 84))
    draw = ImageDraw.Draw(im)
    for i in range(0, width, 37):
        draw.line((i, 0, width - i, height), fill=(255, (i * 7) % 256, 80), width=5)
    draw.ellipse((width // 4, height // 4, width // 2, height // 2), fill=(20, 120, 200))
    if gray_footer:  # a legitimate full-width band of exactly #808080 at the bottom
        draw.rectangle((0, height * 3 // 4, width, height), fill=(128, 128, 128))
    return im


def _jpeg(im: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=90, **options)
    return buffer.getvalue()


def _claim_size(data: bytes, width: int, height: int) -> bytes:
    """The same file with the frame header (SOF0/SOF2) claiming other dimensions."""
    out = bytearray(data)
    at = max(out.find(b"\xff\xc0"), out.find(b"\xff\xc2"))
    out[at + 5:at + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(out)


@pytest.mark.parametrize("progressive", [False, True])
def test_header_claiming_8000x8000_over_1200x675_pixels_is_refused(tmp_path, progressive):
    path = tmp_path / "cartel.jpg"
    path.write_bytes(_claim_size(_jpeg(_poster(), progressive=progressive), 8000, 8000))
    with Image.open(path) as im:
        assert im.size == (8000, 8000)  # what the header claims
    result = inspect_image(path)
    assert isinstance(result, ImageProblem), result
    assert result.code == "danada" and "8000 × 8000" in result.message
    assert "no trae los datos de toda la imagen" in result.message


def test_cut_jpeg_closed_with_an_end_marker_is_refused(tmp_path):
    """Pillow's load() accepts it: libjpeg fills the missing blocks and stops at the marker."""
    data = _jpeg(_poster())
    path = tmp_path / "cortada.jpg"
    path.write_bytes(data[: len(data) * 6 // 10] + b"\xff\xd9")
    with Image.open(path) as im:
        im.load()  # no error from Pillow
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and result.code == "danada"


def test_file_too_small_for_its_declared_blocks_is_refused_before_decoding(tmp_path):
    path = tmp_path / "diminuta.jpg"
    data = _claim_size(_jpeg(Image.new("RGB", (64, 64), (149, 0, 84))), 8000, 8000)
    path.write_bytes(data)
    assert len(data) * 8 < 1000 * 1000
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and result.code == "danada"


@pytest.mark.parametrize("image", [
    _poster(),
    _poster(gray_footer=True),
    Image.new("RGB", (800, 600), (128, 128, 128)),  # uniformly #808080: dull but real
    _poster().convert("L"),
])
def test_real_jpegs_stay_usable(tmp_path, image):
    path = tmp_path / "bien.jpg"
    path.write_bytes(_jpeg(image))
    result = inspect_image(path)
    assert isinstance(result, ImageInfo), result
    assert (result.width, result.height) == image.size
