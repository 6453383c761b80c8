"""The data files the program reads at run time, and the one place that finds them.

They live in the repository's top-level `resources/` folder, which setuptools ships inside the
package as `redes_desktop.resources` (pyproject.toml `package-dir`); PyInstaller bundles the same
package. Every reader asks `resource_path()` here and nothing else builds a path to them, so the
program works the same from a wheel, a bundle, an editable install and a plain checkout.

`verify()` runs before every command and before the window opens: in a broken install (a file
deleted or never copied) the program stops with a Spanish message naming the missing file and
exit code `MissingResource.exit_code` instead of a traceback halfway through, and touches nothing.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from redes_desktop.errors import UserFacingError

PACKAGE = "redes_desktop.resources"
MIGRATIONS_PACKAGE = "redes_desktop.migrations"

# Every file the program reads, relative to the resources folder. A test compares this list with
# the files in `resources/`, so a new data file cannot be forgotten here (or in the wheel).
SHIPPED = (
    "criterios-redes-sociales-ine.md",
    "checks/acronyms.txt",
    "checks/boletines.json",
    "checks/capitals.json",
    "checks/consejo_general.json",
    "checks/domains.json",
    "checks/gramatica.json",
    "checks/institutional_dictionary.txt",
    "checks/impartiality.json",
    "checks/insults_es.txt",
    "checks/networks.json",
    "checks/personal_data.json",
    "checks/spam.json",
    "demo/buzon.json",
    "demo/institucion.json",
    "demo/publicaciones.json",
    "dictionaries/hunspell/README_es_MX.txt",
    "dictionaries/hunspell/es_MX.aff",
    "dictionaries/hunspell/es_MX.dic",
    "help/bitacora.html",
    "help/buzon.html",
    "help/consultas.html",
    "help/contrasenas.html",
    "help/cuentas.html",
    "help/index.html",
    "help/informes.html",
    "help/organizacion.html",
    "help/preferencias.html",
    "help/redactor.html",
    "i18n/redes_desktop_es_MX.qm",
    "i18n/redes_desktop_es_MX.ts",
    "icons/redes-desktop.svg",
    "passwords/README.md",
    "passwords/palabras-es.txt",
)
FOLDERS = frozenset(str(p) for name in SHIPPED for p in Path(name).parents) - {"."}


class MissingResource(UserFacingError):
    """A file of the installation is missing: the install is broken, not the user's data."""

    exit_code = 72  # sysexits EX_OSFILE: "a system file does not exist"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Falta el archivo {path}, que forma parte de la instalación de redes-desktop. "
            "La instalación está incompleta o dañada: reinstale el programa. Sus datos no se "
            "modificaron."
        )
        self.path = path


_root: Path | None = None


def resources_root() -> Path:
    """The folder that holds the shipped files (found once)."""
    global _root
    if _root is None:
        _root = _locate()
    return _root


def _locate() -> Path:
    # A source checkout reads its own `resources/` (with PYTHONPATH=<checkout>, or when an
    # editable install of another checkout is also on the path and would map the package there).
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "__init__.py").is_file() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    # Installed (wheel or bundle): the package's own files through importlib.resources.
    return _as_path(files(PACKAGE))


def _as_path(found: object) -> Path:
    if not isinstance(found, Path):  # e.g. imported from a zip file: real paths are needed
        raise UserFacingError(
            f"redes-desktop está instalado dentro de un archivo comprimido ({found}); instálelo "
            "con pip en una carpeta normal."
        )
    return found


def migrations_dir() -> Path:
    """Alembic's script folder: the package `redes_desktop.migrations` (read by file path)."""
    return _as_path(files(MIGRATIONS_PACKAGE))


def resource_path(name: str) -> Path:
    """The path of a shipped file or folder, e.g. `resource_path("checks/spam.json")`."""
    if name not in SHIPPED and name not in FOLDERS:
        raise ValueError(f"{name!r} is not a shipped resource (add it to SHIPPED)")
    return resources_root() / name


def verify() -> None:
    """Raise MissingResource naming the first shipped file that is not there."""
    root = resources_root()
    for path in [root / name for name in SHIPPED] + [migrations_dir() / "env.py"]:
        if not path.is_file():
            raise MissingResource(path)
