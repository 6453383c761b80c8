"""The password generator, the strength verdict (5.2 g) and the two-month arithmetic
(6.xxxiii) — plain Python, no database."""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from redes_desktop.errors import ValidationError
from redes_desktop.passwords import generator as g
from redes_desktop.passwords import strength, wordlist
from redes_desktop.passwords.rotation import RotationState, add_months, classify, due_date

DRAWS = 3000


def _class_of(char: str) -> str:
    for name, chars in (("lower", g.LOWER), ("upper", g.UPPER), ("digits", g.DIGITS),
                        ("specials", g.SPECIALS)):
        if char in chars:
            return name
    raise AssertionError(f"unexpected character {char!r}")


@pytest.mark.parametrize("settings", [
    g.PasswordSettings(),
    g.PasswordSettings(length=12, exclude_look_alike=True),
    g.PasswordSettings(length=16, specials=False),
    g.PasswordSettings(length=128, lower=False, upper=False),
])
def test_every_draw_has_each_chosen_class_and_no_excluded_character(settings):
    classes = settings.classes()
    for _ in range(DRAWS if settings.length < 100 else 300):
        password = g.generate_password(settings)
        assert len(password) == settings.length
        assert {_class_of(c) for c in password} >= set(classes)
        assert {_class_of(c) for c in password} <= set(classes)
        if settings.exclude_look_alike:
            assert not set(password) & set(g.LOOK_ALIKE)


def test_characters_are_uniform_enough():
    """Expected count of each character: one forced draw per class per password, then
    (length − classes) draws over the whole alphabet. Each count and the total chi-square
    must fall within ~6 sigma: a real bias (a starved class) fails, chance never does."""
    settings = g.PasswordSettings()
    classes = settings.classes()
    alphabet = "".join(classes.values())
    free = settings.length - len(classes)
    counts = Counter("".join(g.generate_password(settings) for _ in range(DRAWS)))
    chi2 = 0.0
    for name, chars in classes.items():
        p = 1 / len(chars) + free / len(alphabet)  # expected occurrences per password
        expected = DRAWS * p
        for char in chars:
            observed = counts.get(char, 0)
            assert abs(observed - expected) <= 6 * math.sqrt(expected), (name, char, observed)
            chi2 += (observed - expected) ** 2 / expected
        class_total = sum(counts.get(c, 0) for c in chars)
        assert class_total >= DRAWS  # never starved: at least one per password
    dof = len(alphabet) - 1
    assert chi2 <= dof + 6 * math.sqrt(2 * dof), chi2


def test_fisher_yates_moves_the_forced_characters():
    """The forced characters (one per class, drawn first) land anywhere: position 0 is a
    lowercase letter about 26/90 + … of the time, not always."""
    first = Counter(_class_of(g.generate_password()[0]) for _ in range(DRAWS))
    assert set(first) == {"lower", "upper", "digits", "specials"}
    assert min(first.values()) > DRAWS * 0.05


@pytest.mark.parametrize(("settings", "fragment"), [
    (g.PasswordSettings(length=8), "al menos 12"),
    (g.PasswordSettings(length=200), "máxima es 128"),
    (g.PasswordSettings(lower=False, upper=False, digits=False, specials=False),
     "al menos un tipo"),
    (g.PasswordSettings(length="20"), "entero"),  # type: ignore[arg-type]
])
def test_impossible_settings_are_refused_in_spanish(settings, fragment):
    with pytest.raises(ValidationError, match=fragment):
        g.generate_password(settings)


def test_passphrase_uses_the_word_list_and_meets_the_criterion():
    words = set(wordlist.load())
    assert len(words) == wordlist.WORD_COUNT
    assert all(4 <= len(w) <= 9 and w.isascii() and w.islower() for w in words)
    assert not any(wordlist.is_blocked(w) for w in words)
    settings = g.PassphraseSettings(words=5)
    for _ in range(200):
        phrase = g.generate_passphrase(settings)
        pieces = phrase.split("-")
        assert len(pieces) == 6
        assert sum(p.isdigit() for p in pieces) == 1
        assert all(p.lower() in words for p in pieces if not p.isdigit())
    assert settings.entropy_bits() > 64
    assert strength.evaluate(g.generate_passphrase()).meets_criterion


@pytest.mark.parametrize(("settings", "fragment"), [
    (g.PassphraseSettings(words=2), "entre 4 y 12"),
    (g.PassphraseSettings(separator=" "), "separador"),
])
def test_impossible_passphrase_settings(settings, fragment):
    with pytest.raises(ValidationError, match=fragment):
        g.generate_passphrase(settings)


