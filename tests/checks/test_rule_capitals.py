"""6.xxv: capitals only to highlight words."""

from __future__ import annotations

import time

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_capitals import CapitalsRule, load_acronyms
from redes_desktop.models.enums import Network


def check(text: str, **kwargs) -> list:
    return CapitalsRule(**kwargs).check(CheckInput(text=text, network=Network.X))


def found(text: str, **kwargs) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.code, text[f.start:f.end], f.suggestions) for f in check(text, **kwargs)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Texto normal con mayúscula inicial.",
        "El INE, los OPLES y la CNCS publican el PREP y los resultados de la JLE y la JDE.",
        "UNICOM, INETEL, DERFE y la DECEyEC informan.",
        "Siglo XXI, capítulo IV, artículo 41 fracción III.",
        "Consulta #VotoLibre #INE2024 con @INEMexico y @INE_CDMX en INE.MX/VOTO",
        "Recuerda: es MUY importante votar.",
        "A la letra E le sigue la F.",
        "Escribe a PRENSA@INE.MX",
        "Правило: ПРИВЕТ мир",  # only Latin words in capitals count, and these are mixed
    ],
)
def test_allowed(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "code", "span", "suggestion"),
    [
        ("VOTA HOY", "mayusculas_todo", "VOTA HOY", "Vota hoy"),
        ("¡EL INE TE INVITA A VOTAR! #VotaINE ine.mx", "mayusculas_todo",
         "EL INE TE INVITA A VOTAR", "El INE te invita a votar"),
        ("Hoy es la jornada. ¡NO OLVIDES TU CREDENCIAL! Te esperamos.", "mayusculas_oracion",
         "NO OLVIDES TU CREDENCIAL", "No olvides tu credencial"),
        ("Recuerda que MAÑANA CIERRA EL REGISTRO de candidaturas.", "mayusculas_seguidas",
         "MAÑANA CIERRA EL REGISTRO", "mañana cierra el registro"),
        ("Es MUY importante que TODAS las personas VOTEN y PARTICIPEN.", "mayusculas_exceso",
         "MUY importante que TODAS las personas VOTEN y PARTICIPEN",
         "muy importante que todas las personas voten y participen"),
        ("ÚLTIMO DÍA. REGÍSTRATE YA. Información en la página.", "mayusculas_seguidas",
         "ÚLTIMO DÍA. REGÍSTRATE YA", "Último día. Regístrate ya"),
    ],
)
def test_capitals_warn_with_sentence_case_fix(
    text: str, code: str, span: str, suggestion: str
) -> None:
    findings = check(text)
    assert [(f.code, text[f.start:f.end], f.suggestions) for f in findings][0] == (
        code, span, (suggestion,))
    assert all(f.rule == "6.xxv" and f.severity == Severity.ADVIERTE for f in findings)
    assert "6.xxv" in findings[0].message


def test_threshold_is_configurable() -> None:
    text = "Hoy ES MUY IMPORTANTE participar."
    assert found(text) == []
    assert [c for c, _, _ in found(text, max_consecutive=2)] == ["mayusculas_seguidas"]
    assert found("Uno DOS tres CUATRO cinco SEIS", max_total=2)[0][0] == "mayusculas_exceso"


def test_acronyms_are_loaded_from_the_data_file() -> None:
    acronyms = load_acronyms()
    assert {"INE", "OPLE", "CURP", "CNCS", "UNICOM", "INETEL", "DERFE", "JLE", "JDE",
            "PREP"} <= acronyms


def test_offsets_are_code_points_after_emoji() -> None:
    text = "🗳️👩🏽‍💻 ¡VOTA Y PARTICIPA EN TU CASILLA! ñandú"
    (finding,) = check(text)
    assert text[finding.start:finding.end] == "VOTA Y PARTICIPA EN TU CASILLA"
    assert finding.suggestions == ("Vota y participa en tu casilla",)


@pytest.mark.parametrize(
    "chunk",
    ["El INE TE INVITA A VOTAR en la jornada. ", "A", "AB ", "ÁÉ.", "x"],
)
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    check(text)
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0


def test_thresholds_come_from_the_data_file() -> None:
    from redes_desktop.checks.rule_capitals import load_settings

    settings = load_settings()
    rule = CapitalsRule()
    assert (rule.max_consecutive, rule.max_total, rule.min_sentence_words, rule.max_findings) == (
        settings["max_consecutive"], settings["max_total"], settings["min_sentence_words"],
        settings["max_findings"])


def test_findings_are_capped_with_a_summary() -> None:
    text = "Hoy VOTA Y PARTICIPA YA MISMO en tu casilla. " * 12
    findings = check(text, max_findings=10)
    assert len(findings) == 11
    assert {f.code for f in findings[:-1]} == {"mayusculas_seguidas"}
    summary = findings[-1]
    assert (summary.code, summary.severity) == ("mayusculas_mas", Severity.ADVIERTE)
    assert summary.message.startswith("Y 2 tramos más en mayúsculas")
    assert summary.start == summary.end == findings[-2].start + len(text) // 12
