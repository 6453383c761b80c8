"""Issue 16: spelling suggestions from the precomputed index (both backends), the enclitic
forms hunspell-es lacks and the institutional words added to the shipped dictionary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from redes_desktop.checks.enclitics import is_enclitic_form
from redes_desktop.checks.model import CheckInput
from redes_desktop.checks.rule_spelling import SpellingRule
from redes_desktop.checks.spelling import (
    SHIPPED_DICTIONARIES_DIR,
    CachedChecker,
    EnchantChecker,
    InstitutionalDictionary,
    SpyllsChecker,
    open_spell_checker,
)
from redes_desktop.checks.suggest_index import SuggestionIndex, _cost, fold, shared_index
from redes_desktop.models.enums import Network

STEM = SHIPPED_DICTIONARIES_DIR / "hunspell" / "es_MX"
BACKENDS = [
    pytest.param(EnchantChecker.load, id="enchant", marks=pytest.mark.skipif(
        EnchantChecker.load() is None, reason="no libenchant")),
    pytest.param(SpyllsChecker.load, id="spylls", marks=pytest.mark.skipif(
        importlib.util.find_spec("spylls") is None, reason="no spylls")),
]


@pytest.fixture(scope="module")
def index() -> SuggestionIndex:
    idx = shared_index(STEM.with_suffix(".dic"), STEM.with_suffix(".aff"))
    assert idx.wait(120)
    return idx


@pytest.mark.parametrize("load", BACKENDS)
@pytest.mark.parametrize(("word", "first"), [
    ("publicacion", "publicación"), ("cidadano", "ciudadano"), ("credensial", "credencial"),
    ("votasion", "votación"), ("casiya", "casilla"), ("acer", "hacer"), ("anio", "año"),
    ("Queretaro", "Querétaro"), ("ELECCION", "ELECCIÓN"), ("istoria", "historia"),
])
def test_index_suggests_the_intended_word_first(index, load, word: str, first: str) -> None:
    backend = load()
    assert index.suggest(word, backend.check)[0] == first


def test_suggestions_are_confirmed_by_the_backend(index) -> None:
    assert index.suggest("publicacion", lambda w: False) == []
    assert index.suggest("zzzzqqqxx", lambda w: True) == []


def test_cached_checker_uses_the_index_once_built(index) -> None:
    class Slow:
        name, available = "lento", True

        def check(self, word: str) -> bool:
            return word in {"votación", "ciudadano"}

        def suggest(self, word: str) -> list[str]:
            raise AssertionError("the backend's own search must not run once the index is ready")

    cached = CachedChecker(Slow(), index=index)  # type: ignore[arg-type]
    assert cached.suggest("votasion") == ["votación"]


def test_backend_suggestions_until_the_index_is_ready(tmp_path: Path) -> None:
    (tmp_path / "x.dic").write_text("1\nhola\n", encoding="utf-8")
    (tmp_path / "x.aff").write_text("SET UTF-8\n", encoding="utf-8")
    not_started = SuggestionIndex(tmp_path / "x.dic", tmp_path / "x.aff")

    class Backend:
        name, available = "b", True

        def check(self, word: str) -> bool:
            return word == "hola"

        def suggest(self, word: str) -> list[str]:
            return ["hola"]

    cached = CachedChecker(Backend(), index=not_started,  # type: ignore[arg-type]
                           build_index_on_demand=True)
    first = cached.suggest("ola")
    assert first == ["hola"]  # either the backend (not built yet) or the index: same answer
    assert not_started.wait(30) and not_started.suggest("ola", Backend().check) == ["hola"]


def test_a_missing_dictionary_leaves_no_index_and_no_crash(tmp_path: Path) -> None:
    idx = SuggestionIndex(tmp_path / "no.dic", tmp_path / "no.aff")
    assert idx.wait(10) is False and idx.error
    assert idx.suggest("hola", lambda w: True) == []


def test_open_spell_checker_wires_the_shared_index() -> None:
    checker = open_spell_checker()
    assert checker.index is shared_index(STEM.with_suffix(".dic"), STEM.with_suffix(".aff"))


def test_fold_and_cost() -> None:
    assert fold("Publicación Añil Pingüino") == "publicacion anil pinguino"
    assert _cost("votasion", "votacion") == 0.5  # s/c confusion costs half
    assert _cost("acer", "hacer") == 0.5  # a silent h costs half
    assert _cost("cidadano", "ciudadano") == 1.0


@pytest.fixture(scope="module")
def checker():
    return open_spell_checker()


@pytest.mark.parametrize("word", ["llámale", "comiénzalo", "descárgala", "tramítala",
                                  "actualízala", "vótalo", "ubícala", "renuévala", "dárselo",
                                  "Llámale"])
def test_enclitic_forms_hunspell_lacks_are_accepted(checker, word: str) -> None:
    assert is_enclitic_form(word, checker.check)


@pytest.mark.parametrize("word", ["votálo", "llamále", "publicaciónla", "votalo", "llámalé",
                                  "xyzábale"])
def test_misplaced_accents_and_non_words_stay_errors(checker, word: str) -> None:
    assert not is_enclitic_form(word, checker.check)


def test_spelling_rule_accepts_enclitics_officers_places_and_loanwords(
    checker, tmp_path: Path
) -> None:
    rule = SpellingRule(checker, InstitutionalDictionary(tmp_path / "d.txt"))
    text = ("Llámale a la consejera presidenta Guadalupe Taddei Zavala, descárgala y "
            "credencialízate en Cancún o Chetumal; haz yoga, usa el hashtag y la app. "
            "Uuc-kib Espadas Ancona y Dania Paola Ravel Cuevas.")
    findings = rule.check(CheckInput(text=text, network=next(iter(Network))))
    assert [text[f.start : f.end] for f in findings if f.code == "ortografia"] == []
    bad = rule.check(CheckInput(text="Vótalo y votálo", network=next(iter(Network))))
    assert [f.suggestions[:1] for f in bad if f.code == "ortografia"] != []


def test_the_index_is_built_only_when_asked_with_enchant(tmp_path: Path) -> None:
    (tmp_path / "x.dic").write_text("1\nhola\n", encoding="utf-8")
    (tmp_path / "x.aff").write_text("SET UTF-8\n", encoding="utf-8")
    idx = SuggestionIndex(tmp_path / "x.dic", tmp_path / "x.aff")

    class Fast:
        name, available = "rápido", True

        def check(self, word: str) -> bool:
            return word == "hola"

        def suggest(self, word: str) -> list[str]:
            return ["hola"]

    cached = CachedChecker(Fast(), index=idx)  # type: ignore[arg-type]
    assert cached.suggest("ola") == ["hola"] and not idx._started  # a CLI run: no build
    cached.prepare_suggestions()
    assert idx.wait(30)
    on_demand = SuggestionIndex(tmp_path / "x.dic", tmp_path / "x.aff")
    CachedChecker(Fast(), index=on_demand, build_index_on_demand=True).suggest("ola")
    assert on_demand._started  # spylls: the first suggestion starts it
