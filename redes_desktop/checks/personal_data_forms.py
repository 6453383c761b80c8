"""How people write personal data so that a plain pattern misses it (criterion 6.iii).

Pure functions on the identifier view of the text (`text_fold.FoldedText.text`):

- `obfuscated_emails`: `juan.perez [at] gmail [dot] com`, `juan(arroba)gmail.com`,
  `juan arroba gmail punto com`, `juan @ gmail.com`. Yields the span and the address it spells.
- `street_addresses`: a street (optionally introduced by «Calle», «Av.»…) and a number followed
  by a colonia («Col. Centro», «Fracc. Las Águilas»). Yields the span and its comparison key.
- `number_in_context`: whether a number is a folio, amount or reference (the word before it,
  a `$`, «pesos» after it), so that it is not taken for a phone or credential number.
- `normalise_address`: the key two addresses are compared by (street words and number).

The word lists come from `resources/checks/personal_data.json`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from redes_desktop.resource_files import resource_path

DATA_FILE = resource_path("checks/personal_data.json")

_OPEN = r"[\[\(\{<]"
_CLOSE = r"[\]\)\}>]"
_AT = (rf"(?:\s*{_OPEN}\s*(?:at|arroba|@)\s*{_CLOSE}\s*"  # [at] (arroba) {@}
       r"|\s+arroba\s+"  # juan arroba gmail
       r"|\s*@\s+|\s+@\s*"  # juan @ gmail, juan @gmail
       r"|@)")
_DOT = rf"(?:\s*{_OPEN}\s*(?:dot|punto|\.)\s*{_CLOSE}\s*|\s+punto\s+|\s+dot\s+|\.)"
_OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.%+\-@])(?P<local>[A-Za-z0-9][\w.%+\-]*)(?P<at>{_AT})"
    rf"(?P<domain>[A-Za-z0-9\-]+(?:{_DOT}[A-Za-z0-9\-]+)+)",
    re.IGNORECASE,
)
_DOT_TOKEN_RE = re.compile(_DOT, re.IGNORECASE)
_BRACKETED_AT_RE = re.compile(rf"{_OPEN}\s*at\s*{_CLOSE}", re.IGNORECASE)
_ANCHOR_RE = re.compile(rf"@|arroba|{_OPEN}\s*at\s*{_CLOSE}", re.IGNORECASE)
_LOCAL_MAX = 80  # characters of a local part searched before the "at"
_DOMAIN_MAX = 120


@cache
def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def institutional_addresses() -> tuple[str, ...]:
    return tuple(_data()["institutional_addresses"])


def obfuscated_emails(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, address) of e-mail addresses spelt with «[at]», «arroba», «punto»…

    Addresses written plainly (`a@b.mx`) are left to the ordinary e-mail detector."""
    if "@" not in text and "arroba" not in text.lower() and not _BRACKETED_AT_RE.search(text):
        return
    # Search only around each possible "at": the pattern is slow to try at every word.
    seen_end = -1
    for anchor in _ANCHOR_RE.finditer(text):
        if anchor.start() < seen_end:
            continue
        window = max(0, anchor.start() - _LOCAL_MAX)
        for m in _OBFUSCATED_EMAIL_RE.finditer(text, window, anchor.end() + _DOMAIN_MAX):
            if m.start("at") <= anchor.start() < m.end("at") and m.start() >= seen_end:
                seen_end = m.end()
                yield from _judge_obfuscated(m)
                break


def _judge_obfuscated(m: re.Match[str]) -> Iterator[tuple[int, int, str]]:
    domain_raw = m.group("domain")
    if m.group("at") == "@" and not _has_obfuscated_dot(domain_raw):
        return  # a plain address: the ordinary e-mail detector reports it
    labels = [p for p in _DOT_TOKEN_RE.split(domain_raw) if p]
    tld = labels[-1]
    if len(labels) < 2 or not (2 <= len(tld) <= 6 and tld.isalpha()):
        return
    yield m.start(), m.end("domain"), f"{m.group('local')}@{'.'.join(labels)}".lower()


def _has_obfuscated_dot(domain: str) -> bool:
    return any(tok.strip() != "." for tok in _DOT_TOKEN_RE.findall(domain))


# --- street addresses ---------------------------------------------------------------------------


_COMBINING_LATIN_RE = re.compile("[\u0300-\u036f]")
_DIGIT_RE = re.compile(r"\d")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = _COMBINING_LATIN_RE.sub("", decomposed)  # the accents of Spanish, in one pass
    if plain.isascii() or not any(unicodedata.combining(c) for c in set(plain) if c > "\x7f"):
        return plain
    return "".join(c for c in plain if not unicodedata.combining(c))


