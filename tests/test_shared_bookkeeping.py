"""The sync's bookkeeping on the shared database belongs to its origin's login; what other areas
do stays theirs; nothing waits forever on the sync lock. Each attack is tried as a real login
(row-level security does not apply to the test's superuser)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import URL, create_engine, text
from sqlalchemy.exc import DBAPIError

from redes_desktop.models import Post
from redes_desktop.sync.bitacora import BitacoraEntry
from redes_desktop.sync.engine import SharedBusy, SharedSchemaError
from tests import test_shared_db as _shared_db
from tests import test_sync_support as _support
from tests.test_shared_db import T0, _absence, _one
from tests.test_sync_support import drop_role, make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
world = _shared_db.world  # fixture


def _draft(station, office, text_: str) -> None:
    with station.db.session() as s:
        s.add(Post(account_id=office.account.id, network=office.account.network,
                   author_id=office.titular.id, text=text_))
        s.commit()


@pytest.fixture
def jal_station(world, tmp_path):
    station = make_station(tmp_path, "jal", world["engines"]["jal"],
                           person_id=world["jal"].titular.id, lock_timeout_ms=300)
    station.sync()  # pulls Jalisco's records, so it can write under them
    yield station
    station.db.dispose()


def _bitacora_row(engine, origin: str, seq: int, **extra):
    columns = ", ".join(["origin", "seq", "recorded_at", "metadata", "payload", "mac", *extra])
    values = ", ".join([":o", ":s", "now()", "'{}'", "'\\x00'", "'m'",
                        *(f":{k}" for k in extra)])
    _one(engine, f"INSERT INTO bitacora_entries ({columns}) VALUES ({values})",
         o=origin, s=seq, **extra)


# -- bookkeeping belongs to its origin -----------------------------------------------------------
def test_another_login_cannot_make_a_workstations_changes_disappear(world, jal_station):
    son_db = world["engines"]["son"]
    _draft(jal_station, world["jal"], "Primero")
    jal_station.sync()
    origin = jal_station.engine.origin
    # Sonora's login cannot see, raise, or pre-write Jalisco's position.
    assert _one(son_db, "SELECT count(*) FROM sync_applied").scalar() == 0
    assert _one(son_db, "UPDATE sync_applied SET last_seq = 1000000 WHERE origin = :o",
                o=origin).rowcount == 0
    with pytest.raises(DBAPIError, match="row-level security"):
        _one(son_db, "INSERT INTO sync_applied (origin, last_seq) VALUES (:o, 1000000) "
             "ON CONFLICT (origin) DO UPDATE SET last_seq = EXCLUDED.last_seq", o=origin)
    with pytest.raises(DBAPIError, match="row-level security"):
        _one(son_db, "INSERT INTO sync_applied (origin, last_seq) VALUES (:o, 1000000)",
             o=origin)
    for n in range(3):
        _draft(jal_station, world["jal"], f"Borrador {n}")
    report = jal_station.sync()
    assert report.push.sent == 3 and report.push.warnings == []
    jal_db = world["engines"]["jal"]
    assert _one(jal_db, "SELECT count(*) FROM posts WHERE text LIKE 'Borrador %'").scalar() == 3


def test_a_push_that_finds_its_position_ahead_says_so_and_resends(stations, shared_engine):
    from tests.test_sync import _office

    a = stations("a")
    office = _office(a)
    a.sync()
    # Written by hand on the server (e.g. before this version, or by its administrator).
    with shared_engine.begin() as conn:
        conn.execute(text("UPDATE sync_applied SET last_seq = 1000000 WHERE origin = :o"),
                     {"o": a.engine.origin})
    for n in range(3):
        _draft(a, office, f"Borrador {n}")
    report = a.sync()
    assert report.push.sent == 3
    assert any("volvieron a enviar" in line for line in report.lines())
    with shared_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM posts WHERE text LIKE 'Borrador %'")
                            ).scalar() == 3
        # The position is this workstation's again, and the next sync is quiet.
        assert conn.execute(text("SELECT last_seq FROM sync_applied WHERE origin = :o"),
                            {"o": a.engine.origin}).scalar() < 1000000
    again = a.sync()
    assert again.push.warnings == [] and again.push.sent == 0


def test_a_workstation_id_taken_by_another_login_gets_a_new_one(world, jal_station):
    son_db = world["engines"]["son"]
    taken = jal_station.engine.origin
    assert _one(son_db, "SELECT redes_claim_origin(:o)", o=taken).scalar() is True
    _draft(jal_station, world["jal"], "Llega igual")
    report = jal_station.sync()
    assert report.push.sent == 1
    assert jal_station.engine.origin != taken
    assert any("se le asignó uno nuevo" in w and "Titular son" in w
               for w in report.push.warnings)
    assert _one(world["engines"]["jal"],
                "SELECT count(*) FROM posts WHERE text = 'Llega igual'").scalar() == 1


class _Source:
    """A BitacoraSource with its own chain of `n` entries."""

    def __init__(self, origin: str, n: int) -> None:
        self.origin = origin
        self.entries = [BitacoraEntry(origin, seq, T0, {"action": "prueba"}, b"\x00", "m")
                        for seq in range(1, n + 1)]

    def entries_after(self, origin, seq):
        return [e for e in self.entries if e.origin == origin and e.seq > seq]

    def import_entries(self, entries):
        return len(entries)

    def last_seq(self, origin):
        return len(self.entries) if origin == self.origin else None


def test_bitacora_sequence_numbers_of_another_origin_cannot_be_taken(world, jal_station):
    jal_db, son_db = world["engines"]["jal"], world["engines"]["son"]
    source = _Source(f"bitacora-{uuid.uuid4()}", 3)
    _bitacora_row(jal_db, source.origin, 1)  # Jalisco's chain is now Jalisco's login's
    with pytest.raises(DBAPIError, match="row-level security"):
        _bitacora_row(son_db, source.origin, 1_000_000)
    jal_station.engine.bitacora = source
    report = jal_station.sync()
    assert report.bitacora_sent == 2 and report.warnings == []


def test_bitacora_entries_ahead_of_the_chain_are_reported_and_the_rest_sent(stations,
                                                                            shared_engine):
    a = stations("a")
    source = _Source(f"bitacora-{uuid.uuid4()}", 3)
    _bitacora_row(shared_engine, source.origin, 1_000_000)  # taken in advance (old server)
    a.engine.bitacora = source
    report = a.sync()
    assert report.bitacora_sent == 3
    assert any("esta estación no escribió" in w for w in report.warnings)
    with shared_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM bitacora_entries WHERE origin = :o "
                                 "AND seq <= 3"), {"o": source.origin}).scalar() == 3


def test_set_role_to_the_group_does_not_change_who_you_are(world, shared_engine):
    jal_db = world["engines"]["jal"]
    group = shared_engine.info_group_role
    login = world["jal"].titular.email.lower()
    with jal_db.begin() as conn:
        conn.exec_driver_sql(f'SET ROLE "{group}"')
        conn.execute(text(
            "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload, mac) "
            "VALUES ('con-rol', 1, now(), '{}', '\\x00', 'm')"))
        assert conn.execute(text("SELECT inserted_by FROM bitacora_entries "
                                 "WHERE origin = 'con-rol'")).scalar() == login
        conn.exec_driver_sql("RESET ROLE")
    with pytest.raises(DBAPIError, match="row-level security"):
        with jal_db.begin() as conn:
            conn.exec_driver_sql(f'SET ROLE "{group}"')
            conn.execute(text(
                "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload, mac,"
                " inserted_by) VALUES ('con-rol-2', 1, now(), '{}', '\\x00', 'm', :g)"),
                {"g": group})


# -- what other areas do stays theirs ------------------------------------------------------------
def test_bitacora_entries_are_read_by_their_area_cncs_and_the_covering_person(world,
                                                                             shared_engine):
    jal, son = world["jal"], world["son"]
    jal_db, son_db, cncs_db = (world["engines"][k] for k in ("jal", "son", "cncs"))
    _bitacora_row(jal_db, "cadena-jal", 1)
    _bitacora_row(son_db, "cadena-son", 1)

    def seen(engine):
        return {r[0] for r in _one(engine, "SELECT origin FROM bitacora_entries")}

    assert seen(jal_db) == {"cadena-jal"}
    assert seen(son_db) == {"cadena-son"}
    assert seen(cncs_db) == {"cadena-jal", "cadena-son"}
    # Sonora's titular away, covered by Jalisco's titular: Jalisco's titular reads that chain.
    _absence(shared_engine, son.titular.id, jal.titular.id)
    assert seen(jal_db) == {"cadena-jal", "cadena-son"}
    assert seen(son_db) == {"cadena-son"}


def test_sync_log_shows_only_rows_the_login_may_read(world):
    jal_db, cncs_db = world["engines"]["jal"], world["engines"]["cncs"]
    query = "SELECT row_id FROM sync_log WHERE table_name = 'accounts'"
    assert {r[0] for r in _one(jal_db, query)} == {world["jal"].account.id}
    assert {r[0] for r in _one(cncs_db, query)} == {world["jal"].account.id,
                                                     world["son"].account.id}
    # The global position stays readable: a sync with nothing to do stays one lookup.
    assert _one(jal_db, "SELECT redes_sync_high()").scalar() == _one(
        cncs_db, "SELECT max(server_seq) FROM sync_log").scalar()


def test_a_conflict_without_an_area_is_read_only_by_its_person(world, shared_engine):
    from redes_desktop.models.sync_state import SyncConflict

    son = world["son"]
    with shared_engine.begin() as conn:
        conn.execute(SyncConflict.__table__.insert().values(
            id=uuid.uuid4(), created_at=T0, updated_at=T0, row_version=1, table_name="areas",
            row_id=uuid.uuid4(), kind="rechazado", reason="x", origin="o",
            local_data={"text": "publicación completa de Sonora"}, server_data=None,
            person_id=son.titular.id, area_id=None, detected_at=T0, resolution=""))
    count = "SELECT count(*) FROM sync_conflicts"
    assert _one(world["engines"]["jal"], count).scalar() == 0
    assert _one(world["engines"]["son"], count).scalar() == 1
    assert _one(world["engines"]["cncs"], count).scalar() == 1


# -- nothing waits forever -----------------------------------------------------------------------
def test_a_held_sync_lock_fails_the_sync_naming_who_holds_it(world, jal_station):
    _draft(jal_station, world["jal"], "Espera")
    holder = world["engines"]["son"].connect()
    transaction = holder.begin()
    holder.execute(text("SELECT redes_sync_lock()"))
    outcome: dict = {}

    def run():
        try:
            jal_station.sync()
            outcome["ok"] = True
        except Exception as error:  # noqa: BLE001 - reported below
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    try:
        worker.join(60)  # a guard against a hang, not a timing assertion
        assert not worker.is_alive(), "la sincronización se quedó esperando el candado"
    finally:
        transaction.rollback()
        holder.close()
        worker.join(60)
    error = outcome.get("error")
    assert isinstance(error, SharedBusy), outcome
    assert "Titular son" in str(error) and world["son"].titular.email.lower() in str(error)
    assert "ningún cambio local se perdió" in str(error)
    # Once released, the same sync goes through.
    assert jal_station.sync().push.sent == 1


def test_the_lock_function_is_not_callable_by_anyone_who_connects(shared_engine):
    role = f"extrano_{uuid.uuid4().hex[:10]}"
    with shared_engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
    stranger = create_engine(URL.create(
        "postgresql+psycopg", username=role, host="127.0.0.1", port=5432, database="test",
        query={"options": f"-csearch_path={schema}"}))
    try:
        for call in ("redes_sync_lock()", "redes_claim_origin('x')", "redes_lock_holder()"):
            with pytest.raises(DBAPIError, match="permission denied"):
                _one(stranger, f"SELECT {call}")
    finally:
        stranger.dispose()
        drop_role(shared_engine, role)


def test_logins_end_their_own_idle_transactions(world):
    jal_db = world["engines"]["jal"]
    assert _one(jal_db, "SHOW idle_in_transaction_session_timeout").scalar() == "5min"


def test_the_shared_engine_sets_timeouts_on_every_connection(shared_engine):
    from redes_desktop.sync.connect import shared_engine as make_engine

    engine = make_engine(str(shared_engine.url))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW lock_timeout")).scalar() == "15s"
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "2min"
    finally:
        engine.dispose()


def test_a_server_initialised_without_the_bookkeeping_is_refused(stations, shared_engine):
    with shared_engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_server_info WHERE name = 'bookkeeping'"))
    with pytest.raises(SharedSchemaError, match="shared-db init"):
        stations("a").sync()


def test_the_real_bitacora_reaches_the_areas_suplente_and_no_other_area(world, shared_engine,
                                                                         tmp_path, clock):
    from redes_desktop.bitacora import crypto, open_bitacora
    from redes_desktop.paths import DataPaths
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.services.activity import ActivityEntry
    from redes_desktop.sync.bitacora_adapter import BitacoraSyncAdapter
    from redes_desktop.sync.shared_schema import grant_person

    readers = crypto.new_key()
    suplente_role = grant_person(shared_engine, world["jal"].suplente.email)
    search_path = _one(shared_engine, "SELECT current_schema()").scalar()
    suplente_db = create_engine(URL.create(
        "postgresql+psycopg", username=suplente_role, host="127.0.0.1", port=5432,
        database="test", query={"options": f"-csearch_path={search_path}"}))
    opened = []

    def workstation(name, engine, person):
        secrets = SecretStore(service=f"redes-desktop-{name}")
        secrets.set(crypto.READERS_KEY, crypto.encode_key(readers))
        paths = DataPaths(tmp_path / name)
        paths.root.mkdir()
        station = make_station(tmp_path, name, engine, person_id=person.id)
        log = open_bitacora(paths, secrets, station.db, clock)
        station.engine.bitacora = BitacoraSyncAdapter(log)
        opened.append((station, log))
        return station, log

    try:
        titular, titular_log = workstation("titular", world["engines"]["jal"],
                                           world["jal"].titular)
        suplente, suplente_log = workstation("suplente", suplente_db, world["jal"].suplente)
        sonora, _ = workstation("sonora", world["engines"]["son"], world["son"].titular)
        for n in range(3):
            titular_log.append(ActivityEntry(at=clock(), actor_id=world["jal"].titular.id,
                                             account_id=world["jal"].account.id,
                                             action="borrador_editado", details={"n": n}))
        titular_log.flush_anchors(wait=True)
        assert titular.sync().bitacora_sent == 3
        report = suplente.sync()
        assert report.bitacora_received == 3 and report.warnings == []
        assert suplente_log.verify().ok
        assert sonora.sync().bitacora_received == 0
    finally:
        for station, log in opened:
            log.close()
            station.db.dispose()
        suplente_db.dispose()
        drop_role(shared_engine, suplente_role)


def test_an_area_login_still_receives_deletions_and_its_own_areas_changes(world, jal_station,
                                                                          shared_engine):
    son = world["son"]
    mine = uuid.uuid4()
    with shared_engine.begin() as conn:  # another workstation's changes, as the server has them
        for post_id, office in ((mine, world["jal"]), (uuid.uuid4(), son)):
            conn.execute(text(
                "INSERT INTO posts (id, account_id, network, author_id, text, is_reply, status, "
                "created_at, updated_at, row_version) VALUES (:i, :a, 'x', :p, 'Del servidor', "
                "false, 'borrador', now(), now(), 1)"),
                {"i": post_id, "a": office.account.id, "p": office.titular.id})
    assert jal_station.sync().pull.received == 1
    with jal_station.db.session() as s:
        assert s.get(Post, mine) is not None
    with shared_engine.begin() as conn:
        conn.execute(text("DELETE FROM posts WHERE id = :i"), {"i": mine})
    assert jal_station.sync().pull.deleted == 1
    with jal_station.db.session() as s:
        assert s.get(Post, mine) is None
