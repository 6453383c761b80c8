"""The files of packaging/ agree with the program (icon, names, version). The Linux bundle is
built and run by CI (.ci/run: make package, make bundle-smoke); the Windows one cannot be built
here, so only its texts are checked."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from redes_desktop import __version__
from redes_desktop.resource_files import resource_path

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
WINDOWS = ROOT / "packaging" / "windows"


def test_linux_desktop_files_match_the_program() -> None:
    assert (LINUX / "redes-desktop.svg").read_bytes() == resource_path(
        "icons/redes-desktop.svg").read_bytes()
    desktop = (LINUX / "redes-desktop.desktop").read_text(encoding="utf-8").splitlines()
    assert "Exec=redes-desktop" in desktop and "Icon=redes-desktop" in desktop
    meta = ET.parse(LINUX / "mx.ine.redes_desktop.metainfo.xml").getroot()
    assert meta.findtext("launchable") == "redes-desktop.desktop"
    assert meta.findtext("provides/binary") == "redes-desktop"
    assert meta.find("releases/release").get("version") == __version__


def test_windows_version_resource_and_installer_carry_the_version() -> None:
    info = (WINDOWS / "version_info.txt").read_text(encoding="utf-8")
    numbers = tuple(int(n) for n in __version__.split(".")) + (0,)
    assert f"filevers={numbers}" in info and f"prodvers={numbers}" in info
    assert info.count(f"u'{__version__}'") == 2
    iss = (WINDOWS / "redes-desktop.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    assert "PrivilegesRequired=lowest" in iss  # per-user install
    assert re.search(r"^\[UninstallDelete\]", iss, re.M) is None  # the data folder stays


def test_both_entry_points_run_the_same_main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"redes-desktop": "redes_desktop.cli:main"}
    assert project["gui-scripts"] == {"redes-desktop-gui": "redes_desktop.cli:main"}
