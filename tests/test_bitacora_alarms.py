"""Issue 11: the bitácora stops at the first alteration. Before a session chains anything on, the
stretch it chains onto is verified; the whole chain is verified in the background; an absent or
disagreeing anchor is an alarm; every alarm blocks recording and the window says so."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from redes_desktop.bitacora import BitacoraBlocked, BitacoraRecorder, crypto, open_bitacora
from redes_desktop.bitacora.chain import header_bytes
from redes_desktop.bitacora.crypto import Sealer
from redes_desktop.bitacora.head import head_key_name
from redes_desktop.bitacora.jobs import FULL_VERIFY_INTERVAL, verify_bitacora
from redes_desktop.bitacora.store import uuid_text
from redes_desktop.models import BitacoraAnchor
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry, MemoryRecorder

ACTOR = uuid.UUID("11111111-1111-4111-8111-111111111111")
INTRUDER = uuid.UUID("99999999-9999-4999-8999-999999999999")
ACCOUNT = uuid.UUID("22222222-2222-4222-8222-222222222222")
TABLE = BitacoraAnchor.__table__


@pytest.fixture
def paths(data_dir):
    return DataPaths(data_dir)


def _open(paths, database, clock):
    return open_bitacora(paths, SecretStore(), database, clock)


def _fill(paths, database, clock, count: int) -> str:
    bitacora = _open(paths, database, clock)
    bitacora.append_many([
        ActivityEntry(clock() + timedelta(minutes=n), ACTOR, ACCOUNT, "borrador_editado",
                      {"n": n, "texto": f"publicación {n}"})
        for n in range(1, count + 1)])
    workstation = bitacora.workstation
    # What the start-up job did on the old code: the whole chain verified once (checkpoint).
    assert bitacora.verify(incremental=True).ok
    bitacora.close()
    return workstation


def _context(bitacora):
    return type("Ctx", (), {"recorder": BitacoraRecorder(bitacora)})()


def _rewrite(paths, workstation: str, seq: int, **changes) -> None:
    """Edit an entry in place the way someone holding the keyring would: new metadata and/or
    details, re-sealed under the workstation's key so the entry still decrypts; the MAC is left
    as it was (forging it would also take the chain key)."""
    conn = sqlite3.connect(paths.bitacora, isolation_level=None)
    cols = "origin, seq, at, actor, account, area, action, details"
    row = dict(zip(cols.split(", "), conn.execute(
        f"SELECT {cols} FROM entries WHERE seq=?", (seq,)).fetchone(), strict=True))
    sealer = Sealer(crypto.load_key(SecretStore(), crypto.encryption_key_name(workstation), "k"))
    old_header = header_bytes(workstation, seq, row["at"], uuid_text(row["actor"]),
                              uuid_text(row["account"]), uuid_text(row["area"]), row["action"])
    details = sealer.open(row["details"], old_header)
    row.update({k: v for k, v in changes.items() if k != "details"})
    if "details" in changes:
        details = json.dumps(changes["details"], separators=(",", ":")).encode()
    header = header_bytes(workstation, seq, row["at"], uuid_text(row["actor"]),
                          uuid_text(row["account"]), uuid_text(row["area"]), row["action"])
    conn.execute("UPDATE entries SET at=?, actor=?, details=? WHERE seq=?",
                 (row["at"], row["actor"], sealer.seal(details, header), seq))
    conn.close()


EDITS = {
    "person": (7, {"actor": INTRUDER.bytes}),
    "time": (7, {"at": "2020-01-01T00:00:00.000000Z"}),
    "head_details": (10, {"details": {"n": 10, "texto": "otra cosa"}}),
    "head_person": (10, {"actor": INTRUDER.bytes}),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_an_entry_edited_in_place_blocks_the_next_session(kind, paths, database, clock):
    workstation = _fill(paths, database, clock, 10)
    seq, changes = EDITS[kind]
    _rewrite(paths, workstation, seq, **changes)
    again = _open(paths, database, clock)
    try:
        assert again.blocked and f"entrada {seq}" in again.blocked
        with pytest.raises(BitacoraBlocked, match=f"entrada {seq}"):
            again.append(ActivityEntry(clock(), ACTOR, None, "publicada", {}))
        assert again.head_seq == 10  # nothing chained on top of the edited entry
        (note,) = verify_bitacora(_context(again))
        assert note.kind == "urgente" and f"entrada {seq}" in note.message
        assert verify_bitacora(_context(again)) == []  # notified once, not every minute
    finally:
        again.close()


def test_an_old_entry_edited_in_place_is_caught_by_the_background_verification(
    paths, database, clock
):
    from redes_desktop.bitacora.integrity import STRETCH

    workstation = _fill(paths, database, clock, STRETCH + 20)
    _rewrite(paths, workstation, 5, actor=INTRUDER.bytes)
    again = _open(paths, database, clock)
    try:
        assert again.blocked is None  # outside the stretch verified at opening
        (note,) = verify_bitacora(_context(again))
        assert "entrada 5" in note.message and "alterada" in note.message
        assert again.blocked and "entrada 5" in again.blocked
        with pytest.raises(BitacoraBlocked):
            again.append(ActivityEntry(clock(), ACTOR, None, "publicada", {}))
    finally:
        again.close()


def test_the_background_verification_runs_on_its_schedule(paths, database, clock):
    _fill(paths, database, clock, 3)
    bitacora = _open(paths, database, clock)
    try:
        assert verify_bitacora(_context(bitacora)) == []
        assert bitacora.last_full_verification == clock()
        clock.advance(FULL_VERIFY_INTERVAL / 2)
        verify_bitacora(_context(bitacora))
        assert bitacora.last_full_verification == clock() - FULL_VERIFY_INTERVAL / 2  # not due
        clock.advance(FULL_VERIFY_INTERVAL / 2)
        verify_bitacora(_context(bitacora))
        assert bitacora.last_full_verification == clock()
    finally:
        bitacora.close()


def test_the_jobs_run_it_at_start_up_and_periodically():
    from redes_desktop import jobs

    spec = "redes_desktop.bitacora.jobs:verify_bitacora"
    assert jobs.STARTUP_JOBS[-1] == spec and spec in jobs.PERIODIC_JOBS


# -- anchors ------------------------------------------------------------------------------------
def test_deleting_the_keyring_head_alone_is_an_alarm(paths, database, clock):
    workstation = _fill(paths, database, clock, 4)
    SecretStore().delete(head_key_name(workstation))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "Falta en el llavero" in again.blocked
        assert "4 entradas" in again.blocked
        with pytest.raises(BitacoraBlocked, match="informática"):
            again.append(ActivityEntry(clock(), ACTOR, None, "publicada", {}))
    finally:
        again.close()


def test_cut_tail_with_the_anchor_moved_back_and_the_keyring_head_deleted(
    paths, database, clock
):
    workstation = _fill(paths, database, clock, 6)
    conn = sqlite3.connect(paths.bitacora, isolation_level=None)
    conn.execute("DELETE FROM entries WHERE seq>4")
    (mac,) = conn.execute("SELECT mac FROM entries WHERE seq=4").fetchone()
    conn.close()
    with database.engine.begin() as db:
        db.execute(update(TABLE).where(TABLE.c.origin == uuid.UUID(workstation))
                   .values(head_seq=4, head_mac=mac.hex(), verified_seq=4,
                           verified_mac=mac.hex()))
    SecretStore().delete(head_key_name(workstation))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "llavero" in again.blocked
    finally:
        again.close()


def test_a_missing_database_anchor_is_an_alarm(paths, database, clock):
    workstation = _fill(paths, database, clock, 3)
    with database.engine.begin() as db:
        db.execute(delete(TABLE).where(TABLE.c.origin == uuid.UUID(workstation)))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "Falta en la base de datos local el ancla" in again.blocked
    finally:
        again.close()


def test_a_lagging_database_anchor_must_name_the_files_entry(paths, database, clock):
    workstation = _fill(paths, database, clock, 5)
    with database.engine.begin() as db:  # behind the file (it may lag) but with another MAC
        db.execute(update(TABLE).where(TABLE.c.origin == uuid.UUID(workstation))
                   .values(head_seq=3, head_mac=bytes(range(32)).hex()))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "entrada 3" in again.blocked and "base de datos" in again.blocked
    finally:
        again.close()


def test_a_new_bitacora_has_its_anchors_before_its_file(paths, database, clock):
    bitacora = _open(paths, database, clock)
    workstation = bitacora.workstation
    bitacora.close()
    assert SecretStore().get(head_key_name(workstation)) == "0:" + "00" * 32
    with database.session() as session:
        assert session.get(BitacoraAnchor, uuid.UUID(workstation)).head_seq == 0
    again = _open(paths, database, clock)  # a new, empty bitácora is no alarm
    assert again.blocked is None
    again.append(ActivityEntry(clock(), ACTOR, None, "publicada", {}))
    again.close()


def test_an_emptied_bitacora_without_its_keyring_head_is_not_taken_for_a_new_one(
    paths, database, clock
):
    workstation = _fill(paths, database, clock, 3)
    conn = sqlite3.connect(paths.bitacora, isolation_level=None)
    conn.execute("DELETE FROM entries")
    conn.close()
    with database.engine.begin() as db:
        db.execute(update(TABLE).where(TABLE.c.origin == uuid.UUID(workstation))
                   .values(head_seq=0, head_mac="", verified_seq=0, verified_mac=""))
    SecretStore().delete(head_key_name(workstation))
    again = _open(paths, database, clock)
    try:
        assert again.blocked and "Falta en el llavero" in again.blocked
    finally:
        again.close()


# -- the window -----------------------------------------------------------------------------------
def test_quit_after_startup_exits_non_zero_on_an_altered_bitacora(data_dir, clock):
    import keyring

    from redes_desktop.workspace import open_workspace
    from tests.file_keyring import FileKeyring

    keyring.set_keyring(FileKeyring())  # the keyring the program in the subprocess uses
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    try:
        workstation = _fill(workspace.paths, database, clock, 4)
    finally:
        database.dispose()
        workspace.close()
    _rewrite(workspace.paths, workstation, 4, actor=INTRUDER.bytes)
    result = subprocess.run(
        [sys.executable, "-m", "redes_desktop", "--data-dir", str(data_dir),
         "--quit-after-startup"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == BitacoraBlocked.exit_code, result.stderr
    assert "bitácora bloqueada" in result.stderr and "entrada 4" in result.stderr


def test_the_window_shows_the_alarm(qtbot, data_dir, clock):
    from PySide6.QtWidgets import QApplication

    from redes_desktop.context import AppContext
    from redes_desktop.context_setup import attach_bitacora
    from redes_desktop.ui.application import Startup
    from redes_desktop.ui.bitacora.alarm import BitacoraAlarmBar
    from redes_desktop.workspace import open_workspace

    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    workstation = _fill(workspace.paths, database, clock, 4)
    SecretStore().delete(head_key_name(workstation))
    context = AppContext(workspace=workspace, database=database, clock=clock,
                         secrets=SecretStore(), recorder=MemoryRecorder())
    attach_bitacora(context)
    startup = Startup(QApplication.instance(), workspace, quit_after_startup=True)
    qtbot.addWidget(startup.window)
    try:
        startup._on_loaded(context, None)
        bar = startup.window.findChild(BitacoraAlarmBar)
        assert bar is not None and not bar.isHidden()
        assert "Bitácora bloqueada" in bar.label.text() and "llavero" in bar.label.text()
        assert startup.exit_code == BitacoraBlocked.exit_code
    finally:
        context.recorder.bitacora.close()
        database.dispose()
        workspace.close()
