"""Issue 16: the offline rules with the grammar patterns on a 280-character post (p95 ≤ 5 ms),
compared in the same run with the same engine without them, and spelling suggestions per word
from the precomputed index with each backend (≤ 50 ms), compared with the backend's own."""

from __future__ import annotations

import importlib.util
from dataclasses import replace

from benchmarks.harness import (
    Result,
    interleave,
    latency_result,
    measure,
    measure_interleaved,
    median,
)

# 280 characters with a few of the mistakes the grammar patterns look for.
POST = (
    "¿Que necesitas para votar? Tu credencial vigente. Los ciudadano que aun no la tienen "
    "pueden acudir al modulo mas cercano; haber si alcanzas cita. Creo de que vale la pena: "
    "el domingo botamos todos. Consulta https://www.ine.mx y ubica tu casilla. #VotoINE @INEMexico"
)[:280]
WORDS = ["publicacion", "cidadano", "credensial", "votasion", "consejro", "ciudadnos",
         "inforrmación", "casiya", "dezde", "Queretaro", "partisipacion", "exijencia",
         "istoria", "acer", "anio", "ivitamos", "sicologia", "rexultados", "particpar", "zzzqqq"]


def _rules(quick: bool) -> list[Result]:
    import os
    import time

    from redes_desktop.checks.engine import CheckRequest, build_engine
    from redes_desktop.checks.rule_spelling import SpellingRule
    from redes_desktop.gc_tuning import freeze_long_lived_objects
    from redes_desktop.models.enums import Network

    with_grammar = build_engine()
    without = build_engine()
    for rule in without.text_rules:
        if isinstance(rule, SpellingRule):
            rule.grammar = None
    freeze_long_lived_objects()  # as the composer does once its engine is built
    request = CheckRequest(text=POST, networks=(Network.X,))
    found = [f.code for f in with_grammar.check(request)[Network.X].findings
             if f.code.startswith("gramatica:")]
    if len(found) < 6:
        raise RuntimeError(f"the post should give grammar findings, got {found}")
    repeat = 200 if quick else 2000
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    base, samples = measure_interleaved(lambda: without.check(request),
                                        lambda: with_grammar.check(request),
                                        repeat=repeat, warmup=20)
    row = latency_result("grammar: offline rules",
                         f"all offline rules + grammar, 280-char post (wall; load {load:.1f} "
                         f"on {os.cpu_count()} cores)", samples, p95_max_ms=5.0)

    def cpu(engine):  # the work itself: the thread's CPU time, which preemption does not add to
        def run() -> float:
            start = time.thread_time()
            engine.check(request)
            return time.thread_time() - start
        return run

    cpu_base, cpu_samples = interleave(cpu(without), cpu(with_grammar), repeat, warmup=20)
    cpu_row = latency_result("grammar: offline rules (CPU)",
                             "same check, thread CPU time per check", cpu_samples)
    return [replace(row, baseline_name="same rules without grammar",
                    baseline_median=median(base) * 1000),
            replace(cpu_row, baseline_name="same rules without grammar (CPU)",
                    baseline_median=median(cpu_base) * 1000)]


def _suggestions(quick: bool) -> list[Result]:
    from redes_desktop.checks.spelling import (
        SHIPPED_DICTIONARIES_DIR,
        EnchantChecker,
        SpyllsChecker,
    )
    from redes_desktop.checks.suggest_index import shared_index

    stem = SHIPPED_DICTIONARIES_DIR / "hunspell" / "es_MX"
    index = shared_index(stem.with_suffix(".dic"), stem.with_suffix(".aff"))
    if not index.wait(300):
        raise RuntimeError(f"suggestion index not built: {index.error}")
    backends = [("enchant", EnchantChecker.load())]
    if importlib.util.find_spec("spylls") is not None:
        backends.append(("spylls", SpyllsChecker.load()))
    rows: list[Result] = []
    rounds = 2 if quick else 10
    for name, backend in backends:
        if backend is None:
            continue
        backend.check("hola")  # load
        samples = measure(lambda b=backend: [index.suggest(w, b.check) for w in WORDS],
                          repeat=rounds, warmup=1)
        per_word = [s / len(WORDS) for s in samples]
        # The per-word p95 over single words (the list timing above is the median's source).
        single = [t for w in WORDS for t in measure(
            lambda w=w, b=backend: index.suggest(w, b.check), repeat=rounds, warmup=0)]
        own = measure(lambda b=backend: b.suggest("cidadano"), repeat=1 if name == "spylls" else 5)
        row = latency_result(f"spelling: suggestions ({name})",
                             f"index, per word ({len(WORDS)} misspellings)", single,
                             p95_max_ms=50.0)
        rows.append(replace(row, median=median(per_word) * 1000,
                            baseline_name=f"{name}'s own suggest (1 word)",
                            baseline_median=median(own) * 1000))
    return rows


def run(quick: bool) -> list[Result]:
    return _rules(quick) + _suggestions(quick)
