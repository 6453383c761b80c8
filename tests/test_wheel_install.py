"""The wheel is a complete program: built with `pip wheel`, installed (not editable) into a new
virtual environment outside the repository, and run from there with a clean environment.

Dependencies come from a wheelhouse (REDES_WHEELHOUSE, default ~/.cache/redes-desktop/wheelhouse)
with `--no-index`; only when it lacks something is it filled once from the index with
`pip download` under constraints.txt. The build copies just what an sdist holds (pyproject.toml,
setup.py, README.md, redes_desktop/, resources/) so nothing else of the checkout can leak in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.install_smoke import Sandbox, missing_resource, run, smoke

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
WHEELHOUSE = Path(os.environ.get("REDES_WHEELHOUSE")
                  or Path.home() / ".cache" / "redes-desktop" / "wheelhouse")
BUILD_REQUIREMENTS = ["setuptools>=68,<81", "wheel"]  # pyproject.toml [build-system]
SOURCE = ["pyproject.toml", "setup.py", "README.md", "redes_desktop", "resources"]


def _pip(python: Path | str, *args: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(python), "-m", "pip", *args, "--disable-pip-version-check"],
                            capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, (
        f"pip {' '.join(args)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _offline_then_online(python: Path, what: list[str], *extra: str) -> None:
    """Install/build from the wheelhouse; on a miss, fill it from the index and retry."""
    offline = ["--no-index", "--find-links", str(WHEELHOUSE)]
    try:
        _pip(python, *extra, *offline, *what)
    except AssertionError:
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        _pip(sys.executable, "download", "--dest", str(WHEELHOUSE), *BUILD_REQUIREMENTS)
        wheels = [w for w in what if w.endswith(".whl")]
        if wheels:
            _forget_project_wheels()
            _pip(sys.executable, "download", "--dest", str(WHEELHOUSE), "-c", str(CONSTRAINTS),
                 *wheels)
            # `pip download` saves the project's own wheel too: a stale copy there would be
            # taken as "already downloaded" next time, with the old dependencies.
            _forget_project_wheels()
        _pip(python, *extra, *offline, *what)


def _forget_project_wheels() -> None:
    for stale in WHEELHOUSE.glob("redes_desktop-*.whl"):
        stale.unlink()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin` folder of a new venv with the freshly built wheel installed."""
    work = tmp_path_factory.mktemp("instalacion")
    source = work / "fuente"
    for name in SOURCE:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(origin, source / name)
    wheels = work / "wheels"
    _offline_then_online(Path(sys.executable), [str(source)], "wheel", "--no-deps",
                         "--wheel-dir", str(wheels))
    (wheel,) = wheels.glob("redes_desktop-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    _offline_then_online(venv / "bin" / "python", [str(wheel)], "install", "-c", str(CONSTRAINTS))
    return venv / "bin"


def test_wheel_holds_every_shipped_file(installed: Path) -> None:
    from redes_desktop.resource_files import SHIPPED

    (wheel,) = installed.parents[1].glob("wheels/redes_desktop-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"redes_desktop/resources/{name}" for name in SHIPPED} <= names
    assert "redes_desktop/migrations/env.py" in names


def test_installed_program_runs_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path).prepare()
    where = run([str(installed / "python"), "-c",
                 "import redes_desktop.resource_files as r; print(r.resources_root())"], sandbox)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where.stdout
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)

    smoke([str(installed / "redes-desktop")], sandbox)
    # The gui script is the same main: it opens the window.
    result = run([str(installed / "redes-desktop-gui")], sandbox,
                 "--data-dir", str(sandbox.data), "--quit-after-startup")
    assert result.returncode == 0, result.stderr


def test_broken_install_names_the_missing_file(installed: Path, tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path).prepare()
    result = run([str(installed / "redes-desktop")], sandbox, "--data-dir", str(sandbox.data),
                 "demo")
    assert result.returncode == 0, result.stderr
    (removed,) = installed.parent.glob("lib/python*/site-packages/redes_desktop/resources/"
                                       "checks/networks.json")
    saved = removed.read_bytes()
    removed.unlink()
    try:
        missing_resource([str(installed / "redes-desktop")], sandbox, removed)
    finally:
        removed.write_bytes(saved)
