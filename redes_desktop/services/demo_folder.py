"""`redes-desktop demo`: the demo institution in a data folder (services/demo.py builds it).

A folder that already has data is refused unless `force`; then its database and bitácora are
moved aside into the backups folder first (a damaged or newer database too, untouched). The
demo's past weeks are written into the folder's bitácora when this workstation has a usable
secret store; without one the demo is created without them, and the message says why.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from redes_desktop.clock import to_mexico
from redes_desktop.errors import DatabaseError, UserFacingError
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.demo import DemoRefused, DemoSummary, record_demo_history, seed_demo
from redes_desktop.services.directory import Directory

if TYPE_CHECKING:
    from redes_desktop.workspace import Workspace


def _move_aside(database_file: Path, backups: Path, stamp: str) -> Path:
    """Move the database and its WAL/SHM companions into `backups`; return the new path."""
    from redes_desktop.private_files import make_private_dir

    make_private_dir(backups)  # 0700: the old database keeps its own 0600 mode
    target = backups / f"redes-antes-de-demo-{stamp}.sqlite3"
    n = 2
    while target.exists():
        target = backups / f"redes-antes-de-demo-{stamp}-{n}.sqlite3"
        n += 1
    for suffix in ("", "-wal", "-shm"):
        source = database_file.with_name(database_file.name + suffix)
        if source.exists():
            shutil.move(str(source), str(target.with_name(target.name + suffix)))
    # The bitácora goes with the database that anchors it: a new demo starts a new chain, and
    # the old one stays whole beside its database (its keys stay in the keyring).
    bitacora = database_file.with_name("bitacora.sqlite3")
    for suffix in ("", "-wal", "-shm"):
        source = bitacora.with_name(bitacora.name + suffix)
        if source.exists():
            shutil.move(str(source), str(target.with_name(
                target.name.replace("redes-antes", "bitacora-antes", 1) + suffix)))
    return target


def _has_data(workspace: Workspace) -> bool:
    database = workspace.open_database()
    with database.session() as session:
        return not Directory(session, workspace.clock, NullRecorder()).is_empty()


def seed_demo_folder(workspace: Workspace, force: bool = False) -> str:
    """Seed the workspace's database; refuse a folder with data unless `force` (then back up).

    The settings (current person) are left alone: the user chooses who they are at start-up.
    """
    paths = workspace.paths
    try:
        has_data = _has_data(workspace)
    except DatabaseError:
        if not force:
            raise
        has_data = True  # damaged or newer: keep the file aside, untouched, and start afresh
    backup: Path | None = None
    if has_data:
        if not force:
            raise DemoRefused(
                f"La carpeta de datos {paths.root} ya tiene datos; la demostración no se creó "
                "para no mezclarlos. Use otra carpeta con --data-dir, o repita la orden con "
                f"--force para reemplazarlos: antes se guarda un respaldo en {paths.backups}."
            )
        if workspace.database is not None:
            workspace.database.dispose()
            workspace.database = None
        stamp = to_mexico(workspace.clock()).strftime("%Y%m%d-%H%M%S")
        backup = _move_aside(paths.database, paths.backups, stamp)
    database = workspace.open_database()
    with database.session() as session:
        summary = seed_demo(session, workspace.clock, data_dir=paths.root)
        session.commit()
    message = str(summary) + "\n" + _history_in_folder(workspace, summary)
    if backup is not None:
        message += f"\nLos datos anteriores se guardaron en {backup}."
    return message


def _history_in_folder(workspace: Workspace, summary: DemoSummary) -> str:
    """Open (create) the folder's bitácora and write the demo's history; a workstation
    without a usable secret store gets the demo without it, and is told why."""
    from redes_desktop.bitacora import open_bitacora
    from redes_desktop.vault.choice import command_store

    database = workspace.open_database()
    try:
        secrets = command_store(workspace.paths.root)
        bitacora = open_bitacora(workspace.paths, secrets, database, workspace.clock)
    except UserFacingError as error:
        return ("La bitácora de demostración no se creó: " + error.message + " Las demás "
                "secciones funcionan; la bitácora empezará con lo que se haga en el programa.")
    try:
        return str(record_demo_history(summary, bitacora, database, workspace.clock))
    finally:
        bitacora.close()
