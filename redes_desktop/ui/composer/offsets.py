"""Map the checks' offsets (code points into the NFC text) to Qt positions (UTF-16 units into the
editor's text, which may not be NFC when pasted text was decomposed). No Qt."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right


def _utf16_prefix(text: str) -> list[int]:
    """prefix[i] = UTF-16 position of code point i (len(text) + 1 entries)."""
    out = [0]
    pos = 0
    for ch in text:
        pos += 2 if ord(ch) > 0xFFFF else 1
        out.append(pos)
    return out


def _nfc_to_source(text: str, nfc: str) -> list[int] | None:
    """source offset of each NFC offset (len(nfc) + 1 entries), or None when not derivable."""
    if nfc == text:
        return None
    # Split the source at starters (combining class 0); each chunk normalises on its own.
    chunks: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            chunks.append((start, text[start:i]))
            start = i
    mapping: list[int] = []
    rebuilt: list[str] = []
    for src_start, chunk in chunks:
        piece = unicodedata.normalize("NFC", chunk)
        rebuilt.append(piece)
        for k in range(len(piece)):
            # a composed character maps to its chunk's start; the rest proportionally
            mapping.append(src_start + min(k, len(chunk) - 1) if len(piece) != len(chunk)
                           else src_start + k)
    mapping.append(len(text))
    if "".join(rebuilt) != nfc:
        return None
    return mapping


class OffsetMapper:
    """Converts NFC code-point offsets into UTF-16 positions of `text` (the editor's text)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nfc = unicodedata.normalize("NFC", text)
        self._prefix = _utf16_prefix(text)
        self._map = _nfc_to_source(text, self.nfc)

    def to_utf16(self, offset: int) -> int:
        offset = max(0, offset)
        if self._map is not None:
            offset = self._map[min(offset, len(self._map) - 1)]
        return self._prefix[min(offset, len(self._prefix) - 1)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def to_code_point(self, utf16: int) -> int:
        """The code point index (into `text`) at UTF-16 position `utf16`."""
        return max(0, bisect_right(self._prefix, utf16) - 1)
