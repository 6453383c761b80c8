"""Link data from maintained sources (issue 13): the Public Suffix List and Unicode's
confusables and scripts, instead of hand-kept subsets in resources/checks/domains.json."""

from __future__ import annotations

import json

import pytest

from redes_desktop.checks import text_tokens
from redes_desktop.checks.confusables import latin_lookalikes, script_of
from redes_desktop.checks.model import CheckInput
from redes_desktop.checks.public_suffix import is_top_level_domain, split_host
from redes_desktop.checks.rule_links import LinksRule
from redes_desktop.models.enums import Network


def test_the_hand_kept_lists_are_gone():
    data = json.loads(text_tokens.DOMAINS_FILE.read_text(encoding="utf-8"))
    assert "tlds" not in data and "multi_label_suffixes" not in data


@pytest.mark.parametrize(("host", "expected"), [
    ("www.ine.com.mx", ("ine", "com.mx")),
    ("ine.mx", ("ine", "mx")),
    ("portal.ine.gob.mx", ("ine", "gob.mx")),
    ("ine.mx.example.co.uk", ("example", "co.uk")),
    ("ine.com.ar", ("ine", "com.ar")),
    ("ine.zz", ("ine", "zz")),  # an unknown last label counts as the suffix
    ("mx", ("", "mx")),
])
def test_split_host(host, expected):
    assert split_host(host) == expected


def test_top_level_domains():
    assert all(map(is_top_level_domain, ["mx", "MX", "com", "es", "xn--p1ai", "рф", "lat"]))
    assert not any(map(is_top_level_domain, ["uu", "ej", "v", "", "com.mx", "localhost"]))


def test_confusables_come_from_unicode_and_spare_spanish_letters():
    table = latin_lookalikes()
    assert "іne".translate(table) == "ine"  # Cyrillic і
    assert "ıne".translate(table) == "ine"  # dotless i
    assert "ορ".translate(table) == "op"  # Greek
    assert len(table) > 1000  # the hand-kept table had 39 letters
    assert "méxico ñandú pingüino".translate(table) == "méxico ñandú pingüino"
    assert script_of("і") == "CYRILLIC" and script_of("a") == "LATIN"


@pytest.mark.parametrize(("url", "code"), [
    ("https://ラーメン.jp/menu", "enlace_externo"),  # "ー" is shared by scripts: not mixed
    ("https://ine.com.ar/x", "dominio_parecido"),
    ("https://ine.mx.example.co.uk", "dominio_imitacion"),
])
def test_links_judged_with_that_data(url, code):
    (finding,) = LinksRule().check(CheckInput(text=url, network=Network.X))
    assert finding.code == code
