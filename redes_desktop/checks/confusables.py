"""Letters of other alphabets drawn like Latin ones, and the script of a letter, from Unicode's
own data (UTS #39 confusables and the Scripts property, shipped by PyPI `confusable-homoglyphs`)
instead of a hand-kept subset.

`latin_lookalikes()` maps every non-ASCII character that Unicode lists as confusable with an
ASCII letter or digit (directly or through up to two other look-alikes: Cyrillic "і" → "i",
Greek "ο" → "o", dotless "ı" → "i", "ℓ" → "l") to that ASCII character. Accented Latin letters
(é, ñ, ü: a canonical decomposition with a combining mark) are not look-alikes: they are
Spanish. The data (~1 MB of JSON) is read on first use, i.e. on the first non-ASCII host.
"""

from __future__ import annotations

import threading
import unicodedata

_lock = threading.Lock()
_table: dict[int, str] | None = None
_HOPS = 3


def _accented(char: str) -> bool:
    decomposition = unicodedata.decomposition(char)
    return bool(decomposition) and not decomposition.startswith("<") and (
        len(decomposition.split()) > 1
    )


def _build() -> dict[int, str]:
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char in confusables_data:
        if len(char) != 1 or char.isascii() or _accented(char):
            continue
        seen, frontier, found = {char}, [char], None
        for _ in range(_HOPS):
            following = []
            for current in frontier:
                for entry in confusables_data.get(current, ()):
                    other = entry["c"]
                    if len(other) == 1 and other.isascii() and other.isalnum():
                        found = found or other.lower()
                    elif other not in seen:
                        seen.add(other)
                        following.append(other)
            if found or not following:
                break
            frontier = following
        if found:
            table[ord(char)] = found
    return table


def latin_lookalikes() -> dict[int, str]:
    """A `str.translate` table: non-ASCII look-alike → the ASCII letter or digit it imitates."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _build()
    return _table


def script_of(char: str) -> str:
    """Unicode script alias of `char` ("LATIN", "CYRILLIC", "GREEK", "COMMON"…)."""
    from confusable_homoglyphs import categories

    return categories.alias(char)
