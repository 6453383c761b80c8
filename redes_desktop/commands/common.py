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


def existing_data_dir(args: argparse.Namespace) -> Path:
    """The data folder a command works on, refused (usage error) when it holds no database."""
    from redes_desktop.errors import UsageError

    root = data_dir_of(args)
    if not (root / "redes.sqlite3").exists():
        raise UsageError(f"No hay base de datos en {root}. Indique la carpeta con --data-dir.")
    return root


def open_existing_workspace(args: argparse.Namespace, *, lock: bool) -> Workspace:
    """That folder's workspace, on the command's clock (`--ahora` in tests)."""
    from redes_desktop.clock import clock_of
    from redes_desktop.workspace import open_workspace

    return open_workspace(existing_data_dir(args), clock=clock_of(args), lock=lock)


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
