"""X weighted length against the twitter-text conformance suite (YAML read at test time)."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest
import yaml

from redes_desktop.checks.weighted_length import (
    CONFIG_V2,
    CONFIG_V3,
    fit_prefix,
    measure,
    weighted_length,
)

DATA = Path(__file__).parent / "data" / "twitter-text"
SECTIONS = {
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3.json",
    "UnicodeDirectionalMarkerCounterTest": "v3.json",
    "WeightedTweetsCounterTest": "v2.json",
}
FIELDS = {
    "weightedLength": "weighted_length",
    "valid": "valid",
    "permillage": "permillage",
    "displayRangeStart": "display_range_start",
    "displayRangeEnd": "display_range_end",
    "validRangeStart": "valid_range_start",
    "validRangeEnd": "valid_range_end",
}


def _cases():
    tests = yaml.safe_load((DATA / "validate.yml").read_text(encoding="utf-8"))["tests"]
    for section, config_file in SECTIONS.items():
        for n, case in enumerate(tests[section]):
            yield pytest.param(
                section, config_file, case, id=f"{section}-{n}-{case['description']}"
            )


@pytest.mark.parametrize(("section", "config_file", "case"), list(_cases()))
def test_conformance(section, config_file, case):
    config = json.loads((DATA / config_file).read_text(encoding="utf-8"))
    result = measure(case["text"], config)
    expected = case["expected"]
    assert expected, "the case asserts nothing"
    got = {key: getattr(result, attr) for key, attr in FIELDS.items() if key in expected}
    assert got == expected


def test_builtin_configs_match_the_published_ones():
    assert json.loads((DATA / "v3.json").read_text()) == dict(CONFIG_V3)
    assert json.loads((DATA / "v2.json").read_text()) == dict(CONFIG_V2)


def test_named_config_is_v3():
    assert weighted_length("👍") == 2
    assert weighted_length("👍", "v2") == 2
    assert weighted_length("👨‍👩‍👧‍👦") == 2
    assert weighted_length("👨‍👩‍👧‍👦", "v2") == 4 * 2 + 3  # ZWJ weighs 1
    with pytest.raises(ValueError):
        weighted_length("a", "v9")


def test_spanish_url_and_crlf():
    assert weighted_length("publicación") == 11
    assert weighted_length("Visite https://www.ine.mx/voto-y-elecciones/ hoy") == 7 + 23 + 4
    assert weighted_length("a\r\nb") == weighted_length("a\nb") == 3


def test_fit_prefix_plain_and_atomic_entities():
    assert fit_prefix("a" * 300) == 280
    assert fit_prefix("abc") == 3
    # an emoji straddling the limit is not split
    text = "a" * 279 + "👍b"
    assert fit_prefix(text) == 279
    # a URL straddling the limit is not split
    text = "a" * 270 + " https://ine.mx/x"
    assert fit_prefix(text) == 271
    # CJK weighs 2
    assert fit_prefix("日" * 200) == 140
    assert fit_prefix("a" * 10, limit=4) == 4


def test_fit_prefix_offsets_are_code_points_into_nfc():
    decomposed = "e\u0301" * 300  # NFC: 300 × "é"
    assert fit_prefix(decomposed) == 280
    nfc = unicodedata.normalize("NFC", decomposed)
    assert weighted_length(nfc[:280]) == 280


# Pieces of text, "|"-separated: Latin, accents (composed and not), CJK, emoji parts, ZWJ,
# variation selector, keycap, skin tone, flags, tags, invalid characters, URLs.
_ALPHABET = (
    "a|Z| |ñ|é|e\u0301|¿|日|한|\u200d|\ufe0f|\u20e3|1|#|👍|🏽|👨|👩|🇲|🇽|❤|©|\U0001f3f4|"
    "\U000e0067|\u202a|\uffff| https://ine.mx/a | www.ine.mx |ine.mx|.|@ine|\n"
).split("|")


def test_same_as_twitter_text_parser_on_random_texts():
    """Our fast emoji matcher must give exactly what the package's regex gives."""
    from twitter_text import parse_tweet
    from twitter_text.config import config

    rng = random.Random(20240601)
    for _ in range(400):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 120)))
        ours = measure(text)
        theirs = parse_tweet(text, config["version3"])
        assert ours.weighted_length == theirs.weightedLength, repr(text)
        assert ours.valid == theirs.valid, repr(text)
        assert ours.valid_range_end == theirs.validRangeEnd, repr(text)
        assert ours.display_range_end == theirs.displayRangeEnd, repr(text)


def test_a_full_post_is_measured_the_same_every_time():
    """Speed is measured in benchmarks/bench_checks.py; here, only that caching is stable."""
    text = ("Hola, consulta la información del INE en https://ine.mx/voto 🗳️ #Elecciones " * 4)[:280]
    first = measure(text)
    assert all(measure(text) == first for _ in range(3))
