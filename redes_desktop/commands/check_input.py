"""Bounded reading of what `redes-desktop check` is given (issue 11).

Nothing here reads without a limit, so no input can exhaust the machine:

- a post's text (argument, `-` on standard input, or the `text` of a JSONL line) has at most
  `MAX_TEXT_CHARS` characters, about three times the longest network's (Facebook, 63,206);
- a JSONL line has at most `MAX_LINE_BYTES` bytes; a longer one is reported as that line's error
  and skipped up to its end, and if no end comes within `MAX_SKIPPED_BYTES` (e.g. `/dev/zero`)
  the input is not JSONL at all: the run stops there with exit 2;
- a JSONL file is read line by line, a batch at a time, never whole.

`--jsonl PATH` must be a regular file. It is opened non-blocking, so a FIFO with no writer
cannot hang the open, then refused after `fstat`, like devices and folders. We refuse rather
than wait on a FIFO with a timeout: standard input (`--jsonl -`) already covers every pipe, and
a timeout would cut off a slow but honest producer while still letting `/dev/zero` in.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from typing import BinaryIO

from redes_desktop.errors import UsageError

MAX_TEXT_CHARS = 200_000
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 3  # UTF-8 takes at most 4 bytes a character, plus a BOM
MAX_LINE_BYTES = 4 * 1024 * 1024  # room for a text at the limit written with \\u escapes
MAX_SKIPPED_BYTES = 64 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def decode_utf8(data: bytes) -> str:
    """UTF-8 with invalid bytes as U+FFFD (the checks report them); a leading BOM dropped."""
    if data.startswith(_BOM):
        data = data[3:]  # a byte-order mark some Windows editors write first
    return data.decode("utf-8", errors="replace")


def _n(number: int) -> str:
    """A number as written in Mexico's official style for large figures: 200 000."""
    return f"{number:,}".replace(",", " ")


def text_too_long_message(length: int) -> str:
    return (f"el texto tiene {_n(length)} caracteres; el máximo que se revisa es "
            f"{_n(MAX_TEXT_CHARS)} (ninguna red admite tanto)")


def read_post_text(stream: BinaryIO) -> str:
    """The post's text from `stream` (standard input), refusing more than the limit."""
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UsageError(
            f"La entrada estándar trae más de {_n(MAX_TEXT_BYTES)} bytes, demasiado para "
            f"una publicación (máximo {_n(MAX_TEXT_CHARS)} caracteres). Revise que redirigió el "
            "archivo correcto.")
    text = decode_utf8(data)
    if len(text) > MAX_TEXT_CHARS:
        raise UsageError(text_too_long_message(len(text)).capitalize() + ". Acórtelo.")
    return text


def open_regular_file(path: str) -> BinaryIO:
    """`path` opened for reading in binary, or a Spanish UsageError if it is not a plain file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise UsageError(f"No se pudo leer «{path}»: {error.strerror or error}. "
                         "Revise la ruta de --jsonl.") from error
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "una carpeta" if stat.S_ISDIR(mode) else "una tubería o un dispositivo"
            raise UsageError(
                f"«{path}» es {what}, no un archivo. Dé la ruta de un archivo .jsonl, o use "
                "--jsonl - para leer de la entrada estándar (por ejemplo: programa | "
                "redes-desktop check --jsonl -).")
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


@dataclass(frozen=True)
class Line:
    """One non-blank JSONL line, or the reason it cannot be read (`error`, Spanish)."""

    number: int
    text: str
    error: str | None = None


@dataclass
class JsonlReader:
    """Lines of a JSONL stream, a batch at a time. `fatal` is set (a Spanish sentence) when the
    stream stops being JSONL; the lines taken before it are complete."""

    stream: BinaryIO
    fatal: str | None = None
    _number: int = 0
    _done: bool = False
    _first: bool = field(default=True, repr=False)

    def take(self, count: int, max_bytes: int = 32 * 1024 * 1024) -> list[Line]:
        batch: list[Line] = []
        size = 0
        while not self._done and len(batch) < count and size < max_bytes:
            line = self._next()
            if line is not None:
                batch.append(line)
                size += len(line.text)
        return batch

    def _next(self) -> Line | None:
        raw = self.stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            self._done = True
            return None
        self._number += 1
        if self._first:
            self._first = False
            if raw.startswith(_BOM):
                raw = raw[3:]
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            number = self._number
            self._skip_rest()
            return Line(number, "", f"la línea {number} mide más de "
                        f"{MAX_LINE_BYTES // (1024 * 1024)} MiB; se omitió")
        text = raw.decode("utf-8", errors="replace").rstrip("\n")
        return Line(self._number, text) if text.strip() else None

    def _skip_rest(self) -> None:
        skipped = 0
        while True:
            chunk = self.stream.readline(1024 * 1024)
            if not chunk or chunk.endswith(b"\n"):
                return
            skipped += len(chunk)
            if skipped > MAX_SKIPPED_BYTES:
                self._done = True
                self.fatal = (
                    f"La línea {self._number} sigue sin terminar después de "
                    f"{MAX_SKIPPED_BYTES // (1024 * 1024)} MiB: la entrada no es un archivo "
                    "JSONL (un objeto JSON por línea). Se revisaron las líneas anteriores; "
                    "revise que dio el archivo correcto.")
                return
