"""What a check looks at and what it reports. Plain data shared by every rule (no Qt).

Offsets are Unicode code points into the NFC-normalised text (`CheckInput.text`). The UI converts
them to UTF-16 positions (QString) itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from redes_desktop.models.enums import Network


class Severity(StrEnum):
    BLOQUEA = "bloquea"  # the post may not be published
    ADVIERTE = "advierte"  # the administrator should look


@dataclass(frozen=True)
class Finding:
    rule: str  # the criterion id, e.g. "6.xxvi"
    severity: Severity
    message: str  # Spanish: what is wrong and how to fix it
    start: int = 0
    end: int = 0
    suggestions: tuple[str, ...] = ()
    code: str = ""  # a stable machine name for the specific problem, e.g. "curp"
    summary: bool = False  # stands for the findings left out past the cap (`cap_findings`)

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestions": list(self.suggestions),
        }


@dataclass(frozen=True)
class RecentPost:
    """A post already published or scheduled on the account (for the spam rule, 6.xxviii)."""

    text: str
    at: datetime


@dataclass(frozen=True)
class InstitutionalContacts:
    """What an area publishes on purpose (6.iii lets it through): its phone numbers, e-mail
    addresses (or `@domain` entries) and street addresses. Taken from the account's area."""

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True)
class CouncilContext:
    """A Consejo General session the post falls in (6.xxvii) and the account's other posts
    published or scheduled during it, as (text, topic) pairs."""

    title: str
    other_posts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PostDetails:
    """What the composer knows beyond the text (None in a check that has no post, such as the
    command line's): the purpose of section 3 ("" when none was chosen, 6.i), the source of
    its facts (6.iv), the headline of the bulletin it links (6.x), its topic and the Consejo
    General session it falls in (6.xxvii), and until when it is valid (5.2 d)."""

    purpose: str = ""
    source: str = ""
    bulletin_headline: str = ""
    topic: str = ""
    valid_until: date | None = None
    council: CouncilContext | None = None


@dataclass(frozen=True)
class CheckInput:
    text: str  # already NFC-normalised by the engine
    network: Network
    images: tuple[Path, ...] = ()
    alt_texts: tuple[str, ...] = ()
    is_reply: bool = False
    is_direct: bool = False  # a private message (the answer to a direct message): its limits
    recent_posts: tuple[RecentPost, ...] = ()
    now: datetime | None = None
    # Account rhythm for 6.xxviii: at most this many posts in `rhythm_window_minutes`.
    rhythm_max_posts: int = 6
    rhythm_window_minutes: int = 60
    # The account's area's published contacts (6.iii) and files given as videos (6.xxvi).
    contacts: InstitutionalContacts = InstitutionalContacts()
    videos: tuple[Path, ...] = ()
    details: PostDetails | None = None


MAX_FINDINGS_PER_RULE = 200  # past this, one summary finding: a pasted document stays usable


def cap_findings(
    findings: list[Finding], rule: str, code: str, summary: str,
    limit: int = MAX_FINDINGS_PER_RULE,
) -> list[Finding]:
    """The first `limit` findings (sorted by position) and one finding counting the rest.

    `summary` is a Spanish sentence with `{n}` for the count. The summary has an empty span where
    the first left-out finding starts, and blocks when any left-out finding blocks, so capping
    never changes whether the post is publishable.
    """
    if len(findings) <= limit:
        return findings
    kept, rest = findings[:limit], findings[limit:]
    blocks = any(f.severity == Severity.BLOQUEA for f in rest)
    at = rest[0].start
    kept.append(Finding(rule, Severity.BLOQUEA if blocks else Severity.ADVIERTE,
                        summary.format(n=len(rest)), at, at, (), code, summary=True))
    return kept


_MORE = ("Y {n} observaciones más de este criterio a partir de aquí: son demasiadas para "
         "marcarlas una por una. Corrija las anteriores y vuelva a revisar.")


def collapse_runs(findings: list[Finding]) -> list[Finding]:
    """Findings sorted by position, each run of touching identical findings (same rule, code,
    severity and message; e.g. one per character of a run of invalid characters) made one that
    spans the run and says how many it stands for."""
    ordered = sorted(findings, key=lambda f: (f.start, f.end))
    out: list[Finding] = []
    run = 1
    for finding in ordered:
        last = out[-1] if out else None
        if (last is not None and finding.start == last.end and finding.end > finding.start
                and (finding.rule, finding.code, finding.severity, finding.message,
                     finding.suggestions) == (last.rule, last.code, last.severity,
                                              _base_message(last, run), last.suggestions)):
            run += 1
            out[-1] = replace(last, end=finding.end,
                              message=f"{finding.message} (se repite {run} veces seguidas)")
            continue
        run = 1
        out.append(finding)
    return out


def _base_message(finding: Finding, run: int) -> str:
    suffix = f" (se repite {run} veces seguidas)"
    return finding.message[: -len(suffix)] if run > 1 else finding.message


def limit_findings(
    findings: list[Finding], rule: str, limit: int = MAX_FINDINGS_PER_RULE
) -> list[Finding]:
    """What the engine keeps of one rule's findings: runs collapsed, then at most
    `MAX_FINDINGS_PER_RULE` and a summary (never changing whether the post is publishable)."""
    if len(findings) < 2:
        return findings
    own_summaries = [f for f in findings if f.summary]  # the rule capped itself already
    plain = [f for f in findings if not f.summary] if own_summaries else findings
    return cap_findings(collapse_runs(plain), rule, "mas_observaciones", _MORE,
                        limit) + own_summaries


class Rule(Protocol):
    """A small unit checking one criterion."""

    rule_id: str

    def check(self, item: CheckInput) -> list[Finding]: ...


@dataclass
class CheckResult:
    text: str
    network: Network
    weighted_length: int
    limit: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return not any(f.severity == Severity.BLOQUEA for f in self.findings)

    def as_json(self) -> dict:
        return {
            "publishable": self.publishable,
            "network": self.network.value,
            "weighted_length": self.weighted_length,
            "limit": self.limit,
            "findings": [f.as_json() for f in self.findings],
        }
