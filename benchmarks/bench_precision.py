"""False alarms of the text rules on clean Spanish (issue 16).

The corpus in `benchmarks/corpus/` (written for this project, CC0) holds institutional-style INE
posts and ordinary Mexican Spanish prose, all clean by construction: any finding on them is a
false alarm. Each text is checked as a post and as a reply (6.xx only looks at replies); a rule
raises a false alarm on a text when it reports anything in either. The rows give the share of
texts per rule and corpus. 6.iii and 6.xx (this issue's rules) have a target of at most 2 %; the
others are informational.

`python -m benchmarks.bench_precision` also prints each false alarm, to look at them.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from benchmarks.harness import Result

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = {"institucional": "institucional.txt", "prosa": "prosa.txt"}
TARGETS = {"6.iii": 2.0, "6.xx": 2.0}  # per cent of texts, at most


def load(name: str) -> list[str]:
    lines = (CORPUS / FILES[name]).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def false_alarms(spelling: bool = False) -> dict[str, tuple[int, dict[str, list[tuple]]]]:
    """corpus → (texts, rule → [(text, code, what)]) for every finding on the clean corpus."""
    from redes_desktop.checks.engine import CheckRequest, build_engine
    from redes_desktop.models.enums import Network

    engine = build_engine(spelling=spelling)
    engine.network_rules = []  # media and length depend on attachments, not on the words
    out = {}
    for name in FILES:
        texts = load(name)
        by_rule: dict[str, list[tuple]] = defaultdict(list)
        for text in texts:
            seen: set[tuple] = set()
            for reply in (False, True):
                request = CheckRequest(text=text, networks=(Network.X,), is_reply=reply)
                for finding in engine.check(request)[Network.X].findings:
                    key = (finding.rule, finding.code, text[finding.start:finding.end])
                    if key not in seen:
                        seen.add(key)
                        by_rule[finding.rule].append((text, finding.code,
                                                      text[finding.start:finding.end]))
        out[name] = (len(texts), dict(by_rule))
    return out


RULES = ("6.iii", "6.xx", "6.vi", "6.xxv", "6.xxiv", "6.xxviii")
# 6.xxiv's parts, each with its own row: (label, which finding codes belong to it).
SPELLING_PARTS = (
    ("ortografía (diccionario)", lambda code: code == "ortografia"),
    ("gramática: patrones de contexto", lambda code: code.startswith("gramatica:") and code
     not in ("gramatica:concordancia", "gramatica:concordancia_sujeto_verbo")),
    ("gramática: artículo–sustantivo–adjetivo", lambda code: code == "gramatica:concordancia"),
    ("gramática: sujeto–verbo", lambda code: code == "gramatica:concordancia_sujeto_verbo"),
)


def _row(name: str, label: str, texts: set[str], count: int, target: float | None) -> Result:
    rate = 100 * len(texts) / count
    return Result(
        name=f"false alarms {label} ({name})",
        measured=f"{len(texts)} of {count} clean texts flagged (post or reply)",
        median=rate, unit="%",
        target=f"≤ {target:g} %" if target is not None else "",
        passed=None if target is None else rate <= target, samples=count,
    )


def run(quick: bool) -> list[Result]:
    results = []
    for name, (count, by_rule) in false_alarms(spelling=True).items():
        for rule in sorted(set(RULES) | set(by_rule)):
            hits = by_rule.get(rule, [])
            results.append(_row(name, rule, {t for t, _, _ in hits}, count, TARGETS.get(rule)))
            if rule == "6.xxiv":
                for label, belongs in SPELLING_PARTS:
                    texts = {t for t, code, _ in hits if belongs(code)}
                    results.append(_row(name, f"6.xxiv {label}", texts, count, None))
    return results


def main() -> None:
    for name, (count, by_rule) in false_alarms(spelling="--spelling" in sys.argv).items():
        print(f"== {name}: {count} texts")
        for rule, hits in sorted(by_rule.items()):
            texts = {t for t, _, _ in hits}
            print(f"  {rule}: {len(texts)} texts ({100 * len(texts) / count:.1f} %)")
            for text, code, what in hits:
                print(f"      {code}: «{what}» in: {text[:90]}")


if __name__ == "__main__":
    main()
