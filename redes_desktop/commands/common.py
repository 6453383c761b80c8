"""Pieces every subcommand shares."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redes_desktop.context import AppContext
    from redes_desktop.workspace import Workspace


def add_data_dir(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """`--data-dir` on a subcommand (the global one before the subcommand works too)."""
    parser.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                        help=help_text or "carpeta de datos (también REDES_DATA_DIR)")


def data_dir_of(args: argparse.Namespace) -> Path:
    from redes_desktop.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir_sub", None) or args.data_dir)


@contextmanager
def command_context(workspace: Workspace, *, record: bool = True) -> Iterator[AppContext]:
    """The context a command acts in: this folder's database, the secret store the folder uses
    (keyring or vault) and, when the command changes anything, the bitácora as recorder (8.iii).
    Closed (pending anchor flushed, database released) when the block ends."""
    from redes_desktop.context import AppContext
    from redes_desktop.context_setup import attach_bitacora
    from redes_desktop.vault.choice import command_store

    context = AppContext(workspace=workspace, database=workspace.open_database(),
                         clock=workspace.clock, secrets=command_store(workspace.paths.root))
    try:
        if record:
            attach_bitacora(context)
        yield context
    finally:
        context.close()
        context.database.dispose()
