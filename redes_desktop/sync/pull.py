"""Pull: bring the changes made elsewhere since the last pulled position.

The position is the server's global sequence. The pull reads, in one REPEATABLE READ snapshot,
the log entries after the position (skipping this workstation's own writes), fetches those
rows by id and applies them locally with Core upserts (no change capture) in ONE local
transaction with deferred foreign keys; the new position is stored in the same transaction.
A pull cut in the middle leaves nothing behind and is simply done again.
Rows with unpushed local changes are not overwritten: the next push meets the conflict.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from redes_desktop.clock import Clock, system_clock
from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncChange, SyncConflict
from redes_desktop.sync import decision_check, setaside
from redes_desktop.sync.policies import synced_table_names, table
from redes_desktop.sync.rows import order_of
from redes_desktop.sync.shared_schema import sync_log
from redes_desktop.sync.state import get_state, set_state

changes = table_of(SyncChange)
conflicts = table_of(SyncConflict)
PULLED = "pulled_seq"
# Synced tables whose rows show images; their bytes travel apart (sync/media.py).
CONTENT_TABLES = ("post_media", "consultations")


@dataclass
class PullReport:
    received: int = 0
    deleted: int = 0
    kept_local: int = 0
    refused: int = 0  # received rows set aside as local conflicts
    # Consultations whose decision the server cannot vouch for, kept pending (decision_check)
    unverified: list[str] = field(default_factory=list)
    now: datetime | None = None
    # Received rows that show images (post_media, consultations): their bytes are fetched
    # after the pull (sync/media.py).
    media_rows: list[tuple[str, dict]] = field(default_factory=list)
    by_table: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def pull(shared: Engine, local: Engine, origin: str, page: int = 5000,
         clock: Clock = system_clock) -> PullReport:
    report = PullReport(now=clock())
    with shared.connect().execution_options(isolation_level="REPEATABLE READ") as sconn:
        with sconn.begin():
            with local.begin() as lconn:
                last = int(get_state(lconn, PULLED) or 0)
                report.unverified += decision_check.sweep_once(sconn, lconn)
                # The global top (not only the entries this login may read): one index lookup.
                high = sconn.execute(select(func.redes_sync_high())).scalar() or 0
                retry = setaside.open_set_aside(lconn)
                if high <= last and not retry:
                    return report
                # pysqlite opens the transaction at the first write; the pragma lasts until
                # the end of the current transaction, so write first.
                set_state(lconn, PULLED, str(last))
                lconn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
                report = _apply_checked(sconn, lconn, origin, last, high, page, retry,
                                        report.now or system_clock())
                set_state(lconn, PULLED, str(max(high, last)))
    return report


def _apply_checked(sconn: Connection, lconn: Connection, origin: str, last: int, high: int,
                   page: int, retry: dict[tuple[str, uuid.UUID], uuid.UUID],
                   now: datetime) -> PullReport:
    """Apply everything inside a savepoint and ask SQLite which rows break a foreign key before
    the commit would; roll back, set those aside, apply the rest again (setaside.py)."""
    excluded: dict[tuple[str, uuid.UUID], str] = {}
    keep: set[tuple[str, uuid.UUID]] = set()
    while True:
        report = PullReport(now=now)
        work = _Work(excluded=set(excluded) | set(retry), keep=keep)
        savepoint = lconn.begin_nested()
        _apply_log(sconn, lconn, origin, last, high, page, work, report)
        _apply_retries(sconn, lconn, retry, excluded, work, report)
        culprits, kept = setaside.violations(lconn, work.tables, work.written, work.deleted)
        new = {k: v for k, v in culprits.items() if k not in excluded}
        if not new and not (kept - keep):
            savepoint.commit()  # anything still broken is reported by the commit itself
            break
        savepoint.rollback()
        excluded.update(new)
        keep |= kept
    fixed = [cid for key, cid in retry.items() if key in work.written or key in work.gone]
    setaside.close(lconn, fixed, now)
    for (name, row_id), detail in sorted(excluded.items(), key=lambda i: order_of().get(
            i[0][0], 0)):
        if (name, row_id) in retry:
            continue  # already set aside on an earlier pull
        t = table(name)
        row = sconn.execute(select(t).where(t.c.id == row_id)).mappings().first()
        if row is None:
            continue
        setaside.record(lconn, name, dict(row),
                        setaside.FOREIGN_KEY_REASON.format(detail=detail), now)
        report.refused += 1
    report.kept_local += len(keep)
    return report


@dataclass
class _Work:
    """What one attempt of the pull wrote, and what it must leave out."""

    excluded: set[tuple[str, uuid.UUID]]
    keep: set[tuple[str, uuid.UUID]]
    written: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    deleted: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    gone: set[tuple[str, uuid.UUID]] = field(default_factory=set)  # set aside, since deleted
    tables: set[str] = field(default_factory=set)


def _apply_log(sconn: Connection, lconn: Connection, origin: str, last: int, high: int,
               page: int, work: _Work, report: PullReport) -> None:
    names = synced_table_names()
    order = order_of()
    position = last
    while position < high:
        entries = sconn.execute(
            select(sync_log.c.table_name, sync_log.c.row_id,
                   sync_log.c.server_seq, sync_log.c.deleted)
            .where(sync_log.c.server_seq > position,
                   sync_log.c.server_seq <= high,
                   sync_log.c.origin.is_distinct_from(origin))
            .order_by(sync_log.c.server_seq).limit(page)
        ).all()
        if not entries:
            break
        position = entries[-1].server_seq
        groups: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
        for e in entries:
            if e.table_name in names:
                groups[e.table_name][1 if e.deleted else 0].append(e.row_id)
        for name in sorted(groups, key=lambda n: order.get(n, 0)):
            _apply(sconn, lconn, name, *groups[name], report, work)
        if len(entries) < page:
            break


def _apply_retries(sconn: Connection, lconn: Connection,
                   retry: dict[tuple[str, uuid.UUID], uuid.UUID],
                   excluded: dict[tuple[str, uuid.UUID], str], work: _Work,
                   report: PullReport) -> None:
    """Rows set aside earlier, in their current shared version: they may fit now."""
    order = order_of()
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for name, row_id in retry:
        if (name, row_id) not in excluded and (name, row_id) not in work.written:
            by_table[name].append(row_id)
    for name in sorted(by_table, key=lambda n: order.get(n, 0)):
        work.excluded -= {(name, i) for i in by_table[name]}
        t = table(name)
        present: set[uuid.UUID] = set()
        for chunk in _chunks(by_table[name], 900):
            present.update(sconn.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
        work.gone.update((name, i) for i in by_table[name] if i not in present)
        before = report.refused
        _apply(sconn, lconn, name, by_table[name], [], report, work, retrying=True)
        report.refused = before  # a row that still does not fit keeps its conflict


def _pending(lconn: Connection, name: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for chunk in _chunks(ids, 900):
        found.update(lconn.execute(
            select(changes.c.row_id).where(changes.c.table_name == name,
                                           changes.c.row_id.in_(chunk))
        ).scalars())
    return found


def _apply(sconn: Connection, lconn: Connection, name: str, upserts: list[uuid.UUID],
           deletes: list[uuid.UUID], report: PullReport, work: _Work, *,
           retrying: bool = False) -> None:
    t = table(name)
    pending = _pending(lconn, name, upserts + deletes)
    report.kept_local += len(pending)
    wanted = [i for i in upserts if i not in pending and (name, i) not in work.excluded]
    for chunk in _chunks(wanted, 5000):
        rows = [dict(r) for r in sconn.execute(select(t).where(t.c.id.in_(chunk))).mappings()]
        if not rows:
            continue
        if name == "consultations":
            report.unverified += decision_check.vouch(sconn, rows)
        if name in CONTENT_TABLES:
            report.media_rows += [(name, r) for r in rows]
        stmt = sqlite_insert(t)
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={c.name: stmt.excluded[c.name] for c in t.columns if c.name != "id"},
        )
        applied = sum(_upsert_isolating(lconn, stmt, name, part, report, work,
                                        record=not retrying)
                      for part in _chunks(rows, 500))
        report.received += applied
        report.by_table[name] += applied
        work.tables.add(name)
    gone = [i for i in deletes if i not in pending and (name, i) not in work.keep]
    for chunk in _chunks(gone, 900):
        result = lconn.execute(delete(t).where(t.c.id.in_(chunk)))
        report.deleted += result.rowcount or 0
        work.deleted.update((name, i) for i in chunk)


def _upsert_isolating(lconn: Connection, stmt, name: str, rows: list[dict],
                      report: PullReport, work: _Work, *, record: bool = True) -> int:
    """Apply `rows`; a row this workstation cannot take (another local row holds the same
    unique values, e.g. the same e-mail created offline on two workstations) is set aside as a
    local "rechazado" conflict instead of failing every later pull. Returns rows applied."""
    try:
        with lconn.begin_nested():
            lconn.execute(stmt, rows)
        work.written.update((name, r["id"]) for r in rows)
        return len(rows)
    except IntegrityError:
        pass
    applied = 0
    for row in rows:
        try:
            with lconn.begin_nested():
                lconn.execute(stmt, [row])
            applied += 1
            work.written.add((name, row["id"]))
        except IntegrityError as error:
            if record:
                detail = (str(getattr(error, "orig", error)).strip().splitlines() or [""])[0]
                setaside.record(lconn, name, row, setaside.UNIQUE_REASON.format(detail=detail),
                                report.now or system_clock())
            report.refused += 1
    return applied


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
