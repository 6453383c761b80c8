"""Images for publication are copied without GPS EXIF, content-addressed; originals untouched."""

from PIL import Image

from redes_desktop.checks.images import has_gps
from redes_desktop.services.media_library import import_for_publication


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
    assert copy.parent == tmp_path / "media"
    assert not has_gps(copy)
    assert original.read_bytes() == before
    assert import_for_publication(original, tmp_path / "media") == copy  # same content, same name
    assert import_for_publication(copy, tmp_path / "media") == copy


def test_unreadable_image_is_left_for_the_checks(tmp_path):
    fake = tmp_path / "no-es-imagen.jpg"
    fake.write_text("hola")
    assert import_for_publication(fake, tmp_path / "media") == fake
    assert list((tmp_path / "media").iterdir()) == []
