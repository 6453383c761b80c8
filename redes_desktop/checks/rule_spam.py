"""6.xxviii — no indiscriminate sending of messages (spam).

Warns when:

- the same or nearly the same text (similarity ≥ 0.9 after folding case, accents and
  punctuation) was already published or scheduled on the account within 7 days of `now`;
- this post would exceed the account's rhythm: more than `rhythm_max_posts` posts in any window
  of `rhythm_window_minutes` that contains `now` (published and scheduled posts both count);
  `rhythm_limits()` gives both for the periodicity the account declares (`Account.rhythm`,
  "diaria" or "semanal", criterion 6.xxi);
- the post mentions more than 5 @handles (mass mentions).

The numbers above are the defaults of `resources/checks/spam.json`, where they are changed.

Similarity is measured cheaply first and precisely only when needed: a word-set Jaccard gate
(< 0.5 is never a near-duplicate), then difflib on the word sequence, then, for borderline cases
only, difflib on the characters (≈1 ms for 280 characters, too slow to run on every pair).
Post-level findings (duplicate, rhythm) have an empty span at 0.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from difflib import SequenceMatcher
from functools import cache, lru_cache

from redes_desktop.checks import text_tokens
from redes_desktop.checks.model import CheckInput, Finding, RecentPost, Severity
from redes_desktop.clock import MEXICO_TZ
from redes_desktop.resource_files import resource_path

RULE_ID = "6.xxviii"
SETTINGS_FILE = resource_path("checks/spam.json")
_WORD_RE = re.compile(r"[^\W_]+")
_MARKS_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=512)
def normalise(text: str) -> tuple[str, ...]:
    """Words of `text`, case-folded and without accents or punctuation."""
    folded = _MARKS_RE.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return tuple(_WORD_RE.findall(folded))


def similarity(a: tuple[str, ...], b: tuple[str, ...], threshold: float = 0.9) -> float:
    """Similarity in [0, 1] of two normalised texts; exact only when it can reach `threshold`."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return 0.0  # the lengths alone rule it out (difflib's real_quick_ratio)
    set_a, set_b = set(a), set(b)
    if len(set_a & set_b) / len(set_a | set_b) < 0.5:
        return 0.0
    words = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if words >= threshold or words < 0.7:
        return words
    chars = SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False)
    if chars.quick_ratio() < threshold:
        return words
    return max(words, chars.ratio())


@cache
@cache
def load_settings() -> dict:
    """The contents of `spam.json` (read once; do not modify the returned dict)."""
    return json.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


def rhythm_limits(rhythm: str | None) -> tuple[int, int]:
    """(max posts, window in minutes) for an account's periodicity ("diaria", "semanal").

    An unknown or missing periodicity gets the file's `default_rhythm`.
    """
    settings = load_settings()
    rhythms = settings["rhythms"]
    chosen = rhythms.get((rhythm or "").strip().lower()) or rhythms[settings["default_rhythm"]]
    return int(chosen["max_posts"]), int(chosen["window_minutes"])


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _local(moment: datetime) -> str:
    return _aware(moment).astimezone(MEXICO_TZ).strftime("%d/%m/%Y a las %H:%M")


class SpamRule:
    rule_id = RULE_ID

    def __init__(
        self, threshold: float | None = None, days: int | None = None,
        max_mentions: int | None = None,
    ) -> None:
        settings = load_settings()
        duplicate = settings["duplicate"]
        self.threshold = float(duplicate["similarity_threshold"] if threshold is None
                               else threshold)
        self.window = timedelta(days=duplicate["window_days"] if days is None else days)
        self.max_mentions = int(settings["max_mentions"] if max_mentions is None
                                else max_mentions)

    def _duplicate(self, item: CheckInput, now: datetime | None) -> Finding | None:
        mine = normalise(item.text)
        if not mine:
            return None
        best: tuple[float, RecentPost] | None = None
        for post in item.recent_posts:
            if now is not None and abs(_aware(post.at) - now) > self.window:
                continue
            score = similarity(mine, normalise(post.text), self.threshold)
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, post)
        if best is None:
            return None
        score, post = best
        when = "publicado o programado" if now is None else (
            "programado" if _aware(post.at) > now else "publicado")
        same = "el mismo texto" if score == 1.0 else f"un texto casi igual ({score:.0%} similar)"
        return Finding(
            RULE_ID, Severity.ADVIERTE,
            f"La cuenta ya tiene {same} {when} el {_local(post.at)}. El criterio 6.xxviii pide "
            "no enviar mensajes de forma indiscriminada (spam): cambia el texto o no lo repitas.",
            0, 0, (), "duplicado")

    def _rhythm(self, item: CheckInput, now: datetime) -> Finding | None:
        window = timedelta(minutes=item.rhythm_window_minutes)
        near = sorted(
            t for t in (_aware(p.at) for p in item.recent_posts) if abs(t - now) < window
        )
        if len(near) + 1 <= item.rhythm_max_posts:
            return None
        times = sorted([*near, now])
        busiest = 0
        for i, start in enumerate(times):
            if start > now:
                break
            count = sum(1 for t in times[i:] if t < start + window)
            if start + window > now:
                busiest = max(busiest, count)
        if busiest <= item.rhythm_max_posts:
            return None
        return Finding(
            RULE_ID, Severity.ADVIERTE,
            f"Con esta publicación la cuenta tendría {busiest} publicaciones en "
            f"{item.rhythm_window_minutes} minutos, y su ritmo es de máximo "
            f"{item.rhythm_max_posts}. El criterio 6.xxviii pide no saturar a los seguidores "
            "(spam): espacia las publicaciones.",
            0, 0, (), "ritmo")

    def _mentions(self, text: str) -> Finding | None:
        spans = text_tokens.mention_spans(text)
        if len(spans) <= self.max_mentions:
            return None
        return Finding(
            RULE_ID, Severity.ADVIERTE,
            f"La publicación menciona a {len(spans)} cuentas. Las menciones masivas se consideran "
            f"spam (criterio 6.xxviii): etiqueta solo a quienes protagonizan la publicación "
            f"(6.xiii), como máximo {self.max_mentions}.",
            spans[0][0], spans[-1][1], (), "menciones_masivas")

    def check(self, item: CheckInput) -> list[Finding]:
        now = _aware(item.now) if item.now else None
        findings = [
            self._mentions(item.text),
            self._duplicate(item, now) if item.recent_posts else None,
            self._rhythm(item, now) if item.recent_posts and now else None,
        ]
        return [f for f in findings if f is not None]
