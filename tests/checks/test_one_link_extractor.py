"""One URL extractor for the X count and the rules (issue 13).

`text_tokens.x_link_spans` is twitter-text's extractor run word by word; it must give exactly
what the package gives on the whole text, and every link it finds must be inside a link the
rules see (`url_spans`), so that nothing X makes clickable escapes the links rule.
"""

from __future__ import annotations

import random
import time

import pytest
from twitter_text.extract_urls import extract_urls_with_indices

from redes_desktop.checks.model import CheckInput
from redes_desktop.checks.rule_links import LinksRule
from redes_desktop.checks.text_tokens import url_spans, x_link_spans
from redes_desktop.checks.weighted_length import weighted_length
from redes_desktop.models.enums import Network

# Pieces that make links, near-links and their borders.
_PIECES = (
    "a|é|ñ|Z|1| | |\u3000|\n|.|..|-|_|/|?|#|@|:|,|(|)|¡|¿|«|»|\u200b|\u202a|\u202e|\ufeff|"
    "ine|mx|Es|com|com.mx|gob|xn--ine-7ka|і|ß|日|👍|https://|http://|www.|ine.mx|t.co/|bit.ly/"
).split("|")


def _whole_text(text: str) -> list[tuple[int, int]]:
    return [tuple(e["indices"]) for e in extract_urls_with_indices(text)]


def _random_texts(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def test_word_by_word_is_the_same_as_twitter_text_on_the_whole_text() -> None:
    for text in _random_texts(3000, 13):
        assert x_link_spans(text) == _whole_text(text), repr(text)


@pytest.mark.parametrize("text", [
    "éine.mx", "x éine.mx", "¿ine.mx?", "(ine.mx)", "a\u202aine.mx", "«www.ine.mx»",
    "https://ine.mx/a?b=1#c ine.mx,ine.mx", "Hubo votación.Es", "іne.mx", "t.co/abc",
])
def test_same_on_border_cases(text: str) -> None:
    assert x_link_spans(text) == _whole_text(text)


def _covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def test_every_link_x_counts_is_a_link_the_rules_see() -> None:
    for text in _random_texts(3000, 7):
        seen = url_spans(text)
        for span in x_link_spans(text):
            assert _covered(span, seen), (repr(text), span, seen)


@pytest.mark.parametrize(("text", "link"), [
    ("Hubo votación.Es un error", "votación.Es"),  # X links it; once dropped as prose
    ("іne.mx con i cirílica", "іne.mx"),  # twitter-text sees only "ne.mx"
])
def test_the_links_rule_judges_what_x_links(text: str, link: str) -> None:
    findings = LinksRule().check(CheckInput(text=text, network=Network.X))
    assert [text[f.start:f.end] for f in findings] == [link]


def test_a_long_chain_of_labels_does_not_hang_the_x_count() -> None:
    # twitter-text's host expression took 60 s on these 4,000 characters.
    text = "a." * 2000
    started = time.perf_counter()
    assert weighted_length(text) == 4000
    assert weighted_length("Visita " + "ine." * 20 + "mx y ine.mx") == 7 + 80 + 2 + 3 + 23
    # A hang guard, not a speed target (speed is measured by benchmarks/).
    assert time.perf_counter() - started < 30.0
