"""The shared database's address: a password written in it works but is never shown, and the
user is told to move it to the keyring."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from redes_desktop.errors import UserFacingError
from redes_desktop.sync.connect import SECRET_KEY, password_note, shared_engine, shown_url

SECRET = "s3creta-Muy"


def test_messages_never_show_the_password():
    with pytest.raises(UserFacingError) as caught:
        shared_engine(f"postgresql+psycopg://ana:{SECRET}@servidor:puerto/redes")
    assert SECRET not in caught.value.message
    assert "ana:***@servidor" in caught.value.message
    assert SECRET not in shown_url(f"postgresql://ana:{SECRET}@db:5432/redes")
    assert SECRET not in shown_url(f"no es url ana:{SECRET}@db")
    assert SECRET_KEY in password_note(f"postgresql://ana:{SECRET}@db/redes")
    assert password_note("postgresql://ana@db/redes") == ""


def test_unreachable_with_a_password_says_so_without_it(tmp_path):
    from redes_desktop.database import open_local_database
    from redes_desktop.sync.engine import SharedUnavailable, SyncEngine

    db = open_local_database(tmp_path / "l.sqlite3")
    try:
        engine = SyncEngine(db.engine, shared_engine(
            f"postgresql+psycopg://root:{SECRET}@127.0.0.1:1/test"))
        with pytest.raises(SharedUnavailable) as caught:
            engine.sync()
        assert SECRET not in caught.value.message
    finally:
        db.dispose()


@pytest.mark.postgres
def test_cli_syncs_with_the_password_and_asks_to_move_it(tmp_path, postgres_engine, capsys):
    from redes_desktop.cli import main
    from redes_desktop.sync.shared_schema import init_shared_database
    from tests.test_sync_support import drop_role

    group = "redes_personas_clave"
    init_shared_database(postgres_engine, group_role=group)
    try:
        with postgres_engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        url = (f"postgresql+psycopg://root:{SECRET}@127.0.0.1:5432/test"
               f"?options=-csearch_path%3D{schema}")
        assert main(["sync", "--data-dir", str(tmp_path / "d"), "--database-url", url]) == 0
        out, err = capsys.readouterr()
        assert "Sincronización terminada" in out
        assert f"clave «{SECRET_KEY}»" in out
        assert SECRET not in out + err
    finally:
        drop_role(postgres_engine, group)
