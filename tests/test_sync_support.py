"""Workstations (SQLite files) syncing with one shared PostgreSQL schema, for the sync tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select

from redes_desktop.database import Database, open_local_database
from redes_desktop.sync.engine import SyncEngine


@dataclass
class Station:
    name: str
    db: Database
    engine: SyncEngine

    def sync(self):
        return self.engine.sync()


def make_station(tmp: Path, name: str, shared: Engine, *, reviewer: bool = False,
                 person_id: uuid.UUID | None = None, **options) -> Station:
    db = open_local_database(tmp / f"{name}.sqlite3")
    engine = SyncEngine(db.engine, shared, person_id=person_id, is_reviewer=reviewer, **options)
    return Station(name, db, engine)


def count_rows(engine: Engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


# -- fixtures (imported by the test_sync*.py modules) -------------------------------------------
import pytest  # noqa: E402


def drop_role(admin_engine: Engine, role: str) -> None:
    from sqlalchemy import text

    with admin_engine.begin() as conn:
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')


@pytest.fixture
def shared_engine(postgres_engine):
    """The test schema, initialised as a shared database (its group role dropped afterwards)."""
    from redes_desktop.sync.shared_schema import init_shared_database

    group = f"redes_personas_{uuid.uuid4().hex[:10]}"
    init_shared_database(postgres_engine, group_role=group)
    postgres_engine.info_group_role = group  # type: ignore[attr-defined]
    yield postgres_engine
    drop_role(postgres_engine, group)


@pytest.fixture
def stations(tmp_path, shared_engine):
    made: list[Station] = []

    def make(name: str, **options) -> Station:
        station = make_station(tmp_path, name, shared_engine, **options)
        made.append(station)
        return station

    yield make
    for station in made:
        station.db.dispose()


@pytest.fixture
def logins(shared_engine):
    """`connect(email)`: an engine on that person's own login role (granted with
    `grant_person`, as in production; the roles are dropped afterwards)."""
    from sqlalchemy import URL, create_engine, text

    from redes_desktop.sync.shared_schema import grant_person

    with shared_engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    made: list[tuple[str, Engine]] = []

    def connect(email: str) -> Engine:
        role = grant_person(shared_engine, email)
        engine = create_engine(URL.create(
            "postgresql+psycopg", username=role, host="127.0.0.1", port=5432, database="test",
            query={"options": f"-csearch_path={schema}"}))
        made.append((role, engine))
        return engine

    yield connect
    for role, engine in made:
        engine.dispose()
        drop_role(shared_engine, role)
