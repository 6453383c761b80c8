"""The benchmark harness: results, timing helpers, discovery, the table and the command line.

See the package docstring (`benchmarks/__init__.py`) for how to add a benchmark.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import pkgutil
import statistics
import sys
import textwrap
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

PACKAGE = "benchmarks"
PREFIX = "bench_"


@dataclass(frozen=True)
class Result:
    """One row of the table.

    `median` and `p95` are in `unit`. `baseline_median` (same unit) is set when the row compares
    against a baseline measured in the same run. `passed` is True/False against `target`, or None
    for an informational row without a target.
    """

    name: str
    measured: str
    median: float
    unit: str
    p95: float | None = None
    baseline_name: str | None = None
    baseline_median: float | None = None
    target: str = ""
    passed: bool | None = None
    samples: int = 0
    benchmark: str = ""  # module short name (e.g. "startup"); filled in by the harness

    @property
    def ratio(self) -> float | None:
        """measured / baseline (medians), or None without a baseline."""
        if self.baseline_median is None or self.baseline_median == 0:
            return None
        return self.median / self.baseline_median

    @property
    def status(self) -> str:
        return {True: "PASS", False: "FAIL", None: "info"}[self.passed]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["status"] = self.status
        return data


# --- statistics and timing -------------------------------------------------------------------


def percentile(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100) with linear interpolation between closest ranks
    (the same as numpy's default and `statistics.quantiles(method="inclusive")`)."""
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0..100, not {p}")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = math.ceil(position)
    if low == high:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def measure(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> list[float]:
    """Call `fn` `warmup` times untimed, then `repeat` times; return each call's wall time in
    seconds (time.perf_counter)."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def measure_interleaved(
    baseline: Callable[[], Any], candidate: Callable[[], Any], repeat: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Time `baseline` and `candidate` alternately (A B A B …), `repeat` samples each, after
    `warmup` untimed rounds of both. Returns (baseline_samples, candidate_samples) in seconds.

    For functions that measure themselves (e.g. a subprocess reporting its own moment), use
    `interleave` instead."""

    def timed(fn: Callable[[], Any]) -> Callable[[], float]:
        def run() -> float:
            start = time.perf_counter()
            fn()
            return time.perf_counter() - start

        return run

    return interleave(timed(baseline), timed(candidate), repeat, warmup)


def interleave(
    baseline: Callable[[], Any], candidate: Callable[[], Any], repeat: int, warmup: int = 1
) -> tuple[list[Any], list[Any]]:
    """Call `baseline` and `candidate` alternately and collect what each returns (a sample it
    measured itself: seconds, a dict of several measures…). Returns (baseline, candidate)."""
    for _ in range(warmup):
        baseline()
        candidate()
    a: list[Any] = []
    b: list[Any] = []
    for _ in range(repeat):
        a.append(baseline())
        b.append(candidate())
    return a, b


# --- result builders -------------------------------------------------------------------------


def _fmt_limit(value: float) -> str:
    return f"{value:g}"


def latency_result(
    name: str,
    measured: str,
    samples_s: Sequence[float],
    *,
    p95_max_ms: float | None = None,
    median_max_ms: float | None = None,
) -> Result:
    """A timing row in milliseconds from samples in seconds, with optional absolute limits."""
    ms = [s * 1000 for s in samples_s]
    return limit_result(name, measured, ms, "ms", max_median=median_max_ms, max_p95=p95_max_ms)


def limit_result(
    name: str,
    measured: str,
    samples: Sequence[float],
    unit: str,
    *,
    max_median: float | None = None,
    max_p95: float | None = None,
    baseline_name: str | None = None,
    baseline_samples: Sequence[float] | None = None,
) -> Result:
    """A row with absolute limits on the median and/or p95 (samples already in `unit`).
    A baseline, if given, is shown with its ratio but does not decide pass/fail."""
    med = median(samples)
    p95 = percentile(samples, 95)
    targets: list[str] = []
    passed: bool | None = None
    if max_median is not None:
        targets.append(f"median ≤ {_fmt_limit(max_median)} {unit}")
        passed = med <= max_median
    if max_p95 is not None:
        targets.append(f"p95 ≤ {_fmt_limit(max_p95)} {unit}")
        passed = (passed is not False) and p95 <= max_p95
    return Result(
        name=name,
        measured=measured,
        median=med,
        p95=p95,
        unit=unit,
        baseline_name=baseline_name,
        baseline_median=median(baseline_samples) if baseline_samples else None,
        target=", ".join(targets),
        passed=passed,
        samples=len(samples),
    )


def ratio_result(
    name: str,
    measured: str,
    samples: Sequence[float],
    baseline_name: str,
    baseline_samples: Sequence[float],
    *,
    max_ratio: float | None,
    unit: str = "ms",
    scale: float = 1000.0,
) -> Result:
    """A row compared with a baseline from the same run; target "≤ N× baseline" on the ratio of
    medians (`max_ratio=None` for an informational comparison). Samples are multiplied by
    `scale` for display (seconds → ms by default; pass scale=1 for samples already in `unit`)."""
    values = [s * scale for s in samples]
    base = [s * scale for s in baseline_samples]
    med, base_med = median(values), median(base)
    passed = None if max_ratio is None else med <= max_ratio * base_med
    target = "" if max_ratio is None else f"≤ {_fmt_limit(max_ratio)}× {baseline_name}"
    return Result(
        name=name,
        measured=measured,
        median=med,
        p95=percentile(values, 95),
        unit=unit,
        baseline_name=baseline_name,
        baseline_median=base_med,
        target=target,
        passed=passed,
        samples=len(values),
    )


# --- discovery and running -------------------------------------------------------------------


def discover() -> list[str]:
    """Short names ("startup", …) of the `benchmarks/bench_*.py` modules, sorted."""
    path = Path(__file__).resolve().parent
    return sorted(
        info.name[len(PREFIX):]
        for info in pkgutil.iter_modules([str(path)])
        if info.name.startswith(PREFIX) and not info.ispkg
    )


def run_benchmark(short_name: str, quick: bool) -> list[Result]:
    """Import and run one benchmark; an exception becomes a failed ERROR row."""
    try:
        module = importlib.import_module(f"{PACKAGE}.{PREFIX}{short_name}")
        results = list(module.run(quick))
    except Exception as error:  # one broken benchmark must not hide the others
        traceback.print_exc(file=sys.stderr)
        message = f"{type(error).__name__}: {error}".splitlines()[0]
        return [
            Result(name=f"{short_name}: ERROR", measured=message, median=math.nan, unit="",
                   target="runs without error", passed=False, benchmark=short_name)
        ]
    return [
        r if r.benchmark else replace(r, benchmark=short_name) for r in results
    ]


# --- the table -------------------------------------------------------------------------------


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    if math.isnan(value):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


_COLUMNS = (
    # header, alignment, wrap width (None: no wrapping)
    ("Benchmark", "<", 34),
    ("What was measured", "<", 40),
    ("N", ">", None),
    ("Median", ">", None),
    ("p95", ">", None),
    ("Unit", "<", None),
    ("Baseline (median)", "<", 28),
    ("Ratio", ">", None),
    ("Target", "<", 24),
    ("Result", "<", None),
)


def _cells(result: Result) -> list[str]:
    baseline = "—"
    if result.baseline_name is not None:
        baseline = f"{result.baseline_name} ({_num(result.baseline_median)})"
    ratio = result.ratio
    return [
        result.name,
        result.measured,
        str(result.samples) if result.samples else "—",
        _num(result.median),
        _num(result.p95),
        result.unit,
        baseline,
        "—" if ratio is None else f"{ratio:.2f}×",
        result.target or "—",
        result.status,
    ]


def format_table(results: Sequence[Result]) -> str:
    """Fixed-width table of the results (long text wraps inside its column) and a summary line."""
    rows: list[list[list[str]]] = []  # row → column → lines
    for result in results:
        row = []
        for text, (_, _, wrap) in zip(_cells(result), _COLUMNS, strict=True):
            row.append(textwrap.wrap(text, wrap) or [""] if wrap else [text])
        rows.append(row)
    widths = [len(header) for header, _, _ in _COLUMNS]
    for row in rows:
        for i, lines in enumerate(row):
            widths[i] = max(widths[i], *(len(line) for line in lines))

    def line(cells: Sequence[str]) -> str:
        parts = [
            f"{cell:{align}{width}}"
            for cell, (_, align, _), width in zip(cells, _COLUMNS, widths, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line([header for header, _, _ in _COLUMNS]), "  ".join("-" * w for w in widths)]
    for row in rows:
        height = max(len(lines) for lines in row)
        for k in range(height):
            out.append(line([lines[k] if k < len(lines) else "" for lines in row]))
    out.append("")
    out.append(summary_line(results))
    return "\n".join(out)


def summary_line(results: Sequence[Result]) -> str:
    passed = sum(1 for r in results if r.passed is True)
    failed = sum(1 for r in results if r.passed is False)
    info = sum(1 for r in results if r.passed is None)
    return f"{passed} passed, {failed} failed targets ({info} informational rows)"


# --- command line ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run the benchmarks of benchmarks/bench_*.py and print one table.",
    )
    parser.add_argument("--only", action="append", nargs="+", metavar="NAME", default=[],
                        help="run only these benchmarks (bench_NAME.py); repeatable")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--strict", action="store_true",
                        help="exit with status 1 when a target is missed")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    available = discover()
    if args.list:
        print("\n".join(available))
        return 0
    selected = [name for group in args.only for name in group] or available
    unknown = [name for name in selected if name not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(available)}",
              file=sys.stderr)
        return 2
    results: list[Result] = []
    for name in selected:
        print(f"running {name}{' (quick)' if args.quick else ''} …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        results.extend(run_benchmark(name, args.quick))
        print(f"  {name} done in {time.perf_counter() - started:.1f} s", file=sys.stderr,
              flush=True)
    print(format_table(results), flush=True)
    if args.json:
        payload = {"quick": args.quick, "results": [r.to_dict() for r in results]}
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    if args.strict and any(r.passed is False for r in results):
        return 1
    return 0


def use_memory_keyring() -> None:
    """Benchmarks that open the bitácora need a keyring; this machine may have none. An
    in-memory backend, like the test suite's (the program itself never falls back to one)."""
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.store: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    keyring.set_keyring(MemoryKeyring())
