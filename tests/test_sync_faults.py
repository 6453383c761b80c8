"""Faults the sync must survive: no shared database, a connection lost mid-push or mid-pull,
the process killed mid-push. Each time: local work goes on, the next sync finishes the job,
no change is lost and none is applied twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, event, func, select, text

from redes_desktop.errors import UserFacingError
from redes_desktop.models import Post
from redes_desktop.models.sync_state import SyncChange, SyncConflict
from redes_desktop.sync.engine import SharedUnavailable, offline_since
from tests import test_sync_support as _support
from tests.conftest import POSTGRES_URL
from tests.test_sync import _draft, _office
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture


def _server_count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def _local_count(station, model) -> int:
    with station.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _drafts(station, office, n: int) -> None:
    with station.db.session() as s:
        s.add_all(Post(account_id=office.account.id, network=office.account.network,
                       author_id=office.titular.id, text=f"Borrador {i}") for i in range(n))
        s.commit()


def _cut_after(engine, statements: int) -> dict:
    """Terminate this engine's backend just before its Nth statement (from now on)."""
    admin = create_engine(POSTGRES_URL)
    state = {"count": 0, "fired": False}

    def before(conn, cursor, statement, params, context, executemany):
        state["count"] += 1
        if state["count"] == statements and not state["fired"]:
            state["fired"] = True
            pid = conn.connection.dbapi_connection.info.backend_pid
            with admin.begin() as a:
                a.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid})

    event.listen(engine, "before_cursor_execute", before)
    state["remove"] = lambda: (event.remove(engine, "before_cursor_execute", before),
                               admin.dispose())
    return state


def test_unreachable_at_start_then_finishes(tmp_path, shared_engine, clock):
    dead = create_engine("postgresql+psycopg://root@127.0.0.1:1/test",
                         connect_args={"connect_timeout": 2})
    station = make_station(tmp_path, "a", dead, clock=clock)
    office = _office(station)
    with pytest.raises(SharedUnavailable, match="trabajando en local"):
        station.sync()
    assert offline_since(station.db.engine) == clock()
    _draft(station, office, "Escrito sin conexión")  # local work goes on
    station.engine.shared = shared_engine
    station.sync()
    assert offline_since(station.db.engine) is None
    assert _server_count(shared_engine, "SELECT count(*) FROM posts") == 1
    assert _local_count(station, SyncChange) == 0
    station.db.dispose()


@pytest.mark.parametrize("cut_at", [3, 9, 16])
def test_connection_lost_in_the_middle_of_a_push(stations, shared_engine, cut_at):
    a = stations("a", batch_size=40)
    office = _office(a)
    _drafts(a, office, 150)
    cut = _cut_after(shared_engine, cut_at)
    with pytest.raises((SharedUnavailable, UserFacingError)):
        a.sync()
    cut["remove"]()
    a.sync()
    assert _server_count(shared_engine, "SELECT count(*) FROM posts") == 150
    assert _server_count(shared_engine, "SELECT count(*) FROM sync_conflicts") == 0
    assert _server_count(shared_engine, "SELECT max(row_version) FROM posts") == 1
    assert _local_count(a, SyncChange) == 0
    b = stations("b")
    b.sync()
    assert _local_count(b, Post) == 150


def test_connection_lost_in_the_middle_of_a_pull(stations, shared_engine):
    a, b = stations("a"), stations("b")
    office = _office(a)
    _drafts(a, office, 120)
    a.sync()
    cut = _cut_after(shared_engine, 8)
    with pytest.raises(SharedUnavailable):
        b.sync()
    cut["remove"]()
    assert _local_count(b, Post) == 0  # the pull is one local transaction
    b.sync()
    assert _local_count(b, Post) == 120
    assert _local_count(b, SyncChange) == 0
    assert b.sync().pull.received == 0


def test_sync_process_killed_mid_push(tmp_path, shared_engine):
    from redes_desktop.database import open_local_database

    data = tmp_path / "estacion"
    data.mkdir()
    db = open_local_database(data / "redes.sqlite3")
    from tests.test_sync_support import Station

    station = Station("a", db, None)  # type: ignore[arg-type]
    office = _office(station)
    _drafts(station, office, 3000)
    db.dispose()
    with shared_engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    command = [sys.executable, "-m", "redes_desktop", "sync", "--data-dir", str(data),
               "--database-url", url, "--batch-size", "60"]
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env)
    deadline = time.monotonic() + 60
    killed = False
    while time.monotonic() < deadline and process.poll() is None:
        if _server_count(shared_engine, "SELECT count(*) FROM posts") >= 600:
            process.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    process.wait(30)
    pushed_before = _server_count(shared_engine, "SELECT count(*) FROM posts")
    assert killed and 0 < pushed_before < 3000, (process.returncode, process.stderr.read())
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Sincronización terminada" in done.stdout
    assert _server_count(shared_engine, "SELECT count(*) FROM posts") == 3000
    assert _server_count(shared_engine, "SELECT max(row_version) FROM posts") == 1
    assert _server_count(shared_engine, "SELECT count(*) FROM sync_conflicts") == 0
    db = open_local_database(data / "redes.sqlite3")
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(SyncChange)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(SyncConflict)).scalar() == 0
    db.dispose()


def test_cli_reports_unreachable_database_in_spanish(tmp_path):
    data = tmp_path / "d"
    result = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "sync", "--data-dir", str(data),
         "--database-url", "postgresql+psycopg://root@127.0.0.1:1/test"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 7
    assert "No se pudo conectar con la base de datos compartida" in result.stderr
