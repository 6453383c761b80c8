"""6.xxviii: repeated texts, posting rhythm and mass mentions."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from redes_desktop.checks.model import CheckInput, RecentPost, Severity
from redes_desktop.checks.rule_spam import SpamRule, normalise, similarity
from redes_desktop.models.enums import Network

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)

POST = (
    "El INE invita a la ciudadanía a consultar la ubicación de su casilla en ine.mx/casilla. "
    "Recuerda llevar tu credencial para votar vigente; la jornada electoral inicia a las 8:00 "
    "horas en todo el país. #VotoInformado"
)
OTHER = (
    "La Junta Local Ejecutiva de Jalisco informa que el periodo de registro de observadores "
    "electorales concluye el próximo viernes. Consulta los requisitos en la página del "
    "Instituto y acude a tu junta distrital. #Observación"
)


def item(text: str = POST, recent=(), now=NOW, **kwargs) -> CheckInput:
    return CheckInput(text=text, network=Network.X, recent_posts=tuple(recent), now=now,
                      **kwargs)


def ago(**delta) -> datetime:
    return NOW - timedelta(**delta)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


@pytest.mark.parametrize(
    "previous",
    [
        POST,
        POST.upper(),
        POST.replace("ciudadanía", "ciudadania").replace("ubicación", "ubicacion"),
        POST.replace("vigente", "actualizada"),
        POST.replace("#VotoInformado", "#VotaInformado") + " ¡Participa!",
        "  " + POST.replace(";", ",") + "!!",
    ],
)
def test_near_duplicate_in_the_last_week_warns(previous: str) -> None:
    (finding,) = SpamRule().check(item(recent=[RecentPost(previous, ago(days=2))]))
    assert (finding.code, finding.severity, finding.rule) == (
        "duplicado", Severity.ADVIERTE, "6.xxviii")
    assert "6.xxviii" in finding.message and "publicado" in finding.message
    assert (finding.start, finding.end) == (0, 0)


def test_scheduled_duplicate_warns_too() -> None:
    (finding,) = SpamRule().check(item(recent=[RecentPost(POST, NOW + timedelta(days=1))]))
    assert "programado" in finding.message


@pytest.mark.parametrize(
    ("previous", "when"),
    [
        (OTHER, ago(hours=1)),
        (POST, ago(days=8)),  # older than a week
        (POST, NOW + timedelta(days=8)),
        ("El INE invita a la ciudadanía a consultar la ubicación de su casilla.", ago(hours=3)),
        ("", ago(hours=3)),
    ],
)
def test_different_or_old_texts_pass(previous: str, when: datetime) -> None:
    assert SpamRule().check(item(recent=[RecentPost(previous, when)])) == []


def test_without_now_every_recent_post_counts() -> None:
    rule = SpamRule()
    assert codes(rule.check(item(recent=[RecentPost(POST, ago(days=30))], now=None))) == [
        "duplicado"]


def test_naive_datetimes_are_read_as_utc() -> None:
    naive = (NOW - timedelta(days=1)).replace(tzinfo=None)
    assert codes(SpamRule().check(item(recent=[RecentPost(POST, naive)]))) == ["duplicado"]


def test_similarity_values() -> None:
    a = normalise(POST)
    assert similarity(a, a) == 1.0
    assert similarity(a, normalise(OTHER)) < 0.5
    assert similarity(a, normalise(POST.replace("vigente", "actualizada"))) >= 0.9
    assert similarity((), a) == 0.0
    assert normalise("¡Hola, CIUDADANÍA!") == ("hola", "ciudadania")


def rhythm_posts(count: int, every_minutes: int) -> list[RecentPost]:
    return [RecentPost(f"Aviso número {i} sobre un tema distinto {i * 7}", ago(
        minutes=every_minutes * (i + 1))) for i in range(count)]


@pytest.mark.parametrize(
    ("count", "every", "max_posts", "window", "warns"),
    [
        (5, 10, 6, 60, False),  # 5 + this one = 6 in an hour: at the limit
        (6, 9, 6, 60, True),  # 7 in an hour
        (6, 11, 6, 60, False),  # the 6th is 66 minutes ago: outside the window
        (2, 5, 2, 30, True),
        (0, 5, 1, 30, False),
    ],
)
def test_rhythm(count: int, every: int, max_posts: int, window: int, warns: bool) -> None:
    findings = SpamRule().check(item(
        text="Un texto nuevo", recent=rhythm_posts(count, every), rhythm_max_posts=max_posts,
        rhythm_window_minutes=window))
    assert codes(findings) == (["ritmo"] if warns else [])
    if warns:
        assert str(max_posts) in findings[0].message


def test_rhythm_counts_scheduled_posts_around_now() -> None:
    recent = [RecentPost(f"Programada {i}", NOW + timedelta(minutes=5 * i)) for i in range(1, 4)]
    recent += [RecentPost(f"Publicada {i}", ago(minutes=5 * i)) for i in range(1, 3)]
    findings = SpamRule().check(item(text="Nuevo", recent=recent, rhythm_max_posts=5,
                                     rhythm_window_minutes=30))
    assert codes(findings) == ["ritmo"]


def test_rhythm_needs_now() -> None:
    assert SpamRule().check(item(text="x", recent=rhythm_posts(10, 1), now=None,
                                 rhythm_max_posts=2)) == []


@pytest.mark.parametrize(
    ("mentions", "warns"),
    [(5, False), (6, True), (12, True)],
)
def test_mass_mentions(mentions: int, warns: bool) -> None:
    handles = " ".join(f"@cuenta{i}" for i in range(mentions))
    text = f"🗳️ Hola {handles} gracias"
    findings = SpamRule().check(item(text=text))
    assert codes(findings) == (["menciones_masivas"] if warns else [])
    if warns:
        assert text[findings[0].start:findings[0].end] == handles


def test_empty_text() -> None:
    assert SpamRule().check(item(text="", recent=[RecentPost("", ago(hours=1))])) == []


def test_a_megabyte_finishes() -> None:
    text = (POST + " ") * (1_000_000 // (len(POST) + 1))
    recent = [RecentPost(POST, ago(hours=i)) for i in range(20)]
    started = time.perf_counter()
    SpamRule().check(item(text=text, recent=recent))
    # A hang guard against catastrophic regex backtracking, not a speed target: speed is
    # measured by benchmarks/ (make bench), never by timed tests.
    assert time.perf_counter() - started < 30.0


def test_many_recent_posts_are_cheap() -> None:
    recent = [RecentPost(f"{OTHER} variante {i}", ago(minutes=30 * i)) for i in range(300)]
    rule = SpamRule()
    rule.check(item(recent=recent))  # warm the normalisation cache
    assert rule.check(item(recent=recent)) == rule.check(item(recent=recent))


# -- the account's periodicity (6.xxi) sets the rhythm, from resources/checks/spam.json --------

def test_settings_come_from_the_data_file() -> None:
    from redes_desktop.checks.rule_spam import load_settings

    settings = load_settings()
    rule = SpamRule()
    assert rule.threshold == settings["duplicate"]["similarity_threshold"]
    assert rule.window == timedelta(days=settings["duplicate"]["window_days"])
    assert rule.max_mentions == settings["max_mentions"]
    assert set(settings["rhythms"]) == {"diaria", "semanal"}  # Account.rhythm's values


def test_rhythm_limits_per_periodicity() -> None:
    from redes_desktop.checks.engine import CheckRequest
    from redes_desktop.checks.rule_spam import load_settings, rhythm_limits

    rhythms = load_settings()["rhythms"]
    for name, limits in rhythms.items():
        assert rhythm_limits(name) == (limits["max_posts"], limits["window_minutes"])
    assert rhythm_limits("Semanal ") == rhythm_limits("semanal")
    assert rhythm_limits(None) == rhythm_limits("quincenal") == rhythm_limits("diaria")
    # the request's defaults are the default periodicity's
    default = CheckRequest("x", networks=())
    assert (default.rhythm_max_posts, default.rhythm_window_minutes) == rhythm_limits(None)


def test_a_weekly_account_warns_sooner_than_a_daily_one() -> None:
    from redes_desktop.checks.rule_spam import rhythm_limits

    recent = rhythm_posts(3, 5 * 60)  # three posts in the last 15 hours
    verdicts = {}
    for rhythm in ("diaria", "semanal"):
        max_posts, window = rhythm_limits(rhythm)
        verdicts[rhythm] = codes(SpamRule().check(item(
            text="Un texto nuevo", recent=recent, rhythm_max_posts=max_posts,
            rhythm_window_minutes=window)))
    assert verdicts == {"diaria": [], "semanal": ["ritmo"]}