def test_generated_passwords_meet_5_2_g():
    for _ in range(50):
        verdict = strength.evaluate(g.generate_password())
        assert verdict.meets_criterion, verdict.reasons
        assert verdict.score == 4


def test_account_words_count_against_the_password():
    words = strength.context_words(["@JLE_JaliscoINE", "Junta Local Ejecutiva en Jalisco"])
    assert {"jalisco", "jle", "junta", "instituto nacional electoral"} <= set(words)
    verdict = strength.evaluate("Jalisco2026!", words)
    assert not verdict.meets_criterion
    assert any("«jalisco»" in r for r in verdict.reasons)
    assert any("fortaleza" in r for r in verdict.reasons)


def test_each_penalty_has_a_reason():
    verdict = strength.evaluate("password")
    text = " ".join(verdict.reasons)
    assert "Mide 8 caracteres" in text
    assert "No tiene números" in text
    assert "No tiene caracteres especiales" in text
    assert verdict.warning == "Es una de las 10 contraseñas más usadas."
    assert verdict.crack_time == "menos de un segundo"
    assert strength.evaluate("").reasons == ("Escriba o genere una contraseña.",)


def test_more_than_72_characters_are_scored_on_the_first_72_and_said_so():
    verdict = strength.evaluate(g.generate_password(g.PasswordSettings(length=100)))
    assert verdict.truncated and verdict.meets_criterion


@pytest.mark.parametrize(("seconds", "text"), [
    (0.5, "menos de un segundo"), (1, "1 segundo"), (30, "30 segundos"), (3600, "1 hora"),
    (86400 * 3, "3 días"), (86400 * 62, "2 meses"), (86400 * 31 * 12 * 5, "5 años"),
    (1e12, "siglos"),
])
def test_crack_time_in_spanish(seconds, text):
    assert strength.display_time(seconds) == text


# -- two calendar months ------------------------------------------------------------------------
@pytest.mark.parametrize(("start", "due"), [
    (date(2025, 12, 31), date(2026, 2, 28)),
    (date(2027, 12, 31), date(2028, 2, 29)),
    (date(2026, 1, 31), date(2026, 3, 31)),
    (date(2026, 4, 30), date(2026, 6, 30)),
    (date(2026, 11, 30), date(2027, 1, 30)),
    (date(2026, 12, 29), date(2027, 2, 28)),
    (date(2027, 12, 29), date(2028, 2, 29)),
    (date(2026, 3, 10), date(2026, 5, 10)),
])
def test_two_calendar_months(start, due):
    assert add_months(start, 2) == due


def _utc_for_mexico(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour + 6, tzinfo=UTC)  # UTC−6


def test_due_date_uses_the_mexico_city_calendar():
    # 31 December 2025, 23:30 in México City is 1 January 2026 in UTC.
    late_night = datetime(2026, 1, 1, 5, 30, tzinfo=UTC)
    assert due_date(late_night) == date(2026, 2, 28)


def test_states_with_an_injected_clock():
    rotated = _utc_for_mexico(date(2027, 12, 31))
    at = _utc_for_mexico
    assert classify(rotated, at(date(2028, 2, 21))).state == RotationState.AL_DIA
    assert classify(rotated, at(date(2028, 2, 22))).state == RotationState.POR_VENCER
    soon = classify(rotated, at(date(2028, 2, 28)))
    assert (soon.state, soon.days_left) == (RotationState.POR_VENCER, 1)
    today = classify(rotated, at(date(2028, 2, 29)))
    assert (today.state, today.days_left, today.due_on) == (
        RotationState.VENCIDA, 0, date(2028, 2, 29))
    assert "Vence hoy" in today.reason
    late = classify(rotated, at(date(2028, 3, 3)))
    assert late.days_left == -3 and "hace 3 días" in late.reason


def test_never_rotated_or_compromised_is_due_now():
    now = datetime(2026, 3, 10, 18, tzinfo=UTC)
    assert classify(None, now).state == RotationState.VENCIDA
    rotated = now - timedelta(days=3)
    compromised = classify(rotated, now, incident_after=now - timedelta(hours=1))
    assert compromised.state == RotationState.VENCIDA and "6.xxx" in compromised.reason
    rotated_since = classify(now, now, incident_after=now - timedelta(hours=1))
    assert rotated_since.state == RotationState.AL_DIA
