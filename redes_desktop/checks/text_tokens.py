"""Spans of the tokens that are not prose: links, @handles, #hashtags and e-mail addresses.

Each function takes the (NFC) text and returns a list of `(start, end)` code-point offsets,
sorted and non-overlapping. The rules use them to skip these tokens (capitals, spelling) or to
inspect them (links, personal data). Results for the last few texts are cached, because every
rule asks about the same text.

One URL extractor serves the X length count and the rules: `x_link_spans` is twitter-text's
extractor (PyPI `twitter-text-parser`), i.e. what X makes clickable and counts as 23 characters.
`url_spans` is every one of those links plus the disguised links twitter-text does not see
whole, so that the links rule judges at least everything X will turn into a link: a `user@`
part (`https://ine.mx@evil.com`), invisible or bidirectional control characters inside the host
(`ine\u200b.mx`), letters of other alphabets before the host (twitter-text reads `ne.mx` in
Cyrillic `іne.mx`), a host without a dot after a scheme (`http://localhost`).

A link is found with or without a scheme: `https://ine.mx/voto`, `www.ine.mx`, `ine.mx/voto`.
Without a scheme or `www.`, the last label must be a top-level domain of the Public Suffix List
(`public_suffix.py`), so that abbreviations such as "EE.UU." or "p.ej." are prose.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from redes_desktop.checks.public_suffix import is_top_level_domain
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


# twitter-text's whitespace (`twitter_text.regexp.spaces_group`): no link it extracts crosses one.
_X_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_X_SPACE_SET = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
_X_WORD_REST_RE = re.compile(rf"[^{_X_SPACES}]*")
# Every link twitter-text extracts has a dot followed by the first letter of a top-level domain.
_DOT_LETTER_RE = re.compile(r"\.[^\W\d_]")
# What ends a host for twitter-text: its punctuation except . - _, its invalid characters and
# directional marks (`twitter_text.regexp.invalid_domain_chars`).
_HOST_BREAK_RE = re.compile(
    r"[!'#%&()*+,\\/:;<=>?@\[\]^{|}~$\ufffe\ufeff\uffff\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069]"
)
# twitter-text's host expression backtracks polynomially on long chains of labels ("a.a.a.…":
# 1,000 characters took 3 s, 4,000 took 60 s). No real host has this many labels.
MAX_X_HOST_DOTS = 10


def _x_can_scan(word: str) -> bool:
    """Whether twitter-text may look at `word`: it can hold a link, and no run of host
    characters in it has more than MAX_X_HOST_DOTS dots. A longer chain is left to our own
    expression (the links rule still judges it); the X count then weighs it as plain text,
    which can only over-count."""
    if not _DOT_LETTER_RE.search(word):
        return False
    if word.count(".") <= MAX_X_HOST_DOTS:
        return True
    return all(part.count(".") <= MAX_X_HOST_DOTS for part in _HOST_BREAK_RE.split(word))


@lru_cache(maxsize=16)
def _x_link_spans(text: str) -> tuple[Span, ...]:
    """twitter-text's links. Its regular expression is slow (a TLD alternation tried at every
    position), so it runs only on the whitespace-delimited words that can hold a link, each with
    the whitespace before it: a link never crosses twitter-text's whitespace, so the result is
    the same as on the whole text (tests/checks/test_one_link_extractor.py)."""
    if "." not in text or not _DOT_LETTER_RE.search(text):
        return ()
    from twitter_text.extract_urls import extract_urls_with_indices  # ~0.2 s, on first link

    spans: list[Span] = []
    pos = 0
    while found := _DOT_LETTER_RE.search(text, pos):
        # The word around the first ".letter" in it (each word is scanned once).
        start = found.start()
        while start > 0 and text[start - 1] not in _X_SPACE_SET:
            start -= 1
        rest = _X_WORD_REST_RE.match(text, found.start())
        assert rest is not None  # "[^spaces]*" matches at every position (possibly empty)
        end = rest.end()
        pos = end
        if _x_can_scan(text[start:end]):
            # With the whitespace before it: twitter-text's expression takes a first character
            # such as "é" as the character *before* a link ("éine.mx" → "ine.mx") at the start
            # of its input, but not after a space.
            offset = max(start - 1, 0)
            spans.extend((offset + e["indices"][0], offset + e["indices"][1])
                         for e in extract_urls_with_indices(text[offset:end]))
    return tuple(spans)


def x_link_spans(text: str) -> list[Span]:
    """The links X makes clickable and counts as 23 characters (twitter-text's extractor)."""
    return list(_x_link_spans(text))


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
    return is_top_level_domain(last)


@lru_cache(maxsize=16)
def _url_spans(text: str) -> tuple[Span, ...]:
    if "." not in text and "://" not in text:
        return ()
    return _union(_own_url_spans(text), _x_link_spans(text))


def _union(first: list[Span], second: tuple[Span, ...]) -> tuple[Span, ...]:
    """Spans of both lists; overlapping ones become one span covering both."""
    merged: list[Span] = []
    for start, end in sorted((*first, *second)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _own_url_spans(text: str) -> list[Span]:
    """Links and disguised links, found with one fast character-class expression."""
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
    return spans


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
