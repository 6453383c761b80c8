"""The bitácora service: one writer per workstation, appends, verification and sync hooks.

`open_bitacora(paths, secrets, database, clock)` opens (or, on first use, creates) the
workstation's bitácora; see the package docstring for the whole design.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidTag

from redes_desktop.bitacora import crypto
from redes_desktop.bitacora.anchor import AnchorStore
from redes_desktop.bitacora.chain import (
    GENESIS,
    compute_mac,
    details_bytes,
    format_at,
    header_bytes,
    macs_equal,
    valid_at,
)
from redes_desktop.bitacora.crypto import BitacoraKeyError, Sealer
from redes_desktop.bitacora.head import KeyringHead
from redes_desktop.bitacora.integrity import check_anchors, verify_stretch
from redes_desktop.bitacora.portable import PortableEntry
from redes_desktop.bitacora.store import EntryRows, connect, uuid_bytes, uuid_text, write_error
from redes_desktop.bitacora.verify import VerifyReport, verify_all
from redes_desktop.clock import Clock
from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry

KEYRING_HEAD_INTERVAL = timedelta(seconds=5)

class BitacoraBlocked(UserFacingError):
    """The bitácora does not match its anchor: nothing more is written until it is reviewed."""

    exit_code = 8


class ImportRefused(UserFacingError):
    """Entries pulled from another workstation do not verify; nothing was imported."""


@dataclass
class _Head:
    seq: int
    mac: bytes


class Bitacora:
    def __init__(
        self,
        path: Path,
        workstation: str,
        sealer: Sealer,
        chain_key: bytes,
        secrets: SecretStore,
        anchors: AnchorStore | None,
        clock: Clock,
    ) -> None:
        self.path = path
        self.workstation = workstation
        self.sealer = sealer
        self.secrets = secrets
        self.anchors = anchors
        self.clock = clock
        self._chain_keys: dict[str, bytes] = {workstation: chain_key}
        self._conn = connect(path)
        self._rows = EntryRows(self._conn)
        self._origin = uuid_bytes(workstation)
        self._lock = threading.Lock()
        self._anchor_lock = threading.Lock()
        self._pending: dict[str, tuple[int, bytes, bool]] = {}
        head = self._rows.head(self._origin)
        self._head = _Head(head[0], head[1]) if head else _Head(0, GENESIS)
        self.keyring_head = KeyringHead(secrets, workstation)
        self.blocked: str | None = None
        self.last_full_verification: datetime | None = None
        self._stretch_checked: set[str] = set()
        self._check_opening()

    # -- opening ---------------------------------------------------------------------------
    def _check_opening(self) -> None:
        """Before anything is chained on: the anchors (database and keyring) must be there and
        agree with the file, and the stretch the session chains onto must verify
        (integrity.py). Any failure blocks recording."""
        anchor = self.anchors.all().get(self.workstation) if self.anchors else None
        head = (self._head.seq, self._head.mac)
        self.blocked = check_anchors(self._rows, self.workstation, head,
                                     self.keyring_head.load(), anchor, self.anchors is not None)
        if self.blocked:
            return
        self._check_stretch(self.workstation)
        if self.blocked:
            return
        self.keyring_head.save(self._head.seq, self._head.mac)  # forward only
        if anchor is not None and anchor.head_seq < self._head.seq:  # it lagged: catch up
            self._pending[self.workstation] = (self._head.seq, self._head.mac, True)
            self.flush_anchors(wait=True)

    def _check_stretch(self, origin: str) -> None:
        """Verify the last entries of `origin` before the first entry of this session is
        chained onto them (once per origin and session; call with the lock or at opening)."""
        if origin in self._stretch_checked:
            return
        head = self._rows.head(uuid_bytes(origin))
        result = verify_stretch(self._rows, origin, self.sealer, self.chain_key(origin),
                                head[0] if head else 0)
        if result.problem is not None:
            self.raise_alarm(result.problem.message)
        else:
            self._stretch_checked.add(origin)

    def raise_alarm(self, message: str) -> None:
        """Block recording: the bitácora was found altered (the first alarm is kept)."""
        if not self.blocked:
            self.blocked = message

    def _ensure_writable(self) -> None:
        if self.blocked:
            raise BitacoraBlocked(
                f"{self.blocked} Mientras no se revise, no se registran ni se realizan acciones. "
                "Restaure la bitácora desde un respaldo o avise al área de informática. Si solo "
                "se perdió una copia de su última entrada (el llavero del sistema), el titular "
                "de un área puede restablecer las anclas («Restablecer anclas…» en la barra "
                "roja de la ventana)."
            )

    # -- appending -------------------------------------------------------------------------
    def append(self, entry: ActivityEntry, area: uuid.UUID | str | None = None) -> int:
        """Write one entry durably; returns its sequence number once committed."""
        return self.append_many([entry], [area])[-1]

    def append_many(
        self, entries: Sequence[ActivityEntry], areas: Sequence[uuid.UUID | str | None] = ()
    ) -> list[int]:
        """Write entries in one durable transaction; returns their sequence numbers."""
        with self._lock:
            self._ensure_writable()
            seqs = self._append_locked(entries, areas)
        self.flush_anchors(wait=False)
        return seqs

    def _append_locked(
        self, entries: Sequence[ActivityEntry], areas: Sequence[uuid.UUID | str | None]
    ) -> list[int]:
        """Chain and durably insert `entries` (call with the lock held)."""
        seq, prev = self._head.seq, self._head.mac
        rows, seqs = [], []
        chain_key = self._chain_keys[self.workstation]
        for index, entry in enumerate(entries):
            if not entry.action:
                raise ValueError("a bitácora entry needs an action")
            seq += 1
            area = areas[index] if index < len(areas) else None
            at = format_at(entry.at)
            actor, account = _text(entry.actor_id), _text(entry.account_id)
            area_text = _text(area)
            header = header_bytes(
                self.workstation, seq, at, actor, account, area_text, entry.action
            )
            details = details_bytes(entry.details)
            mac = compute_mac(chain_key, prev, header, details)
            rows.append((
                self._origin, seq, at, uuid_bytes(actor), uuid_bytes(account),
                uuid_bytes(area_text), entry.action, self.sealer.seal(details, header),
                prev, mac,
            ))
            seqs.append(seq)
            prev = mac
        try:
            self._rows.insert(rows)
        except (sqlite3.Error, OSError) as error:
            raise write_error(self.path, error) from error
        self._head = _Head(seq, prev)
        self._pending[self.workstation] = (seq, prev, True)
        return seqs

    def record_reanchoring(self, entry: ActivityEntry, verified: tuple[int, bytes]) -> int:
        """Only for reanchor.py, once it verified the whole file up to `verified` (seq, mac)
        and found the anchors absent or behind but consistent with it: record `entry`
        although recording is blocked, then move both anchors of the local chain to the new
        head (the keyring one rewritten, the database one forward). The entry goes first, so
        the re-anchoring is on the chain before any anchor moves. Returns the entry's seq;
        raises (the alarm restored) when the head moved meanwhile or an anchor cannot be
        written."""
        with self._lock:
            if self._head.seq != verified[0] or not macs_equal(self._head.mac, verified[1]):
                raise BitacoraBlocked(
                    "La bitácora cambió mientras se verificaba; vuelva a intentarlo.")
            alarm, self.blocked = self.blocked, None
            try:
                (seq,) = self._append_locked([entry], [None])
            except BaseException:
                self.blocked = alarm
                raise
            head = self._head
        try:
            self.keyring_head.reset(head.seq, head.mac)
            self.flush_anchors(wait=True)
            if self.anchors is not None:
                stored = self.anchors.all().get(self.workstation)
                if stored is None or stored.head_seq != head.seq:
                    raise BitacoraBlocked(
                        "No se pudo escribir el ancla de la bitácora en la base de datos local.")
                self.anchors.set_verified(self.workstation, head.seq, head.mac, self.clock())
        except BaseException:
            self.raise_alarm(alarm or "Las anclas de la bitácora no se pudieron restablecer.")
            raise
        with self._lock:
            self._stretch_checked.add(self.workstation)
        return seq

    def flush_anchors(self, wait: bool = True) -> bool:
        """Write pending heads to the keyring (the local one, head.py) and to the main
        database; False if some are still pending in the database."""
        with self._anchor_lock:
            with self._lock:
                pending = dict(self._pending)
                head = self._head
                if self.blocked:
                    # While blocked, the local chain's anchors stay as they were found: only a
                    # restored backup or a verified re-anchoring (reanchor.py) moves them.
                    # (Writing them here made an absent keyring head reappear at close.)
                    pending.pop(self.workstation, None)
            if head.seq and not self.blocked and (wait or self._keyring_head_due()):
                # An OS keyring write costs milliseconds (D-Bus, Credential Manager): at most
                # every KEYRING_HEAD_INTERVAL while appending, and at every waited flush.
                if self.keyring_head.save(head.seq, head.mac):
                    self._keyring_head_saved_at = self.clock()
            if self.anchors is None:
                return True
            for origin, (seq, mac, local) in pending.items():
                if self.anchors.set_head(origin, seq, mac, self.clock(), is_local=local,
                                         wait=wait):
                    with self._lock:
                        if self._pending.get(origin, (None,))[0] == seq:
                            del self._pending[origin]
        return not self._pending

    def _keyring_head_due(self) -> bool:
        last = getattr(self, "_keyring_head_saved_at", None)
        return last is None or self.clock() - last >= KEYRING_HEAD_INTERVAL

    @property
    def head_seq(self) -> int:
        return self._head.seq

    # -- keys --------------------------------------------------------------------------------
    def chain_key(self, origin: str) -> bytes | None:
        key = self._chain_keys.get(origin)
        if key is None:
            key = crypto.load_key(self.secrets, crypto.chain_key_name(origin),
                                  "clave de cadena de la bitácora")
            if key is not None:
                self._chain_keys[origin] = key
        return key

    def sealed_chain_key(self, origin: str | None = None) -> bytes:
        """The origin's chain key sealed under the readers key, for the sync to carry."""
        origin = origin or self.workstation
        key = self.chain_key(origin)
        if key is None:
            raise BitacoraKeyError(f"Esta estación no tiene la clave de cadena de {origin}.")
        return crypto.seal_chain_key(crypto.readers_key(self.secrets), origin, key)

    def install_chain_key(self, origin: str, sealed: bytes, *,
                          readers: bytes | None = None) -> None:
        """Store another origin's chain key (as carried by the sync) in the keyring.
        `readers`: the readers key it was sealed under (default: the one in the keyring)."""
        key = crypto.open_chain_key(readers or crypto.readers_key(self.secrets), origin, sealed)
        current = self.chain_key(origin)
        if current is not None and current != key:
            raise BitacoraKeyError(
                f"Ya hay otra clave de cadena para la estación {origin}; no se reemplazó."
            )
        if current is None:
            self.secrets.set(crypto.chain_key_name(origin), crypto.encode_key(key))
            self._chain_keys[origin] = key

    # -- verification ------------------------------------------------------------------------
    def verify(self, incremental: bool = False) -> VerifyReport:
        """Verify every chain (or, incrementally, what is new since the last verification)."""
        anchors = self.anchors.all() if self.anchors else {}
        starts = None
        if incremental:
            starts = {
                origin: (a.verified_seq, bytes.fromhex(a.verified_mac))
                for origin, a in anchors.items() if a.verified_seq > 0
            }
        with self._lock:
            pending = dict(self._pending)
        for origin, (seq, mac, local) in pending.items():  # heads not anchored yet
            if origin in anchors and anchors[origin].head_seq < seq:
                anchors[origin] = anchors[origin].__class__(
                    origin, local, seq, mac.hex(), anchors[origin].verified_seq,
                    anchors[origin].verified_mac)
        head = self.keyring_head.load()
        kept = {self.workstation: (head.seq, head.mac)} if head else None
        rows = EntryRows(connect(self.path, readonly=True))
        try:
            report = verify_all(rows, self.sealer, self.chain_key, anchors, starts, kept)
        finally:
            rows.conn.close()
        if not incremental:
            self.last_full_verification = self.clock()
        for problem in report.problems:
            self.raise_alarm(problem.message)
        if self.anchors is not None:
            for result in report.origins.values():
                if result.problem is None and result.last_seq:
                    self.anchors.set_verified(result.origin, result.last_seq, result.last_mac,
                                              self.clock())
        return report

    def full_verification_due(self, interval: timedelta) -> bool:
        last = self.last_full_verification
        return last is None or self.clock() - last >= interval

    def macs_at(self, origin: str, seqs: Iterable[int]) -> dict[int, bytes]:
        """The stored MACs of `origin` at `seqs` (absent ones left out), on a read-only
        connection of its own (the sync calls this off the UI thread)."""
        wanted = sorted(set(seqs))
        if not wanted:
            return {}
        conn = connect(self.path, readonly=True)
        try:
            marks = ",".join("?" * len(wanted))
            return {seq: bytes(mac) for seq, mac in conn.execute(
                f"SELECT seq, mac FROM entries WHERE origin=? AND seq IN ({marks})",
                (uuid_bytes(origin), *wanted))}
        finally:
            conn.close()

    # -- sync hooks ----------------------------------------------------------------------------
    def entries_after(
        self, origin: str, seq: int, limit: int | None = None
    ) -> list[PortableEntry]:
        """Entries of `origin` after `seq`, in portable form (details sealed for readers)."""
        readers = Sealer(crypto.readers_key(self.secrets))
        rows = EntryRows(connect(self.path, readonly=True))
        out: list[PortableEntry] = []
        try:
            for row in rows.after(uuid_bytes(origin), seq, limit):
                _id, _o, s, at, actor, account, area, action, sealed, prev_mac, mac = row
                portable = PortableEntry(origin, s, at, uuid_text(actor), uuid_text(account),
                                         uuid_text(area), action, b"", prev_mac, mac)
                header = portable.header()
                details = self.sealer.open(sealed, header)
                out.append(_with_details(portable, readers.seal(details, header)))
        except (InvalidTag, ValueError) as error:
            raise ImportRefused(
                f"La entrada {s} de la bitácora local está alterada; no se compartió. "
                "Use «Verificar integridad» en la sección Bitácora y avise al área de "
                "informática."
            ) from error
        finally:
            rows.conn.close()
        return out

    def import_entries(self, entries: Iterable[PortableEntry], *,
                       readers: bytes | None = None) -> int:
        """Verify other origins' entries against their chain and store them re-encrypted under
        the local key. All or nothing per call; entries already present are skipped.
        `readers`: the key their details were sealed under (default: the keyring's readers
        key; the demo passes the one it sealed its other workstations' entries with)."""
        sealer = Sealer(readers or crypto.readers_key(self.secrets))
        by_origin: dict[str, list[PortableEntry]] = {}
        for entry in entries:
            by_origin.setdefault(entry.origin, []).append(entry)
        staged: list[tuple] = []
        heads: dict[str, tuple[int, bytes]] = {}
        with self._lock:
            for origin, items in by_origin.items():
                staged.extend(self._stage_import(origin, items, sealer, heads))
            if staged:
                try:
                    self._rows.insert(staged)
                except (sqlite3.Error, OSError) as error:
                    raise write_error(self.path, error) from error
                for origin, (seq, mac) in heads.items():
                    self._pending[origin] = (seq, mac, False)
        self.flush_anchors(wait=False)
        return len(staged)

    def _stage_import(self, origin, items, readers: Sealer, heads) -> list[tuple]:
        if origin == self.workstation:
            raise ImportRefused("No se importan entradas de la propia estación.")
        chain_key = self.chain_key(origin)
        if chain_key is None:
            raise BitacoraKeyError(
                f"Falta la clave de cadena de la estación {origin[:8]}: no se pueden verificar "
                "sus entradas. La sincronización debe instalarla antes."
            )
        self._check_stretch(origin)  # what the imported entries chain onto
        if origin not in self._stretch_checked:
            self._ensure_writable()  # blocked: nothing is chained onto an altered stretch
        key = uuid_bytes(origin)
        head = self._rows.head(key)
        last_seq, prev = (head[0], head[1]) if head else (0, GENESIS)
        rows: list[tuple] = []
        for entry in sorted(items, key=lambda e: e.seq):
            if entry.seq <= last_seq and not rows:
                existing = self._rows.at_seq(key, entry.seq)
                if existing is not None and macs_equal(existing[10], entry.mac):
                    continue
                raise ImportRefused(
                    f"La entrada {entry.seq} de la estación {origin[:8]} no coincide con la ya "
                    "guardada: alguna de las dos fue alterada. No se importó nada."
                )
            if entry.seq != last_seq + 1:
                raise ImportRefused(
                    f"Faltan entradas de la estación {origin[:8]} antes de la {entry.seq}: "
                    "no se importó nada."
                )
            header = entry.header()
            try:
                if not valid_at(entry.at):
                    raise ValueError(entry.at)
                details = readers.open(entry.sealed_details, header)
            except (InvalidTag, ValueError) as error:
                raise ImportRefused(
                    f"La entrada {entry.seq} de la estación {origin[:8]} llegó alterada: no "
                    "se importó nada."
                ) from error
            if not macs_equal(entry.prev_mac, prev) or not macs_equal(
                compute_mac(chain_key, prev, header, details), entry.mac
            ):
                raise ImportRefused(
                    f"La entrada {entry.seq} de la estación {origin[:8]} no verifica con su "
                    "cadena: no se importó nada."
                )
            rows.append((key, entry.seq, entry.at, uuid_bytes(entry.actor),
                         uuid_bytes(entry.account), uuid_bytes(entry.area), entry.action,
                         self.sealer.seal(details, header), prev, entry.mac))
            last_seq, prev = entry.seq, entry.mac
        if rows:
            heads[origin] = (last_seq, prev)
        return rows

    # -- reading -------------------------------------------------------------------------------
    def reader(self):
        """A reader on its own connection (one per thread)."""
        from redes_desktop.bitacora.query import BitacoraReader

        return BitacoraReader(self.path, self.sealer)

    def close(self) -> None:
        try:
            self.flush_anchors(wait=True)
        finally:
            self._conn.close()


def _text(value: uuid.UUID | str | None) -> str | None:
    return None if value is None else str(uuid.UUID(str(value)))


def _with_details(entry: PortableEntry, sealed: bytes) -> PortableEntry:
    from dataclasses import replace

    return replace(entry, sealed_details=sealed)


ChainKeyLookup = Callable[[str], bytes | None]
