"""The core never imports Qt: everything outside redes_desktop/ui/ runs without PySide6."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "redes_desktop"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_pyside6_outside_ui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        if any(name.split(".")[0] == "PySide6" for name in _imports(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_core_modules_import_without_qt_loaded():
    code = (
        "import sys, importlib, pkgutil, redes_desktop\n"
        "for m in pkgutil.walk_packages(redes_desktop.__path__, 'redes_desktop.'):\n"
        "    if m.name.startswith('redes_desktop.ui') or m.name.endswith('__main__')"
        " or m.name.startswith('redes_desktop.migrations'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules), "
        "[k for k in sys.modules if k.startswith('PySide6')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_window_entry_imports_no_sqlalchemy_before_paint():
    """The window path must not import the slow data layer before the first paint."""
    code = (
        "import sys\n"
        "import redes_desktop.cli, redes_desktop.ui.application\n"
        "slow = [k for k in sys.modules\n"
        "        if k.split('.')[0] in ('sqlalchemy', 'alembic', 'keyring')]\n"
        "assert not slow, slow\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
