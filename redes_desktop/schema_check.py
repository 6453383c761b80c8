"""Start-up check that the local database holds every table and column this program uses.

A database at the current schema revision that lacks a table (deleted by hand, half-restored,
copied from a tool) used to open and fail later, mid-work, with a traceback. It is refused at
start-up instead, with the usual exit code 4, and left untouched. Costs < 1 ms (one query per
table on `sqlite_master` / `PRAGMA table_info`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from redes_desktop.errors import DatabaseError


def missing_schema(engine: Engine) -> list[str]:
    """Tables, and `table.column`s, of the models that the database lacks."""
    from redes_desktop.models import Base

    missing: list[str] = []
    with engine.connect() as conn:
        have = {row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
        for name, table in Base.metadata.tables.items():
            if name not in have:
                missing.append(name)
                continue
            columns = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')}
            missing.extend(f"{name}.{c.name}" for c in table.columns if c.name not in columns)
    return missing


def require_complete_schema(engine: Engine, path: Path) -> None:
    missing = missing_schema(engine)
    if missing:
        shown = ", ".join(missing[:5]) + (f" y {len(missing) - 5} más" if len(missing) > 5 else "")
        raise DatabaseError(
            f"A la base de datos {path} le faltan partes ({shown}): está incompleta o fue "
            "modificada fuera del programa. Restáurela desde un respaldo (carpeta respaldos/) "
            "o elija otra carpeta de datos; el archivo no se modificó."
        )
