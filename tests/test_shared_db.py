"""Row-level security on the shared database: each person connects with their own role and a
hand-written SQL client cannot read or change another area's accounts; only CNCS reviewers
decide consultations; the bitácora only grows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import URL, create_engine, select, text
from sqlalchemy.exc import DBAPIError

from redes_desktop.models import Account, Consultation, Post
from redes_desktop.services.directory import Directory
from redes_desktop.sync.shared_schema import grant_person
from tests import test_sync_support as _support
from tests.factories import AreaKind, Level, Role, make_office
from tests.test_sync_support import drop_role, make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


@pytest.fixture
def world(stations, shared_engine):
    """Two areas and a CNCS reviewer, pushed by an unrestricted station; login roles for the
    Jalisco titular, the Sonora titular and the reviewer (dropped afterwards)."""
    tag = uuid.uuid4().hex[:8]
    root = stations("root")
    with root.db.session() as s:
        d = Directory(s, lambda: T0)
        jal = make_office(d, slug=f"jal{tag}", handle="@JLE_JalINE")
        son = make_office(d, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                          handle="@JLE_SonINE", slug=f"son{tag}")
        cncs = d.create_area("CNCS", AreaKind.OFICINAS_CENTRALES)
        reviewer = d.create_person("Revisora", f"revisora{tag}@ine.mx", Level.MANDO_MEDIO, cncs,
                                   [Role.REVISOR_CNCS])
        consultations = {}
        for office in (jal, son):
            post = Post(account_id=office.account.id, network=office.account.network,
                        author_id=office.titular.id, text="Texto")
            s.add(post)
            s.flush()
            c = Consultation(post_id=post.id, account_id=office.account.id,
                             author_id=office.titular.id, snapshot={"text": "Texto"},
                             question="¿Procede?", sent_at=T0,
                             deadline=T0 + timedelta(hours=48))
            s.add(c)
            s.flush()
            consultations[office.area.state] = c.id
        s.commit()
    root.sync()
    with shared_engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    roles = []

    def connect(email: str):
        role = grant_person(shared_engine, email)
        roles.append(role)
        return create_engine(URL.create(
            "postgresql+psycopg", username=role, host="127.0.0.1", port=5432, database="test",
            query={"options": f"-csearch_path={schema}"},
        ))

    engines = {
        "jal": connect(jal.titular.email),
        "son": connect(son.titular.email),
        "cncs": connect(reviewer.email),
    }
    yield {"jal": jal, "son": son, "engines": engines, "consultations": consultations,
           "reviewer": reviewer}
    for engine in engines.values():
        engine.dispose()
    for role in roles:
        drop_role(shared_engine, role)


def _one(engine, sql: str, **params):
    with engine.begin() as conn:
        return conn.execute(text(sql), params)


def test_area_admin_sees_and_changes_only_their_areas_accounts(world):
    jal_db = world["engines"]["jal"]
    handles = {r[0] for r in _one(jal_db, "SELECT handle FROM accounts")}
    assert handles == {"@JLE_JalINE"}
    assert _one(jal_db, "SELECT count(*) FROM posts").scalar() == 1
    assert _one(jal_db, "SELECT count(*) FROM consultations").scalar() == 1
    other = world["son"].account.id
    assert _one(jal_db, "UPDATE accounts SET name = 'x' WHERE id = :i", i=other).rowcount == 0
    assert _one(jal_db, "DELETE FROM posts WHERE account_id = :i", i=other).rowcount == 0
    own = world["jal"].account.id
    assert _one(jal_db, "UPDATE accounts SET name = 'Propia' WHERE id = :i", i=own).rowcount == 1
    with pytest.raises(DBAPIError, match="row-level security"):
        _one(jal_db, "INSERT INTO posts (id, account_id, network, text, is_reply, status, "
             "created_at, updated_at, row_version) VALUES (gen_random_uuid(), :a, 'x', 'x', "
             "false, 'borrador', now(), now(), 1)", a=other)


def test_only_cncs_decides_and_nobody_changes_a_snapshot(world):
    jal_db, cncs_db = world["engines"]["jal"], world["engines"]["cncs"]
    cid = world["consultations"]["Jalisco"]
    with pytest.raises(DBAPIError, match="Solo un revisor"):
        _one(jal_db, "UPDATE consultations SET state = 'aprobada' WHERE id = :i", i=cid)
    assert _one(cncs_db, "UPDATE consultations SET state = 'aprobada', reasoning = 'Bien' "
                "WHERE id = :i", i=cid).rowcount == 1
    with pytest.raises(DBAPIError, match="revisor de la CNCS solo cambia"):
        _one(cncs_db, "UPDATE consultations SET question = 'otra' WHERE id = :i", i=cid)
    with pytest.raises(DBAPIError, match="instantánea"):
        _one(cncs_db, "UPDATE consultations SET snapshot = '{}' WHERE id = :i", i=cid)
    # The area may still change its own columns.
    assert _one(jal_db, "UPDATE consultations SET mail_pending = true WHERE id = :i",
                i=cid).rowcount == 1


def test_bitacora_is_append_only_for_everyone(world, shared_engine):
    jal_db = world["engines"]["jal"]
    _one(jal_db, "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload, mac)"
         " VALUES ('o', 1, now(), '{}', '\\x00', 'm')")
    for statement in ("UPDATE bitacora_entries SET mac = 'x'", "DELETE FROM bitacora_entries"):
        for engine in (jal_db, shared_engine):
            with pytest.raises(DBAPIError, match="solo admite entradas nuevas|permission denied"):
                _one(engine, statement)


def test_sync_as_an_area_role_pulls_only_that_area(world, tmp_path):
    station = make_station(tmp_path, "jal", world["engines"]["jal"],
                           person_id=world["jal"].titular.id)
    try:
        station.sync()
        with station.db.session() as s:
            assert [a.handle for a in s.scalars(select(Account))] == ["@JLE_JalINE"]
            assert len(s.scalars(select(Consultation)).all()) == 1
    finally:
        station.db.dispose()


def test_cli_init_and_grant(shared_engine, world, capsys):
    from redes_desktop.cli import main

    with shared_engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    url = f"postgresql+psycopg://root@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    group = shared_engine.info_group_role
    assert main(["shared-db", "init", "--database-url", url, "--group-role", group]) == 0
    assert "Base compartida lista" in capsys.readouterr().out
    assert main(["shared-db", "grant", world["jal"].suplente.email, "--database-url", url]) == 0
    assert "listo" in capsys.readouterr().out
    drop_role(shared_engine, world["jal"].suplente.email.lower())
    assert main(["shared-db", "grant", "nadie@ine.mx", "--database-url", url]) != 0
    assert "No hay ninguna persona" in capsys.readouterr().err
