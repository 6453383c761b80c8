"""Criterion 6.xxiv offline grammar (issue 16): every bullet of the issue with cases that must
fire and more cases that must stay silent (precision first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redes_desktop.checks.model import Severity
from redes_desktop.checks.rule_grammar import GRAMMAR_FILE, GrammarChecker


@pytest.fixture(scope="module")
def grammar() -> GrammarChecker:
    return GrammarChecker()


def found(grammar: GrammarChecker, text: str) -> list[tuple[str, str, str]]:
    """(span text, first suggestion, pattern) of each finding."""
    return [(text[f.start : f.end], f.suggestions[0] if f.suggestions else "",
             f.code.removeprefix("gramatica:")) for f in grammar.findings(text)]


FIRES = [
    # accents that change the meaning
    ("Quiero saber mas de la elección.", "mas", "más", "mas-cantidad"),
    ("Cada vez mas personas votan.", "mas", "más", "mas-cantidad"),
    ("Claro que si.", "si", "sí", "si-afirmativo"),
    ("Dijo que si, que votaría.", "si", "sí", "si-afirmativo"),
    ("Cada quien vota por si mismo.", "si", "sí", "si-afirmativo"),
    ("¿Y tu?", "tu", "tú", "tu-pronombre"),
    ("Tu eres quien decide.", "Tu", "Tú", "tu-pronombre"),
    ("Tu también puedes ser funcionario de casilla.", "Tu", "Tú", "tu-pronombre"),
    ("Se lo di a el.", "el", "él", "el-pronombre"),
    ("El dijo que vendría a votar.", "El", "Él", "el-pronombre"),
    ("Aun no abre la casilla.", "Aun", "Aún", "aun-todavia"),
    ("Las listas no han llegado aun.", "aun", "aún", "aun-todavia"),
    ("Aun hay tiempo para tramitar tu credencial.", "Aun", "Aún", "aun-todavia"),
    ("¿Que necesito para votar?", "Que", "Qué", "que-interrogativo"),
    ("¿Por que no votaste?", "que", "qué", "que-interrogativo"),
    ("¿Y que pasa si pierdo mi credencial?", "que", "qué", "que-interrogativo"),
    ("¿Como me registro?", "Como", "Cómo", "como-interrogativo"),
    ("¿Y como ubico mi casilla?", "como", "cómo", "como-interrogativo"),
    ("¿Cuando abren las casillas?", "Cuando", "Cuándo", "cuando-interrogativo"),
    ("¿Donde está mi casilla?", "Donde", "Dónde", "donde-interrogativo"),
    # homophones
    ("Hay que botar por el mejor candidato.", "botar", "votar", "botar-votar"),
    ("El domingo botamos en la casilla de la colonia.", "botamos", "votamos", "botar-votar"),
    ("Más de la mitad botó en la elección pasada.", "botó", "votó", "botar-votar"),
    ("No olvides votar la basura.", "votar", "botar", "votar-basura"),
    ("Haber si ya abrieron la casilla.", "Haber", "A ver", "haber-a-ver"),
    ("Vamos haber los resultados.", "haber", "a ver", "haber-a-ver"),
    ("Va haber casillas especiales.", "haber", "a haber", "va-haber"),
    ("Debe a ver una casilla cerca.", "a ver", "haber", "a-ver-haber"),
    ("Gracias por a ver votado.", "a ver", "haber", "a-ver-haber"),
    ("Lo he echo bien.", "echo", "hecho", "echo-hecho"),
    ("De echo, votamos temprano.", "echo", "hecho", "echo-hecho"),
    ("Es un echo histórico.", "echo", "hecho", "echo-hecho"),
    ("Te hecho de menos.", "hecho", "echo", "hecho-de-menos"),
    ("Por hay está el módulo.", "hay", "ahí", "hay-ahi"),
    ("Hay está tu credencial.", "Hay", "Ahí", "hay-ahi"),
    ("Ahí que votar.", "Ahí", "Hay", "ahi-hay"),
    ("Ay que votar temprano.", "Ay", "Hay", "ay-hay"),
    ("No ay casillas en esa colonia.", "ay", "hay", "ay-hay"),
    ("¡Hay, qué susto!", "Hay", "Ay", "hay-ay"),
    ("Que te valla bien.", "valla", "vaya", "valla-vaya"),
    ("Ojalá que no baya a llover.", "baya", "vaya", "valla-vaya"),
    ("La vaya publicitaria del módulo.", "vaya", "valla", "vaya-valla"),
    ("Ubica tu casiya.", "casiya", "casilla", "casilla-escritura"),
    ("Las cacillas abren a las 8.", "cacillas", "casillas", "casilla-escritura"),
    # dequeísmo and queísmo
    ("Creo de que es importante.", "de que", "que", "dequeismo"),
    ("Es necesario de que acudas.", "de que", "que", "dequeismo"),
    ("Me di cuenta que faltaba mi credencial.", "cuenta que", "cuenta de que", "queismo-cuenta"),
    ("Estoy seguro que votarás.", "seguro que", "seguro de que", "queismo-seguro"),
    ("A pesar que llovió, votamos.", "A pesar que", "A pesar de que", "queismo-pesar"),
    ("En caso que pierdas tu credencial, repórtala.", "En caso que", "En caso de que",
     "queismo-caso"),
    ("Me acuerdo que votamos juntos.", "acuerdo que", "acuerdo de que", "queismo-acordarse"),
    ("No cabe duda que participar importa.", "duda que", "duda de que", "queismo-duda"),
    # missing accents of words that exist unaccented with another meaning
    ("Acude al modulo de atención.", "modulo", "módulo", "tilde-sustantivo"),
    ("Atención al publico en general.", "publico", "público", "tilde-sustantivo"),
    ("Es un servidor publico.", "publico", "público", "tilde-sustantivo"),
    ("En el termino del plazo.", "termino", "término", "tilde-sustantivo"),
    ("Anota tu numero de folio.", "numero", "número", "tilde-sustantivo"),
    ("En la practica, todos votan.", "practica", "práctica", "tilde-sustantivo"),
    ("Es la ultima semana.", "ultima", "última", "tilde-sustantivo"),
]


@pytest.mark.parametrize(("text", "span", "fix", "pattern"), FIRES)
def test_pattern_fires_with_its_fix(grammar, text: str, span: str, fix: str, pattern: str) -> None:
    assert found(grammar, text) == [(span, fix, pattern)]


SILENT = [
    # más/mas
    "Lo intentamos, mas no lo logramos.", "Quiso votar; mas no pudo.", "Mas sin embargo, votó.",
    "Quiero saber más de la elección.",
    # sí/si
    "Si votas, ganamos todos.", "Pregunta si hay casilla cerca.", "Si no tienes credencial, "
    "tramítala.", "Sí, claro.", "No sé si votar o no.", "Y si llueve, ¿qué hacemos?",
    "Como si nada.",
    # tú/tu
    "Tu voto cuenta.", "Revisa tu credencial.", "Tu país te necesita.", "Tú decides.",
    "Tu casilla abre a las 8.",
    # él/el
    "El voto es libre.", "El mismo día votamos.", "El 2 de junio votamos.", "Él decide.",
    "El INE informa.", "El que vota decide.", "El de la derecha.",
    # aún/aun
    "Aun así, vota.", "Aun cuando llueva, abriremos.", "Aun los más jóvenes pueden votar.",
    "Ni aun así votó.", "Aún no abre.",
    # qué/que and cómo/como in questions
    "Dijo que votaría.", "¿Sabías que puedes votar?", "¿Que no vas a votar?",
    "Como cada año, votamos.", "¿Como a qué hora abren?", "¿Qué necesito?", "¿Cómo voto?",
    "Vota como quieras.", "¡Que viva México!",
    # votar/botar
    "Hay que botar la basura.", "No botes la pelota en la casilla.", "Se puso las botas.",
    "Vota por tu candidata.", "El bote de basura está lleno.", "Botaron el balón.",
    # haber/a ver
    "A ver si ya abrieron la casilla.", "Va a haber casillas especiales.",
    "Vamos a ver los resultados.", "Debe haber una casilla cerca.", "Puede haber filas.",
    "Haber votado es un orgullo.", "Fue a ver el partido.", "Voy a ver a mi mamá.",
    # hecho/echo
    "Te echo de menos.", "Ya echo la boleta en la urna.", "Lo he hecho bien.",
    "De hecho, votamos.", "Es un hecho histórico.", "Echo a andar el plan.",
    # hay/ahí/ay
    "Hay casillas en todo el país.", "Ahí está tu módulo.", "¡Ay, no!", "No hay filas.",
    "Hay que votar.", "¡Ay que susto!", "Ay, qué bonito.", "Ahí te ves.", "Ya no hay problema.",
    # valla/vaya
    "La valla publicitaria del INE.", "Que le vaya bien.", "¡Vaya!", "Pusieron una valla.",
    "Vaya a su módulo.", "¡Vaya, qué fila!", "La baya es roja.",
    # casilla
    "Ubica tu casilla.", "Las casillas abren a las 8.", "Guárdalo en el casillero.",
    # dequeísmo and queísmo
    "Creo que es importante.", "Estoy seguro de que votarás.", "Me acuerdo de que votamos.",
    "Se trata de que participes.", "Antes de que cierre la casilla.", "A pesar de que llovió.",
    "Informó de que habrá cambios.", "Toma en cuenta que el plazo vence.", "Seguro que votas.",
    "Me alegra que votes.", "Acordamos que la sesión sea mañana.", "Se acordó que la sesión "
    "sea pública.", "Ten en cuenta que cierra a las 6.", "Dime de qué se trata.",
    # accents of nouns
    "Yo publico los resultados.", "Hoy termino el trámite.", "Lo publico mañana.",
    "Termino de votar y me voy.", "Acude al módulo.", "De nuevo publico la lista.",
    "Ella la practica cada semana.", "El público asistió.", "Te animo a votar.",
]


@pytest.mark.parametrize("text", SILENT)
def test_pattern_stays_silent(grammar, text: str) -> None:
    assert found(grammar, text) == []


AGREEMENT_FIRES = [
    ("Los ciudadano acudió a votar.", "Los ciudadano", ["El ciudadano", "Los ciudadanos"]),
    ("La módulo abrió temprano.", "La módulo", ["El módulo"]),
    ("Revisa los casilla de tu sección.", "los casilla", ["la casilla", "las casillas"]),
    ("Tramita una credenciales nueva.", "una credenciales",
     ["unas credenciales", "una credencial"]),
    ("Las casillas instalada abren a las 8.", "Las casillas instalada",
     ["Las casillas instaladas"]),
    ("Los ciudadanos mexicana votan.", "Los ciudadanos mexicana",
     ["Los ciudadanos mexicanos"]),
    ("El elección es el domingo.", "El elección", ["La elección"]),
    ("Esta procedimiento es nuevo.", "Esta procedimiento", ["Este procedimiento"]),
    ("Las elecciones federal son en junio.", "Las elecciones federal",
     ["Las elecciones federales"]),
]


@pytest.mark.parametrize(("text", "span", "suggestions"), AGREEMENT_FIRES)
def test_agreement_fires(grammar, text: str, span: str, suggestions: list[str]) -> None:
    got = grammar.findings(text)
    assert [(text[f.start : f.end], list(f.suggestions), f.code) for f in got] == [
        (span, suggestions, "gramatica:concordancia")]


AGREEMENT_SILENT = [
    "Los ciudadanos acudieron a votar.", "El acta de escrutinio está lista.",
    "Un área de la junta.", "No los registro todavía.", "Él las consulta cada semana.",
    "Los Cabos y La Paz votan.", "El representante y la representante firmaron.",
    "La presidente del Consejo habló.", "Las casillas instaladas abren.",
    "El país entero vota.", "Los países vecinos observan.", "La jornada electoral terminó.",
    "Los jóvenes votan por primera vez.", "Un joven votó.", "Las elecciones federales.",
    "El mes pasado.", "Los ciudadanos en general.", "El día de la elección.",
    "Los político-electorales.", "La imagen oficial.", "Las imágenes oficiales.",
    "Las credenciales vencidas.", "La mayoría de los votos.", "EL VOTO ES LIBRE.",
    "Hace los trámites rápido.", "Las personas mayores votan.", "Llegan los ciudadanos primero.",
    "La sesión ordinaria.", "El sistema nacional.", "Un problema grave.", "La mano derecha.",
]


@pytest.mark.parametrize("text", AGREEMENT_SILENT)
def test_agreement_stays_silent(grammar, text: str) -> None:
    assert found(grammar, text) == []


def test_more_silent_cases_than_firing_ones() -> None:
    assert len(SILENT) + len(AGREEMENT_SILENT) > len(FIRES) + len(AGREEMENT_FIRES)


def test_every_pattern_has_a_firing_case() -> None:
    ids = {p["id"] for p in json.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))["patterns"]}
    assert ids - {pattern for *_, pattern in FIRES} == set()


def test_findings_are_advisory_criterion_6_xxiv(grammar) -> None:
    (f,) = grammar.findings("Claro que si.")
    assert f.rule == "6.xxiv" and f.severity == Severity.ADVIERTE
    assert f.message.endswith("(criterio 6.xxiv)")


def test_offsets_after_an_emoji_and_masked_spans(grammar) -> None:
    text = "😀🗳️ Claro que si. #haber si"
    masked = text.replace("#haber si", "\ue000" * 9)
    (f,) = grammar.findings(text, masked)
    assert text[f.start : f.end] == "si" and f.start == text.index("si.")


def test_a_line_break_separates_contexts(grammar) -> None:
    assert found(grammar, "Estoy\nseguro que votarás") == []
    assert found(grammar, "Me di\ncuenta que faltaba") == []


def test_an_unknown_condition_is_refused(tmp_path: Path) -> None:
    data = json.loads(GRAMMAR_FILE.read_text(encoding="utf-8"))
    data["patterns"] = [{"id": "x", "trigger": ["si"], "fix": "sí", "message": "m",
                         "when": [{"cerca_de": ["no"]}]}]
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="cerca_de"):
        GrammarChecker(path).findings("si no")


# -- subject and verb in number (grammar_subject_verb) -----------------------------------------
SUBJECT_VERB_FIRES = [
    ("Los consejeros aprobó el acuerdo.", "Los consejeros aprobó", "Los consejeros aprobaron"),
    ("La ciudadanía votaron el domingo.", "La ciudadanía votaron", "La ciudadanía votó"),
    ("Hoy los consejeros no aprobó nada.", "los consejeros no aprobó",
     "los consejeros no aprobaron"),
    ("Los módulos abre a las 8.", "Los módulos abre", "Los módulos abren"),
    ("Las casillas electorales cerró a las 18 horas.", "Las casillas electorales cerró",
     "Las casillas electorales cerraron"),
    ("Recuerda que las credenciales vence en diez años.", "las credenciales vence",
     "las credenciales vencen"),
    ("¿Las personas participará?", "Las personas participará", "Las personas participarán"),
    ("El instituto tienen nuevas oficinas.", "El instituto tienen", "El instituto tiene"),
    ("Los resultados se publica mañana.", "Los resultados se publica",
     "Los resultados se publican"),
]


@pytest.mark.parametrize(("text", "span", "fix"), SUBJECT_VERB_FIRES)
def test_subject_verb_fires(grammar, text: str, span: str, fix: str) -> None:
    assert found(grammar, text) == [(span, fix, "concordancia_sujeto_verbo")]


SUBJECT_VERB_SILENT = [
    "Los consejeros aprobaron el acuerdo.", "La ciudadanía votó.",
    # after a preposition or a coordination the pair is not the whole subject
    "La mitad de los consejeros votó.", "El INE y la ciudadanía participaron.",
    "La consejera y el consejero votaron.", "A los consejeros les llegó el aviso.",
    # nouns of time head adverbials: the subject comes after the verb
    "Esta semana abren los módulos.", "Los domingos abre el módulo.",
    "La próxima semana inician las campañas.", "El día 2 votan millones.",
    # «ser» may agree with a plural predicate
    "El problema son los plazos.", "El requisito son dos documentos.",
    # an object that a pronoun repeats
    "Los resultados los publica el INE.", "La credencial se la entregan en el módulo.",
    # not at the start of its clause: an object of the verb before
    "Cuando recibas las credenciales acude al módulo.", "Revisa los requisitos vota informado.",
    # a noun that is also a verb form, a relative clause, a subjunctive
    "Las personas consulta pública.", "Las casillas que abre el INE.",
    "Que los ciudadanos acudan.", "Es importante que la ciudadanía participe.",
    # the article disagrees: the agreement finding says it, once
    "Los ciudadano acudió a votar.", "LAS PERSONAS PARTICIPARÁ.",  # capitals: left alone
    "La credencial se entrega en el mismo módulo donde realizaste el trámite.",
]


@pytest.mark.parametrize("text", SUBJECT_VERB_SILENT)
def test_subject_verb_stays_silent(grammar, text: str) -> None:
    assert [code for *_, code in found(grammar, text)
            if code == "concordancia_sujeto_verbo"] == []


def test_a_disagreeing_article_is_reported_once(grammar) -> None:
    assert [code for *_, code in found(grammar, "Los ciudadano acudió a votar.")] == [
        "concordancia"]


def test_el_mismo_is_the_pronoun_only_before_a_verb_or_pronoun(grammar) -> None:
    assert found(grammar, "El mismo lo dijo.") == [("El", "Él", "el-pronombre")]
    assert found(grammar, "Se entrega en el mismo módulo donde la tramitaste.") == []
