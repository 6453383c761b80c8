"""The tail of the local chain is anchored twice: in the main database (which may lag, and may be
restored or swapped) and in the OS keyring. Cutting the last entries is caught by either. And a
damaged export is reported, never a crash."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from redes_desktop.bitacora import BitacoraBlocked, BitacoraRecorder, open_bitacora
from redes_desktop.bitacora.export import chain_order, verify_export, write_export
from redes_desktop.bitacora.head import head_key_name
from redes_desktop.bitacora.jobs import verify_bitacora
from redes_desktop.bitacora.query import Filters
from redes_desktop.errors import UserFacingError
from redes_desktop.models import BitacoraAnchor
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry

ACTOR = uuid.UUID("11111111-1111-4111-8111-111111111111")
ACCOUNT = uuid.UUID("22222222-2222-4222-8222-222222222222")


@pytest.fixture
def paths(data_dir):
    return DataPaths(data_dir)


def _open(paths, database, clock):
    return open_bitacora(paths, SecretStore(), database, clock)


def _fill(bitacora, clock, count: int) -> None:
    for n in range(count):
        bitacora.append(ActivityEntry(clock(), ACTOR, ACCOUNT, "borrador_editado", {"n": n}))
        clock.advance(timedelta(minutes=1))


def _raw(paths) -> sqlite3.Connection:
    return sqlite3.connect(paths.bitacora, isolation_level=None)


def _mac(paths, seq: int) -> bytes:
    conn = _raw(paths)
    try:
        return conn.execute("SELECT mac FROM entries WHERE seq=?", (seq,)).fetchone()[0]
    finally:
        conn.close()


def _cut_after(paths, seq: int) -> None:
    conn = _raw(paths)
    conn.execute("DELETE FROM entries WHERE seq>?", (seq,))
    conn.close()


def _anchor_seq(database, workstation: str) -> int:
    with database.session() as session:
        return session.get(BitacoraAnchor, uuid.UUID(workstation)).head_seq


def test_keyring_head_follows_every_append(paths, database, clock):
    bitacora = _open(paths, database, clock)
    try:
        _fill(bitacora, clock, 3)
        stored = SecretStore().get(head_key_name(bitacora.workstation))
        assert stored == f"3:{_mac(paths, 3).hex()}"
    finally:
        bitacora.close()


def test_keyring_head_is_throttled_while_appending_and_exact_at_close(
    paths, database, clock, memory_keyring
):
    """A real keyring write costs milliseconds: a burst of appends writes the head once, and
    closing writes the exact head."""
    bitacora = _open(paths, database, clock)
    name = head_key_name(bitacora.workstation)
    writes = []
    original = memory_keyring.set_password

    def counting(service, username, password):
        if username == name:
            writes.append(password)
        original(service, username, password)

    memory_keyring.set_password = counting
    for n in range(20):  # all within the same instant of the injected clock
        bitacora.append(ActivityEntry(clock(), ACTOR, ACCOUNT, "borrador_editado", {"n": n}))
    assert len(writes) == 1
    bitacora.close()
    assert SecretStore().get(name) == f"20:{_mac(paths, 20).hex()}"


def test_cut_tail_with_an_older_database_anchor_is_named_by_the_keyring_head(
    paths, database, clock
):
    bitacora = _open(paths, database, clock)
    workstation = bitacora.workstation
    _fill(bitacora, clock, 6)
    bitacora.close()
    _cut_after(paths, 4)
    # The main database restored from an older copy: its anchor agrees with the cut file.
    with database.engine.begin() as conn:
        conn.execute(update(BitacoraAnchor.__table__)
                     .where(BitacoraAnchor.__table__.c.origin == uuid.UUID(workstation))
                     .values(head_seq=4, head_mac=_mac(paths, 4).hex(), verified_seq=0,
                             verified_mac=""))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "5 a 6" in again.blocked and "llavero" in again.blocked
        with pytest.raises(BitacoraBlocked, match="faltan las entradas 5 a 6"):
            again.append(ActivityEntry(clock(), ACTOR, None, "x", {}))
        report = again.verify()
        (problem,) = report.problems
        assert problem.seq == 5
        assert "Faltan las entradas 5 a 6" in problem.message
        assert "llavero del sistema es la 6" in problem.message
        notes = verify_bitacora(type("Ctx", (), {"recorder": BitacoraRecorder(again)})())
        assert notes and all(n.kind == "urgente" for n in notes)
        assert _anchor_seq(database, workstation) == 4  # nothing moved while blocked
    finally:
        again.close()
    # Deleting the keyring head as well (no key needed) does not hide the cut: an absent
    # anchor is itself an alarm (issue 11).
    SecretStore().delete(head_key_name(workstation))
    still = _open(paths, database, clock)
    try:
        assert still.blocked and "Falta en el llavero" in still.blocked
        with pytest.raises(BitacoraBlocked, match="Falta en el llavero"):
            still.append(ActivityEntry(clock(), ACTOR, None, "x", {}))
    finally:
        still.close()


def test_cut_right_after_a_crash_while_the_anchor_lagged(paths, database, clock):
    bitacora = _open(paths, database, clock)
    workstation = bitacora.workstation
    _fill(bitacora, clock, 3)
    bitacora.flush_anchors(wait=True)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # a service's transaction holds the database
        _fill(bitacora, clock, 2)  # the database anchor could not follow
        conn.exec_driver_sql("ROLLBACK")
    bitacora._conn.close()  # the process dies: no close(), no flush of the anchor
    assert _anchor_seq(database, workstation) == 3
    _cut_after(paths, 4)
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "faltan las entradas 5 a 5" in again.blocked
        (problem,) = again.verify().problems
        assert problem.seq == 5 and "llavero" in problem.message
    finally:
        again.close()


def test_a_replaced_file_does_not_match_the_keyring_head(paths, database, clock):
    bitacora = _open(paths, database, clock)
    workstation = bitacora.workstation
    _fill(bitacora, clock, 3)
    bitacora.close()
    SecretStore().set(head_key_name(workstation), f"3:{bytes(range(32)).hex()}")
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "llavero" in again.blocked
        (problem,) = again.verify().problems
        assert problem.seq == 3 and "llavero" in problem.message
    finally:
        again.close()


def test_close_flushes_the_lagging_anchor(paths, database, clock):
    bitacora = _open(paths, database, clock)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        _fill(bitacora, clock, 2)
        conn.exec_driver_sql("ROLLBACK")
    assert _anchor_seq(database, bitacora.workstation) == 0
    bitacora.close()
    assert _anchor_seq(database, bitacora.workstation) == 2


# -- damaged exports ------------------------------------------------------------------------------
def _export(paths, database, clock, fmt: str) -> tuple[str, object]:
    bitacora = _open(paths, database, clock)
    _fill(bitacora, clock, 3)
    reader = bitacora.reader()
    buffer = io.StringIO()
    write_export(chain_order(reader.iterate(Filters())), buffer, fmt)
    reader.close()
    return buffer.getvalue(), bitacora


@pytest.mark.parametrize("origin", ["", None, "no-es-un-uuid", 42])
def test_export_with_an_empty_or_garbage_origin_is_a_failing_entry(
    paths, database, clock, tmp_path, origin
):
    text, bitacora = _export(paths, database, clock, "json")
    try:
        data = json.loads(text)
        data["entradas"][1]["origen"] = origin
        path = tmp_path / "exportacion.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        result = verify_export(path, bitacora.chain_key)
        assert not result.ok and result.checked == 2
        (problem,) = result.problems
        assert problem.startswith("Registro 2:") and "origen" in problem
    finally:
        bitacora.close()


def test_csv_export_with_an_empty_origin_and_bad_rows(paths, database, clock, tmp_path):
    text, bitacora = _export(paths, database, clock, "csv")
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
        rows[0]["origen"] = ""
        rows[2]["mac"] = "zz"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        path = tmp_path / "exportacion.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        result = verify_export(path, bitacora.chain_key)
        assert result.checked == 1
        assert "«origen» está vacío" in result.problems[0]
        assert "«mac_anterior o mac»" in result.problems[1]
        # Entries that are not objects, and a file without the list, are reported too.
        data = json.dumps({"formato": "redes-desktop-bitacora", "entradas": ["x", 5]})
        path.write_text(data, encoding="utf-8")
        assert len(verify_export(path, bitacora.chain_key).problems) == 2
        path.write_text('{"entradas": 5}', encoding="utf-8")
        with pytest.raises(UserFacingError, match="entradas"):
            verify_export(path, bitacora.chain_key)
    finally:
        bitacora.close()
