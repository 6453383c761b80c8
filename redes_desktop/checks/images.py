"""Inspecting the images attached to a post, and preparing them for publishing (no Qt).

`inspect_image` decodes the whole file: `Image.verify()` misses a truncated JPEG (see
FINDINGS.md), only `load()` notices. For JPEG it first asks libjpeg for a 1/8-scale decode
(`Image.draft`): the entropy-coded data is still read to its end, so truncation is still caught
(measured: a 4000x3000 noise JPEG, 8.8 MB, 425 ms full vs 160 ms draft; both raise on the file cut
in half or at 97 %). Width and height are read before the draft shrinks them.

What decodes is judged, not what the header says: a JPEG whose header claims more pixels than
its data holds (8000×8000 declared, 1200×675 inside) or that was cut and closed with an end
marker loads without error, its missing blocks filled in by libjpeg; it is refused as `danada`
(`_ends_without_data`), and so is one too small to hold its declared blocks at all (one bit
each at the very least), before anything is decoded.

Decompression bombs: dimensions are read from the header and refused above `MAX_PIXELS` before
anything is decoded; Pillow's own `DecompressionBombError` (raised by `open()` above twice its
limit) is caught too, and so is its `DecompressionBombWarning` when warnings are errors. The same
guard protects `strip_exif_location`, which raises `ImageTooLarge` (a `UserFacingError`) instead
of decoding. Nothing here changes Pillow's global settings (nor the warnings filters).

Results are cached by (path, mtime, size) in a small LRU, so re-checking on every keystroke
costs a `stat()`.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from redes_desktop.checks.file_cache import FileResultCache, file_key
from redes_desktop.errors import UserFacingError

MAX_PIXELS = 64_000_000  # 8000 x 8000; no network accepts more (X: 8192 x 8192 = 67 MP)
CACHE_SIZE = 256

# Pillow format -> extensions that name it. An extension not listed here never "matches".
FORMAT_EXTENSIONS: dict[str, frozenset[str]] = {
    "JPEG": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "PNG": frozenset({"png"}),
    "GIF": frozenset({"gif"}),
    "WEBP": frozenset({"webp"}),
    "BMP": frozenset({"bmp", "dib"}),
    "TIFF": frozenset({"tif", "tiff"}),
}
_FRIENDLY_EXTENSIONS = {"heic": "HEIC", "heif": "HEIF", "avif": "AVIF", "svg": "SVG", "psd": "PSD"}


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str  # from the content, as Pillow names it: "JPEG", "PNG"…
    width: int
    height: int
    size_bytes: int
    animated: bool
    frames: int
    extension: str  # lower case, without the dot
    extension_mismatch: bool  # the extension names another format than the content

    @property
    def usable(self) -> bool:
        return True


@dataclass(frozen=True)
class ImageProblem:
    path: Path
    # no_existe, sin_permiso, no_es_archivo, vacio, no_es_imagen, danada, demasiado_grande
    code: str
    message: str  # Spanish: what is wrong and how to fix it

    @property
    def usable(self) -> bool:
        return False


def _problem(path: Path, code: str, why: str, fix: str) -> ImageProblem:
    return ImageProblem(path, code, f"El archivo «{display_name(path)}» {why}. {fix}")


def _inspect_uncached(path: Path, size: int) -> ImageInfo | ImageProblem:
    ext = path.suffix.lower().lstrip(".")
    if size == 0:
        return _problem(
            path, "vacio", "está vacío (0 bytes)", "Adjunte de nuevo la imagen original."
        )
    try:
        with Image.open(path) as im:
            fmt = im.format or ""
            width, height = im.size
            if width * height > MAX_PIXELS:
                return _too_big(path, width, height)
            frames = int(getattr(im, "n_frames", 1) or 1)
            if fmt == "JPEG":
                if size * 8 < _jpeg_blocks(width, height):
                    return _lying(path, width, height)
                im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
            im.load()
            if fmt == "JPEG" and _ends_without_data(im):
                return _lying(path, width, height)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _problem(
            path,
            "demasiado_grande",
            "declara unas dimensiones enormes y podría bloquear el equipo al abrirlo",
            "Use una imagen de menos de 8000 × 8000 píxeles.",
        )
    except UnidentifiedImageError:
        name = _FRIENDLY_EXTENSIONS.get(ext)
        if name:
            return _problem(
                path,
                "no_es_imagen",
                f"está en formato {name}, que no se puede revisar ni publicar",
                "Expórtelo como JPEG o PNG y adjúntelo de nuevo.",
            )
        return _problem(
            path,
            "no_es_imagen",
            "no es una imagen reconocible (su contenido no es JPEG, PNG, GIF ni WEBP)",
            "Adjunte una imagen en uno de esos formatos.",
        )
    except PermissionError:
        return _problem(
            path, "sin_permiso", "no se puede leer por falta de permisos", _FIX_PERMISSION
        )
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        # OSError("image file is truncated"), broken chunks, bad headers…
        detail = "está incompleta o dañada" if "truncated" in str(exc) else "está dañada"
        return _problem(
            path,
            "danada",
            f"es una imagen que {detail} y no se puede abrir completa",
            "Vuelva a exportarla o descargarla y adjúntela de nuevo.",
        )
    known = FORMAT_EXTENSIONS.get(fmt, frozenset())
    return ImageInfo(
        path=path,
        format=fmt,
        width=width,
        height=height,
        size_bytes=size,
        animated=frames > 1,
        frames=frames,
        extension=ext,
        extension_mismatch=ext not in known,
    )


_FIX_PERMISSION = "Copie la imagen a una carpeta suya o pida acceso al archivo."


def _jpeg_blocks(width: int, height: int) -> int:
    """8×8 luminance blocks of a JPEG: each costs at least one bit of data, whatever the tables."""
    return -(-width // 8) * -(-height // 8)


def _ends_without_data(im: Image.Image) -> bool:
    """Whether the decoded picture ends in blocks libjpeg made up because the data ran out.

    When the scan data stops before the header's dimensions are filled (a header that lies, or
    a file cut and closed with an end marker, which Pillow's `load()` accepts), libjpeg fills
    the remaining blocks with zero coefficients: exactly 128 in every channel. We refuse a
    picture whose bottom eighth (at least two rows of the decode) is that value end to end and
    whose last partly filled row ends in it too — the data stopped mid-row. A real design
    ending in a full-width band of exactly #808080 over an eighth of its height, right below
    content that also ends in #808080 at the right edge, would be refused too; none was seen."""
    if im.mode not in ("L", "RGB"):
        return False  # CMYK and others store "empty" differently; not judged
    width, height = im.size
    empty = ((128, 128),) * len(im.getbands())

    def is_empty(box: tuple[int, int, int, int]) -> bool:
        extrema = im.crop(box).getextrema()
        return (extrema if im.mode != "L" else (extrema,)) == empty

    rows = 0
    while rows < height and is_empty((0, height - rows - 1, width, height - rows)):
        rows += 1
    if rows < max(2, height // 8) or rows == height:  # all #808080: dull, but a real picture
        return False
    above = height - rows - 1
    return is_empty((width - 1, above, width, above + 1))


def _lying(path: Path, width: int, height: int) -> ImageProblem:
    return _problem(
        path,
        "danada",
        f"dice medir {width} × {height} píxeles pero no trae los datos de toda la imagen "
        "(está incompleta o su encabezado no corresponde a su contenido)",
        "Vuelva a exportarla o descargarla y adjúntela de nuevo.",
    )


def _too_big(path: Path, width: int, height: int) -> ImageProblem:
    return _problem(
        path,
        "demasiado_grande",
        f"mide {width} × {height} píxeles, demasiado para revisarla con seguridad",
        "Reduzca la imagen a menos de 8000 × 8000 píxeles y adjúntela de nuevo.",
    )


_cache: FileResultCache[ImageInfo | ImageProblem] = FileResultCache(CACHE_SIZE)


def clear_cache() -> None:
    _cache.clear()


def inspect_image(path: str | os.PathLike[str]) -> ImageInfo | ImageProblem:
    """What the file really is, or why it cannot be published. Never raises for a bad file."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return _problem(p, "no_existe", "no existe", "Revise que no se haya movido o borrado.")
    except PermissionError:
        return _problem(p, "sin_permiso", "no se puede leer por falta de permisos", _FIX_PERMISSION)
    except OSError as exc:
        return _problem(
            p, "no_existe", f"no se puede abrir ({exc.strerror})", "Adjúntelo de nuevo."
        )
    if not p.is_file():
        return _problem(p, "no_es_archivo", "no es un archivo", "Adjunte un archivo de imagen.")
    key = file_key(str(p.resolve()), st)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    result = _inspect_uncached(p, st.st_size)
    if not (isinstance(result, ImageProblem) and result.code == "sin_permiso"):
        _cache.put(key, result)
    return result


_HASH_NAME = re.compile(r"[0-9a-f]{64}(\.[A-Za-z0-9]+)?")


def display_name(path: str | os.PathLike[str], position: int | None = None) -> str:
    """How an attached file is named on screen: its chosen name; for a copy stored by hash
    only (drafts saved before issue 15) «imagen N (.jpg)» instead of the hash."""
    name = Path(path).name
    if not _HASH_NAME.fullmatch(name):
        return name
    number = f" {position}" if position is not None else ""
    return f"imagen{number} ({Path(name).suffix.lower() or 'sin extensión'})"



def sha256_file(path: str | os.PathLike[str], chunk_size: int = 1 << 20) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


# --- location stripping -------------------------------------------------------------------------

_XMP_PREFIX = b"http://ns.adobe.com/xap/1.0/\x00"
_EXIF_PREFIX = b"Exif\x00\x00"


def has_gps(path: str | os.PathLike[str]) -> bool:
    """Whether the image carries EXIF GPS data."""
    with Image.open(path) as im:
        return ExifTags.IFD.GPSInfo in im.getexif()


def _exif_without_gps(payload: bytes) -> bytes | None:
    """The APP1 Exif payload with the GPS IFD removed, or None to drop it."""
    exif = Image.Exif()
    try:
        exif.load(payload)
    except Exception:  # noqa: BLE001 - unreadable EXIF: drop it rather than publish it
        return None
    if ExifTags.IFD.GPSInfo in exif:
        del exif[ExifTags.IFD.GPSInfo]
    if not len(exif):
        return None
    return exif.tobytes()


def _strip_jpeg(data: bytes) -> bytes:
    """Rewrite JPEG segments losslessly: Exif without GPS; XMP and IPTC (APP13) dropped."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = [b"\xff\xd8"]
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            raise ValueError("bad JPEG marker")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            out.append(data[i : i + 2])
            i += 2
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        seg_len = int.from_bytes(data[i + 2 : i + 4], "big")
        end = i + 2 + seg_len
        payload = data[i + 4 : end]
        if marker == 0xE1 and payload.startswith(_EXIF_PREFIX):
            new = _exif_without_gps(payload)
            if new is not None and len(new) + 2 <= 0xFFFF:
                out.append(b"\xff\xe1" + (len(new) + 2).to_bytes(2, "big") + new)
        elif (marker == 0xE1 and payload.startswith(_XMP_PREFIX)) or marker == 0xED:
            pass  # XMP and Photoshop/IPTC blocks may hold a location: drop them
        else:
            out.append(data[i:end])
        i = end
    out.append(data[i:])
    return b"".join(out)


class ImageTooLarge(UserFacingError):
    """An image whose declared dimensions are too large to decode safely."""

    def __init__(self, path: Path, width: int = 0, height: int = 0) -> None:
        size = f"mide {width} × {height} píxeles" if width and height else (
            "declara unas dimensiones enormes")
        super().__init__(
            f"La imagen «{display_name(path)}» {size}: es demasiado grande para prepararla con "
            "seguridad "
            "y podría bloquear el equipo. Redúzcala a menos de 8000 × 8000 píxeles y adjúntela "
            "de nuevo."
        )


def _open_checked(path: Path) -> Image.Image:
    """`Image.open(path)` (header only), refusing dimensions above `MAX_PIXELS`."""
    try:
        im = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(path) from exc
    width, height = im.size
    if width * height > MAX_PIXELS:
        im.close()
        raise ImageTooLarge(path, width, height)
    return im


def strip_exif_location(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> Path:
    """Write a copy of `src` at `dst` without GPS data, for publishing.

    JPEG: segments rewritten, pixels untouched (orientation and colour profile kept; XMP and
    IPTC dropped because they may carry a location). Other formats: re-saved by Pillow with the
    EXIF minus GPS and no XMP (PNG and GIF stay lossless; WEBP is re-encoded at quality 90).

    Raises `ImageTooLarge` before decoding (and before writing `dst`) when the header declares
    more than `MAX_PIXELS`; Pillow's errors (OSError, ValueError…) for unreadable files.
    """
    src_p, dst_p = Path(src), Path(dst)
    data = src_p.read_bytes()
    if data[:2] == b"\xff\xd8":
        _open_checked(src_p).close()  # nothing is decoded here, but a bomb is never published
        dst_p.write_bytes(_strip_jpeg(data))
        return dst_p
    try:
        with _open_checked(src_p) as im:
            _resave_without_location(im, dst_p)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(src_p) from exc  # e.g. a later frame of an animation
    return dst_p


def _resave_without_location(im: Image.Image, dst_p: Path) -> None:
    fmt = im.format or "PNG"
    exif = im.getexif()
    if ExifTags.IFD.GPSInfo in exif:
        del exif[ExifTags.IFD.GPSInfo]
    params: dict[str, Any] = {"format": fmt}
    if len(exif) and fmt in {"PNG", "WEBP", "TIFF", "JPEG"}:
        params["exif"] = exif.tobytes()
    if im.info.get("icc_profile"):
        params["icc_profile"] = im.info["icc_profile"]
    if getattr(im, "n_frames", 1) > 1:
        params["save_all"] = True
    if fmt == "WEBP":
        params["quality"] = 90
    im.info.pop("xmp", None)
    im.info.pop("XML:com.adobe.xmp", None)
    im.save(dst_p, **params)
