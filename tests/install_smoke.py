"""Smoke run of an installed redes-desktop (a wheel in a new venv, or the PyInstaller bundle).

Used by tests/test_wheel_install.py and, for the bundle, by CI:
    python -m tests.install_smoke dist/redes-desktop/redes-desktop
The program runs with a clean environment: HOME in a temporary folder, PATH without any virtual
environment, no PYTHONPATH, Qt offscreen. The machine has no OS keyring, so keyring is pointed
at tests/file_keyring.py through keyring's own configuration file
(~/.config/python_keyring/keyringrc.cfg: `keyring-path` + `default-keyring`), which a frozen
bundle honours too (it ignores PYTHONPATH and so PYTHON_KEYRING_BACKEND=tests.…).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from redes_desktop import __version__

PAINT_MARKER = "redes-desktop: primera pintura"  # redes_desktop.ui.application.PAINT_MARKER
MISSING_RESOURCE_EXIT = 72  # redes_desktop.resource_files.MissingResource.exit_code
POST = "Consulte el calendario de la jornada electoral en nuestro sitio oficial."
TIMEOUT_S = 180


@dataclass
class Sandbox:
    """A home folder, a data folder and an image, outside the repository."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def data(self) -> Path:
        return self.root / "datos"

    @property
    def image(self) -> Path:
        return self.root / "cartel.png"

    def prepare(self) -> Sandbox:
        keyring_dir = self.root / "llavero-pruebas"
        keyring_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(__file__).with_name("file_keyring.py"), keyring_dir / "file_keyring.py")
        config = self.home / ".config" / "python_keyring"
        config.mkdir(parents=True, exist_ok=True)
        (config / "keyringrc.cfg").write_text(
            f"[backend]\ndefault-keyring=file_keyring.FileKeyring\nkeyring-path={keyring_dir}\n",
            encoding="utf-8",
        )
        from PIL import Image

        Image.new("RGB", (1200, 675), (180, 30, 90)).save(self.image)
        return self

    def env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen",
            "REDES_TEST_KEYRING_FILE": str(self.root / "llavero.json"),
        }


def run(program: list[str], sandbox: Sandbox, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*program, *args], env=sandbox.env(), cwd=sandbox.root,
                          capture_output=True, text=True, timeout=TIMEOUT_S)


def _ok(result: subprocess.CompletedProcess[str], what: str, code: int = 0) -> None:
    if result.returncode != code:
        raise AssertionError(f"{what}: exit {result.returncode} (expected {code})\n"
                             f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-3000:]}")
    if "Traceback" in result.stderr:
        raise AssertionError(f"{what}: traceback\n{result.stderr[-3000:]}")


def smoke(program: list[str], sandbox: Sandbox) -> dict[str, str]:
    """--version, demo, check --json with an image, --quit-after-startup, bitacora verify.
    Raises AssertionError on the first failure; returns what each step printed."""
    out: dict[str, str] = {}
    result = run(program, sandbox, "--version")
    _ok(result, "--version")
    assert result.stdout.strip() == f"redes-desktop {__version__}", result.stdout
    out["version"] = result.stdout.strip()

    result = run(program, sandbox, "--data-dir", str(sandbox.data), "demo")
    _ok(result, "demo")
    assert "Demostración creada" in result.stdout, result.stdout
    out["demo"] = result.stdout.strip()

    result = run(program, sandbox, "check", "--json", "--network", "x", "--image",
                 str(sandbox.image), "--alt", "Cartel con el calendario electoral", POST)
    _ok(result, "check --json")
    verdict = json.loads(result.stdout)
    assert verdict["publishable"] is True and verdict["network"] == "x", verdict
    out["check"] = result.stdout.strip()

    result = run(program, sandbox, "--data-dir", str(sandbox.data), "--quit-after-startup")
    _ok(result, "--quit-after-startup")
    assert PAINT_MARKER in result.stdout, result.stdout
    out["startup"] = result.stdout.strip()

    result = run(program, sandbox, "--data-dir", str(sandbox.data), "bitacora", "verify")
    _ok(result, "bitacora verify")
    out["bitacora"] = result.stdout.strip()
    return out


def folder_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def missing_resource(program: list[str], sandbox: Sandbox, removed: Path) -> str:
    """With `removed` deleted from the installation: `check` and the window stop with a message
    naming it and exit 72, without a traceback, and the data folder is unchanged."""
    before = folder_digest(sandbox.data)
    result = run(program, sandbox, "--data-dir", str(sandbox.data), "check", "--json", POST)
    _ok(result, "check with a missing resource", MISSING_RESOURCE_EXIT)
    assert str(removed) in result.stderr and "reinstale" in result.stderr, result.stderr
    window = run(program, sandbox, "--data-dir", str(sandbox.data), "--quit-after-startup")
    _ok(window, "window with a missing resource", MISSING_RESOURCE_EXIT)
    assert str(removed) in window.stderr, window.stderr
    assert folder_digest(sandbox.data) == before
    return result.stderr.strip()


def main(argv: list[str]) -> int:
    """CI: smoke-test a bundle executable, then a hard-linked copy with one resource removed."""
    import tempfile

    executable = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="redes-bundle-smoke-") as tmp:
        sandbox = Sandbox(Path(tmp)).prepare()
        for step, text in smoke([str(executable)], sandbox).items():
            print(f"{step}: {text.splitlines()[0][:120]}")
        broken = Path(tmp) / "bundle-roto"
        subprocess.run(["cp", "-al", str(executable.parent), str(broken)], check=True)
        removed = next(broken.rglob("resources/checks/spam.json"))
        removed.unlink()
        message = missing_resource([str(broken / executable.name)], sandbox, removed)
        print(f"missing resource: {message.splitlines()[0][:160]}")
    print("bundle smoke test: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [os.path.join("dist", "redes-desktop", "redes-desktop")]))
