"""6.vi / 6.ix / 6.x: where links lead (official, external, shortened, disguised)."""

from __future__ import annotations

import time

import pytest

from redes_desktop.checks.model import CheckInput, Severity
from redes_desktop.checks.rule_links import LinksRule
from redes_desktop.models.enums import Network


def check(text: str, extra: tuple[str, ...] = ()) -> list:
    return LinksRule(extra_official_domains=extra).check(CheckInput(text=text, network=Network.X))


def found(text: str, extra: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, text[f.start:f.end]) for f in check(text, extra)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Sin enlaces.",
        "Consulta https://www.ine.mx/voto",
        "Consulta ine.mx/voto o INE.MX",
        "Sigue la sesión en https://centralelectoral.ine.mx/2024/05/sesion",
        "http://listanominal.ine.mx/consulta",
        "Resoluciones en te.gob.mx y el DOF en https://dof.gob.mx/nota.php?id=1",
        "Consulta tu OPLE: https://www.iecm.mx",
    ],
)
def test_official_links_are_fine(text: str) -> None:
    assert check(text) == []


def test_extra_official_domains_from_settings() -> None:
    text = "Programa: https://educacioncivica.example.org/taller"
    assert found(text) == [("enlace_externo", "advierte", "https://educacioncivica.example.org/taller")]
    assert check(text, extra=("educacioncivica.example.org",)) == []
    assert check(text, extra=(" .Example.org ",)) == []


@pytest.mark.parametrize(
    "url",
    ["bit.ly/3abc", "https://t.co/xYz", "goo.gl/maps/x", "https://tinyurl.com/ine", "ow.ly/x",
     "buff.ly/x", "is.gd/x", "cutt.ly/x", "shorturl.at/x", "https://BIT.LY/x"],
)
def test_shorteners_block(url: str) -> None:
    (finding,) = check(f"Entra a {url} ahora")
    assert (finding.code, finding.severity) == ("acortador", Severity.BLOQUEA)
    assert finding.rule == "6.vi" and "acortador" in finding.message


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ine.mx.example.com/voto", "dominio_imitacion"),
        ("https://ine-mx.com", "dominio_imitacion"),
        ("inemx.com", "dominio_imitacion"),
        ("https://lne.mx/voto", "dominio_imitacion"),
        ("1ne.mx", "dominio_imitacion"),
        ("www.ine.mx-consulta.com", "dominio_imitacion"),
        ("te.gob.mx.evil.org", "dominio_imitacion"),
        ("https://ine.mx@evil.com/voto", "enlace_usuario"),
        ("https://usuario:clave@ine.mx/", "enlace_usuario"),
        ("ine.mx@evil.com", "enlace_usuario"),
        ("іne.mx", "dominio_homoglifo"),  # Cyrillic і
        ("https://inе.mx/voto", "dominio_homoglifo"),  # Cyrillic е
        ("https://xn--ne-goc.mx", "dominio_punycode"),  # іne.mx encoded
        ("ine\u200b.mx/voto", "enlace_caracter_invisible"),
        ("https://www.ine.mx/\u202efdp.exe", "enlace_caracter_invisible"),
    ],
)
def test_disguised_links_block(url: str, code: str) -> None:
    text = f"👉 Consulta {url} hoy"
    findings = check(text)
    assert [(f.code, f.severity) for f in findings] == [(code, Severity.BLOQUEA)]
    assert text[findings[0].start:findings[0].end] == url
    assert findings[0].rule == "6.vi"


def test_invisible_character_suggestion_is_the_clean_link() -> None:
    (finding,) = check("ine\u200b.mx/voto")
    assert finding.suggestions == ("ine.mx/voto",)
    assert "U+200B" in finding.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nota: https://www.eluniversal.com.mx/elecciones", "enlace_externo"),
        ("https://example.com/x", "enlace_externo"),
        ("Video: https://youtube.com/watch?v=abc", "enlace_red_social"),
        ("https://www.facebook.com/INEMexico", "enlace_red_social"),
        ("ine.es/estadistica", "dominio_parecido"),  # a real, different institute
        ("https://tramites-ine.com", "dominio_parecido"),
        ("méxico.com", "enlace_externo"),  # accented Latin host, no look-alike letters
    ],
)
def test_other_sites_warn(text: str, code: str) -> None:
    (finding,) = check(text)
    assert (finding.code, finding.severity) == (code, Severity.ADVIERTE)
    assert "6.vi" in finding.message


def test_offsets_are_code_points_after_emoji() -> None:
    text = "🗳️👩🏽‍💻 ñ bit.ly/x"
    (finding,) = check(text)
    assert (finding.start, finding.end) == (len(text) - 8, len(text))


def test_several_links_in_order() -> None:
    text = "ine.mx, bit.ly/a, example.com y lne.mx"
    assert [f.code for f in check(text)] == ["acortador", "enlace_externo", "dominio_imitacion"]


@pytest.mark.parametrize(
    "chunk",
    [
        "El INE invita a la ciudadanía a consultar ine.mx/voto; más información: bit.ly/x. ",
        "a.",
        "a-",
        "http://",
        "@a.",
        "ine.mx\u200b",
    ],
)
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    check(text)
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0


def test_findings_are_capped_and_the_summary_keeps_blocking() -> None:
    from redes_desktop.checks.model import MAX_FINDINGS_PER_RULE

    text = "Mira https://ejemplo.com/a " * MAX_FINDINGS_PER_RULE + "y bit.ly/x bit.ly/y"
    findings = check(text)
    assert len(findings) == MAX_FINDINGS_PER_RULE + 1
    assert {f.code for f in findings[:-1]} == {"enlace_externo"}
    summary = findings[-1]
    assert (summary.code, summary.severity) == ("enlaces_mas", Severity.BLOQUEA)
    assert summary.message.startswith("Y 2 enlaces más")
    assert summary.start == summary.end == text.index("bit.ly/x")
