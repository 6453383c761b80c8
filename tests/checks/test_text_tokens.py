"""Spans of links, e-mail addresses, handles and hashtags (shared by several rules)."""

from __future__ import annotations

import time

import pytest

from redes_desktop.checks.text_tokens import (
    contains,
    email_spans,
    hashtag_spans,
    mention_spans,
    overlaps,
    protected_spans,
    url_spans,
)


def texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consulta https://www.ine.mx/voto hoy", ["https://www.ine.mx/voto"]),
        ("Visita ine.mx/voto.", ["ine.mx/voto"]),
        ("Visita ine.mx... y ya", ["ine.mx"]),
        ("Visita www.ine.mx, o INE.MX", ["www.ine.mx", "INE.MX"]),
        ("(ver https://es.wikipedia.org/wiki/INE_(México))", [
            "https://es.wikipedia.org/wiki/INE_(México)"]),
        ("https://ine.mx@evil.com/voto", ["https://ine.mx@evil.com/voto"]),
        ("centralelectoral.ine.mx:8080/x?y=1#z!", ["centralelectoral.ine.mx:8080/x?y=1#z"]),
        ("іne.mx con i cirílica", ["іne.mx"]),
        ("ine\u200b.mx con espacio invisible", ["ine\u200b.mx"]),
        ("http://localhost/ruta", ["http://localhost/ruta"]),
        ("bit.ly/abc y t.co/x", ["bit.ly/abc", "t.co/x"]),
    ],
)
def test_urls_found(text: str, expected: list[str]) -> None:
    assert texts(text, url_spans(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Sin enlaces aquí.",
        "EE.UU. y p.ej. son abreviaturas",
        "Votaron 1.5 millones, 3.14 y 10.000",
        "S.A. de C.V.",
        "escribe a juan.perez@gmail.com",
        "fin de la oración.Luego",
        "puntos..suspensivos.mx",
    ],
)
def test_no_urls_in_prose(text: str) -> None:
    assert url_spans(text) == []


def test_a_missing_space_before_a_country_code_is_a_link_because_x_makes_it_one() -> None:
    # X turns "votación.Es" into a link to votación.es (and counts it as 23 characters), so the
    # links rule must judge it; it was once dropped as prose (issue 13: one URL extractor).
    text = "Hubo votación.Es un error de dedo"
    assert texts(text, url_spans(text)) == ["votación.Es"]


def test_url_offsets_are_code_points_after_emoji() -> None:
    text = "👩‍👩‍👧 🗳️ Vota: ine.mx"
    (span,) = url_spans(text)
    assert text[span[0]:span[1]] == "ine.mx"
    assert span == (len(text) - 6, len(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Escribe a prensa@ine.mx.", ["prensa@ine.mx"]),
        ("juan.perez+x@gmail.com y ana_l@correo.com.mx", [
            "juan.perez+x@gmail.com", "ana_l@correo.com.mx"]),
        ("ine.mx@evil.com", ["ine.mx@evil.com"]),
        ("josé.pérez@dominio.mx", ["josé.pérez@dominio.mx"]),
        ("sin arroba", []),
        ("@INEMexico no es correo", []),
        ("https://user@evil.com/x", []),  # userinfo of a link, not an address
        ("a@b", []),
    ],
)
def test_emails(text: str, expected: list[str]) -> None:
    assert texts(text, email_spans(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gracias @INEMexico y @ine_jalisco.", ["@INEMexico", "@ine_jalisco"]),
        ("correo@ine.mx no es mención", []),
        ("https://x.com/@INEMexico", []),
        ("@", []),
    ],
)
def test_mentions(text: str, expected: list[str]) -> None:
    assert texts(text, mention_spans(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#VotaINE #Elección2024 y ＃Jalisco", ["#VotaINE", "#Elección2024", "＃Jalisco"]),
        ("#2024 no es hashtag; C# tampoco", []),
        ("ine.mx/#resultados", []),
        ("&#39; entidad", []),
    ],
)
def test_hashtags(text: str, expected: list[str]) -> None:
    assert texts(text, hashtag_spans(text)) == expected


def test_protected_spans_are_merged_and_sorted() -> None:
    text = "@INE #Vota ine.mx/x prensa@ine.mx"
    assert texts(text, protected_spans(text)) == ["@INE", "#Vota", "ine.mx/x", "prensa@ine.mx"]


def test_span_helpers() -> None:
    spans = [(2, 5), (10, 12)]
    assert contains(2, spans) and contains(4, spans) and not contains(5, spans)
    assert not contains(0, spans) and contains(11, spans)
    assert overlaps((4, 6), spans) and overlaps((0, 3), spans) and overlaps((9, 20), spans)
    assert not overlaps((5, 10), spans) and not overlaps((0, 2), [])


@pytest.mark.parametrize(
    "chunk",
    [
        "El INE informa: consulta ine.mx/voto o escribe a prensa@ine.mx. #Vota @INEMexico ",
        "a",
        "a.",
        "a-",
        "@",
        "a@",
        "x.y@",
        "#a",
        "https://",
        "\u200b",
    ],
)
def test_a_megabyte_finishes(chunk: str) -> None:
    text = chunk * (1_000_000 // len(chunk))
    started = time.perf_counter()
    url_spans(text), email_spans(text), mention_spans(text), hashtag_spans(text)
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0
