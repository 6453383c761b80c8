"""The benchmark harness: discovery, statistics, the table, the command line, and one real (but
shortened) run of the start-up benchmark."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import bench_startup, harness
from benchmarks.harness import (
    Result,
    format_table,
    interleave,
    latency_result,
    limit_result,
    measure,
    percentile,
    ratio_result,
)

ROOT = Path(__file__).resolve().parents[1]


def test_discovers_bench_modules():
    names = harness.discover()
    assert "startup" in names
    assert all(not name.startswith("bench_") for name in names)


@pytest.mark.parametrize(
    ("samples", "p", "expected"),
    [
        ([5.0], 95, 5.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 100, 5.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0, 1.0),
        ([4.0, 1.0, 3.0, 2.0], 95, 3.85),  # unsorted input, interpolated
        (list(range(1, 101)), 95, 95.05),
    ],
)
def test_percentile(samples, p, expected):
    assert percentile(samples, p) == pytest.approx(expected)


def test_percentile_rejects_empty_and_out_of_range():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_measure_returns_one_sample_per_repeat_after_warmup():
    calls = []
    samples = measure(lambda: calls.append(1), repeat=4, warmup=2)
    assert len(samples) == 4 and len(calls) == 6
    assert all(s >= 0 for s in samples)


def test_interleave_alternates_baseline_and_candidate():
    order = []
    a, b = interleave(lambda: order.append("A") or 1, lambda: order.append("B") or 2,
                      repeat=3, warmup=1)
    assert order == ["A", "B"] * 4
    assert a == [1, 1, 1] and b == [2, 2, 2]


def test_result_builders_decide_pass_and_fail():
    fast = latency_result("x: fast", "op", [0.001, 0.002, 0.003], p95_max_ms=5)
    assert fast.unit == "ms" and fast.median == pytest.approx(2.0) and fast.passed is True
    assert fast.target == "p95 ≤ 5 ms"
    slow = latency_result("x: slow", "op", [0.001, 0.002, 0.009], p95_max_ms=5)
    assert slow.passed is False

    within = ratio_result("x: r", "op", [0.3, 0.3], "bare", [0.2, 0.2], max_ratio=2)
    assert within.ratio == pytest.approx(1.5) and within.passed is True
    assert within.target == "≤ 2× bare"
    beyond = ratio_result("x: r", "op", [0.5, 0.5], "bare", [0.2, 0.2], max_ratio=2)
    assert beyond.passed is False
    info = ratio_result("x: r", "op", [0.5], "bare", [0.2], max_ratio=None)
    assert info.passed is None and info.status == "info"

    memory = limit_result("x: mem", "rss", [140.0, 160.0, 120.0], "MiB", max_median=150,
                          baseline_name="bare", baseline_samples=[50.0])
    assert memory.passed is True and memory.ratio == pytest.approx(2.8)


def test_format_table_has_fixed_columns_and_summary():
    results = [
        ratio_result("startup: first paint", "process start → first paint " * 3,
                     [0.3], "bare window", [0.2], max_ratio=2),
        latency_result("composer: count", "weighted length", [0.010], p95_max_ms=5),
        Result("queue: note", "informational", 1.5, "ms"),
    ]
    table = format_table(results)
    lines = table.splitlines()
    header = lines[0]
    for column in ("Benchmark", "Median", "p95", "Baseline (median)", "Ratio", "Target", "Result"):
        assert column in header
    assert set(lines[1]) <= {"-", " "}
    # Columns are fixed-width: a wrapped row's cells start where the header's do.
    start = header.index("Median")
    assert any(line.startswith("startup: first paint") for line in lines)
    assert "1.50×" in table and "PASS" in table and "FAIL" in table and "info" in table
    assert "bare window (200)" in table
    long_row = next(line for line in lines if line.startswith("startup: first paint"))
    assert long_row[start - 2:start] == "  "
    assert lines[-1] == "1 passed, 1 failed targets (1 informational rows)"


def test_main_prints_table_writes_json_and_exit_code(monkeypatch, tmp_path, capsys):
    failing = latency_result("fake: slow", "op", [0.010], p95_max_ms=5)
    monkeypatch.setattr(harness, "discover", lambda: ["fake"])
    monkeypatch.setattr(harness, "run_benchmark", lambda name, quick: [failing])
    out = tmp_path / "r.json"

    assert harness.main(["--quick", "--json", str(out)]) == 0
    assert "0 passed, 1 failed targets" in capsys.readouterr().out
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["quick"] is True and payload["results"][0]["status"] == "FAIL"

    assert harness.main(["--strict"]) == 1
    assert harness.main(["--only", "nonexistent"]) == 2


def test_a_broken_benchmark_becomes_an_error_row(monkeypatch):
    import types

    broken = types.ModuleType("benchmarks.bench_broken")

    def run(quick):
        raise RuntimeError("boom")

    broken.run = run
    monkeypatch.setitem(sys.modules, "benchmarks.bench_broken", broken)
    [row] = harness.run_benchmark("broken", quick=True)
    assert row.passed is False and "boom" in row.measured and row.benchmark == "broken"


def test_module_entry_point_lists_benchmarks():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--list"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "startup" in done.stdout.split()


def test_startup_quick_runs_and_prints_rows(monkeypatch, capsys):
    # The real benchmark with one sample per variant, so that the test stays short.
    monkeypatch.setattr(bench_startup, "QUICK_REPEAT", 1)
    monkeypatch.setattr(bench_startup, "QUICK_FIRST_REPEAT", 1)
    assert harness.main(["--only", "startup", "--quick"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("startup: first paint"))
    assert "bare window" in row and "≤ 2× bare window" in row
    assert any(line.startswith("startup: peak memory") for line in out.splitlines())
    assert "failed targets" in out.splitlines()[-1]
