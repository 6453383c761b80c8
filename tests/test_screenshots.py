"""`make screenshots` keeps working: the script writes real 1366×768 screenshots of the sections
asked for, in a role, from the demo (tests/screenshots.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


def test_screenshots_of_two_sections_in_one_role(tmp_path):
    out = tmp_path / "capturas"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "tests.screenshots", "--out", str(out), "--roles", "suplente",
         "--sections", "bitacora,cuentas"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.png"))
    assert "suplente/bitacora.png" in files and "suplente/cuentas.png" in files
    assert any(f.startswith("suplente/cuentas--") for f in files)  # its tabs too
    for name in ("bitacora.png", "cuentas.png"):
        image = QImage(str(out / "suplente" / name))
        assert (image.width(), image.height()) == (1366, 768)
    # Not a blank window: the bitácora shows the demo's history, in many colours of text.
    image = QImage(str(out / "suplente" / "bitacora.png"))
    colours = {image.pixel(x, y) for x in range(200, 1300, 7) for y in range(100, 580, 7)}
    assert len(colours) > 20
    assert "capturas" in result.stdout
