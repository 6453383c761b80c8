"""Bad input at start-up: a clear Spanish message, a distinct exit code, the data untouched."""

import os
import sqlite3
import subprocess
import sys

import pytest

from redes_desktop.database import open_local_database
from redes_desktop.errors import AlreadyRunning, DataFolderError
from redes_desktop.workspace import FolderLock, open_workspace, prepare_data_folder


def _run(*args, timeout=60):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "redes_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_corrupt_database_is_refused_untouched(data_dir):
    db_file = data_dir / "redes.sqlite3"
    db_file.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    before = db_file.read_bytes()
    result = _run("--data-dir", str(data_dir), "--quit-after-startup")
    assert result.returncode == 4
    assert "dañada" in result.stderr
    assert db_file.read_bytes() == before


def test_foreign_sqlite_file_is_refused(data_dir):
    with sqlite3.connect(data_dir / "redes.sqlite3") as conn:
        conn.execute("CREATE TABLE otra (x)")
    result = _run("--data-dir", str(data_dir), "--quit-after-startup")
    assert result.returncode == 4
    assert "no es una base de datos de Redes INE" in result.stderr


def test_newer_database_is_refused_by_the_program(data_dir):
    open_local_database(data_dir / "redes.sqlite3").dispose()
    with sqlite3.connect(data_dir / "redes.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")
    result = _run("--data-dir", str(data_dir), "--quit-after-startup")
    assert result.returncode == 4
    assert "versión más reciente" in result.stderr


def test_unwritable_data_folder(tmp_path):
    blocker = tmp_path / "archivo"
    blocker.write_text("no soy carpeta")
    with pytest.raises(DataFolderError, match="No se puede escribir"):
        prepare_data_folder(blocker / "datos")
    result = _run("--data-dir", str(blocker / "datos"), "--quit-after-startup")
    assert result.returncode == 3
    assert "carpeta de datos" in result.stderr
    assert blocker.read_text() == "no soy carpeta"


def test_second_instance_on_same_folder(data_dir):
    holder = FolderLock(prepare_data_folder(data_dir))
    holder.acquire()
    try:
        with pytest.raises(AlreadyRunning, match="ya está abierto"):
            open_workspace(data_dir)
        result = _run("--data-dir", str(data_dir), "--quit-after-startup")
        assert result.returncode == 5
        assert "ya está abierto" in result.stderr
    finally:
        holder.release()
    workspace = open_workspace(data_dir)
    workspace.close()


def test_data_dir_from_environment(tmp_path):
    target = tmp_path / "desde-entorno"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REDES_DATA_DIR": str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "--quit-after-startup"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert (target / "redes.sqlite3").exists()


def test_usage_error_is_spanish_exit_2():
    result = _run("--no-existe")
    assert result.returncode == 2
    assert "Error de uso" in result.stderr
