"""One data folder opened for use: checked writable, locked against a second instance,
its settings loaded and its database upgraded. Shared by the GUI and the command line."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from redes_desktop.clock import Clock, system_clock
from redes_desktop.errors import AlreadyRunning, DataFolderError
from redes_desktop.paths import DataPaths
from redes_desktop.settings import Settings, SettingsStore

if TYPE_CHECKING:  # the data layer is imported when the database is opened (it is slow)
    from redes_desktop.database import Database


def prepare_data_folder(root: Path) -> DataPaths:
    """Create the folder if needed and prove it writable, or raise a Spanish DataFolderError.

    The folder and its files are made private to their owner (0700/0600), tightening a folder
    an earlier version created 0755."""
    from redes_desktop.private_files import make_private_dir, tighten_data_folder

    paths = DataPaths(root)
    try:
        make_private_dir(root)
        probe = root / f".escritura-{os.getpid()}-{time.monotonic_ns()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        raise DataFolderError(
            f"No se puede escribir en la carpeta de datos {root} ({error.strerror or error}). "
            "Elija otra con --data-dir o REDES_DATA_DIR, o pida permisos de escritura; "
            "no se modificó ningún dato."
        ) from error
    tighten_data_folder(root)
    return paths


class FolderLock:
    """An exclusive lock on the data folder, released by the OS when the process ends.

    Plain `fcntl.flock` / `msvcrt.locking` rather than a library: this runs before the first
    paint, where every import counts (see benchmarks/bench_startup.py).
    """

    def __init__(self, paths: DataPaths) -> None:
        self.paths = paths
        self._fd: int | None = None

    def acquire(self) -> None:
        try:
            fd = os.open(self.paths.lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise DataFolderError(
                f"No se pudo bloquear la carpeta de datos {self.paths.root} ({error}). "
                "Revise sus permisos."
            ) from error
        try:
            _lock_fd(fd)
        except OSError as error:
            os.close(fd)
            raise AlreadyRunning(
                f"Redes INE ya está abierto con la carpeta de datos {self.paths.root}. "
                "Cambie a esa ventana, o ciérrela antes de abrir otra."
            ) from error
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock_fd(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


# sys.platform (not os.name): the type checker then checks only this platform's branch.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows workstations
    import msvcrt

    def _lock_fd(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@dataclass
class Workspace:
    paths: DataPaths
    settings_store: SettingsStore
    settings: Settings
    clock: Clock = system_clock
    lock: FolderLock | None = None
    database: Database | None = field(default=None)

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)

    def open_database(self) -> Database:
        """Import the data layer lazily (it is slow) and open the local database."""
        from redes_desktop.database import open_local_database

        if self.database is None:
            self.database = open_local_database(self.paths.database)
        return self.database

    def close(self) -> None:
        if self.database is not None:
            self.database.dispose()
            self.database = None
        if self.lock is not None:
            self.lock.release()


def open_workspace(root: Path, *, clock: Clock = system_clock, lock: bool = True) -> Workspace:
    paths = prepare_data_folder(root)
    folder_lock = None
    if lock:
        folder_lock = FolderLock(paths)
        folder_lock.acquire()
    store = SettingsStore(paths.settings)
    return Workspace(
        paths=paths, settings_store=store, settings=store.load(), clock=clock, lock=folder_lock
    )
