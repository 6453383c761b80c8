"""Where the program keeps its files. Paths come from platformdirs, never built by hand."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "redes-desktop"
APP_AUTHOR = "INE"
DATA_DIR_ENV = "REDES_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` wins, then `REDES_DATA_DIR`, then the platform's user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DATA_DIR_ENV)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataPaths:
    """The files of one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "redes.sqlite3"

    @property
    def bitacora(self) -> Path:
        return self.root / "bitacora.sqlite3"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def vault(self) -> Path:
        """The encrypted secrets vault, used where no OS keyring answers (vault/)."""
        return self.root / "secretos.boveda"

    @property
    def installation_id(self) -> Path:
        """This data folder's installation id, recorded in its vault."""
        return self.root / "instalacion.id"

    @property
    def lock(self) -> Path:
        return self.root / ".redes-desktop.lock"

    @property
    def media(self) -> Path:
        return self.root / "media"

    @property
    def backups(self) -> Path:
        return self.root / "respaldos"
