"""Start-up: time from process start to the main window's first paint, and peak memory.

Targets (issue): first paint of a normal start ≤ 2× a bare PySide6 window measured in the same
run (benchmarks/bare_window.py), and peak memory ≤ 150 MiB for the whole life of the process,
including the data-layer load after the first paint.

Each sample is one child process: the clock starts just before `subprocess.Popen` and stops when
the marker line is read from the child's stdout; the child's peak RSS comes from `os.wait4`
(ru_maxrss, KiB on Linux) in benchmarks/rss_launcher.py, a small parent (a child forked from
this large process would report this process's size). The program is run with
`--quit-after-startup`, which prints the marker
at the first paint, waits for the data layer to load and exits 0. Program and bare window
alternate (A B A B …). A "normal start" uses a data folder that already holds a migrated database
(the demo institution when `redes-desktop demo` works, otherwise an empty migrated database); a
"first start" uses a new empty folder each time and is informational.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import Result, interleave, limit_result, ratio_result

PROGRAM_MARKER = "redes-desktop: primera pintura"  # redes_desktop.ui.application.PAINT_MARKER
BARE_MARKER = "bare-window: primera pintura"
BARE_WINDOW = Path(__file__).resolve().parent / "bare_window.py"
TIMEOUT_S = 90.0
MAX_RATIO = 2.0
MAX_PEAK_MIB = 150.0
# Runs per variant (program and bare window, interleaved) for a normal start and a first start.
QUICK_REPEAT, FULL_REPEAT = 7, 15
QUICK_FIRST_REPEAT, FULL_FIRST_REPEAT = 3, 5


@dataclass(frozen=True)
class Run:
    first_paint_s: float  # parent's wall time from just before Popen to reading the marker
    exit_s: float  # … to the child's exit (data layer loaded, for the program)
    peak_mib: float  # child's max RSS over its whole life


_KEYRING_FILE = Path(tempfile.gettempdir()) / f"redes-bench-llavero-{os.getpid()}.json"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONUNBUFFERED"] = "1"
    # The program keeps the bitácora key in the OS keyring; this machine may have none, so the
    # children use the test suite's file-backed keyring (no program code knows about it).
    env.setdefault("PYTHON_KEYRING_BACKEND", "tests.file_keyring.FileKeyring")
    env.setdefault("REDES_TEST_KEYRING_FILE", str(_KEYRING_FILE))
    return env


RSS_LAUNCHER = Path(__file__).resolve().parent / "rss_launcher.py"
MAXRSS_MARKER = "redes-bench-maxrss-kib"


def run_child(argv: list[str], marker: str, timeout_s: float = TIMEOUT_S,
              env: dict[str, str] | None = None) -> Run:
    """Start `argv`, time until `marker` is read from its stdout, wait for its exit and return
    the timings and its peak RSS. Raises RuntimeError on a non-zero exit or a missing marker."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, str(RSS_LAUNCHER), *argv],
                                   stdout=subprocess.PIPE, stderr=stderr, bufsize=0,
                                   env=env or _child_env())
        watchdog = threading.Timer(timeout_s, process.kill)
        watchdog.start()
        try:
            first_paint = None
            assert process.stdout is not None
            for raw in iter(process.stdout.readline, b""):
                if first_paint is None and raw.startswith(marker.encode()):
                    first_paint = time.perf_counter() - start
            process.stdout.close()
            code = process.wait()
            exited = time.perf_counter() - start
        finally:
            watchdog.cancel()
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
        peak_kib = next((int(line.split()[1]) for line in errors.splitlines()
                         if line.startswith(MAXRSS_MARKER)), None)
        if code != 0 or first_paint is None or peak_kib is None:
            problem = "no first-paint marker" if code == 0 else f"exit status {code}"
            raise RuntimeError(f"{' '.join(argv)}: {problem}\n{errors[-2000:]}")
    return Run(first_paint_s=first_paint, exit_s=exited, peak_mib=peak_kib / 1024)


def program_argv(data_dir: Path) -> list[str]:
    return [sys.executable, "-m", "redes_desktop", "--data-dir", str(data_dir),
            "--quit-after-startup"]


def bare_argv() -> list[str]:
    return [sys.executable, str(BARE_WINDOW)]


def prepare_normal_folder(data_dir: Path) -> str:
    """Fill `data_dir` with a migrated database; returns what it holds (for the table)."""
    demo = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "demo", "--data-dir", str(data_dir)],
        env=_child_env(), capture_output=True, timeout=300,
    )
    if demo.returncode == 0:
        return "demo institution"
    # The demo command failed: fall back to an empty, migrated database.
    run_child(program_argv(data_dir), PROGRAM_MARKER)
    return "empty migrated DB (demo failed)"


def run(quick: bool) -> list[Result]:
    repeat = QUICK_REPEAT if quick else FULL_REPEAT
    first_repeat = QUICK_FIRST_REPEAT if quick else FULL_FIRST_REPEAT
    with tempfile.TemporaryDirectory(prefix="redes-bench-startup-") as tmp:
        root = Path(tmp)
        normal = root / "normal"
        holds = prepare_normal_folder(normal)

        bare, program = interleave(
            lambda: run_child(bare_argv(), BARE_MARKER),
            lambda: run_child(program_argv(normal), PROGRAM_MARKER),
            repeat=repeat,
            warmup=1,
        )

        counter = iter(range(10_000))

        def first_start() -> Run:
            return run_child(program_argv(root / f"first-{next(counter)}"), PROGRAM_MARKER)

        bare_first, first = interleave(
            lambda: run_child(bare_argv(), BARE_MARKER), first_start,
            repeat=first_repeat, warmup=0,
        )

    bare_paint = [r.first_paint_s for r in bare]
    return [
        ratio_result(
            "startup: first paint",
            f"process start → main window's first paint, normal start ({holds})",
            [r.first_paint_s for r in program], "bare window", bare_paint, max_ratio=MAX_RATIO,
        ),
        limit_result(
            "startup: peak memory",
            "max RSS over the whole process, data layer loaded (normal start)",
            [r.peak_mib for r in program], "MiB", max_median=MAX_PEAK_MIB,
            baseline_name="bare window", baseline_samples=[r.peak_mib for r in bare],
        ),
        ratio_result(
            "startup: bare window paint",
            "baseline: bare QMainWindow, process start → first paint",
            bare_paint, "bare window", bare_paint, max_ratio=None,
        ),
        ratio_result(
            "startup: ready and exited",
            "process start → data layer loaded and exit (normal start)",
            [r.exit_s for r in program], "bare window", [r.exit_s for r in bare],
            max_ratio=None,
        ),
        ratio_result(
            "startup: first start paint",
            "first paint with an empty data folder (informational)",
            [r.first_paint_s for r in first], "bare window",
            [r.first_paint_s for r in bare_first], max_ratio=None,
        ),
        ratio_result(
            "startup: first start exited",
            "first start: folder created, DB migrated, exit (informational)",
            [r.exit_s for r in first], "bare window", [r.exit_s for r in bare_first],
            max_ratio=None,
        ),
        limit_result(
            "startup: first start memory",
            "max RSS, first start with an empty data folder (informational)",
            [r.peak_mib for r in first], "MiB",
            baseline_name="bare window", baseline_samples=[r.peak_mib for r in bare_first],
        ),
    ]
