"""Re-anchoring asks the shared PostgreSQL database first (bitacora/reanchor.py): a cut tail or a
rewritten chain that the shared copy contradicts stays an alarm, however consistent the local
file and anchors look; an intact chain is re-anchored and the event is pushed at the next sync."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import select, text, update

from redes_desktop.bitacora import open_bitacora
from redes_desktop.bitacora.head import head_key_name
from redes_desktop.bitacora.reanchor import ACTION, ReanchorRefused, reanchor
from redes_desktop.models import BitacoraAnchor
from redes_desktop.paths import DataPaths
from redes_desktop.sync.bitacora_adapter import BitacoraSyncAdapter
from redes_desktop.sync.bitacora_shared_check import NOT_CONFIGURED, shared_verdict
from redes_desktop.sync.shared_schema import bitacora_entries
from tests import test_sync_support as _support
from tests.test_sync_bitacora import _append, _workstation

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
REASON = "Se restableció el llavero del sistema al reinstalar el equipo."
PERSON = uuid.UUID("33333333-3333-4333-8333-333333333333")


def _url(engine) -> str:
    with engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar()
    return f"postgresql+psycopg://root@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"


def _cut(paths, station, workstation: str, keep: int) -> bytes:
    """Cut the file to `keep` entries and move the database anchor back to agree with it."""
    conn = sqlite3.connect(paths.bitacora, isolation_level=None)
    conn.execute("DELETE FROM entries WHERE seq>?", (keep,))
    (mac,) = conn.execute("SELECT mac FROM entries WHERE seq=?", (keep,)).fetchone()
    conn.close()
    table = BitacoraAnchor.__table__
    with station.db.engine.begin() as db:
        db.execute(update(table).where(table.c.origin == uuid.UUID(workstation))
                   .values(head_seq=keep, head_mac=mac.hex(), verified_seq=keep,
                           verified_mac=mac.hex()))
    return mac


def _synced(tmp_path, stations, clock, count: int):
    from redes_desktop.bitacora import crypto

    station, bitacora, secrets = _workstation(tmp_path, "titular", stations, crypto.new_key(),
                                              clock)
    _append(bitacora, clock, count)
    assert station.sync().bitacora_sent == count
    bitacora.close()
    return station, bitacora.workstation, secrets, DataPaths(tmp_path / "titular")


@pytest.mark.parametrize("then_append", [False, True])
def test_the_shared_copy_ahead_of_the_file_is_never_reanchored(tmp_path, stations, clock,
                                                               shared_engine, then_append):
    station, workstation, secrets, paths = _synced(tmp_path, stations, clock, 6)
    mac = _cut(paths, station, workstation, keep=4)
    expected = "hasta la 6, pero la bitácora local termina en la 4"
    if then_append:  # a new 5 and 6 chained on the cut: a valid chain, but not the shared one
        secrets.set(head_key_name(workstation), f"4:{mac.hex()}")
        bitacora = open_bitacora(paths, secrets, station.db, clock)
        assert bitacora.blocked is None
        _append(bitacora, clock, 2, start=100)
        bitacora.close()
        expected = "entrada 5 de esta estación"
    secrets.delete(head_key_name(workstation))  # and the keyring head "lost"
    bitacora = open_bitacora(paths, secrets, station.db, clock)
    url = _url(shared_engine)
    try:
        assert bitacora.blocked and "Falta en el llavero" in bitacora.blocked
        head = bitacora.head_seq
        with pytest.raises(ReanchorRefused) as refused:
            reanchor(bitacora, reason=REASON, actor_id=PERSON,
                     shared_check=lambda: shared_verdict(url, secrets, bitacora))
        assert expected in refused.value.message and "sigue bloqueada" in refused.value.message
        assert bitacora.blocked and bitacora.head_seq == head
        assert secrets.get(head_key_name(workstation)) is None
        # Only the shared copy tells: without it, the same file would be re-anchored …
        done = reanchor(bitacora, reason=REASON, actor_id=PERSON,
                        shared_check=lambda: shared_verdict("", secrets, bitacora))
        assert done.changed
        # … and the next sync's comparison still catches the cut (the alarm comes back).
        station.engine.bitacora = BitacoraSyncAdapter(bitacora)
        report = station.sync()
        assert report.bitacora_sent == 0 and bitacora.blocked
    finally:
        bitacora.close()


def test_an_intact_chain_is_reanchored_and_the_event_pushed(tmp_path, stations, clock,
                                                           shared_engine):
    station, workstation, secrets, paths = _synced(tmp_path, stations, clock, 3)
    secrets.delete(head_key_name(workstation))
    bitacora = open_bitacora(paths, secrets, station.db, clock)
    url = _url(shared_engine)
    try:
        assert bitacora.blocked
        done = reanchor(bitacora, reason=REASON, actor_id=PERSON,
                        shared_check=lambda: shared_verdict(url, secrets, bitacora))
        assert done.changed and done.entry_seq == 4 and bitacora.blocked is None
        station.engine.bitacora = BitacoraSyncAdapter(bitacora)
        report = station.sync()
        assert report.bitacora_sent == 1 and bitacora.blocked is None
        with shared_engine.connect() as conn:
            (metadata,) = conn.execute(
                select(bitacora_entries.c.metadata).where(
                    bitacora_entries.c.origin == workstation, bitacora_entries.c.seq == 4)
            ).one()
        assert metadata["action"] == ACTION and metadata["actor"] == str(PERSON)
        reader = bitacora.reader()
        try:
            (view,) = [v for v in reader.iterate(_filters()) if v.seq == 4]
        finally:
            reader.close()
        assert view.details["base_compartida"] == "comparada: coincide hasta la entrada 3"
        assert view.details["base_compartida"] != NOT_CONFIGURED
    finally:
        bitacora.close()


def _filters():
    from redes_desktop.bitacora.query import Filters

    return Filters()
