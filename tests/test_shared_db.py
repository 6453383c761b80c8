"""Row-level security on the shared database: each person connects with their own role and a
hand-written SQL client cannot read or change another area's accounts; only CNCS reviewers
decide consultations; the bitácora only grows."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import URL, create_engine, func, select, text
from sqlalchemy.exc import DBAPIError

from redes_desktop.models import Account, Consultation, Post
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.shared_schema import grant_person
from tests import test_sync_support as _support
from tests.factories import AreaKind, Level, Role, make_office
from tests.test_sync_support import drop_role, make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
T0 = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
# Consultations sent an hour ago: the shared database applies the 48-hour term by its own clock.
SENT = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


@pytest.fixture
def world(stations, shared_engine):
    """Two areas and a CNCS reviewer, pushed by an unrestricted station; login roles for the
    Jalisco titular, the Sonora titular and the reviewer (dropped afterwards)."""
    tag = uuid.uuid4().hex[:8]
    root = stations("root")
    with root.db.session() as s:
        d = Directory(s, lambda: T0, NullRecorder())
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
                             question="¿Procede?", sent_at=SENT,
                             deadline=SENT + timedelta(hours=48))
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


def test_only_cncs_gives_powers_over_others(world):
    jal_db, cncs_db = world["engines"]["jal"], world["engines"]["cncs"]
    me = world["jal"].titular.id
    with pytest.raises(DBAPIError, match="Solo la CNCS da o quita"):
        _one(jal_db, """UPDATE people SET roles = '["administrador_titular", "revisor_cncs"]'
                        WHERE id = :i""", i=me)
    with pytest.raises(DBAPIError, match="Solo la CNCS cambia el titular"):
        _one(jal_db, "UPDATE areas SET titular_id = :p WHERE id = :a", p=me,
             a=world["jal"].area.id)
    # The administrator roles an area designates are still the area's to record.
    assert _one(jal_db, """UPDATE people SET roles = '["administrador_suplente"]'
                           WHERE id = :i""", i=world["jal"].suplente.id).rowcount == 1
    assert _one(cncs_db, """UPDATE people SET roles = '["titular_area"]' WHERE id = :i""",
                i=me).rowcount == 1


def _absence(engine, person, covering, kind="vacaciones"):
    from redes_desktop.models import AbsencePeriod

    absence_id = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(AbsencePeriod.__table__.insert().values(
            id=absence_id, person_id=person, covering_person_id=covering, kind=kind,
            starts_on=T0.date(), ends_on=T0.date() + timedelta(days=5), public_notice=""))
        conn.execute(text(
            "INSERT INTO handover_notes (id, created_at, updated_at, row_version, absence_id, "
            "kind, text, generated_at) VALUES (gen_random_uuid(), now(), now(), 1, :a, "
            "'entrega', 'Nota', now())"), {"a": absence_id})
    return absence_id


def test_absences_and_notes_belong_to_the_area_and_the_covering_suplente(world, shared_engine):
    jal, son = world["jal"], world["son"]
    jal_db, son_db, cncs_db = (world["engines"][k] for k in ("jal", "son", "cncs"))
    own = _absence(shared_engine, jal.suplente.id, jal.titular.id)
    # Sonora's titular away, covered (exceptionally) by Jalisco's titular.
    covered = _absence(shared_engine, son.suplente.id, jal.titular.id)
    elsewhere = _absence(shared_engine, son.head.id, son.suplente.id)
    seen = {r[0] for r in _one(jal_db, "SELECT id FROM absence_periods")}
    assert seen == {own, covered}
    assert {r[0] for r in _one(son_db, "SELECT id FROM absence_periods")} == {covered, elsewhere}
    assert _one(cncs_db, "SELECT count(*) FROM absence_periods").scalar() == 3
    notes = {r[0] for r in _one(jal_db, "SELECT absence_id FROM handover_notes")}
    assert notes == {own, covered}
    assert _one(jal_db, "UPDATE absence_periods SET public_notice = 'x' WHERE id = :i",
                i=covered).rowcount == 0
    assert _one(jal_db, "UPDATE absence_periods SET public_notice = 'x' WHERE id = :i",
                i=own).rowcount == 1
    assert _one(son_db, "DELETE FROM handover_notes WHERE absence_id = :i",
                i=own).rowcount == 0


def test_training_is_organised_by_cncs(world):
    jal_db, cncs_db = world["engines"]["jal"], world["engines"]["cncs"]
    insert = ("INSERT INTO training_sessions (id, created_at, updated_at, row_version, title, "
              "held_on, notes) VALUES (gen_random_uuid(), now(), now(), 1, 'Taller', "
              "current_date, '')")
    with pytest.raises(DBAPIError, match="row-level security"):
        _one(jal_db, insert)
    _one(cncs_db, insert)
    assert _one(jal_db, "SELECT count(*) FROM training_sessions").scalar() == 1


def test_bitacora_entries_carry_the_login_that_inserted_them(world):
    jal_db = world["engines"]["jal"]
    role = world["jal"].titular.email.lower()
    _one(jal_db, "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload, mac)"
         " VALUES ('propia', 1, now(), '{}', '\\x00', 'm')")
    assert _one(jal_db, "SELECT inserted_by FROM bitacora_entries WHERE origin = 'propia'"
                ).scalar() == role
    with pytest.raises(DBAPIError, match="row-level security"):
        _one(jal_db, "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload,"
             " mac, inserted_by) VALUES ('ajena', 1, now(), '{}', '\\x00', 'm', 'otra@ine.mx')")


def test_a_row_refused_by_row_level_security_does_not_block_the_sync(world, tmp_path):
    from redes_desktop.models import Area, AreaKind
    from redes_desktop.models.sync_state import SyncChange, SyncConflict

    station = make_station(tmp_path, "jal", world["engines"]["jal"],
                           person_id=world["jal"].titular.id)
    try:
        station.sync()
        account = world["jal"].account
        with station.db.session() as s:
            s.add(Area(name="Área inventada", kind=AreaKind.JUNTA_DISTRITAL))
            s.add(Post(account_id=account.id, network=account.network,
                       author_id=world["jal"].titular.id, text="Sí llega"))
            s.commit()
        report = station.sync()
        assert report.push.refused == 1 and report.push.sent == 1
        jal_db = world["engines"]["jal"]
        assert _one(jal_db, "SELECT count(*) FROM posts WHERE text = 'Sí llega'").scalar() == 1
        with station.db.session() as s:
            conflict = s.scalars(select(SyncConflict)).one()
            assert conflict.kind == "rechazado" and conflict.table_name == "areas"
            assert "no le permite" in conflict.reason
            assert conflict.area_id == world["jal"].area.id
            assert s.scalar(select(func.count()).select_from(SyncChange)) == 0
        again = station.sync()
        assert again.push.refused == 0
    finally:
        station.db.dispose()
