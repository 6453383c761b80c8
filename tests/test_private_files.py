"""The data folder and its files are readable by their owner only (issue 11). POSIX modes."""

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PIL import Image

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _run(data_dir, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "redes_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def open_umask():
    """A permissive umask, as on many desktops, so the test proves the modes are explicit."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_data_folder_and_its_files_are_private(tmp_path, open_umask):
    from redes_desktop.bitacora import open_bitacora
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.workspace import open_workspace

    root = tmp_path / "nueva" / "datos"
    workspace = open_workspace(root)
    try:
        workspace.save_settings()
        database = workspace.open_database()
        bitacora = open_bitacora(workspace.paths, SecretStore(), database,
                                 lambda: datetime.now(UTC))
        bitacora.close()
    finally:
        workspace.close()
    assert _mode(root) == 0o700
    files = [p for p in root.iterdir() if p.is_file()]
    names = {p.name for p in files}
    assert {"redes.sqlite3", "bitacora.sqlite3", "settings.json"} <= names, names
    for path in files:
        assert _mode(path) == 0o600, (path.name, oct(_mode(path)))


def test_demo_command_leaves_a_private_folder(tmp_path, open_umask):
    root = tmp_path / "demo"
    result = _run(root, "demo")
    assert result.returncode == 0, result.stderr
    assert _mode(root) == 0o700 and _mode(root / "redes.sqlite3") == 0o600


def test_database_wal_and_shm_are_private_while_open(tmp_path, open_umask):
    from redes_desktop.database import open_local_database

    db_file = tmp_path / "redes.sqlite3"
    db = open_local_database(db_file)
    try:
        with db.engine.connect() as conn:  # keeps the WAL and SHM in place
            conn.exec_driver_sql("SELECT 1")
            for suffix in ("", "-wal", "-shm"):
                path = tmp_path / f"redes.sqlite3{suffix}"
                assert path.exists() and _mode(path) == 0o600, suffix
    finally:
        db.dispose()


def test_folder_made_0755_earlier_is_tightened_at_start(tmp_path, open_umask):
    from redes_desktop.workspace import prepare_data_folder

    root = tmp_path / "datos"
    (root / "media").mkdir(parents=True)
    os.chmod(root, 0o755)
    os.chmod(root / "media", 0o755)
    for path in (root / "settings.json", root / "redes.sqlite3", root / "media" / "a.png"):
        path.write_bytes(b"x")
        os.chmod(path, 0o644)
    outside = tmp_path / "fuera.txt"
    outside.write_text("de otro")
    os.chmod(outside, 0o644)
    (root / "enlace").symlink_to(outside)
    prepare_data_folder(root)
    assert _mode(root) == 0o700 and _mode(root / "media") == 0o700
    for path in (root / "settings.json", root / "redes.sqlite3", root / "media" / "a.png"):
        assert _mode(path) == 0o600, path.name
    assert _mode(outside) == 0o644  # a link is never followed out of the folder


def test_media_copies_and_backups_are_private(tmp_path, open_umask):
    from redes_desktop.services.media_library import import_for_publication

    source = tmp_path / "cartel.png"
    Image.new("RGB", (40, 30), (149, 0, 84)).save(source)
    os.chmod(source, 0o644)
    media = tmp_path / "datos" / "media"
    copy = import_for_publication(source, media)
    assert _mode(media) == 0o700 and _mode(copy) == 0o600
