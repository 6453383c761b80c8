"""6.xxiv — invisible and bidirectional control characters in the text.

Zero-width characters (U+200B–U+200D, U+2060, U+FEFF), bidi controls (U+202A–U+202E,
U+2066–U+2069, U+200E/U+200F), the soft hyphen, other format (Cf) and control (Cc) characters,
private-use (Co) characters and the blank "filler" letters (U+3164…) do not show, or show
differently on each device, yet change how the text reads, is searched or is displayed.

Outside a link they warn (rule "6.xxiv": take care of syntax and spelling) with a suggestion to
delete them; inside a link the links rule blocks them (6.vi). A run of consecutive characters is
one finding; past `max_findings` runs, one more finding (empty span) counts the rest.
The joiner (U+200D) between emoji and the tag characters of a flag emoji (🏴 + tags) are part
of the emoji and are not reported.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, Severity

RULE_ID = "6.xxiv"

_ZWJ = "\u200d"
_BLACK_FLAG = "\U0001f3f4"
_FILLERS = "\u115f\u1160\u3164\uffa0"
_ALLOWED_CONTROLS = "\t\n\r"

_NAMES = {
    0x00AD: "guion suave",
    0x200B: "espacio de ancho cero",
    0x200C: "separador de ancho cero",
    0x200D: "unión de ancho cero",
    0x200E: "marca de izquierda a derecha",
    0x200F: "marca de derecha a izquierda",
    0x2060: "unión de palabras",
    0xFEFF: "marca de orden de bytes",
}


def _describe(char: str) -> str:
    cp = ord(char)
    if cp in _NAMES:
        name = _NAMES[cp]
    elif 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
        name = "control de dirección del texto"
    elif unicodedata.category(char) == "Co":
        name = "carácter de uso privado"
    elif char in _FILLERS:
        name = "letra de relleno invisible"
    else:
        name = "carácter de control"
    return f"U+{cp:04X} {name}"


# Every format (Cf) character of Unicode 14 (Python 3.11's unicodedata); a test checks the list
# against the running Python so that a newer Unicode cannot slip a new one past.
FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)
_CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F))  # Cc but \t \n \r
_PRIVATE_USE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_FILLER_RANGES = tuple((ord(c), ord(c)) for c in _FILLERS)


@cache
def _pattern() -> re.Pattern[str]:
    ranges = (*FORMAT_RANGES, *_CONTROL_RANGES, *_PRIVATE_USE_RANGES, *_FILLER_RANGES)
    parts = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{parts}]+")


@lru_cache(maxsize=256)
def _message(run: str) -> str:
    names = ", ".join(dict.fromkeys(_describe(c) for c in dict.fromkeys(run)))
    what = "un carácter invisible o de control" if len(run) == 1 else (
        f"{len(run)} caracteres invisibles o de control")
    return (
        f"Hay {what} ({names}). No se ve, pero cambia cómo se lee, se busca o se muestra el "
        "texto; el criterio 6.xxiv pide cuidar la sintaxis y la ortografía. Elimínalo."
    )


def _emoji_like(char: str) -> bool:
    cp = ord(char)
    return (
        unicodedata.category(char) == "So"
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or cp == 0xFE0F  # emoji presentation selector
    )


def _part_of_emoji(text: str, start: int, end: int, run: str) -> bool:
    if run == _ZWJ:
        return 0 < start and end < len(text) and _emoji_like(text[start - 1]) and _emoji_like(
            text[end]
        )
    if "\U000e0020" <= run[0] <= "\U000e007f" and all(
        0xE0020 <= ord(c) <= 0xE007F for c in run
    ):
        return start > 0 and text[start - 1] == _BLACK_FLAG
    return False


class InvisibleCharactersRule:
    rule_id = RULE_ID

    def __init__(self, max_findings: int = 500) -> None:
        self.max_findings = max_findings  # past this, one summary finding (empty span)

    def check(self, item: CheckInput) -> list[Finding]:
        text = item.text
        if not text or text.isascii() and text.isprintable():
            return []
        links = text_tokens.url_spans(text)
        findings: list[Finding] = []
        more, more_at = 0, 0
        for m in _pattern().finditer(text):
            start, end = m.span()
            if links and text_tokens.overlaps((start, end), links):
                continue  # the links rule blocks it (6.vi)
            run = m.group()
            if _part_of_emoji(text, start, end, run):
                continue
            if len(findings) < self.max_findings:
                findings.append(Finding(RULE_ID, Severity.ADVIERTE, _message(run), start, end,
                                        ("",), "caracter_invisible"))
            else:
                more_at = more_at or start
                more += 1
        if more:
            findings.append(Finding(
                RULE_ID, Severity.ADVIERTE,
                f"Además hay {more} grupos más de caracteres invisibles o de control a partir de "
                "aquí. Elimínalos (criterio 6.xxiv).", more_at, more_at, (), "caracter_invisible"))
        return findings
