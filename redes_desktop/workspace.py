"""One data folder opened for use: checked writable, locked against a second instance,
its settings loaded and its database upgraded. Shared by the GUI and the command line."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from redes_desktop.clock import Clock, system_clock
from redes_desktop.errors import AlreadyRunning, DataFolderError
from redes_desktop.paths import DataPaths
from redes_desktop.settings import Settings, SettingsStore


def prepare_data_folder(root: Path) -> DataPaths:
    """Create the folder if needed and prove it writable, or raise a Spanish DataFolderError."""
    paths = DataPaths(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".escritura-{uuid.uuid4().hex}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        raise DataFolderError(
            f"No se puede escribir en la carpeta de datos {root} ({error.strerror or error}). "
            "Elija otra con --data-dir o REDES_DATA_DIR, o pida permisos de escritura; "
            "no se modificó ningún dato."
        ) from error
    return paths


class FolderLock:
    """An exclusive lock on the data folder, released when the process ends."""

    def __init__(self, paths: DataPaths) -> None:
        from filelock import FileLock, Timeout

        self._timeout_error = Timeout
        self._lock = FileLock(str(paths.lock), timeout=0)
        self.paths = paths

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except self._timeout_error as error:
            raise AlreadyRunning(
                f"Redes INE ya está abierto con la carpeta de datos {self.paths.root}. "
                "Cambie a esa ventana, o ciérrela antes de abrir otra."
            ) from error
        except OSError as error:
            raise DataFolderError(
                f"No se pudo bloquear la carpeta de datos {self.paths.root} ({error}). "
                "Revise sus permisos."
            ) from error

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


@dataclass
class Workspace:
    paths: DataPaths
    settings_store: SettingsStore
    settings: Settings
    clock: Clock = system_clock
    lock: FolderLock | None = None
    database: object | None = field(default=None)  # redes_desktop.database.Database

    def save_settings(self) -> None:
        self.settings_store.save(self.settings)

    def open_database(self):
        """Import the data layer lazily (it is slow) and open the local database."""
        from redes_desktop.database import open_local_database

        if self.database is None:
            self.database = open_local_database(self.paths.database)
        return self.database

    def close(self) -> None:
        if self.database is not None:
            self.database.dispose()  # type: ignore[attr-defined]
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


def is_test_run() -> bool:
    return "PYTEST_CURRENT_TEST" in os.environ
