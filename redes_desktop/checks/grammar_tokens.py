"""The pieces the offline grammar rule (`rule_grammar`) and the agreement check
(`grammar_agreement`) share: tokens and how a finding is written (criterion 6.xxiv)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from redes_desktop.checks.model import Finding, Severity

RULE_ID = "6.xxiv"

# Words (letters only), numbers, a masked span (a run of rule_spelling.MASK: a link, a handle),
# and single non-space characters (punctuation).
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\ue000+|[^\w\s]")


class Token(NamedTuple):
    """One token (a tuple: built ~80 times per post on every keystroke's check)."""

    text: str
    low: str
    start: int
    end: int
    word: bool  # letters only
    newline_before: bool  # a line break between this token and the previous one


def tokenize(text: str) -> list[Token]:
    if "\n" not in text:  # the usual post: no line break to look for between tokens
        new = tuple.__new__  # what Token._make does, without its Python frame
        return [new(Token, (s, s.lower(), m.start(), m.end(), s[0].isalpha(), False))
                for m in _TOKEN.finditer(text) for s in (m.group(),)]
    out: list[Token] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        s = m.group()
        start = m.start()
        out.append(Token(s, s.lower(), start, m.end(), s[0].isalpha(),
                         "\n" in text[last_end:start]))
        last_end = m.end()
    return out


def match_case(original: str, fix: str) -> str:
    if original.isupper() and len(original) > 1:
        return fix.upper()
    if original[:1].isupper():
        return fix[:1].upper() + fix[1:]
    return fix


def finding(message: str, start: int, end: int, suggestions: Iterable[str], code: str) -> Finding:
    return Finding(rule=RULE_ID, severity=Severity.ADVIERTE,
                   message=f"{message} (criterio 6.xxiv)", start=start, end=end,
                   suggestions=tuple(suggestions), code=f"gramatica:{code}")
