"""Pieces every subcommand shares."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_data_dir(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """`--data-dir` on a subcommand (the global one before the subcommand works too)."""
    parser.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                        help=help_text or "carpeta de datos (también REDES_DATA_DIR)")


def data_dir_of(args: argparse.Namespace) -> Path:
    from redes_desktop.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir_sub", None) or args.data_dir)
