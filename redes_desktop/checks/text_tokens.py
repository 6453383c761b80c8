"""Spans of the tokens that are not prose: links, @handles, #hashtags and e-mail addresses.

Each function takes the (NFC) text and returns a list of `(start, end)` code-point offsets,
sorted and non-overlapping. The rules use them to skip these tokens (capitals, spelling) or to
inspect them (links, personal data). Results for the last few texts are cached, because every
rule asks about the same text.

A link is found with or without a scheme: `https://ine.mx/voto`, `www.ine.mx`, `ine.mx/voto`.
Without a scheme or `www.`, the last label must be a known top-level domain (listed in
`resources/checks/domains.json`), so that abbreviations such as "EE.UU." or "p.ej." are prose.
Invisible and bidirectional control characters are accepted inside a link on purpose: a link
that hides them must still be found, so that the links rule can block it.
"""

from __future__ import annotations

import bisect
import json
import re
from functools import cache, lru_cache

from redes_desktop.resource_files import resource_path

Span = tuple[int, int]

DOMAINS_FILE = resource_path("checks/domains.json")

# Format characters that can hide inside a link (zero-width, bidi controls, soft hyphen, BOM).
INVISIBLE_CLASS = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"

# Hosts are matched with one character class (fast on long input) and checked afterwards.
_HOST = rf"[\w\-{INVISIBLE_CLASS}][\w\-.{INVISIBLE_CLASS}]*"  # after a scheme: one label is enough
_DOTTED_HOST = rf"[\w\-{INVISIBLE_CLASS}]+\.[\w\-.{INVISIBLE_CLASS}]+"  # no scheme: two labels
_PATH = r"(?:[/?#][^\s<>\"«»“”]*)?"
_PORT = r"(?::\d{1,5})?"

_URL_RE = re.compile(
    rf"""
    (?P<scheme>(?i:https?|ftp)://)
        (?:[^\s/@<>"?#]+@)?          # userinfo (user:pass@) — suspicious, kept in the span
        {_HOST}{_PORT}{_PATH}
    |
    (?<![\w@.\-/:{INVISIBLE_CLASS}])
        (?P<www>(?i:www)\.)?
        (?P<host>{_DOTTED_HOST}){_PORT}{_PATH}
    """,
    re.VERBOSE,
)
_TRAILING = ".,;:!?¡¿'\"»)]}…" + "".join(
    chr(c) for c in (0x00AD, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
                     *range(0x2060, 0x2065), *range(0x2066, 0x206A), 0xFEFF)
)

_EMAIL_RE = re.compile(r"(?<![\w.%+\-])[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_MENTION_RE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*")
_HASHTAG_RE = re.compile(r"(?<![\w#&])[#＃]\w+")


@cache
def top_level_domains() -> frozenset[str]:
    data = json.loads(DOMAINS_FILE.read_text(encoding="utf-8"))
    tlds = data["tlds"]
    return frozenset(t.lower() for t in (*tlds["generic"], *tlds["country"]))


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation a sentence puts after a link; keep a balanced ')'."""
    while end > start and text[end - 1] in _TRAILING:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


@lru_cache(maxsize=4096)
def _schemeless_host_ok(host: str) -> bool:
    last = host.rsplit(".", 1)[-1]
    if last.lower().startswith("xn--"):
        return True
    if not (last.islower() or last.isupper()):
        return False  # "votación.Es": a missing space, not a link
    return last.lower() in top_level_domains()


@lru_cache(maxsize=16)
def _url_spans(text: str) -> tuple[Span, ...]:
    if "." not in text and "://" not in text:
        return ()
    spans: list[Span] = []
    size = len(text)
    for m in _URL_RE.finditer(text):
        start, end = m.span()
        scheme, host = m.group("scheme", "host")
        if scheme is None:
            if end < size and text[end] == "@" and m.end("host") == end:
                continue  # the local part of an e-mail address
            host = host.rstrip(".")
            if ".." in host or not _schemeless_host_ok(host):
                continue
        if text[end - 1] in _TRAILING:
            end = _trim(text, start, end)
        if end - start > len(scheme or ""):
            spans.append((start, end))
    return tuple(spans)


@lru_cache(maxsize=16)
def _email_spans(text: str) -> tuple[Span, ...]:
    if "@" not in text:
        return ()
    spans: list[Span] = []
    for m in _EMAIL_RE.finditer(text):
        start, end = m.span()
        while end > start and text[end - 1] in ".-":
            end -= 1
        tld = text[start:end].rsplit(".", 1)[-1]
        if len(tld) >= 2 and tld.isalpha():
            spans.append((start, end))
    return tuple(_outside(spans, _url_spans(text)))  # not the user@ part of a link


def _outside(spans: list[Span], blockers: tuple[Span, ...]) -> list[Span]:
    if not blockers:
        return spans
    return [s for s in spans if not overlaps(s, blockers)]


@lru_cache(maxsize=16)
def _mention_spans(text: str) -> tuple[Span, ...]:
    if "@" not in text:
        return ()
    found = [m.span() for m in _MENTION_RE.finditer(text)]
    return tuple(_outside(found, _url_spans(text)))


@lru_cache(maxsize=16)
def _hashtag_spans(text: str) -> tuple[Span, ...]:
    if "#" not in text and "＃" not in text:
        return ()
    found = [
        m.span() for m in _HASHTAG_RE.finditer(text) if any(c.isalpha() for c in m.group()[1:])
    ]
    return tuple(_outside(found, _url_spans(text)))


def url_spans(text: str) -> list[Span]:
    """Links, with or without scheme (`https://…`, `www.…`, `ine.mx/voto`)."""
    return list(_url_spans(text))


def email_spans(text: str) -> list[Span]:
    """E-mail addresses (`nombre@dominio.mx`)."""
    return list(_email_spans(text))


def mention_spans(text: str) -> list[Span]:
    """@handles (not the `@` of an e-mail address, nor one inside a link)."""
    return list(_mention_spans(text))


def hashtag_spans(text: str) -> list[Span]:
    """#hashtags with at least one letter (not a `#fragment` inside a link)."""
    return list(_hashtag_spans(text))


def protected_spans(text: str) -> list[Span]:
    """The union of links, e-mail addresses, handles and hashtags, merged and sorted."""
    spans = sorted(
        (*_url_spans(text), *_email_spans(text), *_mention_spans(text), *_hashtag_spans(text))
    )
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def overlaps(span: Span, sorted_spans: tuple[Span, ...] | list[Span]) -> bool:
    """Whether `span` overlaps any span of a sorted, non-overlapping list."""
    start, end = span
    i = bisect.bisect_right(sorted_spans, (start, float("inf"))) - 1
    if i >= 0 and sorted_spans[i][1] > start:
        return True
    return i + 1 < len(sorted_spans) and sorted_spans[i + 1][0] < end


def contains(position: int, sorted_spans: tuple[Span, ...] | list[Span]) -> bool:
    """Whether a code-point position falls inside one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(sorted_spans, (position, float("inf"))) - 1
    return i >= 0 and sorted_spans[i][0] <= position < sorted_spans[i][1]
