"""The shipped data files: one list, one way to find them, a clear stop when one is missing."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from redes_desktop import resource_files
from redes_desktop.cli import main
from redes_desktop.resource_files import SHIPPED, MissingResource, resource_path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def test_every_file_in_resources_is_listed_and_packaged() -> None:
    on_disk = {str(p.relative_to(RESOURCES)) for p in RESOURCES.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.name != "__init__.py"}
    assert on_disk == set(SHIPPED)
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["package-data"]["redes_desktop.resources"]
    for name in SHIPPED:
        assert any(Path(name).match(glob) for glob in globs), name


def test_readers_get_paths_inside_the_resources_folder() -> None:
    assert resource_path("checks/spam.json").is_file()
    assert resource_path("dictionaries").is_dir()
    with pytest.raises(ValueError):
        resource_path("checks/../../pyproject.toml")


@pytest.fixture
def broken_install(tmp_path, monkeypatch) -> Path:
    copy = tmp_path / "instalacion" / "resources"
    shutil.copytree(RESOURCES, copy)
    (copy / "checks" / "networks.json").unlink()
    monkeypatch.setattr(resource_files, "_root", copy)
    return copy / "checks" / "networks.json"


def test_a_missing_file_stops_a_command_with_its_name(broken_install, data_dir, capsys) -> None:
    (data_dir / "nota.txt").write_text("dato", encoding="utf-8")
    code = main(["--data-dir", str(data_dir), "check", "--json", "Hola"])
    err = capsys.readouterr().err
    assert code == MissingResource.exit_code == 72
    assert str(broken_install) in err and "reinstale" in err
    assert sorted(p.name for p in data_dir.iterdir()) == ["nota.txt"]


def test_a_missing_file_stops_the_window_before_the_data_folder(broken_install, tmp_path,
                                                               capsys) -> None:
    data = tmp_path / "nueva"
    code = main(["--data-dir", str(data), "--quit-after-startup"])
    assert code == 72
    assert str(broken_install) in capsys.readouterr().err
    assert not data.exists()
