"""Criterion 6.xxiv offline: the Spanish dictionaries, the institutional dictionary and the
syntax checks of `SpellingRule`. Runs on whatever backend the machine has (Enchant here);
backend-specific tests skip only when their library is missing."""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_spelling import SpellingRule, syntax_findings
from redes_desktop.checks.spelling import (
    SHIPPED_DICTIONARIES_DIR,
    CachedChecker,
    EnchantChecker,
    InstitutionalDictionary,
    NullChecker,
    SpyllsChecker,
    accent_variants,
    open_spell_checker,
)
from redes_desktop.models.enums import Network

NETWORK = next(iter(Network))
HAS_ENCHANT = EnchantChecker.load() is not None
HAS_SPYLLS = importlib.util.find_spec("spylls") is not None

CORRECT = [
    "El Instituto anunció que los datos serán públicos.",
    "La Junta Local revisará las solicitudes de los estudiantes y de los vecinos.",
    "La consulta será el domingo; la información está en el sitio del Instituto.",
    "Las consejeras electorales y el Consejo General aprobaron la credencialización en Michoacán.",
    "¿Ya tienes tu Credencial para Votar? ¡Acude a tu módulo!",
    "En Querétaro, Nuevo León y el Estado de México los OPLEs organizan la elección.",
]


@pytest.fixture(scope="module")
def checker() -> CachedChecker:
    return open_spell_checker()


@pytest.fixture
def rule(checker: CachedChecker, tmp_path: Path) -> SpellingRule:
    return SpellingRule(
        checker, InstitutionalDictionary(tmp_path / "diccionario-institucional.txt")
    )


def run(rule: SpellingRule, text: str) -> list:
    return rule.check(CheckInput(text=text, network=NETWORK))


def spelled(rule: SpellingRule, text: str) -> dict[str, tuple[str, ...]]:
    return {text[f.start : f.end]: f.suggestions for f in run(rule, text) if f.code == "ortografia"}


def test_a_real_dictionary_is_available_here(checker: CachedChecker) -> None:
    assert checker.available, checker.name


@pytest.mark.parametrize("text", CORRECT)
def test_correct_spanish_has_no_findings(rule: SpellingRule, text: str) -> None:
    assert run(rule, text) == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [("publicacion", "publicación"), ("informacion", "información"), ("eleccion", "elección")],
)
def test_missing_accents_are_flagged_with_the_accented_word_first(
    rule: SpellingRule, word: str, expected: str
) -> None:
    text = f"Consulta la {word} del Instituto."
    findings = run(rule, text)
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.severity, f.code) == ("6.xxiv", Severity.ADVIERTE, "ortografia")
    assert text[f.start : f.end] == word
    assert expected in f.suggestions[:2]
    assert 1 <= len(f.suggestions) <= 5
    assert f'"{word}" no está en el diccionario' in f.message
    assert "(criterio 6.xxiv)" in f.message


def test_offsets_are_code_points_after_an_emoji(rule: SpellingRule) -> None:
    text = "🗳️😀 Lee la publicacion"
    (f,) = run(rule, text)
    assert text[f.start : f.end] == "publicacion"


@pytest.mark.parametrize(
    "text",
    [
        "#EleccionesMexico2024 #publicacion @INEMexico @ine_mx",
        "Consulta https://ine.mx/informacion?eleccion=si y www.ine.mx/publicacion",
        "Consulta ine.mx/publicacion o escribe a informacion@ine.mx",
        "Son 2024 casillas, 10k votos, COVID19 y el folio A1B2C3.",
        "INE OPLE OPLEs CNCS UNICOM INETEL DERFE DECEyEC CURP PREP",
        "Michoacán Querétaro Nuevo León Yucatán credencialización consejero electoral",
        "CREDENCIALIZACIÓN Credencialización",
    ],
)
def test_tokens_that_are_not_prose_and_institutional_words_are_never_flagged(
    rule: SpellingRule, text: str
) -> None:
    assert spelled(rule, text) == {}


