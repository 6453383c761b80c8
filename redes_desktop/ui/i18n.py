"""The program's own translation catalogue, loaded at start-up.

The source language is Spanish (México): every text in the code is already what is shown. The
compiled catalogue (`resources/i18n/redes_desktop_es_MX.qm`, built from the Qt Linguist file
beside it by `make translations`) is still needed for plural forms: `self.tr("%n cuenta(s)", "",
n)` reads «1 cuenta» / «2 cuentas» only through the numerus translations it carries. Texts the
catalogue does not translate fall back to the source text.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTranslator

from redes_desktop.resource_files import resource_path

CATALOGUE = "i18n/redes_desktop_es_MX.ts"
COMPILED = "i18n/redes_desktop_es_MX.qm"


def install_app_translations(app: QCoreApplication) -> QTranslator | None:
    """Load the compiled catalogue into `app`; None (and a note on stderr) if it cannot load."""
    translator = QTranslator(app)
    path = resource_path(COMPILED)
    if not translator.load(str(path)):
        print(f"No se pudo cargar el catálogo de textos {path}: los plurales se verán como "
              "«cuenta(s)».", file=sys.stderr)
        return None
    app.installTranslator(translator)
    return translator
