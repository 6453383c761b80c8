"""The PyInstaller bundle (`make package` → dist/redes-desktop/): its size on disk and its first
paint against a bare PySide6 window (benchmarks/bare_window.py under this venv's Python),
measured in the same run, interleaved, with the start-up benchmark's method (bench_startup.py:
wall time from just before Popen to the marker line; peak RSS from os.wait4).

The bundle runs with the environment of tests/install_smoke.py (a temporary HOME whose keyring
configuration points at the test suite's file keyring; Qt offscreen) on a data folder filled by
its own `demo` command. Without a bundle the rows say so (informational) instead of failing.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from benchmarks.bench_startup import (
    BARE_MARKER,
    MAX_RATIO,
    PROGRAM_MARKER,
    _child_env,
    bare_argv,
    run_child,
)
from benchmarks.harness import Result, interleave, limit_result, ratio_result

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path(os.environ.get("REDES_BUNDLE", ROOT / "dist" / "redes-desktop" / "redes-desktop"))
QUICK_REPEAT, FULL_REPEAT = 5, 11


def size_on_disk_mib(folder: Path) -> float:
    """Allocated blocks (what `du` reports), counting hard-linked files once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    return total / 2**20


def run(quick: bool) -> list[Result]:
    if not BUNDLE.is_file():
        return [Result(name="bundle: not built", measured=f"{BUNDLE} missing: run `make package`",
                       median=0.0, unit="", passed=None)]
    from tests.install_smoke import Sandbox

    repeat = QUICK_REPEAT if quick else FULL_REPEAT
    size = size_on_disk_mib(BUNDLE.parent)
    with tempfile.TemporaryDirectory(prefix="redes-bench-bundle-") as tmp:
        sandbox = Sandbox(Path(tmp)).prepare()
        env = {**_child_env(), **sandbox.env()}
        env.pop("PYTHON_KEYRING_BACKEND")  # the bundle reads the sandbox's keyringrc.cfg instead
        subprocess.run([str(BUNDLE), "--data-dir", str(sandbox.data), "demo"], env=env,
                       check=True, capture_output=True, timeout=300)
        bundle_argv = [str(BUNDLE), "--data-dir", str(sandbox.data), "--quit-after-startup"]
        bare, bundle = interleave(
            lambda: run_child(bare_argv(), BARE_MARKER),
            lambda: run_child(bundle_argv, PROGRAM_MARKER, env=env),
            repeat=repeat, warmup=1,
        )
    return [
        limit_result("bundle: size on disk", f"du of {BUNDLE.parent.name}/ (one folder)",
                     [size], "MiB"),
        ratio_result(
            "bundle: first paint",
            "bundled executable, process start → first paint (demo data folder)",
            [r.first_paint_s for r in bundle], "bare window",
            [r.first_paint_s for r in bare], max_ratio=MAX_RATIO,
        ),
        ratio_result(
            "bundle: ready and exited",
            "bundled executable: data layer loaded and exit (informational)",
            [r.exit_s for r in bundle], "bare window", [r.exit_s for r in bare], max_ratio=None,
        ),
        limit_result("bundle: peak memory", "max RSS of the bundled executable (informational)",
                     [r.peak_mib for r in bundle], "MiB", baseline_name="bare window",
                     baseline_samples=[r.peak_mib for r in bare]),
    ]
