"""6.xxv — write in upper and lower case; capitals only to highlight words.

Warns when the whole post, or a whole sentence, is written in capitals, and when more than a few
words in capitals run together or appear in the post. Acronyms (`resources/checks/acronyms.txt`),
Roman numerals, single letters, hashtags, handles, links and e-mail addresses do not count.
Each finding offers the span rewritten in sentence case (acronyms and tokens kept).
The thresholds are in `resources/checks/capitals.json`; past `max_findings` findings (a pasted
document), one more counts the rest.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from functools import cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.resource_files import resource_path

RULE_ID = "6.xxv"
ACRONYMS_FILE = resource_path("checks/acronyms.txt")
SETTINGS_FILE = resource_path("checks/capitals.json")

_WORD_RE = re.compile(r"[^\W\d_]+")
_ROMAN_RE = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_SENTENCE_END = ".!?…\n"
_WORD_OR_END_RE = re.compile(r"([^\W\d_]+)|[.!?…\n]")
_OPENERS = "¡¿\"'«“‘(["

MAX_FIX_LENGTH = 20_000  # no quick fix offered for longer spans (no network takes such a post)

# Word classes
_NEUTRAL, _CAPS, _LOWER = 0, 1, 2

_ADVICE = (
    "El criterio 6.xxv pide escribir con mayúsculas y minúsculas, y usar mayúsculas solo para "
    "resaltar palabras. Puedes convertir el texto (revisa después los nombres propios)."
)


@cache
def load_acronyms() -> frozenset[str]:
    lines = ACRONYMS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().upper() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def load_settings() -> dict[str, int]:
    """The thresholds of `capitals.json` (keys without a leading underscore)."""
    data = json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))
    return {k: int(v) for k, v in data.items() if not k.startswith("_")}


class CapitalsRule:
    rule_id = RULE_ID

    def __init__(
        self, max_consecutive: int | None = None, max_total: int | None = None,
        min_sentence_words: int | None = None, max_findings: int | None = None,
    ) -> None:
        settings = load_settings()
        self.max_consecutive = settings["max_consecutive"] if max_consecutive is None else (
            max_consecutive)
        self.max_total = settings["max_total"] if max_total is None else max_total
        self.min_sentence_words = settings["min_sentence_words"] if min_sentence_words is None \
            else min_sentence_words
        self.max_findings = settings["max_findings"] if max_findings is None else max_findings
        self._acronyms = load_acronyms()
        self._classes: dict[str, int] = {}

    def _classify(self, word: str) -> int:
        kind = self._classes.get(word)
        if kind is None:
            if len(word) < 2:
                kind = _NEUTRAL
            elif word.isupper():
                acronym = word in self._acronyms or _ROMAN_RE.fullmatch(word)
                kind = _NEUTRAL if acronym else _CAPS
            elif any(c.islower() for c in word):
                kind = _LOWER
            else:
                kind = _NEUTRAL  # letters without case (other scripts)
            if len(self._classes) > 20_000:
                self._classes.clear()
            self._classes[word] = kind
        return kind

    def _words(self, text: str) -> list[tuple[int, int, int, int]]:
        """(start, end, class, sentence number) of every word outside links, handles, etc."""
        protected = text_tokens.protected_spans(text)
        classes = self._classes
        words: list[tuple[int, int, int, int]] = []
        append = words.append
        sentence = 0
        for m in _WORD_OR_END_RE.finditer(text):
            word = m.group(1)
            if word is None:
                sentence += 1
                continue
            start, end = m.span()
            if protected and text_tokens.contains(start, protected):
                continue
            kind = classes.get(word)
            if kind is None:
                kind = self._classify(word)
            append((start, end, kind, sentence))
        return words

    def check(self, item: CheckInput) -> list[Finding]:
        text = item.text
        if not any(c.isupper() for c in text):
            return []
        words = self._words(text)
        caps = [w for w in words if w[2] == _CAPS]
        if not caps:
            return []
        if len(caps) >= 2 and not any(w[2] == _LOWER for w in words):
            return [self._finding(text, caps[0][0], caps[-1][1], "mayusculas_todo",
                                  "Toda la publicación está escrita en mayúsculas.", words)]
        spans: list[tuple[int, int, str, str]] = []  # (start, end, code, what)
        # Whole sentences in capitals.
        by_sentence: dict[int, list[tuple[int, int, int, int]]] = {}
        for w in words:
            by_sentence.setdefault(w[3], []).append(w)
        for sentence_words in by_sentence.values():
            sentence_caps = [w for w in sentence_words if w[2] == _CAPS]
            if len(sentence_caps) >= self.min_sentence_words and all(
                w[2] != _LOWER for w in sentence_words
            ):
                spans.append((sentence_caps[0][0], sentence_caps[-1][1], "mayusculas_oracion",
                              "Hay una oración completa escrita en mayúsculas."))
        covered = [(s[0], s[1]) for s in spans]
        # Runs of consecutive words in capitals (neutral words do not break a run).
        run: list[tuple[int, int, int, int]] = []
        for w in [*words, (len(text), len(text), _LOWER, -1)]:
            if w[2] == _CAPS:
                run.append(w)
                continue
            if w[2] == _LOWER:
                if len(run) > self.max_consecutive and not text_tokens.overlaps(
                    (run[0][0], run[-1][1]), covered
                ):
                    spans.append((run[0][0], run[-1][1], "mayusculas_seguidas",
                                  f"Hay {len(run)} palabras seguidas en mayúsculas."))
                run = []
        # Too many words in capitals across the post.
        if not spans and len(caps) > self.max_total:
            spans.append((caps[0][0], caps[-1][1], "mayusculas_exceso",
                          f"Hay {len(caps)} palabras en mayúsculas en la publicación; úsalas "
                          "solo para resaltar alguna palabra."))
        spans.sort(key=lambda s: s[0])
        # Only the findings shown get their (costly) quick fix.
        findings = [self._finding(text, a, b, code, what, words)
                    for a, b, code, what in spans[: self.max_findings]]
        rest = len(spans) - len(findings)
        if rest > 0:
            at = spans[len(findings)][0]
            findings.append(Finding(
                RULE_ID, Severity.ADVIERTE,
                f"Y {rest} tramos más en mayúsculas a partir de aquí: son demasiados para "
                f"marcarlos uno por uno. {_ADVICE}", at, at, (), "mayusculas_mas", summary=True))
        return findings

    def _finding(self, text: str, start: int, end: int, code: str, what: str,
                 words: list[tuple[int, int, int, int]]) -> Finding:
        fix = () if end - start > MAX_FIX_LENGTH else (self.sentence_case(text, start, end, words),)
        return Finding(RULE_ID, Severity.ADVIERTE, f"{what} {_ADVICE}", start, end, fix, code)

    def sentence_case(
        self, text: str, start: int, end: int,
        words: list[tuple[int, int, int, int]] | None = None,
    ) -> str:
        """`text[start:end]` with its words in capitals lowered and sentence starts capitalised.

        Acronyms, Roman numerals, links, handles, hashtags and addresses are kept as they are.
        """
        if words is None:
            words = self._words(text)
        first = bisect.bisect_left(words, (start,))
        pieces: list[str] = []
        cursor = start
        for i in range(first, len(words)):  # no slice: that copies the rest of a long text
            w_start, w_end, kind, _ = words[i]
            if w_end > end:
                break
            if kind == _LOWER or (kind == _NEUTRAL and w_end - w_start > 1):
                continue  # lower-case text, an acronym or a Roman numeral stays
            word = text[w_start:w_end]
            if not word.isupper():
                continue
            new = word.lower()
            if _starts_sentence(text, w_start):
                new = new[0].upper() + new[1:]
            pieces.append(text[cursor:w_start])
            pieces.append(new)
            cursor = w_end
        pieces.append(text[cursor:end])
        return "".join(pieces)


def _starts_sentence(text: str, position: int) -> bool:
    i = position - 1
    while i >= 0:
        ch = text[i]
        if ch in _SENTENCE_END:
            return True
        if not (ch.isspace() or ch in _OPENERS or unicodedata.category(ch)[0] in "SMC"):
            return False  # symbols (emoji), marks and joiners are skipped
        i -= 1
    return True
