"""Opening the local SQLite database (or any SQLAlchemy URL) and keeping its schema current.

The program upgrades its database when it starts. A database whose schema revision this program
does not know was written by a newer version: it is refused, untouched. A damaged file is refused
before anything is written to it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from redes_desktop.errors import DatabaseError, LocalDatabaseBusy
from redes_desktop.migrations import HEAD_REVISION
from redes_desktop.resource_files import migrations_dir
from redes_desktop.schema_check import require_complete_schema

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (and mako, pygments) costs ~17 MiB and ~150 ms: it is imported only when a schema
# actually needs upgrading, not on a normal start whose database is already at HEAD_REVISION.

MIGRATIONS_DIR = migrations_dir()


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision != HEAD_REVISION and revision not in known_revisions():
        raise DatabaseError(
            f"{where} fue creada por una versión más reciente de Redes INE "
            f"(esquema «{revision}»). Actualice el programa para abrirla; "
            "no se modificó ningún dato."
        )


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. Refuses (without writing) a schema from a newer program."""
    from alembic import command

    check_not_newer(current_revision(engine), "La base de datos")
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


# How long a statement waits for a lock held by another program before giving up with
# LocalDatabaseBusy (tests lower it).
BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cursor.close()


def is_locked(error: BaseException | None) -> bool:
    """SQLite's "database is locked" / "database is busy": another connection holds the file."""
    original = getattr(error, "orig", None) or error
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return True
    text = str(original).lower()
    return "database is locked" in text or "database is busy" in text


def busy_error(path: Path | str) -> LocalDatabaseBusy:
    return LocalDatabaseBusy(
        f"La base de datos local {path} está ocupada por otro programa (por ejemplo, una copia "
        "de respaldo, un antivirus o una herramienta que la tiene abierta). Espere a que "
        "termine, o ciérrelo, y vuelva a intentarlo: no se guardó nada a medias y ningún dato "
        "se perdió."
    )


def _translate_lock(context) -> None:
    """Every statement on the local database: a lock held by another program becomes a Spanish
    LocalDatabaseBusy (start-up, saves, sync alike), after SQLite waited `busy_timeout`."""
    if is_locked(context.original_exception) and not _waiting_disabled(context):
        raise busy_error(context.engine.url.database) from context.original_exception


# Tables whose writer handles a lock itself (the bitácora's anchor returns False and writes it
# at the next chance): their OperationalError is left as it is.
_HANDLES_LOCKS_ITSELF = ("bitacora_anchors",)


def _waiting_disabled(context) -> bool:
    """The caller handles the lock itself: it set `PRAGMA busy_timeout=0` (tries without
    waiting), or it writes a table listed in _HANDLES_LOCKS_ITSELF."""
    statement = str(context.statement or "")
    if any(name in statement for name in _HANDLES_LOCKS_ITSELF):
        return True
    try:
        raw = context.connection.connection.dbapi_connection
        return raw.execute("PRAGMA busy_timeout").fetchone()[0] == 0
    except Exception:  # noqa: BLE001 - the question must never hide the original error
        return False


def sqlite_engine(path: Path) -> Engine:
    # Connections may be opened by the start-up worker thread and used later on the UI thread;
    # the pool hands each to one thread at a time.
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "handle_error", _translate_lock)
    return engine


def inspect_sqlite_file(path: Path) -> str | None:
    """Read-only health check of an existing file; returns its schema revision.

    Raises DatabaseError for a file that is not a usable SQLite database. Nothing is written.
    An empty (0-byte) file is refused too: a brand-new folder has no file at all, so an empty
    one is a failed copy or restore, and silently starting a new database over it would hide
    that the data is gone (issue 11).
    """
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        raise DatabaseError(
            f"La base de datos {path} está vacía (0 bytes): una copia o restauración falló. "
            "Restáurela desde un respaldo (carpeta respaldos/); si la carpeta de datos es nueva "
            "y no tenía datos, borre ese archivo y vuelva a abrir el programa. "
            "El archivo no se modificó."
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DatabaseError(
            f"No se pudo abrir la base de datos {path}: {error}. Revise los permisos del archivo."
        ) from error
    try:
        ok = conn.execute("PRAGMA quick_check(1)").fetchone()
        if not ok or ok[0] != "ok":
            raise sqlite3.DatabaseError(ok[0] if ok else "quick_check")
        has_version = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_version:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise DatabaseError(
                    f"El archivo {path} no es una base de datos de Redes INE. "
                    "Elija otra carpeta de datos; el archivo no se modificó."
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as error:
        if is_locked(error):
            raise busy_error(path) from error
        raise DatabaseError(
            f"La base de datos {path} está dañada o no es una base de datos ({error}). "
            "Restáurela desde un respaldo o elija otra carpeta de datos; "
            "el archivo no se modificó."
        ) from error
    finally:
        conn.close()


@dataclass
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(engine: Engine, *, migrate: bool = True) -> Database:
    from redes_desktop.sync.capture import install_change_capture

    if migrate:
        upgrade(engine)
    sessions = sessionmaker(engine, expire_on_commit=False)
    install_change_capture(sessions)  # local changes of synced rows, for the sync (issue 7)
    return Database(engine=engine, sessions=sessions)


def open_local_database(path: Path) -> Database:
    """Check, upgrade and open the workstation's SQLite database."""
    from redes_desktop.private_files import create_private_file

    revision = inspect_sqlite_file(path)
    check_not_newer(revision, "La base de datos local")
    if revision is None and not path.exists():
        create_private_file(path)  # 0600; SQLite gives its -wal and -shm the same mode
    engine = sqlite_engine(path)
    try:
        if revision == HEAD_REVISION:  # refused before anything is written to it
            require_complete_schema(engine, path)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        database = open_database(engine, migrate=revision != HEAD_REVISION)
        if revision != HEAD_REVISION:
            require_complete_schema(engine, path)
    except DBAPIError as error:  # e.g. a migration meeting a table that is not there
        engine.dispose()
        raise DatabaseError(
            f"No se pudo preparar la base de datos {path} ({error.orig}): está incompleta o "
            "fue modificada fuera del programa. Restáurela desde un respaldo (carpeta "
            "respaldos/) o elija otra carpeta de datos."
        ) from error
    except BaseException:
        engine.dispose()
        raise
    from redes_desktop.sync.capture import require_capture

    require_capture(engine)  # no session without capture may write synced rows here
    return database
