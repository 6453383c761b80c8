"""The Redactor's check engine: built with this workstation's settings (the institutional
dictionary in the data folder, the official sites, LanguageTool), and the dictionary inside it
that «Agregar al diccionario» writes to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.context import AppContext

DICTIONARY_FILE = "diccionario-institucional.txt"


def default_engine_factory(context: AppContext) -> Callable[[], CheckEngine]:
    """Build the full engine (slow: dictionaries) with this workstation's settings."""
    settings = context.workspace.settings
    user_dictionary = Path(context.workspace.paths.root) / DICTIONARY_FILE

    def factory() -> CheckEngine:
        from redes_desktop.checks.engine import build_engine

        # Read when the engine is built, so a change in Preferencias applies on the next one.
        return build_engine(user_dictionary=user_dictionary,
                            official_domains=tuple(settings.official_domains),
                            languagetool_url=settings.languagetool_url, fast_suggestions=True)

    return factory


def institutional_dictionary(engine: CheckEngine | None) -> Any | None:
    """The dictionary a word can be added to (the spelling rule's), None while the engine is
    being built or when it has none."""
    for rule in engine.text_rules if engine else ():
        candidate = getattr(rule, "dictionary", None)
        if candidate is not None and hasattr(candidate, "add"):
            return candidate
    return None
