"""A damaged local database is refused at start-up, by the window and every command that opens
it, with exit 4 and the file kept as it was (issue 11)."""

import os
import sqlite3
import subprocess
import sys

import pytest

from redes_desktop.database import open_local_database
from redes_desktop.errors import DatabaseError


def _run(data_dir, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "redes_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=120, env=env)


# The window, and commands that open the local database in different ways.
ENTRY_POINTS = [
    ("--quit-after-startup",),
    ("consultas", "list"),
    ("cuentas", "oficiales", "--format", "json"),
    ("bitacora", "verify"),
    ("check", "--account", "@alguien", "Hola"),
]


@pytest.mark.parametrize("args", ENTRY_POINTS, ids=lambda a: a[0])
def test_empty_database_file_is_refused_and_kept(data_dir, args):
    db_file = data_dir / "redes.sqlite3"
    db_file.write_bytes(b"")
    result = _run(data_dir, *args)
    assert result.returncode == 4, result.stderr
    assert "está vacía (0 bytes)" in result.stderr and "Traceback" not in result.stderr
    assert db_file.exists() and db_file.stat().st_size == 0


def _drop_table(path, table):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute(f'DROP TABLE "{table}"')
    conn.commit()
    conn.close()  # the last connection checkpoints the WAL into the file


@pytest.mark.parametrize("args", ENTRY_POINTS, ids=lambda a: a[0])
def test_database_missing_a_table_is_refused_and_kept(data_dir, args):
    db_file = data_dir / "redes.sqlite3"
    open_local_database(db_file).dispose()
    _drop_table(db_file, "accounts")
    before = db_file.read_bytes()
    assert not (data_dir / "redes.sqlite3-wal").exists()
    result = _run(data_dir, *args)
    assert result.returncode == 4, result.stderr
    assert "le faltan partes (accounts)" in result.stderr and "Traceback" not in result.stderr
    assert db_file.read_bytes() == before


def test_missing_column_is_named(data_dir):
    db_file = data_dir / "redes.sqlite3"
    open_local_database(db_file).dispose()
    with sqlite3.connect(db_file) as conn:
        conn.execute("ALTER TABLE accounts DROP COLUMN rhythm")
    with pytest.raises(DatabaseError, match=r"accounts\.rhythm"):
        open_local_database(db_file)


def test_brand_new_folder_still_creates_its_database(tmp_path):
    target = tmp_path / "nueva" / "datos"
    result = _run(target, "--quit-after-startup")
    assert result.returncode == 0, result.stderr
    assert (target / "redes.sqlite3").stat().st_size > 0
    open_local_database(target / "redes.sqlite3").dispose()  # opens again, complete
