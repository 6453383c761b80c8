"""Image inspection and location stripping, on images made on the fly with Pillow."""

from __future__ import annotations

import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from redes_desktop.checks import images
from redes_desktop.checks.file_cache import FileResultCache
from redes_desktop.checks.images import (
    ImageInfo,
    ImageProblem,
    has_gps,
    inspect_image,
    sha256_file,
    strip_exif_location,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    images.clear_cache()
    yield
    images.clear_cache()


def make_image(path: Path, size=(64, 48), fmt=None, **save) -> Path:
    im = Image.new("RGB", size, (200, 30, 60))
    im.save(path, format=fmt, **save)
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header declares `width` × `height` (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def test_valid_png_and_jpeg(tmp_path):
    png = inspect_image(make_image(tmp_path / "a.png"))
    jpg = inspect_image(make_image(tmp_path / "b.jpg", size=(120, 80)))
    assert isinstance(png, ImageInfo) and isinstance(jpg, ImageInfo)
    assert (png.format, png.width, png.height, png.extension_mismatch) == ("PNG", 64, 48, False)
    # width/height are the real ones even though JPEG is decoded at 1/8 scale
    assert (jpg.format, jpg.width, jpg.height, jpg.animated) == ("JPEG", 120, 80, False)
    assert jpg.size_bytes == (tmp_path / "b.jpg").stat().st_size
    assert png.usable and jpg.usable


def test_animated_gif(tmp_path):
    frames = [Image.new("RGB", (20, 20), (i * 80, 0, 0)) for i in range(3)]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100)
    info = inspect_image(path)
    assert isinstance(info, ImageInfo)
    assert info.animated and info.frames == 3


def test_truncated_jpeg_is_damaged(tmp_path):
    path = tmp_path / "foto.jpg"
    Image.effect_noise((400, 300), 60).convert("RGB").save(path, quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    result = inspect_image(path)
    assert isinstance(result, ImageProblem)
    assert result.code == "danada"
    assert "foto.jpg" in result.message and "incompleta" in result.message
    assert not result.usable


def test_text_file_renamed_jpg(tmp_path):
    path = tmp_path / "nota.jpg"
    path.write_text("esto no es una imagen\n", encoding="utf-8")
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and result.code == "no_es_imagen"
    assert "nota.jpg" in result.message


def test_heic_gets_a_conversion_hint(tmp_path):
    path = tmp_path / "IMG_0001.heic"
    path.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and "HEIC" in result.message
    assert "JPEG" in result.message


def test_png_renamed_jpg_is_usable_with_a_mismatch(tmp_path):
    path = make_image(tmp_path / "cartel.jpg", fmt="PNG")
    info = inspect_image(path)
    assert isinstance(info, ImageInfo)
    assert info.format == "PNG" and info.extension == "jpg" and info.extension_mismatch


def test_decompression_bomb_is_refused_from_the_header(tmp_path):
    # The header declares 3.6 gigapixels; the file has no pixel data at all, so a refusal
    # (rather than an attempt to decode) is what makes this pass.
    path = png_header_only(tmp_path / "bomba.png", 60000, 60000)
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and result.code == "demasiado_grande"


def test_image_over_our_pixel_limit_is_refused_before_decoding(tmp_path):
    # 9000 × 9000 = 81 MP: under Pillow's own limit, over ours; its data is not even valid
    path = png_header_only(tmp_path / "enorme.png", 9000, 9000)
    result = inspect_image(path)
    assert isinstance(result, ImageProblem) and result.code == "demasiado_grande"
    assert "9000 × 9000" in result.message


def test_missing_empty_and_directory(tmp_path):
    missing = inspect_image(tmp_path / "no.png")
    assert isinstance(missing, ImageProblem) and missing.code == "no_existe"
    assert "no.png" in missing.message
    empty = tmp_path / "vacia.png"
    empty.write_bytes(b"")
    assert inspect_image(empty).code == "vacio"
    assert inspect_image(tmp_path).code == "no_es_archivo"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = make_image(tmp_path / "privada.png")
    path.chmod(0)
    try:
        assert inspect_image(path).code == "sin_permiso"
    finally:
        path.chmod(0o644)


def test_cache_hits_and_invalidates_on_change(tmp_path):
    path = make_image(tmp_path / "a.png")
    first = inspect_image(path)
    assert inspect_image(path) is first  # cached: same object
    make_image(path, size=(10, 10))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    second = inspect_image(path)
    assert isinstance(second, ImageInfo) and (second.width, second.height) == (10, 10)


def test_cache_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "_cache", FileResultCache(3))
    paths = [make_image(tmp_path / f"{i}.png") for i in range(5)]
    for p in paths:
        inspect_image(p)
    assert len(images._cache._data) == 3


def test_sha256_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"abc")
    assert sha256_file(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def _jpeg_with_gps(path: Path) -> Path:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camara INE"
    exif[ExifTags.Base.Orientation] = 6
    gps = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (19.0, 26.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (99.0, 8.0, 0.0),
    }
    exif[ExifTags.IFD.GPSInfo] = gps
    Image.effect_noise((80, 60), 40).convert("RGB").save(path, exif=exif, quality=85)
    return path


def test_strip_location_from_jpeg_keeps_pixels_and_orientation(tmp_path):
    src = _jpeg_with_gps(tmp_path / "con_gps.jpg")
    assert has_gps(src)
    dst = strip_exif_location(src, tmp_path / "sin_gps.jpg")
    assert not has_gps(dst)
    with Image.open(dst) as out, Image.open(src) as orig:
        exif = out.getexif()
        assert ExifTags.IFD.GPSInfo not in exif
        assert exif[ExifTags.Base.Orientation] == 6
        assert exif[ExifTags.Base.Make] == "Camara INE"
        assert out.tobytes() == orig.tobytes()  # lossless: same compressed image data


def test_strip_location_from_png(tmp_path):
    src = tmp_path / "con_gps.png"
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    exif[ExifTags.Base.Software] = "prueba"
    Image.new("RGB", (10, 10), "blue").save(src, exif=exif)
    assert has_gps(src)
    dst = strip_exif_location(src, tmp_path / "sin_gps.png")
    assert not has_gps(dst)
    with Image.open(dst) as out:
        assert out.getexif()[ExifTags.Base.Software] == "prueba"
        assert out.getpixel((0, 0)) == (0, 0, 255)


def test_strip_location_without_exif_is_a_plain_copy(tmp_path):
    src = make_image(tmp_path / "limpia.jpg")
    dst = strip_exif_location(src, tmp_path / "copia.jpg")
    assert dst.read_bytes() == src.read_bytes()


def test_strip_location_drops_xmp_from_jpeg(tmp_path):
    src = tmp_path / "xmp.jpg"
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<exif:GPSLatitude>19,26N</exif:GPSLatitude></x:xmpmeta>"
    )
    Image.new("RGB", (16, 16), "red").save(src, xmp=xmp)
    assert b"GPSLatitude" in src.read_bytes()
    dst = strip_exif_location(src, tmp_path / "limpia.jpg")
    assert b"GPSLatitude" not in dst.read_bytes()
    with Image.open(dst) as out:
        out.load()
        assert out.size == (16, 16)
