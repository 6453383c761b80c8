"""Inspecting a video attached to a post: is it one, which container, how long, how heavy.

No native library: the container is recognised by its first bytes and the duration read from
its header, in pure Python, reading at most a few hundred kilobytes of the file.

- MP4, MOV, M4V, 3GP (ISO base media): top-level boxes are walked (`ftyp`, `moov`, `mdat`…);
  the duration is `mvhd`'s (duration / timescale). A box that claims to run past the end of the
  file means the file was cut short (`danado`); a file without `moov` cannot be played
  (`danado`).
- WebM and Matroska (EBML): `Segment` → `Info` → `Duration` × `TimecodeScale`.
- AVI (RIFF): `avih` microseconds per frame × total frames.
- ASF/WMV, FLV, MPEG program and transport streams: recognised, duration not read (None).

Anything else (a picture or a document renamed `.mp4`) is `no_es_video`. Results are cached by
(path, mtime, size), like images.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from redes_desktop.checks.file_cache import FileResultCache, file_key
from redes_desktop.checks.images import display_name

MAX_BOXES = 4096  # top-level boxes walked before giving up (a real file has a handful)
HEAD_BYTES = 512 * 1024  # how much of a Matroska/AVI file is read for its header

# Container → the extensions that name it.
CONTAINER_EXTENSIONS: dict[str, frozenset[str]] = {
    "MP4": frozenset({"mp4", "m4v", "mov", "3gp", "3g2"}),
    "QuickTime": frozenset({"mov", "mp4", "qt"}),
    "WebM": frozenset({"webm", "mkv"}),
    "Matroska": frozenset({"mkv", "webm"}),
    "AVI": frozenset({"avi"}),
    "ASF": frozenset({"wmv", "asf"}),
    "FLV": frozenset({"flv"}),
    "MPEG": frozenset({"mpeg", "mpg", "ts", "m2ts", "vob"}),
}
_ASF_GUID = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")
_QT_FIRST_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}


@dataclass(frozen=True)
class VideoInfo:
    path: Path
    container: str  # one of CONTAINER_EXTENSIONS
    duration_seconds: float | None  # None: not read for this container
    size_bytes: int
    extension: str
    extension_mismatch: bool

    @property
    def usable(self) -> bool:
        return True


@dataclass(frozen=True)
class VideoProblem:
    path: Path
    code: str  # no_existe, sin_permiso, no_es_archivo, vacio, no_es_video, danado
    message: str

    @property
    def usable(self) -> bool:
        return False


class _Broken(Exception):
    """The container is recognised but its structure is cut short or inconsistent."""


def _problem(path: Path, code: str, why: str, fix: str) -> VideoProblem:
    return VideoProblem(path, code, f"El archivo «{display_name(path)}» {why}. {fix}")


# --- ISO base media (MP4, MOV) ------------------------------------------------------------------


def _boxes(fh: BinaryIO, start: int, end: int):
    """(type, payload offset, payload end) of the boxes in `[start, end)`."""
    offset = start
    for _ in range(MAX_BOXES):
        if offset + 8 > end:
            return
        fh.seek(offset)
        header = fh.read(8)
        if len(header) < 8:
            raise _Broken("header")
        size, kind = struct.unpack(">I4s", header)
        payload = offset + 8
        if size == 1:
            large = fh.read(8)
            if len(large) < 8:
                raise _Broken("largesize")
            size = struct.unpack(">Q", large)[0]
            payload += 8
        elif size == 0:
            size = end - offset
        if size < payload - offset or offset + size > end:
            raise _Broken(kind.decode("latin-1"))
        yield kind, payload, offset + size
        offset += size


def _mvhd_duration(fh: BinaryIO, start: int, end: int) -> float | None:
    fh.seek(start)
    data = fh.read(min(end - start, 32))
    if len(data) < 20:
        raise _Broken("mvhd")
    if data[0] == 1:
        if len(data) < 32:
            raise _Broken("mvhd")
        timescale, duration = struct.unpack(">IQ", data[20:32])
    else:
        timescale, duration = struct.unpack(">II", data[12:20])
    if timescale == 0:
        return None
    return duration / timescale


def _iso_media(fh: BinaryIO, size: int) -> tuple[str, float | None]:
    container = "MP4"
    duration = None
    seen_moov = False
    for kind, payload, box_end in _boxes(fh, 0, size):
        if kind == b"ftyp":
            fh.seek(payload)
            if fh.read(4) == b"qt  ":
                container = "QuickTime"
        elif kind == b"moov":
            seen_moov = True
            for inner, inner_payload, inner_end in _boxes(fh, payload, box_end):
                if inner == b"mvhd":
                    duration = _mvhd_duration(fh, inner_payload, inner_end)
                    break
    if not seen_moov:
        raise _Broken("moov")
    return container, duration


# --- EBML (WebM, Matroska) ----------------------------------------------------------------------


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int, int, bool]:
    """(value, next position, all ones) of the EBML variable-length integer at `pos`."""
    if pos >= len(data):
        raise _Broken("vint")
    first = data[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or pos + length > len(data):
        raise _Broken("vint")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1:pos + length]:
        value = (value << 8) | byte
    all_ones = not keep_marker and value == (1 << (7 * length)) - 1
    return value, pos + length, all_ones


def _ebml_elements(data: bytes, start: int, end: int):
    pos = start
    while pos < end:
        element, pos, _ = _vint(data, pos, keep_marker=True)
        size, pos, unknown = _vint(data, pos, keep_marker=False)
        stop = len(data) if unknown else pos + size
        yield element, pos, min(stop, len(data)), stop
        if unknown:
            return
        pos = stop


def _ebml_media(data: bytes) -> tuple[str, float | None]:
    container, duration = "Matroska", None
    for element, start, end, _ in _ebml_elements(data, 0, len(data)):
        if element == 0x1A45DFA3:  # EBML header: DocType
            for inner, s, e, _ in _ebml_elements(data, start, end):
                if inner == 0x4282 and data[s:e] == b"webm":
                    container = "WebM"
        elif element == 0x18538067:  # Segment
            for inner, s, e, _ in _ebml_elements(data, start, end):
                if inner == 0x1549A966:  # Info
                    scale, raw = 1_000_000, None
                    for field, fs, fe, _ in _ebml_elements(data, s, e):
                        if field == 0x2AD7B1:
                            scale = int.from_bytes(data[fs:fe], "big") or scale
                        elif field == 0x4489 and fe - fs in (4, 8):
                            raw = struct.unpack(">f" if fe - fs == 4 else ">d", data[fs:fe])[0]
                    if raw is not None and raw >= 0:
                        duration = raw * scale / 1e9
                    return container, duration
                if inner == 0x1F43B675:  # a Cluster before Info: no header to read
                    return container, None
            return container, duration
    return container, duration


# --- AVI ----------------------------------------------------------------------------------------


def _avi_duration(data: bytes) -> float | None:
    at = data.find(b"avih", 12)
    if at < 0 or at + 8 + 20 > len(data):
        raise _Broken("avih")
    micro_per_frame, _, _, _, frames = struct.unpack("<5I", data[at + 8:at + 28])
    return micro_per_frame * frames / 1e6 if micro_per_frame and frames else None


# --- recognising ----------------------------------------------------------------------------------


def _sniff(fh: BinaryIO, size: int) -> tuple[str, float | None] | None:
    head = fh.read(HEAD_BYTES)
    if head[4:8] == b"ftyp" or head[4:8] in _QT_FIRST_BOXES:
        return _iso_media(fh, size)
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _ebml_media(head)
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "AVI", _avi_duration(head)
    if head[:16] == _ASF_GUID:
        return "ASF", None
    if head[:3] == b"FLV":
        return "FLV", None
    if head[:4] in (b"\x00\x00\x01\xba", b"\x00\x00\x01\xb3"):
        return "MPEG", None
    if len(head) > 376 and head[0] == head[188] == head[376] == 0x47:
        return "MPEG", None
    return None


def _inspect_uncached(path: Path, size: int) -> VideoInfo | VideoProblem:
    ext = path.suffix.lower().lstrip(".")
    if size == 0:
        return _problem(path, "vacio", "está vacío (0 bytes)", "Adjunte de nuevo el video.")
    try:
        with open(path, "rb") as fh:
            found = _sniff(fh, size)
    except PermissionError:
        return _problem(path, "sin_permiso", "no se puede leer por falta de permisos",
                        "Copie el video a una carpeta suya o pida acceso al archivo.")
    except (_Broken, struct.error, OverflowError, ValueError):
        return _problem(path, "danado", "es un video incompleto o dañado (su estructura está "
                        "cortada o no corresponde a su contenido)",
                        "Vuelva a exportarlo o descargarlo y adjúntelo de nuevo.")
    except OSError as exc:
        return _problem(path, "no_existe", f"no se puede leer ({exc.strerror})",
                        "Adjúntelo de nuevo.")
    if found is None:
        return _problem(path, "no_es_video", "no es un video reconocible (su contenido no es "
                        "MP4, MOV, WebM, MKV, AVI, WMV, FLV ni MPEG)",
                        "Adjunte un video en uno de esos formatos, por ejemplo MP4.")
    container, duration = found
    return VideoInfo(path, container, duration, size, ext,
                     ext not in CONTAINER_EXTENSIONS[container])


_cache: FileResultCache[VideoInfo | VideoProblem] = FileResultCache(64)


def inspect_video(path: str | os.PathLike[str]) -> VideoInfo | VideoProblem:
    """What the file really is, or why it cannot be published. Never raises for a bad file."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return _problem(p, "no_existe", "no existe", "Revise que no se haya movido o borrado.")
    except OSError as exc:
        return _problem(p, "no_existe", f"no se puede abrir ({exc.strerror})",
                        "Adjúntelo de nuevo.")
    if not p.is_file():
        return _problem(p, "no_es_archivo", "no es un archivo", "Adjunte un archivo de video.")
    key = file_key(str(p.resolve()), st)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    result = _inspect_uncached(p, st.st_size)
    if not (isinstance(result, VideoProblem) and result.code == "sin_permiso"):
        _cache.put(key, result)
    return result


def format_duration(seconds: float) -> str:
    """«2 min 20 s», «45 s», «1 h 5 min»."""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs or not parts:
        parts.append(f"{secs} s")
    return " ".join(parts)
