"""Benchmarks of Redes INE: `make bench` (or `python -m benchmarks`) runs them and prints a table.

Command line::

    python -m benchmarks                      # every benchmark, full repetitions
    python -m benchmarks --quick              # fewer repetitions (smoke run, CI)
    python -m benchmarks --only startup       # only benchmarks/bench_startup.py (repeatable)
    python -m benchmarks --json out.json      # also write the results as JSON
    python -m benchmarks --strict             # exit 1 when a target is missed (default: exit 0)
    python -m benchmarks --list               # list the benchmarks found

`make bench ARGS="--only startup --quick"` passes the same options.

Adding a benchmark
------------------
Create `benchmarks/bench_<name>.py` (it is found automatically; `--only <name>` selects it) with::

    from benchmarks.harness import Result, latency_result, measure

    def run(quick: bool) -> list[Result]:
        repeat = 30 if quick else 200
        samples = measure(lambda: do_the_thing(), repeat=repeat, warmup=3)   # seconds
        return [
            latency_result("composer: count", "weighted length of a 280-char post",
                           samples, p95_max_ms=5.0),
        ]

Rules of the house:

* `run(quick)` returns a list of `Result`; it must not print the table itself. Build the fixtures
  it needs itself (temporary folders, SQLite files, an in-memory keyring) and clean them up.
* Time with `measure(fn, repeat, warmup)`; it returns raw samples in **seconds**. To compare with
  a baseline measured in the same run, use `measure_interleaved(baseline_fn, candidate_fn, ...)`,
  which alternates A B A B … so that noise drift on this shared machine hits both alike.
* Build results with the helpers, which fill in median, p95, ratio, target text and pass/fail:
  - `latency_result(name, measured, samples_s, p95_max_ms=..., median_max_ms=...)` — shown in ms;
  - `ratio_result(name, measured, samples, baseline_name, baseline_samples, max_ratio=...)` —
    "≤ N× baseline" on the ratio of medians;
  - `limit_result(name, measured, samples, unit, max_median=..., max_p95=...)` — any unit (MiB…);
  - or `Result(...)` directly. `passed=None` marks a row as informational (no target).
* Nothing in `benchmarks/` outside a `bench_*.py` may import PySide6 at import time; benchmarks
  that need Qt widgets in-process import it inside `run` (QT_QPA_PLATFORM=offscreen is set by
  `make bench` and by `python -m benchmarks`).
* A benchmark that raises is reported as a failed row (`ERROR`), and the others still run.
"""
