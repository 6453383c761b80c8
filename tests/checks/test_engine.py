"""The engine: NFC normalisation, invalid Unicode, text rules once and network rules per
network, the full rule set wired by build_engine."""

import time
import unicodedata

import pytest

from redes_desktop.checks.engine import CheckEngine, CheckRequest, build_engine, normalise
from redes_desktop.checks.model import Finding, Severity
from redes_desktop.models.enums import Network


class CountingRule:
    rule_id = "t"

    def __init__(self):
        self.calls = []

    def check(self, item):
        self.calls.append(item.network)
        return [Finding("t", Severity.ADVIERTE, "x", 0, 1)]


def test_normalise_composes_and_reports_lone_surrogates():
    text, findings = normalise("Publicacio\u0301n \ud800")
    assert text == "Publicación \ufffd"
    assert unicodedata.is_normalized("NFC", text)
    assert [(f.start, f.end, f.code) for f in findings] == [(12, 13, "invalid-unicode")]


def test_text_rules_once_network_rules_per_network():
    text_rule, network_rule = CountingRule(), CountingRule()
    engine = CheckEngine(text_rules=[text_rule], network_rules=[network_rule])
    results = engine.check(CheckRequest("hola", networks=(Network.X, Network.FACEBOOK)))
    assert set(results) == {Network.X, Network.FACEBOOK}
    assert len(text_rule.calls) == 1
    assert network_rule.calls == [Network.X, Network.FACEBOOK]
    assert len(results[Network.X].findings) == 2


@pytest.fixture(scope="module")
def engine():
    return build_engine()


def test_full_engine_cites_each_criterion(engine, tmp_path):
    text = ("HOY TODOS A VOTAR EN LA JORNADA. Mi CURP es GODE561231HDFRRN04, "
            "ve a bit.ly/xyz y la publicacion")
    result = engine.check(CheckRequest(text, networks=(Network.X,)))[Network.X]
    rules = {f.rule for f in result.findings}
    assert {"6.xxvi", "6.iii", "6.vi", "6.xxv", "6.xxiv"} <= rules
    assert not result.publishable


def test_clean_post_with_image_is_publishable(engine, tmp_path):
    from PIL import Image

    image = tmp_path / "a.png"
    Image.new("RGB", (1200, 675)).save(image)
    text = "Consulta los horarios de los módulos de atención ciudadana en https://www.ine.mx"
    result = engine.check(CheckRequest(text, networks=(Network.X,), images=(image,),
                                       alt_texts=("Módulo de atención",)))[Network.X]
    assert result.findings == []
    assert result.publishable


@pytest.mark.parametrize("text", ["", " ", "a" * 1_000_000])
def test_degenerate_texts_do_not_crash(engine, text):
    result = engine.check(CheckRequest(text, networks=(Network.FACEBOOK,)))[Network.FACEBOOK]
    assert result.weighted_length >= 0


def test_a_megabyte_of_findings_is_capped_per_rule(engine):
    """A pasted document full of links, phones and capitals: each rule reports at most
    MAX_FINDINGS_PER_RULE findings plus one that counts the rest, so the composer never receives
    tens of thousands; the summary keeps the post unpublishable when what it counts blocks."""
    from collections import Counter

    from redes_desktop.checks.model import MAX_FINDINGS_PER_RULE

    chunk = ("Consulta https://ejemplo.com/p y llama al 33 1234 5678 HOY MISMO POR FAVOR AHORA "
             "YA. Revisa bit.ly/abc antes. ")
    repeats = 1_000_000 // len(chunk) + 1
    text = chunk * repeats
    started = time.perf_counter()
    result = engine.check(CheckRequest(text, networks=(Network.X,)))[Network.X]
    # A hang guard, not a speed target (speed belongs to benchmarks/).
    assert time.perf_counter() - started < 30.0
    per_rule = Counter(f.rule for f in result.findings)
    for rule in ("6.iii", "6.vi", "6.xxv"):
        assert per_rule[rule] == MAX_FINDINGS_PER_RULE + 1, rule
    assert len(result.findings) < 1000
    phones = [f for f in result.findings if f.rule == "6.iii"]
    summary = phones[-1]
    assert summary.start == summary.end  # an empty span where the unmarked ones begin
    assert summary.start == phones[-2].start + len(chunk)
    assert f"Y {repeats - MAX_FINDINGS_PER_RULE} posibles datos personales más" in summary.message
    assert summary.severity == Severity.BLOQUEA
    links = [f for f in result.findings if f.rule == "6.vi"]
    assert f"Y {2 * repeats - MAX_FINDINGS_PER_RULE} enlaces más" in links[-1].message
    assert links[-1].severity == Severity.BLOQUEA  # the left-out shorteners block
    assert "tramos más en mayúsculas" in [f for f in result.findings
                                          if f.rule == "6.xxv"][-1].message
    assert not result.publishable
