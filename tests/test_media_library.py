"""Images for publication are copied without GPS EXIF, content-addressed; originals untouched;
decompression bombs are refused before decoding, in Spanish, with no file left behind."""

import warnings

import pytest
from PIL import Image

from redes_desktop.checks.images import display_name, has_gps, sha256_file
from redes_desktop.errors import UserFacingError
from redes_desktop.services.media_library import chosen_name, import_for_publication


def _jpeg_with_gps(path):
    image = Image.new("RGB", (64, 48), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0110] = "Cámara"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (19.0, 25.0, 57.0)
    image.save(path, exif=exif)


def test_copy_has_no_location_and_original_is_untouched(tmp_path):
    original = tmp_path / "foto.jpg"
    _jpeg_with_gps(original)
    before = original.read_bytes()
    assert has_gps(original)
    copy = import_for_publication(original, tmp_path / "media")
    assert copy.parent.parent == tmp_path / "media"
    assert copy.parent.name == sha256_file(copy)  # content-addressed folder
    assert copy.name == "foto.jpg"  # under the name the person chose (issue 15)
    assert not has_gps(copy)
    assert original.read_bytes() == before
    assert import_for_publication(original, tmp_path / "media") == copy  # same content, same name
    assert import_for_publication(copy, tmp_path / "media") == copy


def test_images_are_named_as_the_person_chose_them_not_by_hash(tmp_path):
    """No internal identifiers on screen (issue 15): the stored copy keeps the chosen name;
    copies stored by hash alone (older drafts) are shown as «imagen N (.jpg)»."""
    from pathlib import Path

    assert chosen_name(Path("/fotos/Consejo General 2026.JPG")) == "Consejo General 2026.JPG"
    assert chosen_name(Path("a" * 200 + ".png")).endswith(".png")
    assert len(chosen_name(Path("a" * 200 + ".png"))) == 120
    legacy = tmp_path / "media" / (("ab" * 32) + ".jpg")
    assert display_name(legacy, 2) == "imagen 2 (.jpg)"
    assert "ab" * 32 not in display_name(legacy)
    assert display_name(tmp_path / "media" / ("cd" * 32) / "foto.jpg") == "foto.jpg"


def test_a_finding_about_an_image_names_the_chosen_file(tmp_path):
    from redes_desktop.checks.engine import build_engine
    from redes_desktop.models.enums import Network

    original = tmp_path / "Foto del Consejo.jpg"
    Image.new("RGB", (10, 10), (0, 0, 0)).save(original)  # far too small for X
    copy = import_for_publication(original, tmp_path / "media")
    result = build_engine(spelling=False).check_one("Sesión del Consejo General hoy.",
                                                     Network.X, images=[copy])
    about_images = [f.message for f in result.findings if "Foto del Consejo.jpg" in f.message]
    assert about_images, [f.message for f in result.findings]
    assert all(copy.parent.name not in f.message for f in result.findings)


def test_unreadable_image_is_left_for_the_checks(tmp_path):
    fake = tmp_path / "no-es-imagen.jpg"
    fake.write_text("hola")
    assert import_for_publication(fake, tmp_path / "media") == fake
    assert list((tmp_path / "media").iterdir()) == []


# -- decompression bombs -------------------------------------------------------------------------

def _png_header_only(path, width, height):
    """A tiny PNG whose header declares `width` × `height`: decoding it would take gigabytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("width, height", [
    (9000, 9000),  # above our 64 MP limit, below Pillow's own warning (89 MP)
    (20000, 20000),  # above Pillow's error threshold: Image.open itself refuses it
])
def test_import_refuses_a_bomb_in_spanish_and_leaves_no_temp_file(tmp_path, width, height):
    bomb = _png_header_only(tmp_path / "cartel.png", width, height)
    media = tmp_path / "media"
    with pytest.raises(UserFacingError) as raised:
        import_for_publication(bomb, media)
    message = raised.value.message
    assert "«cartel.png»" in message and "8000 × 8000" in message
    assert list(media.iterdir()) == []  # no `.importando-*` file, no copy


def test_import_refuses_a_bomb_even_when_warnings_are_errors(tmp_path):
    bomb = _png_header_only(tmp_path / "cartel.png", 10000, 10000)  # 100 MP: Pillow warns
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with pytest.raises(UserFacingError):
            import_for_publication(bomb, tmp_path / "media")
    assert list((tmp_path / "media").iterdir()) == []


def test_consultation_copy_refuses_a_bomb_and_leaves_no_partial(tmp_path):
    from redes_desktop.services.consultations import copy_media

    bomb = _png_header_only(tmp_path / "cartel.png", 9000, 9000)
    media = tmp_path / "media"
    with pytest.raises(UserFacingError) as raised:
        copy_media(bomb, "cd" * 32, media)
    assert "demasiado grande" in raised.value.message
    assert "La consulta no se envió." in raised.value.message
    assert list(media.iterdir()) == []
