"""Faults at the edges of the sync (issue 11): a shared-database address of another kind, and a
local SQLite database locked by another program, give a Spanish message and a documented exit
code — never a traceback — and nothing is lost."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from redes_desktop import database as database_module
from redes_desktop.errors import LocalDatabaseBusy
from redes_desktop.models import Area, AreaKind, Post
from redes_desktop.models.sync_state import SyncChange
from redes_desktop.sync.connect import SharedAddressError, shared_engine
from redes_desktop.ui.sync.controller import SyncController
from redes_desktop.ui.tasks import SynchronousPool
from tests import test_sync_support as _support
from tests.test_sync import _draft, _office
from tests.test_sync_support import make_station

shared_engine_fixture = _support.shared_engine
OTHER_KINDS = ["mysql://ana@servidor/redes", "mysql+pymysql://ana@servidor/redes", "sqlite:///",
               "sqlite:////tmp/compartida.sqlite3", "postgresql+asyncpg://ana@servidor/redes",
               "oracle://ana@servidor/redes", "postgresql://ana@servidor:puerto/redes"]


@pytest.fixture
def quick_busy(monkeypatch):
    """SQLite waits this long for another program's lock before giving up (5 s in use)."""
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)


@contextmanager
def locked(path: Path, *, readers_too: bool = False):
    """Another connection holds the file: a write lock (BEGIN EXCLUSIVE; WAL readers still
    read), or with `readers_too` the exclusive locking mode that shuts readers out as well."""
    holder = sqlite3.connect(path, isolation_level=None)
    if readers_too:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    if readers_too:
        holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "redes_desktop", *args],
                          capture_output=True, text=True, timeout=timeout)


# -- addresses of another kind -------------------------------------------------------------------
@pytest.mark.parametrize("url", OTHER_KINDS)
def test_an_address_of_another_kind_is_refused_in_spanish(url):
    with pytest.raises(SharedAddressError) as caught:
        shared_engine(url)
    assert caught.value.exit_code == 2
    assert "postgresql+psycopg://usuario@servidor:5432/base" in caught.value.message


@pytest.mark.parametrize("url", ["mysql://ana@servidor/redes", "sqlite:///"])
def test_cli_sync_refuses_another_kind_given_or_configured(tmp_path, url):
    given = _cli("sync", "--data-dir", str(tmp_path / "a"), "--database-url", url)
    assert given.returncode == 2, given.stderr
    assert "PostgreSQL" in given.stderr and "Traceback" not in given.stderr
    configured_dir = tmp_path / "b"
    configured_dir.mkdir()
    (configured_dir / "settings.json").write_text(json.dumps({"shared_database_url": url}))
    configured = _cli("sync", "--data-dir", str(configured_dir))
    assert configured.returncode == 2, configured.stderr
    assert "PostgreSQL" in configured.stderr and "Traceback" not in configured.stderr


def test_window_sync_with_an_address_of_another_kind_says_so(qtbot, database):
    def factory():
        return shared_engine("sqlite:///")

    controller = SyncController(database.engine, factory, pool=SynchronousPool())
    failures: list[str] = []
    controller.failed.connect(failures.append)
    controller.sync_now()
    assert failures and "debe ser PostgreSQL" in failures[0]
    assert not controller.running


# -- a local database locked by another program --------------------------------------------------
def test_start_up_on_a_locked_database_is_busy_not_damaged(tmp_path, quick_busy):
    path = tmp_path / "redes.sqlite3"
    database_module.open_local_database(path).dispose()
    with locked(path, readers_too=True):
        with pytest.raises(LocalDatabaseBusy, match="ocupada por otro programa"):
            database_module.open_local_database(path)
    database_module.open_local_database(path).dispose()  # released: opens as usual


def test_cli_on_a_locked_database_exits_9_in_spanish(tmp_path):
    data = tmp_path / "datos"
    data.mkdir()
    database_module.open_local_database(data / "redes.sqlite3").dispose()
    with locked(data / "redes.sqlite3", readers_too=True):
        done = _cli("sync", "--data-dir", str(data), "--database-url",
                    "postgresql+psycopg://root@127.0.0.1:1/test")
    assert done.returncode == 10, done.stderr
    assert "ocupada por otro programa" in done.stderr
    assert "Traceback" not in done.stderr


def _area(name: str) -> Area:
    return Area(name=name, kind=AreaKind.JUNTA_LOCAL, state="Colima")


def test_an_ordinary_save_on_a_locked_database_loses_nothing(database, quick_busy):
    path = Path(database.engine.url.database)
    database.dispose()  # new connections take the short busy timeout
    with database.session() as s:
        s.add(_area("Antes del bloqueo"))
        s.commit()
    with locked(path):
        with database.session() as s:
            s.add(_area("Durante el bloqueo"))
            with pytest.raises(LocalDatabaseBusy):
                s.commit()
    with database.session() as s:  # the lock is gone: the same save goes through
        s.add(_area("Durante el bloqueo"))
        s.commit()
    with database.session() as s:
        assert sorted(s.scalars(select(Area.name))) == ["Antes del bloqueo", "Durante el bloqueo"]
        assert s.scalar(select(func.count()).select_from(SyncChange)) == 2


@pytest.mark.postgres
def test_sync_on_a_locked_database_is_busy_and_loses_nothing(tmp_path, shared_engine_fixture,
                                                            quick_busy, qtbot):
    station = make_station(tmp_path, "a", shared_engine_fixture)
    try:
        office = _office(station)
        _draft(station, office, "Pendiente de enviar")
        path = Path(station.db.engine.url.database)
        with locked(path):
            with pytest.raises(LocalDatabaseBusy, match="ocupada por otro programa"):
                station.sync()
            controller = SyncController(station.db.engine, lambda: station.engine,
                                        pool=SynchronousPool())
            failures: list[str] = []
            controller.failed.connect(failures.append)
            controller.sync_now()
            assert failures and "ocupada por otro programa" in failures[0]
        station.db.engine.dispose()  # idle connections would keep the holder out
        with locked(path, readers_too=True):  # even the status line cannot read it
            texts: list[str] = []
            controller.status_changed.connect(texts.append)
            controller.refresh()
            assert "ocupada por otro programa" in texts[-1]
        # Released: the batch the server took while the file was locked is not applied twice
        # (exactly-once), and nothing is left behind.
        station.sync()
        with station.db.session() as s:
            assert s.scalar(select(func.count()).select_from(SyncChange)) == 0
        with shared_engine_fixture.connect() as conn:
            texts = conn.execute(select(Post.text)).scalars().all()
        assert "Pendiente de enviar" in texts
    finally:
        station.db.dispose()
