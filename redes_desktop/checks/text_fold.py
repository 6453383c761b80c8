"""A view of the text where identifiers look the way their patterns expect, with a map back.

People write a CURP or a phone number with full-width digits (`５５`), hide zero-width
characters between its characters, or use a typographic dash. The personal-data rule searches
this view instead of the text: full-width and other compatibility forms become their ASCII
letters (NFKC, when that gives one character), typographic dashes become `-`, no-break spaces
become spaces, and invisible format characters (zero-width space, joiners, bidi controls, soft
hyphen, BOM: Unicode category Cf) are dropped. `FoldedText.span()` turns a span of the view
back into code-point offsets of the original text, so findings point at what the user wrote.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


@dataclass(frozen=True)
class FoldedText:
    text: str
    # origin[i]: offset in the original text of the view's character i; None when identical.
    origin: tuple[int, ...] | None
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering the view's `[start, end)`."""
        if self.origin is None:
            return start, end
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else self.original_length
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(char: str) -> str:
    """'' to drop the character, else its replacement (one character)."""
    if char in _DASHES:
        return "-"
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


@lru_cache(maxsize=4096)
def _fold_cached(char: str) -> str:
    return _fold_char(char)


@lru_cache(maxsize=16)
def fold_for_identifiers(text: str) -> FoldedText:
    """The identifier view of `text` (cached: several detectors ask for the same text)."""
    if text.isascii():
        return FoldedText(text, None, len(text))
    out: list[str] = []
    origin: list[int] = []
    changed = False
    for i, char in enumerate(text):
        if char.isascii():
            out.append(char)
            origin.append(i)
            continue
        folded = _fold_cached(char)
        if folded != char:
            changed = True
        if folded:
            out.append(folded)
            origin.append(i)
    if not changed:
        return FoldedText(text, None, len(text))
    return FoldedText("".join(out), tuple(origin), len(text))
