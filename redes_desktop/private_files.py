"""The data folder and its files are readable by their owner only (issue 11).

The folder (and `media/`, `respaldos/`) is 0700; the databases with their WAL/SHM, the
bitácora, settings.json, the lock and media copies are 0600. New files are created that way
(`create_private_file`; SQLite gives a database's -wal/-shm the mode of the database itself;
`tempfile.mkstemp`, used for settings and media copies, already creates 0600), and a folder made
0755 by an earlier version is tightened when a program opens it (`tighten_data_folder`).

POSIX only: on Windows the user's profile folder already has owner-only ACLs and `chmod`
changes nothing but the read-only flag, so both functions do nothing there. Tightening is best
effort: a file owned by someone else (chmod refused) is left as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_SUBFOLDERS = ("media", "respaldos")


def _posix() -> bool:
    return os.name == "posix"


def _tighten(path: Path, mode: int) -> None:
    try:
        current = path.lstat().st_mode
        if stat.S_ISLNK(current) or stat.S_IMODE(current) & 0o077 == 0:
            return  # never follow a link out of the folder; already private
        os.chmod(path, stat.S_IMODE(current) & mode)
    except OSError:
        pass


def tighten_data_folder(root: Path) -> None:
    """Make the folder 0700 and every file in it (and its media/backups) 0600."""
    if not _posix():
        return
    _tighten(root, PRIVATE_DIR)
    folders = [root] + [root / name for name in _SUBFOLDERS]
    for folder in folders:
        if folder is not root:
            _tighten(folder, PRIVATE_DIR)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                _tighten(Path(entry.path), PRIVATE_FILE)


def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) if missing; the folder itself ends 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if _posix():
        _tighten(path, PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist (whatever the umask)."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_FILE))
    except FileExistsError:
        pass


def make_private(path: Path) -> None:
    """chmod 0600 an existing file this program just created (no-op on Windows)."""
    if _posix():
        _tighten(path, PRIVATE_FILE)
