"""6.iv — avoid information from unidentified sources. A post that states figures (percentages,
amounts, thousands or millions, counts of a hundred or more) and names no source in the
composer's «Fuente» field warns, pointing at the first figure.

Not figures: years (1900–2100), dates («5 de junio», 05/06/2024), times (10:30, 18 h), numbers
inside links, handles, hashtags or e-mail addresses, and digit groups of a phone number.
Runs only when the check has a post's details (the composer's check)."""

from __future__ import annotations

import re

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity

RULE_ID = "6.iv"
_MONTHS = ("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
           "noviembre|diciembre")
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_FIGURE_RE = re.compile(
    rf"""(?<![\w/:.,])
    (?P<currency>\$\s?)?
    (?P<number>{_NUMBER})
    (?P<after>\s*(?:%|por\s+ciento|mil(?:es)?\b|millones?\b|mdp\b|pesos\b|votos\b))?
    (?![\w/:]|[.,]\d)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DATE_AFTER_RE = re.compile(rf"\s+de\s+(?:{_MONTHS})\b", re.IGNORECASE)
_TIME_AFTER_RE = re.compile(r"\s*(?:h\b|hrs?\b|horas\b|a\.?\s?m\.?|p\.?\s?m\.?)", re.IGNORECASE)
_DIGIT_GROUP_NEAR_RE = re.compile(r"[\s\-]\d{2,}")


def _is_figure(text: str, match: re.Match[str]) -> bool:
    number = match.group("number")
    if match.group("currency") or match.group("after"):
        return True
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", number):
        return True  # 1,500 or 25.000
    digits = number.replace(",", "").replace(".", "")
    if not digits.isdigit() or "." in number or "," in number:
        return False  # a decimal alone (version numbers, ordinals) is not a stated figure
    value = int(digits)
    if value < 100 or 1900 <= value <= 2100:
        return False
    rest = text[match.end():]
    if _DATE_AFTER_RE.match(rest) or _TIME_AFTER_RE.match(rest):
        return False
    before = text[max(0, match.start() - 4):match.start()]
    return not (_DIGIT_GROUP_NEAR_RE.match(rest) or re.search(r"\d[\s\-]$", before))


def figure_spans(text: str) -> list[tuple[int, int]]:
    protected = text_tokens.protected_spans(text)
    return [m.span() for m in _FIGURE_RE.finditer(text)
            if not text_tokens.overlaps(m.span(), protected) and _is_figure(text, m)]


class SourceRule:
    rule_id = RULE_ID

    def check(self, item: CheckInput) -> list[Finding]:
        details = item.details
        if details is None or details.source.strip():
            return []
        spans = figure_spans(item.text)
        if not spans:
            return []
        start, end = spans[0]
        more = f" (y {len(spans) - 1} cifra(s) más)" if len(spans) > 1 else ""
        return [Finding(RULE_ID, Severity.ADVIERTE, (
            f"La publicación da cifras{more} y no dice de dónde salen: anote la fuente en "
            "«Fuente» (un acuerdo, un informe, un sistema del Instituto) o cítela en el texto. "
            "Se evita publicar información de fuentes no identificadas (criterio 6.iv)."),
            start, end, code="cifra_sin_fuente")]
