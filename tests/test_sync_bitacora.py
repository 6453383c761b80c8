"""The real bitácora travels through the shared PostgreSQL database: a suplente's workstation
pulls the titular's entries, verifies their chain with the chain key that came sealed under the
readers key, and holds them re-encrypted under its own key. Each workstation has its own
keyring (two keyring services on the in-memory backend); only the readers key is shared."""

from __future__ import annotations

import uuid

import pytest

from redes_desktop.bitacora import crypto, open_bitacora
from redes_desktop.bitacora.query import Filters
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.sync.bitacora_adapter import BitacoraSyncAdapter
from tests import test_sync_support as _support

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture


def _workstation(tmp_path, name, stations, readers_key, clock):
    secrets = SecretStore(service=f"redes-desktop-{name}")
    secrets.set(crypto.READERS_KEY, crypto.encode_key(readers_key))
    paths = DataPaths(tmp_path / name)
    paths.root.mkdir()
    station = stations(name)
    bitacora = open_bitacora(paths, secrets, station.db, clock)
    station.engine.bitacora = BitacoraSyncAdapter(bitacora)
    return station, bitacora, secrets


def test_titular_entries_verify_on_the_suplentes_workstation(tmp_path, stations, clock):
    readers = crypto.new_key()
    titular, titular_log, _ = _workstation(tmp_path, "titular", stations, readers, clock)
    suplente, suplente_log, suplente_keys = _workstation(tmp_path, "suplente", stations,
                                                         readers, clock)
    account = uuid.uuid4()
    for n in range(3):
        titular_log.append(ActivityEntry(at=clock(), actor_id=None, account_id=account,
                                         action="borrador_editado",
                                         details={"caracteres": n, "texto": "Publicación"}))
    titular_log.flush_anchors(wait=True)

    assert titular.sync().bitacora_sent == 3
    report = suplente.sync()
    assert report.bitacora_received == 3

    # The suplente's keyring now holds the titular's chain key, and the chain verifies there.
    assert suplente_keys.get(crypto.chain_key_name(titular_log.workstation)) is not None
    result = suplente_log.verify()
    assert result.ok, result
    reader = suplente_log.reader()
    try:
        views = [reader.decode(row) for row in reader.page(Filters(account=account), 0, 10)]
    finally:
        reader.close()
    assert [(v.origin, v.details["caracteres"]) for v in reversed(views)] == [
        (titular_log.workstation, 0), (titular_log.workstation, 1),
        (titular_log.workstation, 2)]

    # Syncing again moves nothing and imports nothing twice.
    again = suplente.sync()
    assert again.bitacora_received == 0
    titular_log.close()
    suplente_log.close()


def test_without_the_readers_key_nothing_is_shared(tmp_path, stations, clock):
    secrets = SecretStore(service="redes-desktop-sin-lectores")
    paths = DataPaths(tmp_path / "sola")
    paths.root.mkdir()
    station = stations("sola")
    bitacora = open_bitacora(paths, secrets, station.db, clock)
    bitacora.append(ActivityEntry(at=clock(), actor_id=None, account_id=None,
                                  action="prueba", details={}))
    station.engine.bitacora = BitacoraSyncAdapter(bitacora)
    with pytest.raises(crypto.BitacoraKeyError, match="clave de lectores"):
        station.sync()
    bitacora.close()


