"""A process killed with SIGKILL in the middle of appends keeps every entry it reported written,
and its chain verifies. The child keeps its keys in a JSON file through a keyring backend
defined here (a subprocess does not inherit the in-memory keyring)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from redes_desktop.bitacora import open_bitacora
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SERVICE, SecretStore

CHILD = r"""
import json, os, sys, uuid
from datetime import UTC, datetime
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend

KEYS = Path(sys.argv[2])

class FileKeyring(KeyringBackend):
    priority = 1
    def _load(self):
        return json.loads(KEYS.read_text()) if KEYS.exists() else {}
    def get_password(self, service, username):
        return self._load().get(f"{service}|{username}")
    def set_password(self, service, username, password):
        data = self._load(); data[f"{service}|{username}"] = password
        # Atomic, like a real keyring: the bitácora writes its head here on every append.
        partial = KEYS.with_suffix(".parcial")
        partial.write_text(json.dumps(data))
        os.replace(partial, KEYS)
    def delete_password(self, service, username):
        raise NotImplementedError

keyring.set_keyring(FileKeyring())

from redes_desktop.bitacora import open_bitacora
from redes_desktop.clock import system_clock
from redes_desktop.database import open_local_database
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry

paths = DataPaths(Path(sys.argv[1]))
database = open_local_database(paths.database)
bitacora = open_bitacora(paths, SecretStore(), database, system_clock)
actor = uuid.uuid4()
for n in range(1000):
    seq = bitacora.append(ActivityEntry(system_clock(), actor, None, "sincronizacion",
                                        {"n": n, "texto": "x" * 200}))
    print(seq, flush=True)
"""


def test_sigkill_mid_appends_keeps_every_reported_entry(data_dir: Path, clock, memory_keyring):
    keys = data_dir.parent / "llavero.json"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(keys)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent,
    )
    reported = 0
    try:
        for line in child.stdout:
            reported = int(line)
            if reported >= 150:
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert reported >= 150

    for name, secret in json.loads(keys.read_text()).items():
        service, _, key = name.partition("|")
        assert service == SERVICE
        SecretStore().set(key, secret)
    from redes_desktop.database import open_local_database

    database = open_local_database(data_dir / "redes.sqlite3")
    bitacora = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    try:
        assert bitacora.blocked is None
        assert bitacora.head_seq >= reported
        report = bitacora.verify()
        assert report.ok, report.problems
        assert report.checked == bitacora.head_seq
    finally:
        bitacora.close()
        database.dispose()
