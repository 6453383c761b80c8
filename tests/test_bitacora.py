"""The bitácora: durable encrypted appends, a keyed chain that names the first altered entry,
anchors outside the file, and refusals (keys, damaged or foreign files) that touch nothing."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta

import pytest

from redes_desktop.bitacora import (
    BitacoraBlocked,
    BitacoraRecorder,
    DatabaseAreaLookup,
    ImportRefused,
    crypto,
    open_bitacora,
)
from redes_desktop.bitacora.jobs import verify_bitacora
from redes_desktop.bitacora.query import Filters
from redes_desktop.errors import UserFacingError
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry

ACTOR = uuid.UUID("11111111-1111-4111-8111-111111111111")
ACCOUNT = uuid.UUID("22222222-2222-4222-8222-222222222222")


@pytest.fixture
def paths(data_dir):
    return DataPaths(data_dir)


@pytest.fixture
def bitacora(paths, database, clock):
    b = open_bitacora(paths, SecretStore(), database, clock)
    yield b
    b.close()


def entry(clock, n: int, action: str = "borrador_editado", **details) -> ActivityEntry:
    return ActivityEntry(clock(), ACTOR, ACCOUNT, action,
                         {"n": n, "texto": f"publicación número {n}", **details})


def fill(bitacora, clock, count: int = 10) -> None:
    for n in range(1, count + 1):
        bitacora.append(entry(clock, n))
        clock.advance(timedelta(minutes=1))


def reopen(paths, database, clock):
    return open_bitacora(paths, SecretStore(), database, clock)


def raw(paths) -> sqlite3.Connection:
    return sqlite3.connect(paths.bitacora, isolation_level=None)


def verify_fresh(paths, database, clock):
    b = reopen(paths, database, clock)
    try:
        return b.verify()
    finally:
        b.close()


def test_appends_are_encrypted_chained_and_verify(bitacora, paths, clock):
    fill(bitacora, clock, 10)
    report = bitacora.verify()
    assert report.ok and report.checked == 10
    content = paths.bitacora.read_bytes() + (paths.root / "bitacora.sqlite3-wal").read_bytes()
    assert "publicación".encode() not in content and b"numero" not in content
    reader = bitacora.reader()
    views = reader.page(Filters(), 0, 3)
    assert [reader.decode(v).details["n"] for v in views] == [10, 9, 8]
    reader.close()


def test_details_are_made_json_safe(bitacora, clock):
    when = clock()
    bitacora.append(ActivityEntry(when, None, None, "evaluacion",
                                  {"id": ACCOUNT, "fecha": when, "dia": when.date()}))
    reader = bitacora.reader()
    details = reader.decode(reader.page(Filters(), 0, 1)[0]).details
    reader.close()
    assert details == {"id": str(ACCOUNT), "fecha": when.isoformat(),
                       "dia": when.date().isoformat()}


def _flip_details(conn):
    (blob,) = conn.execute("SELECT details FROM entries WHERE seq=5").fetchone()
    conn.execute("UPDATE entries SET details=? WHERE seq=5", (blob[:20] + bytes([blob[20] ^ 1])
                                                                + blob[21:],))


def _swap(conn):
    cols = "origin, seq, at, actor, account, area, action, details, prev_mac, mac"
    a = conn.execute(f"SELECT {cols} FROM entries WHERE seq=3").fetchone()
    b = conn.execute(f"SELECT {cols} FROM entries WHERE seq=4").fetchone()
    conn.execute("DROP INDEX entries_origin_seq")
    sets = ", ".join(f"{c}=?" for c in cols.split(", "))
    conn.execute(f"UPDATE entries SET {sets} WHERE id=3", b)
    conn.execute(f"UPDATE entries SET {sets} WHERE id=4", a)


def _insert_middle(conn):
    conn.execute("DROP INDEX entries_origin_seq")
    conn.execute("UPDATE entries SET seq = seq + 1 WHERE seq > 5")
    cols = "origin, seq, at, actor, account, area, action, details, prev_mac, mac"
    conn.execute(f"INSERT INTO entries ({cols}) SELECT origin, 6, at, actor, account, area, "
                 "action, details, mac, mac FROM entries WHERE seq=5")


ALTERATIONS = {
    "ciphertext": (_flip_details, 5, "alterada"),
    "metadata": (lambda c: c.execute("UPDATE entries SET action='publicada' WHERE seq=5"), 5,
                 "alterada"),
    "date": (lambda c: c.execute("UPDATE entries SET at='2020-01-01T00:00:00.000000Z' "
                                 "WHERE seq=5"), 5, "alterada"),
    "mac": (lambda c: c.execute("UPDATE entries SET mac=zeroblob(32) WHERE seq=5"), 5,
            "alterada"),
    "deleted_middle": (lambda c: c.execute("DELETE FROM entries WHERE seq=5"), 5, "Falta"),
    "deleted_end": (lambda c: c.execute("DELETE FROM entries WHERE seq>=9"), 9, "Faltan"),
    "swapped": (_swap, 4, "fuera de orden"),
    "inserted": (_insert_middle, 6, "alterada"),
    "forged_append": (lambda c: c.execute(
        "INSERT INTO entries (origin, seq, at, actor, account, area, action, details, "
        "prev_mac, mac) SELECT origin, 11, at, actor, account, area, action, details, mac, mac "
        "FROM entries WHERE seq=10"), 11, "alterada"),
}


@pytest.mark.parametrize("kind", sorted(ALTERATIONS))
def test_every_alteration_is_detected_and_named(kind, bitacora, paths, database, clock):
    fill(bitacora, clock, 10)
    bitacora.close()
    alter, seq, words = ALTERATIONS[kind]
    conn = raw(paths)
    alter(conn)
    conn.close()
    report = verify_fresh(paths, database, clock)
    assert not report.ok
    (problem,) = report.problems
    assert problem.seq == seq, problem.message
    assert words in problem.message and str(seq) in problem.message


def test_cut_from_the_end_blocks_appends_and_warns_at_start_up(bitacora, paths, database,
                                                                clock):
    fill(bitacora, clock, 6)
    bitacora.close()
    conn = raw(paths)
    conn.execute("DELETE FROM entries WHERE seq=6")
    conn.close()
    again = reopen(paths, database, clock)
    try:
        assert again.blocked
        with pytest.raises(BitacoraBlocked, match="faltan las entradas 6 a 6"):
            again.append(entry(clock, 99))
        notes = verify_bitacora(type("Ctx", (), {"recorder": BitacoraRecorder(again)})())
        assert notes and all(n.kind == "urgente" for n in notes)
    finally:
        again.close()


def test_startup_job_is_incremental_and_quiet_when_intact(bitacora, clock):
    fill(bitacora, clock, 5)
    context = type("Ctx", (), {"recorder": BitacoraRecorder(bitacora)})()
    assert verify_bitacora(context) == []
    fill(bitacora, clock, 3)
    assert bitacora.verify(incremental=True).checked == 3
    assert bitacora.verify(incremental=True).checked == 0
    assert bitacora.verify().checked == 8


def test_incremental_verification_notices_a_rewritten_checkpoint(bitacora, paths, database,
                                                                  clock):
    fill(bitacora, clock, 4)
    assert bitacora.verify(incremental=True).ok
    bitacora.close()
    conn = raw(paths)
    conn.execute("UPDATE entries SET mac=zeroblob(32) WHERE seq=4")
    conn.close()
    again = reopen(paths, database, clock)
    try:
        report = again.verify(incremental=True)
        assert not report.ok and report.problems[0].seq == 4
    finally:
        again.close()


def test_missing_key_is_refused_without_touching_anything(bitacora, paths, database, clock,
                                                          memory_keyring):
    fill(bitacora, clock, 3)
    bitacora.close()
    before = paths.bitacora.read_bytes()
    SecretStore().delete(crypto.encryption_key_name(bitacora.workstation))
    with pytest.raises(crypto.BitacoraKeyError, match="no está en el llavero"):
        reopen(paths, database, clock)
    assert paths.bitacora.read_bytes() == before
    names = {p.name for p in paths.root.iterdir() if "bitacora" in p.name}
    assert names - {"bitacora.sqlite3-wal", "bitacora.sqlite3-shm"} == {"bitacora.sqlite3"}


def test_wrong_key_is_refused(bitacora, paths, database, clock):
    fill(bitacora, clock, 2)
    bitacora.close()
    SecretStore().set(crypto.encryption_key_name(bitacora.workstation),
                      crypto.encode_key(crypto.new_key()))
    with pytest.raises(crypto.BitacoraKeyError, match="no corresponde"):
        reopen(paths, database, clock)


def test_missing_chain_key_is_refused(bitacora, paths, database, clock):
    bitacora.close()
    SecretStore().delete(crypto.chain_key_name(bitacora.workstation))
    with pytest.raises(crypto.BitacoraKeyError, match="clave de cadena"):
        reopen(paths, database, clock)


def test_file_of_another_workstation_is_refused(bitacora, paths, database, clock, tmp_path):
    from redes_desktop.database import open_local_database

    fill(bitacora, clock, 2)
    bitacora.close()
    other = DataPaths(tmp_path / "otra")
    other.root.mkdir()
    other_db = open_local_database(other.database)
    open_bitacora(other, SecretStore(), other_db, clock).close()
    foreign = other.bitacora.read_bytes()
    paths.bitacora.unlink()
    paths.bitacora.write_bytes(foreign)
    with pytest.raises(UserFacingError, match="otra estación"):
        reopen(paths, database, clock)
    assert paths.bitacora.read_bytes() == foreign
    other_db.dispose()


def test_missing_file_after_entries_never_starts_a_new_chain(bitacora, paths, database, clock):
    fill(bitacora, clock, 2)
    bitacora.close()
    paths.bitacora.unlink()
    with pytest.raises(UserFacingError, match="Falta la bitácora"):
        reopen(paths, database, clock)
    assert not paths.bitacora.exists()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign_sqlite"])
def test_damaged_file_is_refused_untouched(damage, bitacora, paths, database, clock):
    fill(bitacora, clock, 200)
    bitacora.close()
    data = paths.bitacora.read_bytes()
    if damage == "truncated":
        paths.bitacora.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        paths.bitacora.write_bytes(b"esto no es una base de datos" * 100)
    else:
        paths.bitacora.unlink()
        sqlite3.connect(paths.bitacora).execute("CREATE TABLE x (a)").connection.close()
    before = paths.bitacora.read_bytes()
    with pytest.raises(UserFacingError) as raised:
        reopen(paths, database, clock)
    assert "dañada" in raised.value.message or "no es una bitácora" in raised.value.message
    assert paths.bitacora.read_bytes() == before


def test_full_disk_is_a_clear_error_and_nothing_half_written(bitacora, clock):
    fill(bitacora, clock, 3)
    pages = bitacora._conn.execute("PRAGMA page_count").fetchone()[0]
    bitacora._conn.execute(f"PRAGMA max_page_count={pages}")
    big = "x" * 20000
    with pytest.raises(UserFacingError, match="disco está lleno"):
        bitacora.append(entry(clock, 4, relleno=big))
    assert bitacora.head_seq == 3
    bitacora._conn.execute("PRAGMA max_page_count=1073741823")
    assert bitacora.append(entry(clock, 4)) == 4
    assert bitacora.verify().ok


def test_anchor_waits_while_a_service_holds_the_database(bitacora, database, clock):
    from redes_desktop.models import BitacoraAnchor

    with database.engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # another transaction holds the write lock
        bitacora.append(entry(clock, 1))  # does not wait for it
        conn.exec_driver_sql("ROLLBACK")
    assert bitacora.flush_anchors(wait=True)
    with database.session() as session:
        assert session.get(BitacoraAnchor, uuid.UUID(bitacora.workstation)).head_seq == 1


def test_services_record_through_the_recorder_with_their_area(bitacora, database, clock):
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    recorder = BitacoraRecorder(bitacora, DatabaseAreaLookup(database))
    with database.session() as session:
        office = make_office(Directory(session, clock, recorder))
        session.commit()
        account_id, area_id = office.account.id, office.area.id
    clock.advance(timedelta(days=1))
    with database.session() as session:
        account = session.get(type(office.account), account_id)
        people = [session.get(type(office.titular), p.id) for p in (office.titular,
                                                                     office.suplente)]
        Directory(session, clock, recorder).designate_administrators(account, *people)
        session.commit()
    reader = bitacora.reader()
    views = [reader.decode(r) for r in reader.page(Filters(), 0, 50)]
    assert {"cuenta_registrada"} <= {v.action for v in views}
    assert reader.count(Filters(area=area_id)) >= 1
    assert reader.count(Filters(account=account_id)) >= 1
    reader.close()
    assert bitacora.verify().ok


def test_entries_travel_to_another_workstation_and_verify_there(bitacora, clock, tmp_path):
    from redes_desktop.database import open_local_database

    secrets = SecretStore()
    crypto.store_new_key(secrets, crypto.READERS_KEY)
    fill(bitacora, clock, 5)
    other = DataPaths(tmp_path / "suplente")
    other.root.mkdir()
    other_db = open_local_database(other.database)
    reader_ws = open_bitacora(other, secrets, other_db, clock)
    try:
        # The chain key is installed in the reader's keyring as the sync carries it.
        sealed = bitacora.sealed_chain_key()
        secrets.delete(crypto.chain_key_name(bitacora.workstation))
        reader_ws.install_chain_key(bitacora.workstation, sealed)
        portable = bitacora.entries_after(bitacora.workstation, 0)
        assert all(b"publicaci" not in p.sealed_details for p in portable)
        assert reader_ws.import_entries(portable[:3]) == 3
        assert reader_ws.import_entries(portable) == 2  # already held ones are skipped
        report = reader_ws.verify()
        assert report.ok and report.checked == 5
        reader = reader_ws.reader()
        assert reader.decode(reader.page(Filters(), 0, 1)[0]).details["n"] == 5
        reader.close()
        from dataclasses import replace

        more = [entry(clock, n) for n in (6, 7)]
        bitacora.append_many(more)
        tail = bitacora.entries_after(bitacora.workstation, 5)
        forged = [replace(tail[0], action="publicada"), tail[1]]
        with pytest.raises(ImportRefused, match="entrada 6"):
            reader_ws.import_entries(forged)
        with pytest.raises(ImportRefused, match="Faltan entradas"):
            reader_ws.import_entries(tail[1:])
        assert reader_ws.import_entries(tail) == 2
        assert reader_ws.verify().ok
    finally:
        reader_ws.close()
        other_db.dispose()


def test_export_round_trip_verifies_and_detects_edits(bitacora, clock, tmp_path):
    import io

    from redes_desktop.bitacora.export import chain_order, verify_export, write_export

    fill(bitacora, clock, 6)
    reader = bitacora.reader()
    for fmt in ("csv", "json"):
        buffer = io.StringIO()
        assert write_export(chain_order(reader.iterate(Filters())), buffer, fmt) == 6
        path = tmp_path / f"exportacion.{fmt}"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        result = verify_export(path, bitacora.chain_key)
        assert result.ok and result.checked == 6 and result.gaps == 0
        path.write_text(buffer.getvalue().replace("número 3", "número 8"), encoding="utf-8")
        result = verify_export(path, bitacora.chain_key)
        assert not result.ok and "entrada 3" in result.problems[0]
    reader.close()
