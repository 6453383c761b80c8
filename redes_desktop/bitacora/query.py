"""Reading the bitácora for the viewer and exports: filters, counts, pages, decryption of the
rows actually shown, and a full-text search over decrypted details that streams its matches.

One `BitacoraReader` per thread (each owns a read-only connection).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag

from redes_desktop.bitacora.chain import format_at, header_bytes, parse_at
from redes_desktop.bitacora.crypto import Sealer
from redes_desktop.bitacora.store import ROW_COLUMNS, Row, connect, uuid_bytes, uuid_text


@dataclass(frozen=True)
class Filters:
    account: uuid.UUID | None = None
    area: uuid.UUID | None = None
    # Accounts currently in `area`: entries recorded before an account changed area match too.
    area_accounts: tuple[uuid.UUID, ...] = ()
    actor: uuid.UUID | None = None
    action: str | None = None
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # exclusive, aware
    # Who reads (access.py): when `visible_accounts` is not None, only entries of those accounts
    # or made by `visible_actor` match. None: everything (CNCS reviewers, auditors).
    visible_accounts: tuple[uuid.UUID, ...] | None = None
    visible_actor: uuid.UUID | None = None

    @property
    def empty(self) -> bool:
        return self == Filters()

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.account is not None:
            clauses.append("account = ?")
            params.append(uuid_bytes(self.account))
        if self.area is not None:
            marks = ",".join("?" * len(self.area_accounts))
            clauses.append(f"(area = ? OR account IN ({marks}))" if marks else "area = ?")
            params.append(uuid_bytes(self.area))
            params.extend(uuid_bytes(a) for a in self.area_accounts)
        if self.actor is not None:
            clauses.append("actor = ?")
            params.append(uuid_bytes(self.actor))
        if self.action:
            clauses.append("action = ?")
            params.append(self.action)
        if self.since is not None:
            clauses.append("at >= ?")
            params.append(format_at(self.since))
        if self.until is not None:
            clauses.append("at < ?")
            params.append(format_at(self.until))
        if self.visible_accounts is not None:
            allowed: list[str] = []
            if self.visible_accounts:
                allowed.append(f"account IN ({','.join('?' * len(self.visible_accounts))})")
                params.extend(uuid_bytes(a) for a in self.visible_accounts)
            if self.visible_actor is not None:
                allowed.append("actor = ?")
                params.append(uuid_bytes(self.visible_actor))
            clauses.append(f"({' OR '.join(allowed)})" if allowed else "0")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass(frozen=True)
class EntryView:
    id: int
    origin: str
    seq: int
    at: datetime
    actor: str | None
    account: str | None
    area: str | None
    action: str
    details_text: str | None  # canonical JSON as stored; None when it cannot be decrypted
    prev_mac: bytes
    mac: bytes

    @property
    def details(self) -> dict[str, Any]:
        return json.loads(self.details_text) if self.details_text else {}


def fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(view: EntryView, needle: str) -> bool:
    """Whether the entry's action or decrypted details contain `needle` (already `fold`ed):
    the search of the viewer, and its export (issue 15)."""
    haystack = f"{view.action} {view.details_text or ''}"
    folded = haystack.casefold() if haystack.isascii() else fold(haystack)
    return needle in folded


class BitacoraReader:
    PAGE = 200

    def __init__(self, path: Path, sealer: Sealer) -> None:
        self.conn = connect(path, readonly=True)
        self.sealer = sealer
        # Bounds of the whole table at the last unfiltered count (pages stay stable between
        # counts even while entries are appended).
        self._high: int | None = None
        self._contiguous = False

    def close(self) -> None:
        self.conn.close()

    def count(self, filters: Filters) -> int:
        where, params = filters.where()
        total = self.conn.execute(f"SELECT count(*) FROM entries{where}", params).fetchone()[0]
        if filters.empty:
            low, high = self.conn.execute("SELECT min(id), max(id) FROM entries").fetchone()
            self._contiguous = high is not None and high - low + 1 == total
            self._high = high
        return total

    def actions(self) -> list[str]:
        """Distinct actions, one index seek each (no scan of a million rows)."""
        found: list[str] = []
        current = self.conn.execute("SELECT min(action) FROM entries").fetchone()[0]
        while current is not None:
            found.append(current)
            current = self.conn.execute(
                "SELECT min(action) FROM entries WHERE action > ?", (current,)
            ).fetchone()[0]
        return found

    def page(self, filters: Filters, offset: int, limit: int) -> list[Row]:
        """Rows `offset`..`offset+limit` of the filtered entries, newest first."""
        where, params = filters.where()
        if filters.empty:
            if self._high is None:
                self.count(filters)
            # No gaps in the ids (as of the last count, which set _high): jump there.
            if self._contiguous and self._high is not None:
                return self.conn.execute(
                    f"SELECT {ROW_COLUMNS} FROM entries WHERE id <= ? ORDER BY id DESC LIMIT ?",
                    (self._high - offset, limit),
                ).fetchall()
        return self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM entries{where} ORDER BY id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()

    def by_ids(self, ids: Sequence[int]) -> list[Row]:
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT {ROW_COLUMNS} FROM entries WHERE id IN ({marks})", list(ids)
        ).fetchall()
        order = {row_id: n for n, row_id in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r[0]])

    def decode(self, row: Row) -> EntryView:
        row_id, origin, seq, at, actor, account, area, action, sealed, prev_mac, mac = row
        origin_t, actor_t, account_t, area_t = (uuid_text(v) for v in (origin, actor, account,
                                                                         area))
        header = header_bytes(origin_t, seq, at, actor_t, account_t, area_t, action)
        try:
            text: str | None = self.sealer.open(sealed, header).decode("utf-8")
        except (InvalidTag, ValueError):
            text = None
        return EntryView(row_id, origin_t, seq, parse_at(at), actor_t, account_t, area_t,
                         action, text, prev_mac, mac)

    def iterate(self, filters: Filters, *, newest_first: bool = True,
                chunk: int = 2000) -> Iterator[EntryView]:
        """Every filtered entry, decoded, read in chunks (keyset on id)."""
        where, params = filters.where()
        joiner = " AND " if where else " WHERE "
        last = None
        while True:
            cond, extra = "", list[int]()
            if last is not None:
                cond, extra = joiner + ("id < ?" if newest_first else "id > ?"), [last]
            rows = self.conn.execute(
                f"SELECT {ROW_COLUMNS} FROM entries{where}{cond} ORDER BY id "
                f"{'DESC' if newest_first else 'ASC'} LIMIT ?",
                [*params, *extra, chunk],
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self.decode(row)
            last = rows[-1][0]

    def search(
        self,
        filters: Filters,
        text: str,
        emit: Callable[[list[int]], None],
        should_stop: Callable[[], bool] = lambda: False,
        batch: int = 200,
    ) -> int:
        """Stream the ids (newest first) whose decrypted details or action contain `text`
        (accent- and case-blind). Returns how many matched; stops early when asked."""
        needle = fold(text)
        found: list[int] = []
        total = 0
        for view in self.iterate(filters):
            if should_stop():
                break
            if matches(view, needle):
                found.append(view.id)
                if len(found) >= batch:
                    total += len(found)
                    emit(found)
                    found = []
        if found and not should_stop():
            total += len(found)
            emit(found)
        return total
