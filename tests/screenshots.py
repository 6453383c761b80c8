"""Screenshots of every section of the main window, in each role, at 1366×768 (issue 15):
`make screenshots` (or `python -m tests.screenshots`) writes
`build/screenshots/<role>/<section>.png`, and `<section>--<tab>.png` for each tab of a section
with tabs, from the demo institution, offscreen — so a person can look at every screen the
three kinds of user see without a display.

Roles: `titular` (the area titular of the Junta Local in Jalisco), `suplente` (the suplente
covering that Junta's account during the titular's vacation), `revisor` (a CNCS reviewer).

The demo is created in a throwaway data folder with a fixed clock (the screenshots are the same
on every run) and a throwaway file keyring (`tests/file_keyring.py`) unless the caller chose a
keyring backend (PYTHON_KEYRING_BACKEND).

    python -m tests.screenshots [--out build/screenshots] [--roles titular,revisor]
                                [--sections redactor,bitacora] [--size 1366x768]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROLES = ("titular", "suplente", "revisor")
# A Tuesday afternoon in México City, as the tests use.
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="build/screenshots", help="carpeta de salida")
    parser.add_argument("--roles", default=",".join(ROLES), help="roles, separados por comas")
    parser.add_argument("--sections", default="", help="secciones (por omisión, todas)")
    parser.add_argument("--size", default="1366x768", help="tamaño de la ventana, ANCHOxALTO")
    parser.add_argument("--no-tabs", action="store_true",
                        help="solo la primera vista de cada sección, sin sus pestañas")
    return parser.parse_args(argv)


def _environment(folder: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "PYTHON_KEYRING_BACKEND" not in os.environ:
        os.environ["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
        os.environ["REDES_TEST_KEYRING_FILE"] = str(folder / "llavero.json")


def _people(context) -> dict[str, object]:
    """The person shown in each role, from the demo data."""
    from sqlalchemy import select

    from redes_desktop.clock import to_mexico
    from redes_desktop.models import AbsencePeriod, Area, Person, Role

    today = to_mexico(context.clock()).date()
    with context.session() as session:
        absence = session.scalars(
            select(AbsencePeriod).where(AbsencePeriod.starts_on <= today,
                                        AbsencePeriod.ends_on >= today)).first()
        assert absence is not None and absence.covering_person is not None
        area = session.get(Area, absence.person.area_id)
        assert area is not None and area.titular is not None
        reviewer = next(p for p in session.scalars(select(Person).order_by(Person.email))
                        if p.has_role(Role.REVISOR_CNCS))
        return {"titular": area.titular.id, "suplente": absence.covering_person.id,
                "revisor": reviewer.id}


def _settle(app, page=None, timeout: float = 20.0) -> None:
    """Let the section load what it reads off the UI thread."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        app.processEvents()
        idle = pool.waitForDone(100)
        app.processEvents()
        loaded = getattr(page, "loaded", True) if page is not None else True
        quiet = quiet + 1 if idle and loaded else 0


def _tabs(page):
    """The first tab widget of a section, if it has tabs."""
    from PySide6.QtWidgets import QTabWidget

    tabs = page.findChildren(QTabWidget)
    return tabs[0] if tabs else None


def _slug(text: str) -> str:
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("&", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "pestana"


def take(out: Path, roles: list[str], sections: list[str], size: tuple[int, int],
         tabs: bool = True) -> list[Path]:
    """Write the screenshots; returns the files written."""
    with tempfile.TemporaryDirectory(prefix="redes-capturas-") as folder:
        _environment(Path(folder))  # before Qt and keyring are loaded
        return _take(Path(folder), out, roles, sections, size, tabs)


def _take(folder: Path, out: Path, roles: list[str], sections: list[str],
          size: tuple[int, int], tabs: bool) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from redes_desktop.clock import FixedClock
    from redes_desktop.context import AppContext
    from redes_desktop.context_setup import attach_bitacora
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.demo_folder import seed_demo_folder
    from redes_desktop.ui.application import _install_qt_spanish
    from redes_desktop.ui.main_window import MainWindow
    from redes_desktop.workspace import open_workspace

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if not getattr(app, "_redes_spanish", False):  # what people see: Qt's and our Spanish
        _install_qt_spanish(app)  # type: ignore[arg-type]
        app._redes_spanish = True  # type: ignore[attr-defined]
    written: list[Path] = []
    clock = FixedClock(NOW)
    workspace = open_workspace(folder / "datos", clock=clock)
    seed_demo_folder(workspace)
    context = AppContext(workspace=workspace, database=workspace.open_database(),
                         clock=clock, secrets=SecretStore())
    attach_bitacora(context)
    people = _people(context)
    try:
        for role in roles:
            context.choose_identity(people[role])
            window = MainWindow(str(workspace.paths.root))
            window.resize(*size)
            window.set_context(context)
            window.show()
            _settle(app)
            unknown = set(sections) - set(window.section_keys())
            if unknown:
                raise SystemExit(f"Secciones desconocidas: {', '.join(sorted(unknown))}; "
                                 f"use {', '.join(window.section_keys())}.")
            for key in sections or window.section_keys():
                window.show_section(key)
                page = window.page(key)
                _settle(app, page)
                folder_out = out / role
                folder_out.mkdir(parents=True, exist_ok=True)
                target = folder_out / f"{key}.png"
                window.grab().save(str(target))
                written.append(target)
                tab_widget = _tabs(page) if tabs else None
                if tab_widget is None:
                    continue
                for index in range(1, tab_widget.count()):
                    tab_widget.setCurrentIndex(index)
                    _settle(app, page)
                    target = folder_out / f"{key}--{_slug(tab_widget.tabText(index))}.png"
                    window.grab().save(str(target))
                    written.append(target)
                tab_widget.setCurrentIndex(0)
            window.close()
            window.deleteLater()
            _settle(app)
    finally:
        context.close()
        workspace.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    roles = [r for r in args.roles.split(",") if r]
    unknown = set(roles) - set(ROLES)
    if unknown:
        print(f"Roles desconocidos: {', '.join(sorted(unknown))}; use {', '.join(ROLES)}.",
              file=sys.stderr)
        return 2
    width, _, height = args.size.partition("x")
    sections = [s for s in args.sections.split(",") if s]
    written = take(Path(args.out), roles, sections, (int(width), int(height)),
                   tabs=not args.no_tabs)
    print(f"{len(written)} capturas en {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
