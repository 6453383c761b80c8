"""The encrypted, tamper-evident bitácora (criteria 8.iii and 6.xv).

What it records
---------------
Every action services report through the one door `ActivityRecorder.record(ActivityEntry)`:
`BitacoraRecorder` (recorder.py) writes each as an entry: origin (workstation id), per-origin
sequence number, UTC time, actor, account, area, action, details (JSON).

Where and how
-------------
`bitacora.sqlite3` in the data folder, its own plain-sqlite3 schema (store.py; version in
`PRAGMA user_version`), WAL with `synchronous=FULL`: an append that returned survives a crash.
Metadata (ids, time, action) is stored in clear for filtering; the details are encrypted with
AES-256-GCM under this workstation's key, with the entry's canonical header (origin, sequence,
time, actor, account, area, action) as associated data.

Keys (crypto.py), all only in the OS keyring:
* `bitacora-clave-<workstation>`: encryption at rest; created on first use; never leaves it.
* `bitacora-cadena-<origin>`: the HMAC-SHA256 chain key of an origin; created on first use.
* `bitacora-lectores`: the institution's readers key, installed by the administrator on every
  workstation entitled to read other workstations' entries (suplentes, auditors).
* `bitacora-cabeza-<workstation>` (not a key): the local chain's head "<seq>:<mac hex>",
  moved forward on every flush (head.py), a second anchor a restored main database cannot undo.

Key distribution: the origin's chain key travels through the shared database sealed under the
readers key (`Bitacora.sealed_chain_key()` → `install_chain_key(origin, sealed)`); entries travel
with their details sealed under the readers key. The readers key itself never travels through the
shared database: it is given out of band (`redes-desktop bitacora clave-lectores`).

The chain (chain.py): each entry's MAC = HMAC-SHA256(chain key, prev MAC || header || details).
Over the plaintext, so it survives re-encryption on another workstation; keyed, so the file or an
export alone does not let anyone confirm a guess of an entry's contents. The head of each chain
is anchored outside the file, in the main database (`bitacora_anchors`, anchor.py) and in the
keyring (head.py), both written before a new file is created; opening compares the file with both
(an absent anchor is an alarm) and verifies the stretch the session chains onto (integrity.py);
the whole chain is verified in the background on a schedule (jobs.py), and the sync compares the
local chain with the shared database's copy (sync/bitacora.py). Any failure blocks recording.
A genuinely lost anchor (a reset keyring) is re-anchored by `reanchor.py` — only after the
whole file verifies, no present anchor or the shared copy contradicts it, and with an entry
`anclas_restablecidas` on the chain.

Who reads what (access.py): CNCS reviewers and auditors everything; anyone else the entries of
the accounts they may `Action.READ_BITACORA` plus their own (`Filters.visible_accounts`).

Interface
---------
* `open_bitacora(paths, secrets, database, clock, create=True) -> Bitacora` (opening.py).
* `Bitacora.append(entry, area=None) -> seq`, `append_many(entries, areas) -> [seq]`.
* `Bitacora.verify(incremental=False) -> VerifyReport` (`.ok`, `.checked`, `.problems`).
* `Bitacora.reader() -> BitacoraReader` (query.py): count/page/decode/iterate/search.
* Sync hooks: `Bitacora.entries_after(origin, seq, limit=None) -> list[PortableEntry]`
  (portable.py; details sealed under the readers key, never plaintext) and
  `Bitacora.import_entries(entries) -> int` (opens them with the readers key, verifies the
  origin's chain from the last entry held, stores them re-encrypted under the local key; all or
  nothing; already-held entries are skipped). The sync must first carry the origin's chain key:
  `sealed_chain_key(origin)` on the origin, `install_chain_key(origin, sealed)` on the reader.
  Call `import_entries` outside a write transaction on the main database (it anchors there).
"""

from __future__ import annotations

from redes_desktop.bitacora.opening import open_bitacora
from redes_desktop.bitacora.portable import PortableEntry
from redes_desktop.bitacora.recorder import BitacoraRecorder, DatabaseAreaLookup
from redes_desktop.bitacora.service import Bitacora, BitacoraBlocked, ImportRefused

__all__ = [
    "Bitacora",
    "BitacoraBlocked",
    "BitacoraRecorder",
    "DatabaseAreaLookup",
    "ImportRefused",
    "PortableEntry",
    "open_bitacora",
]
