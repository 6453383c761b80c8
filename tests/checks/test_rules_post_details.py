"""The rules that look at a post's details from the composer: purpose (6.i), source of figures
(6.iv), bulletin headline (6.x) and topics during a Consejo General session (6.xxvii). Without
details (the command line's check) none of them speaks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from redes_desktop.checks.engine import CheckEngine, CheckRequest
from redes_desktop.checks.model import CheckInput, CouncilContext, PostDetails, Severity
from redes_desktop.checks.rule_bulletin import BulletinRule, is_bulletin_link
from redes_desktop.checks.rule_council import CouncilSessionRule, topic_key
from redes_desktop.checks.rule_purpose import PurposeRule
from redes_desktop.checks.rule_source import SourceRule, figure_spans
from redes_desktop.models import Network

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def item(text: str, details: PostDetails | None) -> CheckInput:
    return CheckInput(text=text, network=Network.X, now=NOW, details=details)


# -- 6.i purpose -------------------------------------------------------------------------------
def test_purpose_missing_warns_and_chosen_passes():
    [finding] = PurposeRule().check(item("Hoy abrimos módulos.", PostDetails()))
    assert finding.rule == "6.i" and finding.severity == Severity.ADVIERTE
    assert finding.code == "sin_fin" and "«Fin»" in finding.message
    assert PurposeRule().check(item("Hoy abrimos módulos.", PostDetails(purpose="3.iv"))) == []


def test_purpose_outside_section_3_warns():
    [finding] = PurposeRule().check(item("Texto", PostDetails(purpose="6.iv")))
    assert finding.code == "fin_desconocido"


def test_purpose_rule_silent_without_details():
    assert PurposeRule().check(item("Texto", None)) == []


# -- 6.iv source -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, figure", [
    ("Se instalaron 156,000 casillas en todo el país.", "156,000"),
    ("La participación fue de 61.04 % del listado.", "61.04 %"),
    ("Más de 95 mil personas funcionarias de casilla.", "95 mil"),
    ("Se registraron 350 observadores electorales.", "350"),
    ("El presupuesto es de $1,500 pesos por casilla.", "$1,500 pesos"),
])
def test_figures_without_source_warn_on_the_figure(text, figure):
    [finding] = SourceRule().check(item(text, PostDetails(purpose="3.iv")))
    assert finding.rule == "6.iv" and finding.severity == Severity.ADVIERTE
    assert text[finding.start:finding.end] == figure


@pytest.mark.parametrize("text", [
    "La sesión es el 5 de junio de 2026 a las 10:30 h.",
    "Llama a INETEL al 800 433 2000.",
    "Consulta https://ine.mx/1234567 y #Elecciones2024.",
    "Acuerdo INE/CG123/2024 del Consejo General.",
    "Participan las 32 juntas locales.",
])
def test_dates_phones_links_and_ids_are_not_figures(text):
    assert SourceRule().check(item(text, PostDetails())) == []
    assert figure_spans(text) == []


def test_a_source_silences_the_figures():
    text = "Se instalaron 156,000 casillas."
    assert SourceRule().check(item(text, PostDetails(source="Acuerdo INE/CG10/2026"))) == []
    assert SourceRule().check(item(text, None)) == []  # the command line: no details


def test_several_figures_say_how_many_more():
    [finding] = SourceRule().check(item("Hubo 350 observadores y 61 % de participación.",
                                        PostDetails()))
    assert "1 cifra(s) más" in finding.message


# -- 6.x bulletin headline ---------------------------------------------------------------------
HEADLINE = "Aprueba el Consejo General el calendario del proceso electoral 2026"


def test_bulletin_links_are_recognised():
    assert is_bulletin_link("https://centralelectoral.ine.mx/2026/03/10/aprueba-cg/")
    assert is_bulletin_link("ine.mx/boletines/2026/10")
    assert not is_bulletin_link("https://www.ine.mx/voto-extranjero/")
    assert not is_bulletin_link("https://ejemplo.com/boletin/1")


def test_repeating_the_headline_warns_on_the_passage():
    text = (f"{HEADLINE}. Consulta: https://centralelectoral.ine.mx/2026/03/10/aprueba-cg/")
    [finding] = BulletinRule().check(item(text, PostDetails(bulletin_headline=HEADLINE)))
    assert finding.rule == "6.x" and finding.code == "titular_repetido"
    assert text[finding.start:finding.end] == HEADLINE


def test_repeating_with_other_case_and_accents_still_warns():
    text = ("APRUEBA el consejo general el calendario del proceso electoral 2026 "
            "https://centralelectoral.ine.mx/2026/03/10/x/")
    assert len(BulletinRule().check(item(text, PostDetails(bulletin_headline=HEADLINE)))) == 1


def test_rewritten_message_passes():
    text = ("Ya hay fechas para 2026: conoce cada etapa del proceso electoral que decidió el "
            "Consejo General https://centralelectoral.ine.mx/2026/03/10/aprueba-cg/")
    assert BulletinRule().check(item(text, PostDetails(bulletin_headline=HEADLINE))) == []


def test_headline_repeated_without_a_bulletin_link_or_headline_is_silent():
    no_link = f"{HEADLINE} https://www.ine.mx/voto-extranjero/"
    assert BulletinRule().check(item(no_link, PostDetails(bulletin_headline=HEADLINE))) == []
    linked = f"{HEADLINE} https://centralelectoral.ine.mx/2026/03/10/x/"
    assert BulletinRule().check(item(linked, PostDetails())) == []
    assert BulletinRule().check(item(linked, None)) == []


# -- 6.xxvii Consejo General session -----------------------------------------------------------
def session_with(*posts: tuple[str, str]) -> CouncilContext:
    return CouncilContext("Sesión ordinaria del Consejo General", tuple(posts))


def test_three_topics_pass_and_a_fourth_warns():
    posts = (("Se aprueba el presupuesto #Presupuesto2026 #INE", ""),
             ("Más sobre el presupuesto #Presupuesto2026", ""),
             ("Informe de fiscalización", "Fiscalización"))
    third = PostDetails(council=session_with(*posts), topic="Voto en el extranjero")
    assert CouncilSessionRule().check(item("El voto desde el extranjero", third)) == []
    fourth = PostDetails(council=session_with(*posts, ("Voto", "voto en el EXTRANJERO")),
                         topic="Debates")
    [finding] = CouncilSessionRule().check(item("Se aprueban los debates", fourth))
    assert finding.rule == "6.xxvii" and "4 temas" in finding.message
    assert "Sesión ordinaria del Consejo General" in finding.message


def test_generic_hashtags_do_not_make_topics_and_untagged_posts_count_alone():
    assert topic_key("Sigue la #SesiónCG #INE sobre #Debates", "", "1") == "#debates"
    assert topic_key("En vivo #ConsejoGeneral", "", "7") == "publicacion:7"
    assert topic_key("x", " Tema  Uno ", "1") == "tema:tema uno"
    untagged = PostDetails(council=session_with(("Uno", ""), ("Dos", ""), ("Tres", "")))
    assert len(CouncilSessionRule().check(item("Cuatro", untagged))) == 1


def test_outside_a_session_is_silent():
    assert CouncilSessionRule().check(item("Texto", PostDetails())) == []
    assert CouncilSessionRule().check(item("Texto", None)) == []


# -- the engine carries the details ------------------------------------------------------------
def test_engine_passes_details_to_the_rules():
    engine = CheckEngine(text_rules=[PurposeRule(), SourceRule()])
    request = CheckRequest(text="Hubo 350 observadores.", networks=(Network.X,))
    assert engine.check(request)[Network.X].findings == []
    with_details = CheckRequest(text="Hubo 350 observadores.", networks=(Network.X,),
                                details=PostDetails())
    rules = sorted(f.rule for f in engine.check(with_details)[Network.X].findings)
    assert rules == ["6.i", "6.iv"]


def test_the_registry_runs_the_new_rules():
    from redes_desktop.checks.registry import make_rules

    text_rules, _network, _length = make_rules(spelling=False)
    assert {"6.i", "6.iv", "6.x", "6.xxvii"} <= {r.rule_id for r in text_rules}
