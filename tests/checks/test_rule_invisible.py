"""6.xxiv: invisible and bidirectional control characters."""

from __future__ import annotations

import time
import unicodedata

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_invisible import FORMAT_RANGES, InvisibleCharactersRule
from redes_desktop.models.enums import Network


def check(text: str) -> list:
    return InvisibleCharactersRule().check(CheckInput(text=text, network=Network.X))


@pytest.mark.parametrize(
    "char",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d",
     "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u00ad", "\u0007",
     "\ue000", "\U000f0001", "\u3164", "\U000e0041"],
)
def test_each_invisible_character_warns(char: str) -> None:
    text = f"Vota{char} hoy"
    (finding,) = check(text)
    assert (finding.start, finding.end) == (4, 5)
    assert (finding.rule, finding.severity, finding.code) == (
        "6.xxiv", Severity.ADVIERTE, "caracter_invisible")
    assert f"U+{ord(char):04X}" in finding.message and "6.xxiv" in finding.message
    assert finding.suggestions == ("",)


def test_a_run_is_one_finding_and_offsets_are_code_points() -> None:
    text = "🗳️👩🏽‍💻 ñ\u202e\u200b\u200bfin"
    (finding,) = check(text)
    assert text[finding.start:finding.end] == "\u202e\u200b\u200b"
    assert finding.start == text.index("ñ") + 1
    assert "3 caracteres" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Texto normal, con acentos: ñandú, pingüino.",
        "Línea uno\nLínea dos\tcon tabulador\r\n",
        "Familia 👨‍👩‍👧‍👦 y científica 👩🏽‍🔬",  # joiners inside emoji
        "❤️‍🔥 corazón en llamas",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿 bandera de Escocia",  # tag characters of a flag emoji
        "Consulta ine\u200b.mx/voto",  # inside a link: the links rule blocks it (6.vi)
        "https://www.ine.mx/\u202efdp.exe",
        "Texto con espacio\u00a0duro",  # NBSP is a space, not invisible
    ],
)
def test_allowed(text: str) -> None:
    assert check(text) == []


def test_joiner_outside_emoji_warns() -> None:
    (finding,) = check("pala\u200dbra")
    assert (finding.start, finding.end) == (4, 5)


def test_format_ranges_match_this_python() -> None:
    listed = {cp for a, b in FORMAT_RANGES for cp in range(a, b + 1)}
    actual = {cp for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"}
    assert actual <= listed


@pytest.mark.parametrize("chunk", ["Hola mundo. ", "\u200b", "a\u200b", "👨‍👩‍👧 "])
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    check(text)
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0


def test_many_runs_are_summarised() -> None:
    text = "a\u200b" * 10
    findings = InvisibleCharactersRule(max_findings=3).check(CheckInput(text, Network.X))
    assert len(findings) == 4
    assert findings[-1].start == findings[-1].end == 7 and "7 grupos" in findings[-1].message
