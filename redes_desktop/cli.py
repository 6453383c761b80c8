"""Entry point of `redes-desktop`: the window by default, or a subcommand.

Nothing slow is imported here: the window path imports Qt first and paints before the data layer
loads; subcommands import what they need.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from redes_desktop import __version__
from redes_desktop.cli_parser import SpanishParser
from redes_desktop.clock import Clock, system_clock
from redes_desktop.commands import COMMAND_MODULES
from redes_desktop.errors import UserFacingError


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of the program itself (the window), before any subcommand."""
    parser.add_argument(
        "--version",
        action="version",
        version=f"redes-desktop {__version__}",
        help="muestra la versión y termina",
    )
    parser.add_argument(
        "--data-dir", metavar="CARPETA", help="carpeta de datos (también REDES_DATA_DIR)"
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help="abre la ventana, espera a que se dibuje y termina (pruebas)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = SpanishParser(
        prog="redes-desktop",
        description="Cliente editorial para las cuentas institucionales de redes sociales del INE.",
    )
    _add_window_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="ORDEN", parser_class=SpanishParser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


class _NotTheWindow(Exception):
    """The quick parse met something it does not know: the full parser decides."""


class _WindowParser(SpanishParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line. Opening the window (no subcommand, only the window's options)
    is recognised without importing the command modules and building their ~50 parsers, which
    took ~25 ms before the window's first paint; anything else (a subcommand, -h, a mistake) is
    parsed by the full parser, with its Spanish help and errors."""
    quick = _WindowParser(prog="redes-desktop", add_help=False)
    _add_window_options(quick)
    try:
        args, rest = quick.parse_known_args(argv)
    except _NotTheWindow:
        rest = ["?"]
    if not rest:
        args.command = None
        return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None, *, clock: Clock = system_clock) -> int:
    """Run the window or a subcommand. `clock` is where the window and every command take the
    time from (`redes_desktop.clock.clock_of`): tests pass a FixedClock, never the wall clock."""
    args = parse_arguments(argv)
    args.clock = clock
    try:
        if args.command is None:
            from redes_desktop.ui.application import run_gui

            return run_gui(args)  # checks the installed files itself, to show a dialog
        from redes_desktop.resource_files import verify

        verify()
        return int(args.handler(args) or 0)
    except UserFacingError as error:
        print(f"Error: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, like other command-line tools.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
