"""Criterion 6.xxiv: «cuidar la sintaxis y la ortografía» (severity: advierte). No Qt.

Four sources, in this order:
1. the dictionary (`spelling.SpellChecker` + `InstitutionalDictionary`): each unknown word;
2. offline syntax checks: a repeated word ("el el"), a question or exclamation without its
   opening sign, double spaces, a space before punctuation or after ¿ / ¡;
3. optionally the offline grammar patterns (`rule_grammar.GrammarChecker`): accents that change
   the meaning, homophones, agreement, dequeísmo; where one covers a word the dictionary also
   flagged («casiya»), only the grammar finding (the more specific) is kept;
4. optionally a LanguageTool server; its matches on a span already reported are dropped, and so
   is any of its matches overlapping an offline grammar finding (the same issue, shown once).

Every finding's `suggestions` are replacements for `text[start:end]`.
Hashtags, @mentions, links (also bare domains: ine.mx/voto), e-mail addresses, numbers and
words with digits are never checked (`text_tokens.protected_spans`). All-caps words of up to
6 letters are taken for acronyms (CURP, PREP) and not checked either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from redes_desktop.checks.enclitics import is_enclitic_form
from redes_desktop.checks.languagetool import LanguageToolClient, LanguageToolMatch
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.rule_grammar import GrammarChecker
from redes_desktop.checks.spelling import InstitutionalDictionary, SpellChecker, accent_variants
from redes_desktop.checks.text_tokens import protected_spans

RULE_ID = "6.xxiv"
MAX_WORD_LENGTH = 40  # longer "words" are reported as such, never sent to the dictionary
MAX_FINDINGS = 200
MAX_REMEMBERED = 50_000  # accepted words kept by a rule
MASK = "\ue000"  # private-use character: hides skipped spans from the syntax checks

# A word: letters joined by apostrophes; digits/underscore make it a token we skip.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_LETTERS_ONLY = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_REPEATED = re.compile(r"\b([^\W\d_]+)(\s+)(\1)\b", re.IGNORECASE)
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"[ \u00a0]+([,.;:!?]+)(?=$|[\s\"'»”]|[,.;:!?])")
_SPACE_AFTER_OPEN = re.compile(r"([¿¡])[ \u00a0]+")
_SENTENCE_END = re.compile(r"[?!]+")
_BOUNDARY = ".;:!?…\n"  # what starts a new clause for the ¿ / ¡ check


class SpellingRule:
    rule_id = RULE_ID

    def __init__(
        self,
        checker: SpellChecker,
        dictionary: InstitutionalDictionary,
        languagetool: LanguageToolClient | None = None,
        grammar: GrammarChecker | None = None,
    ) -> None:
        self.checker = checker
        self.grammar = grammar
        self.dictionary = dictionary
        self.languagetool = languagetool
        self.languagetool_status: str | None = None  # last LanguageTool status, for the UI
        # Words accepted so far. Only acceptances are remembered: the dictionary only grows
        # while the rule lives (removing a word builds the checks anew), so they stay true.
        self._accepted: set[str] = set()

    def check(self, item: CheckInput) -> list[Finding]:
        findings, self.languagetool_status = self.check_with_status(item)
        return findings

    def check_with_status(self, item: CheckInput) -> tuple[list[Finding], str | None]:
        text = item.text
        skipped = skipped_spans(text)
        masked = _mask(text, skipped)
        findings = self.spelling_findings(masked)
        findings += syntax_findings(text, masked)
        if self.grammar is not None:
            grammar = self.grammar.findings(text, masked)
            spans = [(f.start, f.end) for f in grammar]
            findings = [f for f in findings if f.code != "ortografia"
                        or not _overlaps(f.start, f.end, spans)] + grammar
        status: str | None = None
        if self.languagetool is not None:
            result = self.languagetool.check(text)
            status = result.status
            findings += self._languagetool_findings(text, result.matches, skipped, findings)
        findings.sort(key=lambda f: (f.start, f.end))
        return findings, status

    # -- dictionary ------------------------------------------------------------------------

    def accepts(self, word: str) -> bool:
        if word in self._accepted:
            return True  # most words of a post were seen, and accepted, on the last keystroke
        ok = self._accepts(word)
        if ok:
            if len(self._accepted) > MAX_REMEMBERED:
                self._accepted.clear()
            self._accepted.add(word)
        return ok

    def _accepts(self, word: str) -> bool:
        if word in self.dictionary or len(word) < 2:
            return True
        if word.isupper() and len(word) <= 6:
            return True  # an acronym
        if self.checker.check(word):
            return True
        if self.checker.available and is_enclitic_form(
                word, lambda w: w in self.dictionary or self.checker.check(w)):
            return True  # llámale, comiénzalo: hunspell-es lacks many of these
        parts = [p for p in re.split(r"['’]", word) if p]
        return len(parts) > 1 and all(self.accepts(p) for p in parts)

    def suggestions(self, word: str) -> tuple[str, ...]:
        ours = [v for v in accent_variants(word) if v in self.dictionary]
        out = ours + [s for s in self.checker.suggest(word) if s not in ours]
        return tuple(out[:5])

    def spelling_findings(self, masked: str) -> list[Finding]:
        findings: list[Finding] = []
        for m in _TOKEN.finditer(masked):
            word = m.group()
            if not _LETTERS_ONLY.fullmatch(word):
                continue  # numbers, words with digits, snake_case
            if len(word) > MAX_WORD_LENGTH:
                # No Spanish word is this long; hunspell's suggestions on it never end.
                findings.append(_finding(
                    f'Hay una "palabra" de {len(word)} letras: revise que no falten espacios. '
                    "(criterio 6.xxiv)", m.start(), m.end(), (), "palabra_larga"))
                continue
            if self.accepts(word):
                continue
            if len(findings) >= MAX_FINDINGS:
                break  # a pasted document: the first ones are enough to act on
            sugg = self.suggestions(word)
            if sugg:
                msg = (
                    f'"{word}" no está en el diccionario. ¿Quiso decir "{sugg[0]}"? '
                    "(criterio 6.xxiv)"
                )
            else:
                msg = (
                    f'"{word}" no está en el diccionario. Revise la ortografía o agréguela al '
                    "diccionario institucional. (criterio 6.xxiv)"
                )
            findings.append(_finding(msg, m.start(), m.end(), sugg, "ortografia"))
        return findings

    # -- LanguageTool ----------------------------------------------------------------------

    def _languagetool_findings(
        self,
        text: str,
        matches: Iterable[LanguageToolMatch],
        skipped: list[tuple[int, int]],
        ours: list[Finding],
    ) -> list[Finding]:
        out: list[Finding] = []
        taken = {(f.start, f.end) for f in ours}
        grammar = [(f.start, f.end) for f in ours if f.code.startswith("gramatica:")]
        for m in matches:
            if (m.start, m.end) in taken or _overlaps(m.start, m.end, skipped):
                continue
            if _overlaps(m.start, m.end, grammar):
                continue  # the offline grammar patterns already report this issue
            if m.issue_type in {"misspelling", "typographical", "whitespace", "duplication"} and (
                any(_overlaps(m.start, m.end, [(f.start, f.end)]) for f in ours)
            ):
                continue
            if m.issue_type == "misspelling" and self.accepts(text[m.start : m.end]):
                continue  # e.g. an institutional word LanguageTool does not know
            taken.add((m.start, m.end))
            out.append(m.to_finding())
        return out


def skipped_spans(text: str) -> list[tuple[int, int]]:
    return protected_spans(text)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _finding(message: str, start: int, end: int, suggestions: Iterable[str], code: str) -> Finding:
    return Finding(
        rule=RULE_ID,
        severity=Severity.ADVIERTE,
        message=message,
        start=start,
        end=end,
        suggestions=tuple(suggestions),
        code=code,
    )


def syntax_findings(text: str, masked: str | None = None) -> list[Finding]:
    """Offline punctuation and spacing checks; `masked` hides the skipped spans (same length)."""
    if masked is None:
        masked = _mask(text, skipped_spans(text))
    out: list[Finding] = []
    for m in _REPEATED.finditer(masked):
        word = m.group(1)
        out.append(
            _finding(
                f'La palabra "{word}" está repetida. (criterio 6.xxiv)',
                m.start(),
                m.end(),
                [word],
                "palabra-repetida",
            )
        )
    out += _missing_opening_signs(text, masked)
    for m in _DOUBLE_SPACE.finditer(masked):
        out.append(
            _finding(
                "Hay espacios de más entre dos palabras; deje uno solo. (criterio 6.xxiv)",
                m.start(),
                m.end(),
                [" "],
                "doble-espacio",
            )
        )
    for m in _SPACE_BEFORE.finditer(masked):
        punct = m.group(1)
        out.append(
            _finding(
                f'Sobra el espacio antes de "{punct}". (criterio 6.xxiv)',
                m.start(),
                m.end(),
                [punct],
                "espacio-antes-de-signo",
            )
        )
    for m in _SPACE_AFTER_OPEN.finditer(masked):
        out.append(
            _finding(
                f'Sobra el espacio después de "{m.group(1)}". (criterio 6.xxiv)',
                m.start(),
                m.end(),
                [m.group(1)],
                "espacio-despues-de-signo",
            )
        )
    return out


def _missing_opening_signs(text: str, masked: str) -> list[Finding]:
    out: list[Finding] = []
    for m in _SENTENCE_END.finditer(masked):
        clause_start = m.start()
        while clause_start > 0 and masked[clause_start - 1] not in _BOUNDARY:
            clause_start -= 1
        clause = masked[clause_start : m.start()]
        if "¿" in clause or "¡" in clause:
            continue  # Spanish allows ¿…! and ¡…? as well
        lead = len(clause) - len(clause.lstrip())
        start = clause_start + lead
        if start >= m.start() or not any(ch.isalpha() for ch in clause):
            continue  # "?!" alone, "😀?" — nothing to open
        opener = "¿" if m.group()[0] == "?" else "¡"
        closer = m.group()[0]
        fixed = opener + text[start : m.end()]
        out.append(
            _finding(
                f'Falta el signo de apertura "{opener}": en español la pregunta o exclamación '
                f'abre con "{opener}" y cierra con "{closer}". (criterio 6.xxiv)',
                start,
                m.end(),
                [fixed],
                "signo-de-apertura",
            )
        )
    return out
