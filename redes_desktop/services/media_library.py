"""The copies of images that will be published: kept in the data folder's `media/`, in a folder
named by the SHA-256 of their content and under the file name the person chose
(`media/<sha256>/foto-consejo.jpg`), with EXIF location data removed (criterion 6.iii: a photo's
GPS position is personal data). The original file is never modified. Keeping the chosen name in
the path (which the post stores and the sync carries) lets every screen and every finding name
the image as the person knows it, not by its hash (issue 15)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from redes_desktop.checks.images import display_name
from redes_desktop.errors import UserFacingError
from redes_desktop.private_files import make_private_dir

__all__ = ["chosen_name", "display_name", "import_for_publication"]

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".tif", ".tiff"}


def import_for_publication(source: str | os.PathLike[str], media_dir: Path) -> Path:
    """Copy `source` into `media_dir` without location data; return the copy's path.

    A file already in `media_dir` is returned as it is. A file Pillow cannot read is returned
    unchanged too: the checks report it as an unusable image, with the reason. An image whose
    header declares more than `checks.images.MAX_PIXELS` is never decoded: `ImageTooLarge`
    (a `UserFacingError` with a Spanish message) is raised.
    """
    src = Path(source)
    if media_dir.resolve() in src.resolve().parents:
        return src
    try:
        make_private_dir(media_dir)
        fd, tmp_name = tempfile.mkstemp(prefix=".importando-", suffix=src.suffix, dir=media_dir)
        os.close(fd)
    except OSError as error:
        raise UserFacingError(
            f"No se pudo preparar la carpeta de imágenes {media_dir} ({error.strerror}). "
            "Revise el espacio libre y los permisos de la carpeta de datos."
        ) from error
    tmp = Path(tmp_name)
    try:
        if src.suffix.lower() in _IMAGE_SUFFIXES:
            from redes_desktop.checks.images import strip_exif_location

            try:
                strip_exif_location(src, tmp)  # ImageTooLarge (UserFacingError) for a bomb
            except (OSError, ValueError, SyntaxError):
                return src  # not a readable image: let the checks say why
        else:
            shutil.copyfile(src, tmp)
        digest = _sha256(tmp)
        folder = media_dir / digest
        final = folder / chosen_name(src)
        if not final.exists():
            make_private_dir(folder)
            os.replace(tmp, final)
        return final
    except OSError as error:
        raise UserFacingError(
            f"No se pudo copiar «{src.name}» a la carpeta de imágenes ({error.strerror}). "
            "Revise que el archivo exista y que haya espacio libre."
        ) from error
    finally:
        tmp.unlink(missing_ok=True)  # whatever happened, no `.importando-*` file stays behind


def chosen_name(source: Path) -> str:
    """The copy's file name: the one the person chose, without anything that would make it a
    path, at most 120 characters (the extension kept)."""
    name = source.name.replace("\\", "_").replace("/", "_").strip(" .") or "imagen"
    suffix = source.suffix.lower()
    if len(name) > 120:
        name = name[: 120 - len(suffix)] + suffix
    return name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