def test_a_malformed_shared_entry_is_skipped_with_a_message(tmp_path, stations, clock,
                                                            shared_engine):
    from sqlalchemy import text

    readers = crypto.new_key()
    titular, titular_log, _ = _workstation(tmp_path, "titular", stations, readers, clock)
    suplente, suplente_log, _ = _workstation(tmp_path, "suplente", stations, readers, clock)
    with shared_engine.begin() as conn:  # written by hand, outside any workstation
        conn.execute(text(
            "INSERT INTO bitacora_entries (origin, seq, recorded_at, metadata, payload, mac) "
            "VALUES ('rota', 1, now(), '{\"action\": \"x\"}', '\\x00', 'zz'), "
            "('lista', 1, now(), '[1, 2]', '\\x00', 'zz')"))
    for n in range(2):
        titular_log.append(ActivityEntry(at=clock(), actor_id=None, account_id=None,
                                         action="prueba", details={"n": n}))
    titular_log.flush_anchors(wait=True)
    titular.sync()

    report = suplente.sync()
    assert report.bitacora_received == 2
    skipped = [line for line in report.lines() if line.startswith("Bitácora: se omiti")]
    assert len(skipped) == 2 and any("rota" in line for line in skipped)
    assert suplente_log.verify().ok
    again = suplente.sync()  # the bad rows do not come back, nor block anything
    assert again.bitacora_received == 0 and again.warnings == []
    titular_log.close()
    suplente_log.close()


# -- the shared copy: the anchor a workstation cannot roll back (issue 11) -----------------------
def _roll_back_locally(paths, secrets, station, workstation: str, keep: int) -> None:
    """Cut the local chain to `keep` entries and move both local anchors back to agree with
    it — all within reach of whoever sits at the workstation, no key needed."""
    import sqlite3

    from sqlalchemy import update

    from redes_desktop.bitacora.head import head_key_name
    from redes_desktop.models import BitacoraAnchor

    conn = sqlite3.connect(paths.bitacora, isolation_level=None)
    conn.execute("DELETE FROM entries WHERE seq>?", (keep,))
    (mac,) = conn.execute("SELECT mac FROM entries WHERE seq=?", (keep,)).fetchone()
    conn.close()
    table = BitacoraAnchor.__table__
    with station.db.engine.begin() as db:
        db.execute(update(table).where(table.c.origin == uuid.UUID(workstation))
                   .values(head_seq=keep, head_mac=mac.hex(), verified_seq=keep,
                           verified_mac=mac.hex()))
    secrets.set(head_key_name(workstation), f"{keep}:{mac.hex()}")


def _append(bitacora, clock, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        bitacora.append(ActivityEntry(at=clock(), actor_id=None, account_id=None,
                                      action="publicada", details={"n": n}))


@pytest.mark.parametrize("then_append", [False, True])
def test_a_locally_consistent_rollback_is_caught_by_the_shared_copy(tmp_path, stations, clock,
                                                                    then_append):
    from redes_desktop.bitacora import BitacoraBlocked

    readers = crypto.new_key()
    station, bitacora, secrets = _workstation(tmp_path, "titular", stations, readers, clock)
    workstation = bitacora.workstation
    _append(bitacora, clock, 6)
    assert station.sync().bitacora_sent == 6
    bitacora.close()
    paths = DataPaths(tmp_path / "titular")
    _roll_back_locally(paths, secrets, station, workstation, keep=4)
    again = open_bitacora(paths, secrets, station.db, clock)
    try:
        assert again.blocked is None and again.verify().ok  # nothing local can tell
        expected = "hasta la 6, pero la bitácora local termina en la 4"
        if then_append:  # a new 5 and 6 chained on the cut: a valid but different chain
            _append(again, clock, 2, start=100)
            expected = "entrada 5 de esta estación"
        station.engine.bitacora = BitacoraSyncAdapter(again)
        report = station.sync()
        assert report.bitacora_sent == 0
        (warning,) = [line for line in report.lines() if line.startswith("Bitácora: ")]
        assert expected in warning and "bloqueada" in warning
        assert again.blocked and expected in again.blocked
        with pytest.raises(BitacoraBlocked):
            _append(again, clock, 1, start=200)
    finally:
        again.close()


def test_an_intact_chain_agrees_with_the_shared_copy(tmp_path, stations, clock):
    readers = crypto.new_key()
    station, bitacora, _ = _workstation(tmp_path, "titular", stations, readers, clock)
    for batch in (3, 70, 2):  # more than the compared window
        _append(bitacora, clock, batch)
        report = station.sync()
        assert report.bitacora_sent == batch and report.warnings == []
    assert bitacora.blocked is None
    bitacora.close()
