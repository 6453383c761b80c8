"""Criterion 6.xxiv offline grammar: what hunspell cannot see (severity: advierte). No Qt.

Every word below is in the dictionary, so only its context shows the mistake: accents that change
the meaning (más/mas, sí/si, tú/tu, él/el, aún/aun, qué/que and cómo/como in questions),
homophones (votar/botar, haber/a ver, hecho/echo, hay/ahí/ay, valla/vaya, the misspellings of
«casilla»), dequeísmo and queísmo, nouns written without their accent (el modulo, el publico)
the agreement of article, noun and adjective (`grammar_agreement`) and of subject and verb in
number (`grammar_subject_verb`).

The patterns live in `resources/checks/gramatica.json`: each lists its trigger, the context that
makes it fire and the exceptions that keep it silent. Precision comes first: a pattern fires only
when its context leaves no doubt; everything else is left to LanguageTool when one is configured.

`GrammarChecker.findings(text, masked)` takes the text with links, handles, hashtags and e-mail
addresses masked (same length, see `rule_spelling`), so no pattern ever looks inside them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from redes_desktop.checks.grammar_tokens import Token, finding, match_case, tokenize
from redes_desktop.checks.model import Finding
from redes_desktop.resource_files import resource_path

GRAMMAR_FILE = resource_path("checks/gramatica.json")
WINDOW = 6  # words either side for "window" conditions, within the sentence

_SENTENCE_END = frozenset(".!?¿¡\n")
_CLAUSE_BREAK = frozenset(".!?¿¡;:()«»\"“”\n")


class Context:
    """What a condition may ask about the tokens around a match (`i` first, `j` last token)."""

    def __init__(self, tokens: list[Token], i: int, j: int, lists: dict[str, frozenset[str]]):
        self.tokens, self.i, self.j, self.lists = tokens, i, j, lists

    def _word(self, k: int) -> str | None:
        if 0 <= k < len(self.tokens) and self.tokens[k].word:
            return self.tokens[k].low
        return None

    def prev(self, n: int = 1) -> str | None:
        """The n-th word before the match, if the words in between are adjacent (no punctuation
        and no line break between them and the match)."""
        for k in range(self.i - 1, self.i - n - 1, -1):
            if k < 0 or not self.tokens[k].word or self.tokens[k + 1].newline_before:
                return None
        return self.tokens[self.i - n].low

    def next(self, n: int = 1) -> str | None:
        for k in range(self.j + 1, self.j + n + 1):
            if k >= len(self.tokens) or not self.tokens[k].word or self.tokens[k].newline_before:
                return None
        return self.tokens[self.j + n].low

    def prev_punct(self) -> str:
        """The character before the match: a punctuation mark, "inicio", or "" for a word."""
        k = self.i - 1
        if k < 0 or self.tokens[self.i].newline_before:
            return "inicio"
        return "" if self.tokens[k].word else self.tokens[k].text

    def next_punct(self) -> str:
        k = self.j + 1
        if k >= len(self.tokens) or self.tokens[k].newline_before:
            return "fin"
        return "" if self.tokens[k].word else self.tokens[k].text

    def clause_start(self) -> bool:
        p = self.prev_punct()
        return p == "inicio" or p in _CLAUSE_BREAK

    def question_first(self, prefixes: frozenset[str]) -> bool:
        k = self.i - 1
        for _ in range(3):  # "¿Y por qué…?": at most two prefix words
            if k < 0:
                return False
            tok = self.tokens[k]
            if tok.text == "¿":
                return True
            if not tok.word or tok.low not in prefixes:
                return False
            k -= 1
        return False

    def window(self) -> set[str]:
        words: set[str] = set()
        for step, start in ((-1, self.i - 1), (1, self.j + 1)):
            k, seen = start, 0
            while 0 <= k < len(self.tokens) and seen < WINDOW:
                tok = self.tokens[k]
                if tok.text in _SENTENCE_END or (step == 1 and tok.newline_before) or (
                        step == -1 and self.tokens[k + 1].newline_before):
                    break
                if tok.word:
                    words.add(tok.low)
                    seen += 1
                k += step
        return words


class Pattern:
    """One entry of `patterns` in gramatica.json."""

    def __init__(self, raw: dict, lists: dict[str, frozenset[str]]) -> None:
        self.id: str = raw["id"]
        self.message: str = raw["message"]
        self.lists = lists
        if "trigger" in raw:
            self.phrase = tuple(raw["trigger"])
            self.first = frozenset([self.phrase[0]])
        else:
            self.phrase = ("*", raw["then"]) if "then" in raw else ("*",)
            self.first = frozenset(raw["trigger_any"])
        self.fix: str | None = raw.get("fix")
        self.fix_map: dict[str, str] = raw.get("fix_map", {})
        self.fix_suffix: str = raw.get("fix_suffix", "")
        self.when: list[tuple[dict, tuple[Check, ...]]] = [
            self._with_checks(self._compile(c)) for c in raw["when"]]
        unless = raw.get("unless", {})
        if isinstance(unless, dict):  # a dict: each key alone is an exception
            unless = [{key: value} for key, value in unless.items()]
        self.unless: list[tuple[dict, tuple[Check, ...]]] = [  # a list: each an AND
            self._with_checks(self._compile(c)) for c in unless]

    def _with_checks(self, cond: dict) -> tuple[dict, tuple[Check, ...]]:
        """The condition and its tests, built once (an unknown key fails here, at load)."""
        return cond, tuple(_check(key, want, self.lists, self.id) for key, want in cond.items()
                           if key not in ("only", "fix"))

    def _compile(self, cond: dict) -> dict:
        out: dict = {}
        for key, value in cond.items():
            if isinstance(value, list):
                words: set[str] = set()
                for v in value:
                    words |= self.lists.get(v, {v})
                out[key] = frozenset(words)
            else:
                out[key] = value
        return out

    def match_at(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        """(last token index, replacement) when the trigger and context match at token i."""
        first = tokens[i].low
        if first not in self.first:
            return None
        j = i
        for word in self.phrase[1:]:
            j += 1
            if j >= len(tokens) or not tokens[j].word or tokens[j].low != word:
                return None
            if tokens[j].newline_before:
                return None
        ctx = Context(tokens, i, j, self.lists)
        for cond, checks in self.when:
            if "only" in cond and first not in cond["only"]:
                continue
            if all(check(ctx) for check in checks):
                if any(all(check(ctx) for check in exception)
                       for _, exception in self.unless):
                    return None
                fix = cond.get("fix") or self.fix or self.fix_map.get(first, first)
                return j, fix + self.fix_suffix
        return None


Check = Callable[[Context], bool]


def _check(key: str, want, lists: dict[str, frozenset[str]], pattern: str) -> Check:  # noqa: C901
    """The test of one condition of gramatica.json (one branch per key)."""
    if key in ("prev", "prev2", "next", "next2"):
        n = 2 if key.endswith("2") else 1
        get = Context.prev if key.startswith("prev") else Context.next
        return lambda ctx: (word := get(ctx, n)) is not None and word in want
    if key in ("next_not", "next2_not"):
        n = 2 if key == "next2_not" else 1
        return lambda ctx: (word := ctx.next(n)) is None or word not in want
    if key == "prev_punct":
        return lambda ctx: ctx.prev_punct() in want
    if key == "next_punct":
        return lambda ctx: ctx.next_punct() in want
    if key == "prev_not_punct":
        return lambda ctx: ctx.prev() is not None
    if key == "next_punct_not":
        return lambda ctx: ctx.next() is not None
    if key == "clause_start":
        return Context.clause_start
    if key == "question_first":
        prefixes = lists["question_prefixes"]
        return lambda ctx: ctx.question_first(prefixes)
    if key == "window":
        return lambda ctx: not want.isdisjoint(ctx.window())
    if key in ("next_suffix", "next2_suffix"):
        n = 2 if key == "next2_suffix" else 1
        suffixes = tuple(want)
        return lambda ctx: (word := ctx.next(n)) is not None and word.endswith(suffixes)
    raise ValueError(f"condición desconocida «{key}» en el patrón {pattern}")


@cache
def load_grammar(path: Path = GRAMMAR_FILE) -> tuple[list[Pattern], dict, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    lists = {name: frozenset(words) for name, words in data["lists"].items()}
    return ([Pattern(p, lists) for p in data["patterns"]], data["agreement"],
            data["subject_verb"])


class GrammarChecker:
    """Context patterns, article–noun–adjective agreement and subject–verb agreement, on
    (masked) text."""

    def __init__(self, path: Path = GRAMMAR_FILE) -> None:
        from redes_desktop.checks.grammar_agreement import Agreement
        from redes_desktop.checks.grammar_subject_verb import SubjectVerb

        self.patterns, agreement, subject_verb = load_grammar(path)
        self._by_first: dict[str, list[Pattern]] = {}
        for p in self.patterns:
            for w in p.first:
                self._by_first.setdefault(w, []).append(p)
        self.agreement = Agreement(agreement)
        self.subject_verb = SubjectVerb(subject_verb, self.agreement)

    def findings(self, text: str, masked: str | None = None) -> list[Finding]:
        tokens = tokenize(masked if masked is not None else text)
        out: list[Finding] = []
        taken_until = -1
        for i, tok in enumerate(tokens):
            if not tok.word or i <= taken_until:
                continue
            for pattern in self._by_first.get(tok.low, ()):
                hit = pattern.match_at(tokens, i)
                if hit is None:
                    continue
                j, fix = hit
                start, end = tok.start, tokens[j].end
                fix = match_case(text[start:end], fix)
                out.append(finding(pattern.message, start, end, [fix], pattern.id))
                taken_until = j
                break
        out += self.agreement.findings(text, tokens)
        out += self.subject_verb.findings(text, tokens)
        out.sort(key=lambda f: (f.start, f.end))
        return _without_overlaps(out)


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: the first (leftmost, then shortest) wins."""
    out: list[Finding] = []
    for f in findings:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