def _alternatives(words: list[str]) -> str:
    escaped = sorted((re.escape(_strip_accents(w)) for w in words), key=len, reverse=True)
    return "|".join(escaped)


@cache
def _address_re() -> re.Pattern[str]:
    data = _data()
    settlement = _alternatives(data["settlement_words"])
    number = r"(?:(?:#|n[uú]m(?:ero)?\.?|no\.?)\s*)?\d{1,5}(?:\s?[A-Z])?(?![\w/:])"
    interior = r"(?:[ ,]+(?:int(?:erior)?\.?|depto\.?|departamento)\s*[\w\-]+)?"
    return re.compile(
        rf"(?P<number>{number}){interior}\s*[,;]?\s*(?:en\s+(?:la\s+)?)?"
        rf"(?P<settlement>(?:{settlement}))(?=[\s.])\.?\s*\w",
        re.IGNORECASE,
    )


@cache
def _street_types() -> frozenset[str]:
    return frozenset(_strip_accents(w).lower().rstrip(".") for w in _data()["street_types"])


_WORD_BEFORE_RE = re.compile(r"([^\W\d_][\w.]*)\s*$")


def _street_start(text: str, number_start: int) -> int | None:
    """Where the street name before a number starts: a street type within five words, or up
    to three capitalised words (`Hidalgo`, `Benito Juárez`); None when there is no street."""
    cursor = number_start
    start = None
    capitalised = 0
    for _ in range(5):
        m = _WORD_BEFORE_RE.search(text, max(0, cursor - 40), cursor)
        if not m or "\n" in text[m.end():cursor]:
            break
        word = m.group(1)
        key = _strip_accents(word).lower().rstrip(".")
        if key in _street_types():
            return m.start()
        if word[0].isupper() or key in {"de", "del", "la", "las", "los", "el", "y"}:
            if word[0].isupper():
                capitalised += 1
                start = m.start()
            cursor = m.start()
            continue
        break
    return start if capitalised and capitalised <= 4 else None


def street_addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, key) of a street, number and colonia written out."""
    if not _DIGIT_RE.search(text):
        return  # an address needs its number
    lowered = text.lower()
    if not any(w.rstrip(".") in lowered for w in ("col", "fracc", "barrio", "colonia", "u.h",
                                                   "unidad", "residencial", "ejido", "pueblo",
                                                   "conjunto", "bo.")):
        return
    folded = _strip_accents(text) if not text.isascii() else text
    if len(folded) != len(text):
        folded = text  # combining characters in the input: search it as is
    for m in _address_re().finditer(folded):
        start = _street_start(text, m.start("number"))
        if start is None:
            continue
        end = _settlement_end(text, m.end())
        yield start, end, normalise_address(text[start:m.end("number")])


_SETTLEMENT_NAME_RE = re.compile(
    r"[\w.\-]*(?:\s+(?:de|del|la|las|los|el|y|[A-ZÁÉÍÓÚÑ][\w.\-]*)){0,3}")


def _settlement_end(text: str, start: int) -> int:
    m = _SETTLEMENT_NAME_RE.match(text, start - 1)
    return m.end() if m else start


_KEY_WORD_RE = re.compile(r"[^\W_]+")
_KEY_SKIP = frozenset({"no", "num", "numero", "de", "del", "la", "el", "los", "las"})


def normalise_address(text: str) -> str:
    """Street words and number, lower case, no accents, no «No.»/«Calle»: the comparison key."""
    words = [w for w in _KEY_WORD_RE.findall(_strip_accents(text).lower()) if w not in _KEY_SKIP]
    number_at = next((i for i, w in enumerate(words) if w.isdigit()), None)
    if number_at is not None:
        words = words[: number_at + 1]
    words = [w for w in words if w not in _street_types()] or words
    return " ".join(words)


# --- numbers that are not personal data -----------------------------------------------------------


@cache
def _context_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _data()
    before = _alternatives(data["number_context_words"])
    after = _alternatives(data["amount_after_words"])
    before_re = re.compile(rf"(?:^|[^\w])(?:{before})\.?\s*(?:n[uú]m\.?|no\.?|número)?\s*"
                           r"[:#°º]?\s*(?:[A-Z0-9\-/]+[\s\-/])?$", re.IGNORECASE)
    after_re = re.compile(rf"^\s*(?:{after})(?!\w)", re.IGNORECASE)
    return before_re, after_re


def number_in_context(text: str, start: int, end: int) -> bool:
    """Whether the number at `[start, end)` reads as a folio, amount or reference."""
    before_re, after_re = _context_res()
    head = _strip_accents(text[max(0, start - 40):start])
    if before_re.search(head):
        return True
    return bool(after_re.match(_strip_accents(text[end:end + 20])))
