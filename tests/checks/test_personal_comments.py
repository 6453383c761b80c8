"""6.xx written to dodge the list, polite Spanish that contains a listed word, and 6.iii
personal comments (partisan opinion, disqualifications) in ordinary posts (issue 16)."""

from __future__ import annotations

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_courtesy import CourtesyRule
from redes_desktop.checks.rule_personal_comments import PersonalCommentsRule
from redes_desktop.models.enums import Network


def reply(text: str) -> list[str]:
    item = CheckInput(text=text, network=Network.X, is_reply=True)
    return [text[f.start:f.end] for f in CourtesyRule().check(item)]


def post(text: str, is_reply: bool = False) -> list[tuple[str, str]]:
    item = CheckInput(text=text, network=Network.X, is_reply=is_reply)
    findings = PersonalCommentsRule().check(item)
    assert all(f.rule == "6.iii" and f.severity == Severity.ADVIERTE for f in findings)
    assert all("6.iii" in f.message for f in findings)
    return [(f.code, text[f.start:f.end]) for f in findings]


@pytest.mark.parametrize(("text", "said"), [
    ("Eres un i d i o t a", "i d i o t a"),
    ("Qué i-d-i-o-t-a eres", "i-d-i-o-t-a"),
    ("No seas p.e.n.d.e.j.o", "p.e.n.d.e.j.o"),
    ("Son unos I.M.B.E.C.I.L.E.S", "I.M.B.E.C.I.L.E.S"),
    ("t a r a d o", "t a r a d o"),
    ("i d 1 0 t a", "i d 1 0 t a"),  # spaced and digit-for-letter at once
    ("Qué estupido", "estupido"),  # accents stripped
    ("1d10t4", "1d10t4"),
])
def test_spaced_dotted_stripped_and_digit_insults_block_in_replies(text: str, said: str) -> None:
    assert reply(text) == [said]


@pytest.mark.parametrize("text", [
    "No hay preguntas tontas: escríbenos y te ayudamos.",
    "Ninguna pregunta es tonta; con gusto te orientamos.",
    "Gracias por tu duda, no hay dudas tontas.",
    "Coloca la credencial sobre el burro de planchar para la foto, no.",
    "Trabajó como pinche de cocina antes de ser funcionario de casilla.",
    "a y o son letras; u y e también.",  # single letters that spell no insult
    "El C.P. 44100 corresponde a Guadalajara.",
])
def test_polite_spanish_with_a_listed_word_in_another_sense_passes(text: str) -> None:
    assert reply(text) == []


def test_a_listed_word_outside_the_polite_phrase_still_blocks() -> None:
    assert reply("No hay preguntas tontas, pero tú eres un tonto") == ["tonto"]


@pytest.mark.parametrize(("text", "code", "said"), [
    ("Vota por el PAN este domingo.", "opinion_partidista", "Vota por el PAN"),
    ("¡Fuera Morena!", "opinion_partidista", "Fuera Morena"),
    ("Yo creo que el PRI ya no tiene futuro.", "opinion_partidista",
     "Yo creo que el PRI ya no tiene futuro"),
    ("Morena es la mejor opción para México.", "opinion_partidista", "Morena es la mejor"),
    ("Personalmente, los panistas me caen mal.", "opinion_partidista",
     "Personalmente, los panistas me caen mal"),
    ("Los consejeros son unos corruptos.", "descalificacion", "consejeros son unos corruptos"),
    ("El INE es una farsa.", "descalificacion", "INE es una farsa"),
    ("Qué pendejada de trámite.", "descalificacion", "pendejada"),
    ("Los del PRI son unos ladrones.", "descalificacion", "PRI son unos ladrones"),
])
def test_personal_comments_warn_in_ordinary_posts(text: str, code: str, said: str) -> None:
    assert post(text) == [(code, said)]


def test_partisan_opinion_warns_in_replies_too_but_insults_are_left_to_6xx() -> None:
    assert post("Vota por el PAN", is_reply=True) == [("opinion_partidista", "Vota por el PAN")]
    assert post("Eres un idiota", is_reply=True) == []
    assert reply("Eres un idiota") == ["idiota"]


@pytest.mark.parametrize("text", [
    "El Consejo General aprobó el registro de candidaturas de PAN, PRI, PRD, PT, PVEM, MC y "
    "Morena.",
    "Vota por la opción de tu preferencia el 2 de junio.",
    "El INE publica los resultados del conteo rápido.",
    "Compré pan y una concha en la panadería; creo que estaba rico.",
    "Una chica morena me ayudó en el módulo. Creo que fue amable.",
    "Los partidos políticos presentaron sus plataformas electorales ante el INE.",
    "Consulta el conteo parcial del INE en ine.mx.",
    "El INE, al servicio de la ciudadanía, ofrece el mejor servicio en sus módulos.",
    "Gana tiempo: agenda tu cita en el módulo.",
    "No hay preguntas tontas: escríbenos.",
])
def test_institutional_and_ordinary_prose_passes(text: str) -> None:
    assert post(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("El burro del rancho se llama Lucero.", []),  # the animal (found by the corpus benchmark)
    ("En la granja hay dos burros y tres cabras.", []),
    ("Eres un burro, no sabes nada", ["Eres un burro"]),
    ("Son unos burros", ["Son unos burros"]),
])
def test_burro_is_an_insult_only_in_a_phrase(text: str, expected: list[str]) -> None:
    assert reply(text) == expected
