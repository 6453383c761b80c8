"""Alembic migrations from empty on SQLite and PostgreSQL; the schema matches the models;
a database from a newer program is refused untouched."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from redes_desktop.database import (
    current_revision,
    head_revision,
    open_database,
    open_local_database,
    sqlite_engine,
)
from redes_desktop.errors import DatabaseError
from redes_desktop.models import Base
from redes_desktop.services.activity import NullRecorder

TABLES = set(Base.metadata.tables)


def _assert_schema_matches_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_upgrade_from_empty(tmp_path):
    db = open_local_database(tmp_path / "redes.sqlite3")
    assert current_revision(db.engine) == head_revision()
    assert TABLES <= set(inspect(db.engine).get_table_names())
    _assert_schema_matches_models(db.engine)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    db.dispose()


def test_sqlite_upgrade_is_idempotent(tmp_path):
    path = tmp_path / "redes.sqlite3"
    open_local_database(path).dispose()
    db = open_local_database(path)
    assert current_revision(db.engine) == head_revision()
    db.dispose()


@pytest.mark.postgres
def test_postgres_upgrade_from_empty(postgres_engine):
    open_database(postgres_engine)
    assert current_revision(postgres_engine) == head_revision()
    assert TABLES <= set(inspect(postgres_engine).get_table_names())
    _assert_schema_matches_models(postgres_engine)


@pytest.mark.postgres
def test_postgres_newer_schema_is_refused(postgres_engine):
    open_database(postgres_engine)
    with postgres_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_del_futuro'"))
    with pytest.raises(DatabaseError, match="versión más reciente"):
        open_database(postgres_engine)


def test_newer_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "redes.sqlite3"
    open_local_database(path).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_del_futuro'")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="versión más reciente"):
        open_local_database(path)
    assert path.read_bytes() == before


def test_models_and_migration_round_trip_on_postgres_types(tmp_path):
    """A UUID and an aware datetime come back equal from SQLite."""
    from datetime import UTC, datetime

    from redes_desktop.models import AreaKind
    from redes_desktop.services.directory import Directory

    db = open_local_database(tmp_path / "redes.sqlite3")
    with db.session() as session:
        directory = Directory(session, lambda: datetime(2026, 1, 1, tzinfo=UTC), NullRecorder())
        area = directory.create_area(
            "UNICOM", AreaKind.OFICINAS_CENTRALES
        )
        session.commit()
        area_id, created = area.id, area.created_at
    with db.session() as session:
        from redes_desktop.models import Area

        again = session.get(Area, area_id)
        assert again.created_at == created and again.created_at.tzinfo is not None
    db.dispose()


def test_plain_engine_helper_sets_foreign_keys(tmp_path):
    engine = sqlite_engine(tmp_path / "x.sqlite3")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_head_revision_constant_matches_the_scripts():
    from redes_desktop.migrations import HEAD_REVISION

    assert HEAD_REVISION == head_revision()


def test_current_database_opens_without_alembic(tmp_path):
    import subprocess
    import sys

    open_local_database(tmp_path / "redes.sqlite3").dispose()
    code = (
        "import sys; from pathlib import Path\n"
        "from redes_desktop.database import open_local_database\n"
        f"open_local_database(Path({str(tmp_path / 'redes.sqlite3')!r})).dispose()\n"
        "assert 'alembic' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_command_line_without_a_url_says_what_to_pass():
    """`alembic upgrade` with neither a connection nor `-x url=...` used to fail inside
    SQLAlchemy (create_engine(None)); it now says which option is missing."""
    from alembic import command

    from redes_desktop.database import alembic_config
    from redes_desktop.errors import UserFacingError

    with pytest.raises(UserFacingError, match="-x url="):
        command.upgrade(alembic_config(), "head")
