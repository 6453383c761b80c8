"""6.vi: internationalised (IDNA) hosts are decoded as a browser would (issue 11)."""

from __future__ import annotations

import pytest

from tests.checks.test_rule_links import found


@pytest.mark.parametrize(
    ("url", "code"),
    [
        # Python's IDNA 2003 codec cannot decode this "ineß.mx": it was only warned as external.
        ("https://xn--ine-7ka.mx/voto", "dominio_punycode"),
        # IDNA 2008 refuses these labels: an undecodable host is itself a disguise.
        ("xn--ne-8ka.mx", "dominio_punycode_invalido"),
        ("https://xn--ine-mx-abc.com", "dominio_punycode_invalido"),
        # The same look-alike typed in Unicode.
        ("https://ineß.mx/voto", "dominio_homoglifo"),
    ],
)
def test_punycode_and_padded_look_alikes_block(url: str, code: str) -> None:
    assert found(f"Consulta {url} hoy") == [(code, "bloquea", url)]


def test_undecodable_host_message_says_what_it_reads_as() -> None:
    from redes_desktop.checks.model import CheckInput
    from redes_desktop.checks.rule_links import LinksRule
    from redes_desktop.models.enums import Network

    (finding,) = LinksRule().check(CheckInput(text="xn--ne-8ka.mx", network=Network.X))
    assert "no válida" in finding.message and "Āne" in finding.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.ine.mx/voto", []),
        ("https://centralelectoral.ine.mx", []),
        ("inegi.org.mx", [("enlace_externo", "advierte", "inegi.org.mx")]),
        ("ineel.mx", [("enlace_externo", "advierte", "ineel.mx")]),
        ("ine.es", [("dominio_parecido", "advierte", "ine.es")]),
        ("méxico.com", [("enlace_externo", "advierte", "méxico.com")]),
    ],
)
def test_real_ine_like_domains_are_not_blocked(text: str, expected: list) -> None:
    assert found(f"Consulta {text} hoy") == expected