def test_state_name_without_its_accent_is_flagged(rule: SpellingRule) -> None:
    assert "Querétaro" in spelled(rule, "Visitamos Queretaro.")["Queretaro"]


def test_institutional_accent_variant_is_suggested_first(
    checker: CachedChecker, tmp_path: Path
) -> None:
    rule = SpellingRule(checker, InstitutionalDictionary(tmp_path / "d.txt"))
    assert spelled(rule, "La credencializacion avanza.")["credencializacion"][0] == (
        "credencialización"
    )


def test_user_dictionary_persists_across_instances(checker: CachedChecker, tmp_path: Path) -> None:
    path = tmp_path / "datos" / "diccionario-institucional.txt"
    text = "La consejera Zavaleta visitó Tlacotalpan."
    first = SpellingRule(checker, InstitutionalDictionary(path))
    assert set(spelled(first, text)) >= {"Zavaleta"}
    first.dictionary.add("Zavaleta")
    first.dictionary.add("Tlacotalpan")
    first.dictionary.add("Zavaleta")  # twice: stored once
    assert spelled(first, text) == {}

    again = SpellingRule(checker, InstitutionalDictionary(path))
    assert spelled(again, text) == {}
    assert path.read_text(encoding="utf-8") == "Zavaleta\nTlacotalpan\n"
    assert again.dictionary.user_entries() == ["Zavaleta", "Tlacotalpan"]


def test_user_dictionary_file_is_utf8_nfc_and_tolerates_a_hand_edit(tmp_path: Path) -> None:
    path = tmp_path / "diccionario-institucional.txt"
    path.write_text("# mis palabras\nTlaxiaco", encoding="utf-8")  # no final newline
    d = InstitutionalDictionary(path, builtin_path=None)
    d.add("Ixtlahuaca\u0301n")  # decomposed accent: stored NFC
    assert "Ixtlahuacán" in d and "Tlaxiaco" in d and "TLAXIACO" in d
    assert path.read_text(encoding="utf-8").splitlines() == [
        "# mis palabras",
        "Tlaxiaco",
        "Ixtlahuacán",
    ]
    with pytest.raises(ValueError):
        d.add("dos\nlíneas")


def test_institutional_case_rules(tmp_path: Path) -> None:
    d = InstitutionalDictionary(None, builtin_path=None)
    d.add("credencialización")
    d.add("DECEyEC")
    assert "Credencialización" in d and "CREDENCIALIZACIÓN" in d
    assert "DECEyEC" in d and "DECEYEC" in d and "deceyec" not in d


def test_shipped_builtin_list_has_the_entities(tmp_path: Path) -> None:
    d = InstitutionalDictionary(None)
    for word in ("INE", "OPLE", "UNICOM", "Michoacán", "León", "Potosí", "Juntas", "consejera"):
        assert word in d


# -- syntax ----------------------------------------------------------------------------------


def by_code(text: str, code: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[f.start : f.end], f.suggestions) for f in syntax_findings(text) if f.code == code]


def test_repeated_word() -> None:
    text = "Vota en el el módulo. Es es importante."
    assert by_code(text, "palabra-repetida") == [("el el", ("el",)), ("Es es", ("Es",))]
    assert by_code("Entre el elector y el ente.", "palabra-repetida") == []


def test_missing_opening_question_and_exclamation_marks() -> None:
    text = "Hola. Ya tienes tu credencial? Acude hoy!"
    assert by_code(text, "signo-de-apertura") == [
        ("Ya tienes tu credencial?", ("¿Ya tienes tu credencial?",)),
        ("Acude hoy!", ("¡Acude hoy!",)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "¿Ya tienes tu credencial?",
        "Si ya votaste, ¿nos cuentas cómo te fue?",
        "¡Participa!!",
        "¿Cómo que no votaste!",
        "Consulta https://ine.mx/buscar?q=casilla y #YaVotaste",
        "😀?!",
    ],
)
def test_no_opening_sign_finding_when_not_needed(text: str) -> None:
    assert by_code(text, "signo-de-apertura") == []


