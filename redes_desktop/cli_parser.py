"""The command line's argument parser, in Spanish, without touching the `argparse` module.

argparse writes its own messages in English through `gettext.gettext`, i.e. through the
*process-wide* gettext domain chosen by the environment (LANGUAGE, LC_ALL…): translating it with a
catalogue would change every parser in the process and still depend on the user's locale. So
only our parsers speak Spanish, through argparse's documented extension points:

- `error()` (documented as the method to override) rewrites the handful of message shapes
  argparse produces for a user's mistake into Spanish; an unknown shape is shown as it is;
- a `HelpFormatter` subclass names the usage line and the section headings in Spanish;
- `-h/--help` is our own argument, with a Spanish description.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

USAGE_ERROR = 2

# argparse's English templates (Python 3.11–3.13) and their Spanish. `%(name)s`/`%(name)r`/`%s`
# mark the parts carried over as they are.
_MESSAGES = (
    ("argument %(argument_name)s: %(message)s", "argumento %(argument_name)s: %(message)s"),
    ("the following arguments are required: %(a)s", "faltan los argumentos: %(a)s"),
    ("unrecognized arguments: %(a)s", "argumentos no reconocidos: %(a)s"),
    ("invalid choice: %(value)s (choose from %(choices)s)",
     "opción no válida: %(value)s (elija entre %(choices)s)"),
    ("invalid %(type)s value: %(value)s", "valor no válido: %(value)s"),
    ("expected one argument", "se esperaba un valor"),
    ("expected at least one argument", "se esperaba al menos un valor"),
    ("expected at most one argument", "se esperaba a lo sumo un valor"),
    ("ambiguous option: %(option)s could match %(matches)s",
     "opción ambigua: %(option)s puede ser %(matches)s"),
    ("not allowed with argument %(a)s", "no se permite junto con el argumento %(a)s"),
    ("one of the arguments %(a)s is required", "se requiere uno de los argumentos %(a)s"),
    ("ignored explicit argument %(a)s", "se ignoró el valor explícito %(a)s"),
)
_HEADINGS = {"positional arguments": "argumentos", "options": "opciones",
             "optional arguments": "opciones"}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\(\w+\)s)", template)
    regex = "".join(
        f"(?P<{p[2:-2]}>.+?)" if p.startswith("%(") else re.escape(p) for p in parts
    )
    return re.compile(rf"\A{regex}\Z", re.DOTALL)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns, compiled at the first usage error (not at every start of the window)."""
    return tuple((_pattern(english), spanish) for english, spanish in _MESSAGES)


def spanish_message(message: str) -> str:
    """argparse's English error `message` in Spanish (unknown shapes are returned unchanged)."""
    for pattern, spanish in _compiled():
        found = pattern.match(message)
        if found:
            parts = found.groupdict()
            if "message" in parts:
                parts["message"] = spanish_message(parts["message"])
            return spanish % parts
    return message


class SpanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(heading if heading is None else _HEADINGS.get(heading, heading))


class SpanishParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and usage errors are in Spanish (exit 2 on misuse)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", SpanishHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # our own Spanish -h/--help below
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="muestra esta ayuda y termina")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"Error de uso: {spanish_message(message)}\n")
