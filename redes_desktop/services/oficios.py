"""Signed oficios (7.ii, 7.vii): validated (a real PDF or an image Pillow can decode) and copied
into the data folder, content-addressed: `oficios/<sha256>.<ext>`."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from redes_desktop.errors import ValidationError

OFICIOS_DIR = "oficios"
MAX_OFICIO_BYTES = 25 * 1024 * 1024
_IMAGE_EXT = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp", "GIF": "gif",
              "BMP": "bmp"}


@dataclass(frozen=True)
class StoredOficio:
    relative_path: str  # relative to the data folder, with forward slashes
    sha256: str
    original_name: str
    mime_type: str


def _kind_of(path: Path, head: bytes) -> tuple[str, str]:
    """(extension, mime type), or a Spanish ValidationError."""
    if head.startswith(b"%PDF"):
        return "pdf", "application/pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image_format = image.format or ""
            image.load()  # verify() does not decode JPEG data: a truncated file passes it
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            f"El archivo «{path.name}» no es un PDF ni una imagen legible ({error}). "
            "Adjunte el oficio firmado escaneado en PDF, JPG o PNG.",
            field="oficio",
        ) from error
    ext = _IMAGE_EXT.get(image_format)
    if ext is None:
        raise ValidationError(
            f"El archivo «{path.name}» es una imagen {image_format} que no se admite: "
            "adjunte el oficio en PDF, JPG o PNG.",
            field="oficio",
        )
    return ext, f"image/{'jpeg' if ext == 'jpg' else ext}"


def validate_oficio(source: str | os.PathLike[str] | None, what: str) -> Path:
    """The oficio file, checked to exist and to be a PDF or an image; `what` names the procedure
    in the message, e.g. "la solicitud de cuenta (criterio 7.ii)"."""
    if not source or not str(source).strip():
        raise ValidationError(
            f"Falta el oficio firmado: {what} se presenta mediante oficio firmado por el titular "
            "del área. Adjunte el oficio escaneado (PDF o imagen).",
            field="oficio",
        )
    path = Path(source).expanduser()
    if not path.is_file():
        raise ValidationError(
            f"No se encontró el archivo del oficio «{path}». Revise la ruta o vuelva a "
            "adjuntarlo.",
            field="oficio",
        )
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(f"El archivo del oficio «{path.name}» está vacío.", field="oficio")
    if size > MAX_OFICIO_BYTES:
        raise ValidationError(
            f"El oficio «{path.name}» mide {size // (1024 * 1024)} MB; el máximo es "
            f"{MAX_OFICIO_BYTES // (1024 * 1024)} MB. Escanéelo a menor resolución.",
            field="oficio",
        )
    return path


def store_oficio(data_dir: Path, source: Path) -> StoredOficio:
    """Copy a validated oficio into `data_dir/oficios/` under its SHA-256 (once)."""
    data = source.read_bytes()
    ext, mime = _kind_of(source, data[:8])
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{OFICIOS_DIR}/{digest}.{ext}"
    target = data_dir / OFICIOS_DIR / f"{digest}.{ext}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".oficio-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return StoredOficio(relative, digest, source.name, mime)