def test_spacing_findings() -> None:
    text = "Vota  el domingo , y participa . ¿ Ya votaste ?"
    assert by_code(text, "doble-espacio") == [("  ", (" ",))]
    assert by_code(text, "espacio-antes-de-signo") == [
        (" ,", (",",)),
        (" .", (".",)),
        (" ?", ("?",)),
    ]
    assert by_code(text, "espacio-despues-de-signo") == [("¿ ", ("¿",))]
    assert syntax_findings("Hola :) y chao\n  sangría al inicio de línea") == []


def test_null_checker_keeps_the_syntax_checks(tmp_path: Path) -> None:
    rule = SpellingRule(CachedChecker(NullChecker()), InstitutionalDictionary(tmp_path / "d.txt"))
    findings = run(rule, "Ya vistes la publicacion del del Instituto?")
    assert {f.code for f in findings} == {"palabra-repetida", "signo-de-apertura"}
    assert not rule.checker.available


# -- backends and wrapper --------------------------------------------------------------------


class CountingChecker:
    name = "contador"
    available = True

    def __init__(self) -> None:
        self.calls = 0

    def check(self, word: str) -> bool:
        self.calls += 1
        return word.islower()

    def suggest(self, word: str) -> list[str]:
        self.calls += 1
        return [word.lower()]


def test_cache_is_bounded_and_remembers_recent_words() -> None:
    inner = CountingChecker()
    cached = CachedChecker(inner, maxsize=2)
    assert cached.check("uno") and cached.check("uno")
    assert inner.calls == 1
    cached.check("dos")
    cached.check("tres")  # evicts "uno"
    cached.check("uno")
    assert inner.calls == 4
    assert cached.suggest("ABC") == ["abc"] and cached.suggest("ABC") == ["abc"]
    assert inner.calls == 5


def test_cached_checker_is_safe_from_several_threads(checker: CachedChecker) -> None:
    words = ["datos", "será", "publicacion", "anunció", "informacion", "vecinos"] * 50
    results: list[list[bool]] = []

    def work() -> None:
        results.append([checker.check(w) for w in words])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
    assert results[0][:6] == [True, True, False, True, False, True]


def test_accent_variants() -> None:
    assert "publicación" in accent_variants("publicacion")
    assert "Año" in accent_variants("Ano")


@pytest.mark.skipif(not HAS_ENCHANT, reason="libenchant or a Spanish dictionary is missing")
def test_enchant_loads_the_shipped_dictionary_when_the_system_lacks_it(tmp_path: Path) -> None:
    folder = tmp_path / "hunspell"
    folder.mkdir()
    for ext in ("aff", "dic"):
        (folder / f"zz_ZZ.{ext}").symlink_to(SHIPPED_DICTIONARIES_DIR / "hunspell" / f"es_MX.{ext}")
    before = os.environ.get("ENCHANT_CONFIG_DIR")
    loaded = EnchantChecker.load("zz_ZZ", shipped_dir=tmp_path)
    assert loaded is not None and "incluido" in loaded.name
    assert os.environ.get("ENCHANT_CONFIG_DIR") == before
    assert loaded.check("revisará") and not loaded.check("publicacion")
    assert loaded.suggest("publicacion")[0] == "publicación"


@pytest.mark.skipif(not HAS_SPYLLS, reason="spylls is not installed (optional fallback)")
def test_spylls_fallback_on_the_shipped_dictionary() -> None:
    stem = SHIPPED_DICTIONARIES_DIR / "hunspell" / "es_MX"
    spy = CachedChecker(SpyllsChecker(stem, suggest_budget_s=0.1))
    for word in ("datos", "será", "anunció", "estudiantes", "vecinos", "revisará"):
        assert spy.check(word), word
    assert not spy.check("publicacion")
    assert spy.suggest("publicacion")[0] == "publicación"
    assert 1 <= len(spy.suggest("eleccion")) <= 5
