"""The pieces the offline grammar rule (`rule_grammar`) and the agreement check
(`grammar_agreement`) share: tokens and how a finding is written (criterion 6.xxiv)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from redes_desktop.checks.model import Finding, Severity

RULE_ID = "6.xxiv"

# Words (letters only), numbers, and single non-space characters (punctuation, masked spans).
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    start: int
    end: int
    word: bool  # letters only
    newline_before: bool  # a line break between this token and the previous one


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        s = m.group()
        out.append(Token(s, s.lower(), m.start(), m.end(), s[0].isalpha(),
                         "\n" in text[last_end : m.start()]))
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
