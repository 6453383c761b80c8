"""What both PyInstaller specs (packaging/linux, packaging/windows) put into the bundle.

Imported by the .spec files (PyInstaller runs them as Python with SPECPATH set). The program's
data go where the installed package has them: `redes_desktop/resources/` (read through
`importlib.resources`, see redes_desktop/resource_files.py) and `redes_desktop/migrations/`
(Alembic reads those scripts by path).
"""

from __future__ import annotations

from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

ROOT = Path(__file__).resolve().parent.parent
ENTRY_SCRIPT = str(ROOT / "packaging" / "bundle_main.py")

# Qt Essentials only (QtCore, QtGui, QtWidgets are what redes_desktop/ui imports); nothing of
# WebEngine, QML/Quick or the add-ons. pyenchant is the optional `enchant` extra: the bundle
# checks spelling with spylls and the shipped dictionary. Tkinter and the test tools are unused.
EXCLUDES = [
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuick3D",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtMultimedia", "PySide6.QtCharts",
    "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.Qt3DCore", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml",
    "enchant", "tkinter", "_tkinter", "pytest", "hypothesis", "aiosmtpd", "mypy",
    "IPython", "matplotlib", "numpy",
]


def _resources() -> list[tuple[str, str]]:
    source = ROOT / "resources"
    out = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            target = Path("redes_desktop/resources") / path.relative_to(source).parent
            out.append((str(path), str(target)))
    return out


def _migrations() -> list[tuple[str, str]]:
    source = ROOT / "redes_desktop" / "migrations"
    out = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".mako"} and "__pycache__" not in path.parts:
            target = Path("redes_desktop/migrations") / path.relative_to(source).parent
            out.append((str(path), str(target)))
    return out


def datas() -> list[tuple[str, str]]:
    # twitter-text reads emoji-test.txt with pkg_resources at import time; publicsuffixlist
    # reads its copy of the Public Suffix List and confusable-homoglyphs its Unicode tables by
    # file path beside their modules (checks/public_suffix.py, checks/confusables.py).
    return (_resources() + _migrations() + collect_data_files("twitter_text")
            + collect_data_files("publicsuffixlist", includes=["public_suffix_list.dat"])
            + collect_data_files("confusable_homoglyphs", includes=["*.json"]))


def hiddenimports() -> list[str]:
    # Subcommands are imported by name (redes_desktop/commands/__init__.py), Alembic's scripts
    # by path, and holidays loads its countries lazily: collect them all.
    return (
        collect_submodules("redes_desktop")
        + collect_submodules("holidays")
        + ["keyring.backends.SecretService", "keyring.backends.fail", "keyring.backends.null",
           "keyring.backends.chainer", "keyring.backends.Windows", "keyring.backends.macOS",
           "keyring.backends.kwallet", "keyring.backends.libsecret"]
    )


def keep_spanish_qt_translations(datas):
    """PySide6's hook collects Qt's translations for every language; keep Spanish only."""
    def wanted(entry) -> bool:
        dest = entry[0].replace("\\", "/")
        return "/Qt/translations/" not in dest or "_es." in dest
    return [entry for entry in datas if wanted(entry)]
