"""6.xx — no insults, disqualifications or discourtesy when replying to users.

Only replies (`CheckInput.is_reply`) are blocked here; in ordinary posts the same words are a
personal comment that may damage the Institute's image, which `rule_personal_comments` warns
about (6.iii). Words and phrases come from `resources/checks/insults_es.txt` (its header
explains the format). Matching is by whole words, case- and accent-insensitive, undoing common
letter substitutions ("idi0ta", "pendej@"), stretched letters ("idiotaaa") and letters spaced
or dotted apart ("i d i o t a", "p.e.n.d.e.j.o"); links, handles and e-mail addresses are
ignored. Phrases listed with `!` are polite Spanish that contains a listed word in another
sense ("no hay preguntas tontas", "burro de planchar"): a word inside one is not reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.resource_files import resource_path

RULE_ID = "6.xx"
INSULTS_FILE = resource_path("checks/insults_es.txt")

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s"}
_TOKEN_RE = re.compile(r"[^\W_]+")
_AT_IN_WORD_RE = re.compile(r"(?<=[^\W\d_])@")
_STRETCHED_RE = re.compile(r"(.)\1\1")
_RUNS_RE = re.compile(r"(.)\1+")
# Single letters set apart by spaces, dots, dashes…: "i d i o t a", "p.e.n.d.e.j.o".
_SPACED_RE = re.compile(r"(?<![^\W_])[^\W_](?:[ .\-_*·/]{1,2}[^\W_](?![^\W_])){2,}")


def _fold_char(char: str) -> str:
    """One character, lower case and without accent (ñ kept); always one character long."""
    low = char.lower()
    if len(low) != 1:
        return char
    if low == "ñ":
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base


@cache
def _fold_table() -> dict[int, str]:
    table = {cp: _fold_char(chr(cp)) for cp in range(0x41, 0x250)}
    table.update({ord(k): v for k, v in _LEET.items()})
    return table


@lru_cache(maxsize=16)
def fold(text: str) -> str:
    """Lower case, accents and look-alike digits undone; the result has the same length.

    Cached: the courtesy and personal-comment rules fold the same text."""
    folded = text.translate(_fold_table())
    if "@" in folded:
        folded = _AT_IN_WORD_RE.sub("a", folded)
    return folded


def _collapse(token: str) -> str:
    return _RUNS_RE.sub(r"\1", token)


def _inflections(word: str) -> set[str]:
    forms = {word, word + ("s" if word[-1] in "aeiou" else "es")}
    if word.endswith("o"):
        forms |= {word[:-1] + "a", word[:-1] + "as"}
    return forms


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]
    collapsed_words: frozenset[str]
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # first word → phrases (longest first)
    # Polite phrases (`!` lines): any word of the lexicon inside one is not reported.
    exceptions: dict[str, tuple[tuple[str, ...], ...]] = None  # type: ignore[assignment]


@cache
def load_lexicon() -> Lexicon:
    words: set[str] = set()
    phrases: dict[str, list[tuple[str, ...]]] = {}
    exceptions: dict[str, list[tuple[str, ...]]] = {}
    for raw in INSULTS_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            polite = tuple(_TOKEN_RE.findall(fold(line[1:])))
            if polite:
                exceptions.setdefault(polite[0], []).append(polite)
            continue
        tokens = tuple(_TOKEN_RE.findall(fold(line)))
        if len(tokens) == 1:
            words |= _inflections(tokens[0])
        elif tokens:
            phrases.setdefault(tokens[0], []).append(tokens)
    return Lexicon(
        words=frozenset(words),
        collapsed_words=frozenset(_collapse(w) for w in words),
        phrases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
        exceptions={k: tuple(sorted(v, key=len, reverse=True)) for k, v in exceptions.items()},
    )


class CourtesyRule:
    rule_id = RULE_ID

    def __init__(self) -> None:
        self._lexicon = load_lexicon()

    def _is_insult(self, token: str) -> bool:
        if token in self._lexicon.words:
            return True
        return bool(_STRETCHED_RE.search(token)) and (
            _collapse(token) in self._lexicon.collapsed_words
        )

    def find(self, text: str) -> list[tuple[int, int]]:
        """Spans of the insults and discourteous phrases in `text` (any kind of post)."""
        if not text:
            return []
        folded = fold(text)
        # Blank out links, handles and e-mail addresses (same length, offsets unchanged).
        hidden = sorted((*text_tokens.url_spans(text), *text_tokens.mention_spans(text),
                         *text_tokens.email_spans(text)))
        if hidden:
            pieces, cursor = [], 0
            for start, end in hidden:
                start = max(start, cursor)
                pieces += [folded[cursor:start], " " * max(0, end - start)]
                cursor = max(cursor, end)
            folded = "".join(pieces) + folded[cursor:]
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(folded)]
        words = [t[2] for t in tokens]
        polite = self._polite_spans(tokens, words)
        spans: list[tuple[int, int]] = []
        skip_until = -1
        for i, (start, end, token) in enumerate(tokens):
            if start < skip_until:
                continue
            match_end = None
            for phrase in self._lexicon.phrases.get(token, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    match_end = tokens[i + len(phrase) - 1][1]
                    break
            if match_end is None and self._is_insult(token):
                match_end = end
            if match_end is None or any(a <= start and match_end <= b for a, b in polite):
                continue
            skip_until = match_end
            spans.append((start, match_end))
        spans.extend(self._spaced(folded, spans))
        return sorted(spans)

    def _polite_spans(self, tokens: list[tuple[int, int, str]],
                      words: list[str]) -> list[tuple[int, int]]:
        spans = []
        exceptions = self._lexicon.exceptions or {}
        for i, (start, _end, token) in enumerate(tokens):
            for phrase in exceptions.get(token, ()):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    spans.append((start, tokens[i + len(phrase) - 1][1]))
                    break
        return spans

    def _spaced(self, folded: str, found: list[tuple[int, int]]):
        if not _SPACED_RE.search(folded):
            return
        for m in _SPACED_RE.finditer(folded):
            joined = "".join(ch for ch in m.group() if ch.isalnum())
            if self._is_insult(joined) and not text_tokens.overlaps(m.span(), found):
                yield m.span()

    def check(self, item: CheckInput) -> list[Finding]:
        if not item.is_reply or not item.text:
            return []
        text = item.text
        return [
            Finding(
                RULE_ID, Severity.BLOQUEA,
                f"La respuesta contiene «{text[start:end]}», un insulto, una descalificación o "
                "una falta de cortesía. El criterio 6.xx prohíbe responder a los usuarios así: "
                "reformula la respuesta con un tono respetuoso.",
                start, end, (), "descortesia")
            for start, end in self.find(text)
        ]
