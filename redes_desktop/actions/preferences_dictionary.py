"""The institutional dictionary of this workstation (issue 14): the user's words, the file the
composer's spelling check reads (`diccionario-institucional.txt` in the data folder, UTF-8, one
entry a line, `#` for comments). View, add, remove and import; each change rewrites the file
atomically, so a crash never leaves half a dictionary. The composer picks the change up the next
time it builds its checks."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

from redes_desktop.errors import UserFacingError, ValidationError
from redes_desktop.workspace import Workspace

DICTIONARY_FILE = "diccionario-institucional.txt"
MAX_ENTRY_CHARS = 100
MAX_IMPORT_BYTES = 2_000_000


def dictionary_path(workspace: Workspace) -> Path:
    return Path(workspace.paths.root) / DICTIONARY_FILE


def _clean(word: str) -> str:
    entry = unicodedata.normalize("NFC", word.strip())
    if not entry or "\n" in entry or "\r" in entry or entry.startswith("#"):
        raise ValidationError("Escriba una palabra sin saltos de línea ni «#» al inicio.",
                              field="word")
    if len(entry) > MAX_ENTRY_CHARS or not any(ch.isalpha() for ch in entry):
        raise ValidationError(f"«{entry[:40]}» no parece una palabra del diccionario (debe "
                              f"tener letras y a lo más {MAX_ENTRY_CHARS} caracteres).",
                              field="word")
    return entry


def read_words(workspace: Workspace) -> list[str]:
    path = dictionary_path(workspace)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(f"No se pudo leer el diccionario institucional {path}: "
                              f"{getattr(error, 'strerror', None) or error}.") from error
    words: list[str] = []
    for line in text.splitlines():
        line = unicodedata.normalize("NFC", line.strip())
        if line and not line.startswith("#") and line not in words:
            words.append(line)
    return words


def _write(workspace: Workspace, words: list[str]) -> None:
    path = dictionary_path(workspace)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".diccionario-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("".join(word + "\n" for word in words))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_word(workspace: Workspace, word: str) -> list[str]:
    entry = _clean(word)
    words = read_words(workspace)
    if entry not in words:
        words.append(entry)
        _write(workspace, words)
    return words


def remove_word(workspace: Workspace, word: str) -> list[str]:
    entry = unicodedata.normalize("NFC", word.strip())
    words = read_words(workspace)
    if entry in words:
        words.remove(entry)
        _write(workspace, words)
    return words


def import_words(workspace: Workspace, source: Path) -> tuple[int, list[str]]:
    """Add every valid line of `source` (a text file, one word a line): (how many were new,
    the lines refused). Nothing is written when the file cannot be read."""
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:
            raise UserFacingError(f"{source.name} mide más de 2 MB: no parece una lista de "
                                  "palabras. No se importó nada.")
        text = source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserFacingError(f"{source.name} no es un texto UTF-8. Guárdelo como UTF-8 y "
                              "vuelva a importarlo; no se importó nada.") from error
    except OSError as error:
        raise UserFacingError(f"No se pudo leer {source}: {error.strerror or error}. "
                              "No se importó nada.") from error
    words = read_words(workspace)
    added, refused = 0, []
    for line in text.splitlines():
        if not line.strip() or line.strip().startswith("#"):
            continue
        try:
            entry = _clean(line)
        except ValidationError:
            refused.append(line.strip()[:40])
            continue
        if entry not in words:
            words.append(entry)
            added += 1
    if added:
        _write(workspace, words)
    return added, refused
