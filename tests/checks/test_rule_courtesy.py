"""6.xx: no insults, disqualifications or discourtesy in replies."""

from __future__ import annotations

import time

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_courtesy import CourtesyRule, fold, load_lexicon
from redes_desktop.models.enums import Network


def check(text: str, is_reply: bool = True) -> list:
    return CourtesyRule().check(CheckInput(text=text, network=Network.X, is_reply=is_reply))


def found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in check(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eres un idiota.", ["idiota"]),
        ("Eres un IDIOTA", ["IDIOTA"]),
        ("qué estúpido comentario", ["estúpido"]),
        ("que estupido comentario", ["estupido"]),
        ("Son unos estúpidas", ["estúpidas"]),
        ("no seas idi0ta", ["idi0ta"]),
        ("p3nd3jo", ["p3nd3jo"]),
        ("no sea pendej@, por favor", ["pendej@"]),
        ("idiotaaaa", ["idiotaaaa"]),
        ("imbéciles todos", ["imbéciles"]),
        ("Qué ignorante es usted", ["Qué ignorante"]),
        ("Usted no sabe leer", ["no sabe leer"]),
        ("CÁLLESE ya", ["CÁLLESE"]),
        ("¡Cállate!", ["Cállate"]),
        ("Esa pregunta es una pendejada, wey", ["pendejada", "wey"]),
        ("vete al diablo", ["vete al diablo"]),
        ("tu puta madre", ["tu puta madre"]),
        ("#Idiotas", ["Idiotas"]),
    ],
)
def test_discourtesy_blocks_in_replies(text: str, expected: list[str]) -> None:
    findings = check(text)
    assert [text[f.start:f.end] for f in findings] == expected
    assert all(f.rule == "6.xx" and f.severity == Severity.BLOQUEA for f in findings)
    assert all(f.code == "descortesia" and "6.xx" in f.message for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Gracias por tu pregunta; con gusto te ayudamos. Consulta ine.mx.",
        "El debate estuvo aburrido para algunas personas.",  # "burro" inside "aburrido"
        "Consulta tu historial en el Buró de crédito.",  # buró ≠ burro
        "Ve a la casilla más cercana; su madre puede acompañarle.",
        "@idiota_bot gracias por escribir",  # a handle is not the administrator's word
        "Pregunta a contacto@tonto.com",
        "Los resultados son del producto interno bruto.",
        "Se han vendido todos los boletos.",
        "Estudiamos la ignorancia estadística.",
    ],
)
def test_courteous_replies_pass(text: str) -> None:
    assert check(text) == []


def test_only_replies_are_checked() -> None:
    assert check("Eres un idiota", is_reply=False) == []


def test_fold_keeps_length_and_offsets() -> None:
    for text in ("Ñandú IDI0TA pendej@ 🗳️", "İstanbul ß ﬁ"):
        assert len(fold(text)) == len(text)
    assert fold("Ñandú IDI0TA") == "ñandu idiota"


def test_lexicon_inflects_entries() -> None:
    words = load_lexicon().words
    assert {"idiota", "idiotas", "tonto", "tonta", "tontos", "tontas", "imbecil",
            "imbeciles"} <= words


def test_offsets_are_code_points_after_emoji() -> None:
    text = "👩🏽‍💻🗳️ ñ eres un tarado"
    (finding,) = check(text)
    assert (finding.start, finding.end) == (len(text) - 6, len(text))


@pytest.mark.parametrize(
    "chunk", ["Gracias por escribir, con gusto te ayudamos. ", "a", "idiotaaaa", "1 ", "@a "]
)
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    check(text)
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0
