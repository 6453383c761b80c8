"""The bitácora's own SQLite file (`bitacora.sqlite3`): schema, opening checks and raw rows.

Plain `sqlite3` (not the main database, not Alembic): one `meta` table (workstation id, key
check) and one append-only `entries` table. The schema version is `PRAGMA user_version`. The
file is written in WAL mode with `synchronous=FULL`, so a commit that returned survives a crash.
A damaged, foreign or newer file is refused untouched; the file is never replaced or renamed.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

from redes_desktop.errors import UserFacingError

SCHEMA_VERSION = 1
ROW_COLUMNS = "id, origin, seq, at, actor, account, area, action, details, prev_mac, mac"
Row = tuple  # (id, origin, seq, at, actor, account, area, action, details, prev_mac, mac)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    origin BLOB NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor BLOB,
    account BLOB,
    area BLOB,
    action TEXT NOT NULL,
    details BLOB NOT NULL,
    prev_mac BLOB NOT NULL,
    mac BLOB NOT NULL
);
CREATE UNIQUE INDEX entries_origin_seq ON entries (origin, seq);
CREATE INDEX entries_account ON entries (account);
CREATE INDEX entries_actor ON entries (actor);
CREATE INDEX entries_area ON entries (area);
CREATE INDEX entries_action ON entries (action);
CREATE INDEX entries_at ON entries (at);
"""


class BitacoraFileError(UserFacingError):
    """The bitácora file cannot be used as it is."""

    exit_code = 4


@overload
def uuid_bytes(value: str | uuid.UUID) -> bytes: ...
@overload
def uuid_bytes(value: None) -> None: ...
@overload
def uuid_bytes(value: str | uuid.UUID | None) -> bytes | None: ...
def uuid_bytes(value: str | uuid.UUID | None) -> bytes | None:
    if value is None:
        return None
    return (value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))).bytes


_TEXT_CACHE: dict[bytes, str] = {}


@overload
def uuid_text(value: bytes) -> str: ...
@overload
def uuid_text(value: None) -> None: ...
@overload
def uuid_text(value: bytes | None) -> str | None: ...
def uuid_text(value: bytes | None) -> str | None:
    """16 stored bytes -> canonical text (cached: there are few distinct people and accounts)."""
    if value is None:
        return None
    text = _TEXT_CACHE.get(value)
    if text is None:
        text = str(uuid.UUID(bytes=bytes(value)))
        if len(_TEXT_CACHE) < 100_000:
            _TEXT_CACHE[value] = text
    return text


def write_error(path: Path, error: BaseException) -> UserFacingError:
    text = str(error).lower()
    if "full" in text or getattr(error, "errno", None) == 28:
        return BitacoraFileError(
            f"No se pudo escribir en la bitácora {path}: el disco está lleno. Libere espacio y "
            "vuelva a intentarlo; la acción no se realizó y la bitácora no se modificó."
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return BitacoraFileError(
            f"No se pudo escribir en la bitácora {path}: el archivo es de solo lectura. "
            "Revise los permisos de la carpeta de datos; la acción no se realizó."
        )
    return BitacoraFileError(
        f"No se pudo escribir en la bitácora {path} ({error}). La acción no se realizó; "
        "revise el disco y vuelva a intentarlo."
    )


def _damaged(path: Path, error: BaseException | str) -> BitacoraFileError:
    return BitacoraFileError(
        f"La bitácora {path} está dañada o incompleta ({error}). Restáurela desde un respaldo. "
        "El archivo no se modificó y no se iniciará una bitácora nueva en su lugar."
    )


def inspect_file(path: Path) -> dict[str, bytes]:
    """Read-only health check of an existing bitácora file; returns its meta values."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BitacoraFileError(
            f"No se pudo abrir la bitácora {path}: {error}. Revise los permisos del archivo."
        ) from error
    try:
        ok = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not ok or ok[0] != "ok":
            raise _damaged(path, ok[0] if ok else "quick_check")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise BitacoraFileError(
                f"La bitácora {path} fue creada por una versión más reciente de Redes INE "
                f"(formato {version}). Actualice el programa; el archivo no se modificó."
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version != SCHEMA_VERSION or not {"meta", "entries"} <= tables:
            raise BitacoraFileError(
                f"El archivo {path} no es una bitácora de Redes INE. Muévalo a otra carpeta o "
                "restaure la bitácora desde un respaldo; el archivo no se modificó."
            )
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        if "workstation" not in meta or "key_check" not in meta:
            raise _damaged(path, "faltan sus datos de identificación")
        return meta
    except sqlite3.DatabaseError as error:
        raise _damaged(path, error) from error
    finally:
        conn.close()


def create_file(path: Path, workstation: str, key_check: bytes) -> None:
    """Create a new, empty bitácora atomically; never replaces an existing file."""
    temporary = path.with_name(f".{path.name}.nueva-{os.getpid()}")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        from redes_desktop.private_files import create_private_file

        create_private_file(temporary)  # 0600, and so its -wal/-shm (issue 11)
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('workstation', ?), ('key_check', ?)",
                (workstation.encode(), key_check),
            )
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        finally:
            conn.close()
        os.link(temporary, path)  # fails if `path` appeared meanwhile: never overwrite
    except FileExistsError as error:
        raise BitacoraFileError(
            f"Ya existe una bitácora en {path}; no se reemplazó."
        ) from error
    except (OSError, sqlite3.Error) as error:
        raise write_error(path, error) from error
    finally:
        temporary.unlink(missing_ok=True)


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    if readonly:
        conn.execute("PRAGMA query_only=1")
    else:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    return conn


class EntryRows:
    """Raw row access on one connection (not thread-safe: one per thread)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def head(self, origin: bytes) -> tuple[int, bytes, int] | None:
        """(seq, mac, id) of the origin's last entry, or None."""
        return self.conn.execute(
            "SELECT seq, mac, id FROM entries WHERE origin=? ORDER BY seq DESC LIMIT 1", (origin,)
        ).fetchone()

    def at_seq(self, origin: bytes, seq: int) -> Row | None:
        return self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM entries WHERE origin=? AND seq=?", (origin, seq)
        ).fetchone()

    def origins(self) -> list[bytes]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT origin FROM entries")]

    def after(self, origin: bytes, seq: int, limit: int | None = None) -> Iterator[Row]:
        sql = f"SELECT {ROW_COLUMNS} FROM entries WHERE origin=? AND seq>? ORDER BY seq"
        params: tuple = (origin, seq)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return self.conn.execute(sql, params)

    def insert(self, rows: Sequence[tuple]) -> None:
        """Insert (origin, seq, at, actor, account, area, action, details, prev, mac) rows in
        one durable transaction."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(
                "INSERT INTO entries (origin, seq, at, actor, account, area, action, details, "
                "prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
