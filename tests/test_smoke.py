import subprocess
import sys


def test_version_prints(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("redes-desktop ")


def test_quit_after_startup(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "redes_desktop",
            "--data-dir",
            str(tmp_path / "d"),
            "--quit-after-startup",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    assert "primera pintura" in out.stdout
    assert (tmp_path / "d" / "redes.sqlite3").exists()
