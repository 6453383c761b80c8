"""The checking engine: normalise the text, run every rule, gather the findings.

Rules that look only at the text run once per check; rules that depend on the network (limits,
media) run for each network asked for. `build_engine()` wires the rules from their modules with
the data files in `resources/checks/` and the user's institutional dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from redes_desktop.checks.model import (
    MAX_FINDINGS_PER_RULE,
    CheckInput,
    CheckResult,
    Finding,
    InstitutionalContacts,
    PostDetails,
    RecentPost,
    Rule,
    Severity,
    limit_findings,
)
from redes_desktop.models.enums import Network

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_REPLACEMENT_RUN = re.compile("\ufffd+")
LengthOf = Callable[[str, Network], tuple[int, int]]


def normalise(text: str) -> tuple[str, list[Finding]]:
    """NFC text with lone surrogates (invalid Unicode) replaced by U+FFFD and reported (a run of
    them is one finding, and at most `MAX_FINDINGS_PER_RULE` are listed)."""
    findings: list[Finding] = []
    text = _LONE_SURROGATE.sub("\ufffd", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\ufffd" not in text:
        return text, findings
    for run in _REPLACEMENT_RUN.finditer(text):
        count = run.end() - run.start()
        again = f" (se repite {count} veces seguidas)" if count > 1 else ""
        findings.append(
            Finding(
                rule="6.xxiv",
                severity=Severity.ADVIERTE,
                code="invalid-unicode",
                message=f"Hay un carácter no válido (�): vuelva a escribirlo o bórrelo.{again}",
                start=run.start(),
                end=run.end(),
                suggestions=("",),
            )
        )
    return text, limit_findings(findings, "6.xxiv")


@dataclass(frozen=True)
class CheckRequest:
    text: str
    networks: tuple[Network, ...]
    images: tuple[Path, ...] = ()
    alt_texts: tuple[str, ...] = ()
    is_reply: bool = False
    is_direct: bool = False  # a private message: the network's direct-message limits (6.xxii)
    recent_posts: tuple[RecentPost, ...] = ()
    now: datetime | None = None
    rhythm_max_posts: int = 6
    rhythm_window_minutes: int = 60
    contacts: InstitutionalContacts = InstitutionalContacts()
    videos: tuple[Path, ...] = ()
    details: PostDetails | None = None


@dataclass
class CheckEngine:
    text_rules: list[Rule] = field(default_factory=list)
    network_rules: list[Rule] = field(default_factory=list)
    length_of: LengthOf | None = None
    # Extra status lines from rules (e.g. "LanguageTool no disponible: …"), for the UI.
    status: dict[str, str] = field(default_factory=dict)
    # Each rule's findings: runs of identical ones collapsed, at most this many and a summary
    # (None: passed through untouched, for tests of what the UI does with floods).
    max_findings_per_rule: int | None = MAX_FINDINGS_PER_RULE

    def _limited(self, findings: list[Finding], rule_id: str) -> list[Finding]:
        if self.max_findings_per_rule is None:
            return findings
        return limit_findings(findings, rule_id, self.max_findings_per_rule)

    def check(self, request: CheckRequest) -> dict[Network, CheckResult]:
        text, base = normalise(request.text)
        item = CheckInput(
            text=text,
            network=request.networks[0] if request.networks else Network.OTRA,
            images=tuple(request.images),
            alt_texts=tuple(request.alt_texts),
            is_reply=request.is_reply,
            is_direct=request.is_direct,
            recent_posts=tuple(request.recent_posts),
            now=request.now,
            rhythm_max_posts=request.rhythm_max_posts,
            rhythm_window_minutes=request.rhythm_window_minutes,
            contacts=request.contacts,
            videos=tuple(request.videos),
            details=request.details,
        )
        shared = list(base)
        for rule in self.text_rules:
            shared.extend(self._limited(rule.check(item), rule.rule_id))
            note = getattr(rule, "languagetool_status", None)
            if note is not None or rule.rule_id == "6.xxiv":
                if note:
                    self.status["languagetool"] = note
                else:
                    self.status.pop("languagetool", None)
        results: dict[Network, CheckResult] = {}
        for network in request.networks or (Network.OTRA,):
            per_network = replace(item, network=network)
            findings = list(shared)
            for rule in self.network_rules:
                findings.extend(self._limited(rule.check(per_network), rule.rule_id))
            findings.sort(key=lambda f: (f.start, f.end, f.severity != Severity.BLOQUEA, f.rule))
            used, limit = self.length_of(text, network) if self.length_of else (len(text), 0)
            results[network] = CheckResult(
                text=text, network=network, weighted_length=used, limit=limit, findings=findings
            )
        return results

    def warm_up(self) -> None:
        """Run every rule once on a sample, where the engine is built (off the UI thread).

        The first check pays for lazy imports and compiled tables (twitter-text's emoji
        expressions, dictionary suggestions): compiling a large regular expression holds the
        interpreter lock for tens of milliseconds, which stalled the window's event loop on
        the first keystrokes when it happened during typing."""
        sample = ("Hola, consulta la publicacion en https://www.ine.mx y escribe a "
                  "@INEMexico 🗳️ #INE. ¿Dudas? Llama al 800 433 2000.")
        self.check(CheckRequest(text=sample, networks=tuple(Network), is_reply=True))

    def check_one(
        self,
        text: str,
        network: Network,
        *,
        images: Sequence[Path] = (),
        alt_texts: Sequence[str] = (),
        is_reply: bool = False,
        recent_posts: Iterable[RecentPost] = (),
        now: datetime | None = None,
    ) -> CheckResult:
        request = CheckRequest(
            text=text,
            networks=(network,),
            images=tuple(images),
            alt_texts=tuple(alt_texts),
            is_reply=is_reply,
            recent_posts=tuple(recent_posts),
            now=now,
        )
        return self.check(request)[network]


def build_engine(
    *,
    user_dictionary: Path | None = None,
    official_domains: Sequence[str] = (),
    languagetool_url: str = "",
    spelling: bool = True,
    fast_suggestions: bool = False,
) -> CheckEngine:
    """The engine with every rule. Slow pieces (dictionaries) load here: call off the UI thread.
    `fast_suggestions` starts building the spelling suggestion index in the background."""
    from redes_desktop.checks.registry import make_rules

    text_rules, network_rules, length_of = make_rules(
        user_dictionary=user_dictionary,
        official_domains=official_domains,
        languagetool_url=languagetool_url,
        spelling=spelling,
        fast_suggestions=fast_suggestions,
    )
    engine = CheckEngine(text_rules=text_rules, network_rules=network_rules, length_of=length_of)
    engine.warm_up()
    return engine
