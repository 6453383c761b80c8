"""X (Twitter) weighted length, twitter-text v3 rules.

Each code point weighs `ranges[i].weight` (100 for Latin, general punctuation…) or
`defaultWeight` (200: CJK, most symbols); a URL weighs `transformedURLLength` (23) whatever its
length; with `emojiParsingEnabled` (v3) an emoji sequence (flags, ZWJ families, skin tones…)
weighs `defaultWeight` once. Weights are divided by `scale`. The text is NFC-normalised first.

URL extraction comes from the PyPI package `twitter-text-parser` (the official regular
expressions and TLD lists), through `text_tokens.x_link_spans`, which the links rule shares.
Its emoji regex is a ~3,600-branch alternation that costs ~1.2 ms per 280 characters, so emoji
are matched here instead with a longest-match lookup over the same sequence list
(`emoji-test.txt` shipped with that package): identical results (see the equivalence test),
~20x faster. The package is imported lazily: its import costs ~0.35 s.

Offsets returned by `fit_prefix` and `XLength.fit_end` are code points into the NFC text;
`valid_range_end`/`display_range_end` follow the conformance suite (UTF-16, inclusive, into the
text as given).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# The twitter-text configurations (https://github.com/twitter/twitter-text/tree/master/config).
# v3 is what X uses today; v2 is kept for the conformance suite.
_RANGES = (
    {"start": 0, "end": 4351, "weight": 100},
    {"start": 8192, "end": 8205, "weight": 100},
    {"start": 8208, "end": 8223, "weight": 100},
    {"start": 8242, "end": 8247, "weight": 100},
)
CONFIG_V2: Mapping[str, Any] = {
    "version": 2,
    "maxWeightedTweetLength": 280,
    "scale": 100,
    "defaultWeight": 200,
    "transformedURLLength": 23,
    "ranges": list(_RANGES),
}
CONFIG_V3: Mapping[str, Any] = {
    "version": 3,
    "maxWeightedTweetLength": 280,
    "scale": 100,
    "defaultWeight": 200,
    "emojiParsingEnabled": True,
    "transformedURLLength": 23,
    "ranges": list(_RANGES),
}
_NAMED = {"v2": CONFIG_V2, "v3": CONFIG_V3}

Config = str | Mapping[str, Any]


@dataclass(frozen=True)
class XLength:
    """The measure of one text, with the fields the conformance suite asserts."""

    weighted_length: int
    valid: bool  # within the limit, not empty, no invalid character
    permillage: int
    display_range_start: int
    display_range_end: int  # UTF-16, inclusive
    valid_range_start: int
    valid_range_end: int  # UTF-16, inclusive
    fit_end: int  # code points into the NFC text: the longest prefix within the limit
    limit: int


class _Tables:
    """Emoji sequences and the invalid-character pattern, built once on first use."""

    _lock = threading.Lock()
    _ready = False
    emoji: frozenset[str] = frozenset()
    emoji_first: frozenset[str] = frozenset()
    emoji_max_len = 1

    @classmethod
    def load(cls) -> None:
        if cls._ready:
            return
        with cls._lock:
            if cls._ready:
                return
            from twitter_text.regexp.emoji import emoji_list  # slow import, done once

            seqs = {"".join(chr(int(cp, 16)) for cp in e.codepoint.split()) for e in emoji_list}
            cls.emoji = frozenset(seqs)
            cls.emoji_first = frozenset(s[0] for s in seqs)
            cls.emoji_max_len = max(len(s) for s in seqs)
            cls._ready = True


def _resolve(config: Config) -> Mapping[str, Any]:
    if isinstance(config, str):
        try:
            return _NAMED[config]
        except KeyError:
            raise ValueError(f"unknown twitter-text config {config!r}") from None
    return config


@lru_cache(maxsize=8)
def _weight_table(ranges_key: tuple[tuple[int, int, int], ...], default: int):
    """A per-character weight function with a small memo (most posts reuse few characters)."""
    memo: dict[str, int] = {}

    def weight(ch: str) -> int:
        w = memo.get(ch)
        if w is None:
            cp = ord(ch)
            w = default
            for start, end, rw in ranges_key:
                if start <= cp <= end:
                    w = rw
                    break
            if len(memo) < 4096:
                memo[ch] = w
        return w

    return weight


def _emoji_at(text: str, i: int, n: int) -> int:
    """Length (code points) of the longest emoji sequence starting at `i`, or 0."""
    if text[i] not in _Tables.emoji_first:
        return 0
    seqs = _Tables.emoji
    for k in range(min(_Tables.emoji_max_len, n - i), 0, -1):
        if text[i : i + k] in seqs:
            return k
    return 0


def _url_spans(text: str) -> dict[int, int]:
    # The same extractor (and cache) as the links rule: what X counts as a link is judged there.
    from redes_desktop.checks.text_tokens import x_link_spans

    return dict(x_link_spans(text))


def _first_invalid(text: str) -> int:
    from twitter_text.regexp.invalid_chars import invalid_chars

    m = invalid_chars.search(text)
    return m.start() if m else -1


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def measure(text: str, config: Config = "v3", limit: int | None = None) -> XLength:
    """Weigh `text` like X does. `limit` overrides the config's `maxWeightedTweetLength`."""
    cfg = _resolve(config)
    scale = int(cfg["scale"])
    default = int(cfg["defaultWeight"])
    url_weight = int(cfg["transformedURLLength"]) * scale
    emoji_on = bool(cfg.get("emojiParsingEnabled", False))
    max_len = int(cfg["maxWeightedTweetLength"]) if limit is None else limit
    max_scaled = max_len * scale
    ranges_key = tuple((int(r["start"]), int(r["end"]), int(r["weight"])) for r in cfg["ranges"])
    weight = _weight_table(ranges_key, default)

    nfc = unicodedata.normalize("NFC", text)
    n = len(nfc)
    if emoji_on and n:
        _Tables.load()
    urls = _url_spans(nfc)
    first_invalid = _first_invalid(nfc)

    total = 0
    fit_end = 0
    i = 0
    while i < n:
        end = urls.get(i)
        if end is not None:
            total += url_weight
        else:
            k = _emoji_at(nfc, i, n) if emoji_on else 0
            if k:
                total += default
                end = i + k
            else:
                ch = nfc[i]
                # CR LF is one line break (twitter-text converts line endings to LF)
                if not (ch == "\r" and i + 1 < n and nfc[i + 1] == "\n"):
                    total += weight(ch)
                end = i + 1
        if total <= max_scaled:
            fit_end = end
        i = end

    weighted = total // scale
    # valid part: within the limit and before the first invalid character
    valid_end = fit_end if first_invalid < 0 else min(fit_end, first_invalid)
    normalization_offset = _utf16_len(text) - _utf16_len(nfc)
    valid_range_end = _utf16_len(nfc[: max(valid_end, 1)]) - 1 + normalization_offset
    text16 = _utf16_len(text)
    return XLength(
        weighted_length=weighted,
        valid=first_invalid < 0 and 0 < weighted <= max_len,
        permillage=(weighted * 1000) // max_len if max_len else 0,
        display_range_start=0,
        display_range_end=text16 - 1 if text16 > 0 else 0,
        valid_range_start=0,
        valid_range_end=valid_range_end,
        fit_end=fit_end,
        limit=max_len,
    )


def weighted_length(text: str, config: Config = "v3") -> int:
    """X's weighted length of `text` (280 is the limit for accounts without a subscription)."""
    return measure(text, config).weighted_length


def fit_prefix(text: str, limit: int = 280, config: Config = "v3") -> int:
    """Code-point offset (into NFC `text`) where the longest prefix within `limit` ends.

    URLs and emoji are never split. Equals `len(NFC(text))` when the whole text fits.
    """
    return measure(text, config, limit=limit).fit_end
