"""Refresh the Qt Linguist catalogue and its compiled form (`make translations`).

`python -m redes_desktop.ui.i18n_catalogue` runs PySide6's lupdate over `redes_desktop/ui/`
into `resources/i18n/redes_desktop_es_MX.ts` (keeping what was translated, dropping what the code
no longer says), fills the Spanish plural forms of new `%n` texts, and compiles the `.qm` with
lrelease. The source texts are Spanish; only the plurals need a translation:
«%n cuenta(s) activa(s)» → «%n cuenta activa» / «%n cuentas activas». A plural whose forms the
«(s)» / «(es)» / «(n)» convention cannot give (an accent that moves: «imagen(es)» →
«imágenes») is written in `ACCENTED_PLURALS` or in Qt Linguist; `tests/test_translations.py`
fails while any plural is left without its forms or the committed files are out of date.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "redes_desktop" / "ui"
TS_FILE = ROOT / "resources" / "i18n" / "redes_desktop_es_MX.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
LANGUAGE = "es_MX"

# Plurals whose written accent changes with the number.
ACCENTED_PLURALS = {"imagenes": "imágenes", "origenes": "orígenes", "volumenes": "volúmenes",
                    "examenes": "exámenes", "resumenes": "resúmenes", "carácteres": "caracteres"}
# «observación(es)» → «observaciones»: the accent of -ión falls in the plural.
_ION_PLURAL = re.compile(r"ión(es)\b")

_OPTIONAL = re.compile(r"\((s|es|n)\)")


def _tool(name: str) -> str:
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / name, folder / f"{name}.exe", Path(sys.executable).parent /
                      f"pyside6-{name}"):
        if candidate.is_file():
            return str(candidate)
    raise FileNotFoundError(f"No se encontró {name} de PySide6 en {folder}")


def source_files(root: Path = SOURCES) -> list[str]:
    return sorted(str(p) for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def extract(ts_file: Path, root: Path = SOURCES) -> None:
    """lupdate the sources into `ts_file` (merging the translations it already holds)."""
    subprocess.run([_tool("lupdate"), *source_files(root), "-no-obsolete", "-locations", "none",
                    "-target-language", LANGUAGE, "-silent", "-ts", str(ts_file)],
                   check=True, cwd=ROOT)


def plural_forms(source: str) -> tuple[str, str]:
    """«%n cuenta(s) activa(s)» → («%n cuenta activa», «%n cuentas activas»)."""
    singular = _OPTIONAL.sub("", source)
    plural = _OPTIONAL.sub(lambda m: m.group(1), source)
    plural = _ION_PLURAL.sub(r"ion\1", plural)
    for plain, accented in ACCENTED_PLURALS.items():
        plural = re.sub(rf"\b{plain}\b", accented, plural)
    return singular, plural


def fill_plurals(ts_file: Path) -> int:
    """Give every unfinished numerus message its Spanish forms; returns how many were filled."""
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") != "yes" or translation is None:
            continue
        if translation.get("type") != "unfinished":
            continue
        forms = plural_forms(message.findtext("source") or "")
        for child in list(translation):
            translation.remove(child)
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
        del translation.attrib["type"]
        filled += 1
    if filled:
        ET.indent(tree, space="    ")
        with open(ts_file, "wb") as out:
            out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(out, encoding="utf-8", xml_declaration=False)
            out.write(b"\n")
    return filled


def release(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
                   check=True, cwd=ROOT)


def messages(ts_file: Path) -> set[tuple[str, str, bool]]:
    """(context, source text, is plural) of every message of a catalogue."""
    tree = ET.parse(ts_file)
    return {(context.findtext("name") or "", message.findtext("source") or "",
             message.get("numerus") == "yes")
            for context in tree.iter("context") for message in context.iter("message")}


def unfinished_plurals(ts_file: Path) -> list[str]:
    tree = ET.parse(ts_file)
    out = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" and translation is not None and (
                translation.get("type") == "unfinished"
                or not all((f.text or "").strip() for f in translation.iter("numerusform"))):
            out.append(message.findtext("source") or "")
    return out


def refresh(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    extract(ts_file)
    fill_plurals(ts_file)
    extract(ts_file)  # lupdate's own layout, so that the next refresh changes nothing
    release(ts_file, qm_file)


if __name__ == "__main__":
    refresh()
    print(f"{TS_FILE.relative_to(ROOT)}: {len(messages(TS_FILE))} textos; "
          f"{QM_FILE.relative_to(ROOT)} compilado.")
