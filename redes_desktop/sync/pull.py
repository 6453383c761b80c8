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

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from redes_desktop.clock import Clock, system_clock
from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncChange, SyncConflict
from redes_desktop.sync import decision_check
from redes_desktop.sync.policies import synced_table_names, table
from redes_desktop.sync.rows import order_of, row_json
from redes_desktop.sync.shared_schema import sync_log
from redes_desktop.sync.state import get_state, set_state

changes = table_of(SyncChange)
conflicts = table_of(SyncConflict)
PULLED = "pulled_seq"


@dataclass
class PullReport:
    received: int = 0
    deleted: int = 0
    kept_local: int = 0
    refused: int = 0  # received rows set aside as local conflicts
    # Consultations whose decision the server cannot vouch for, kept pending (decision_check)
    unverified: list[str] = field(default_factory=list)
    now: datetime | None = None
    by_table: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def pull(shared: Engine, local: Engine, origin: str, page: int = 5000,
         clock: Clock = system_clock) -> PullReport:
    report = PullReport(now=clock())
    names = synced_table_names()
    order = order_of()
    with shared.connect().execution_options(isolation_level="REPEATABLE READ") as sconn:
        with sconn.begin():
            with local.begin() as lconn:
                last = int(get_state(lconn, PULLED) or 0)
                report.unverified += decision_check.sweep_once(sconn, lconn)
                # The global top (not only the entries this login may read): one index lookup.
                high = sconn.execute(select(func.redes_sync_high())).scalar() or 0
                if high <= last:
                    return report
                # pysqlite opens the transaction at the first write; the pragma lasts until
                # the end of the current transaction, so write first.
                set_state(lconn, PULLED, str(last))
                lconn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
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
                        _apply(sconn, lconn, name, *groups[name], report)
                    if len(entries) < page:
                        break
                set_state(lconn, PULLED, str(high))
    return report


def _pending(lconn: Connection, name: str, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for chunk in _chunks(ids, 900):
        found.update(lconn.execute(
            select(changes.c.row_id).where(changes.c.table_name == name,
                                           changes.c.row_id.in_(chunk))
        ).scalars())
    return found


def _apply(sconn: Connection, lconn: Connection, name: str, upserts: list[uuid.UUID],
           deletes: list[uuid.UUID], report: PullReport) -> None:
    t = table(name)
    pending = _pending(lconn, name, upserts + deletes)
    report.kept_local += len(pending)
    wanted = [i for i in upserts if i not in pending]
    for chunk in _chunks(wanted, 5000):
        rows = [dict(r) for r in sconn.execute(select(t).where(t.c.id.in_(chunk))).mappings()]
        if not rows:
            continue
        if name == "consultations":
            report.unverified += decision_check.vouch(sconn, rows)
        stmt = sqlite_insert(t)
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"],
            set_={c.name: stmt.excluded[c.name] for c in t.columns if c.name != "id"},
        )
        applied = sum(_upsert_isolating(lconn, stmt, name, part, report)
                      for part in _chunks(rows, 500))
        report.received += applied
        report.by_table[name] += applied
    gone = [i for i in deletes if i not in pending]
    for chunk in _chunks(gone, 900):
        result = lconn.execute(delete(t).where(t.c.id.in_(chunk)))
        report.deleted += result.rowcount or 0


def _upsert_isolating(lconn: Connection, stmt, name: str, rows: list[dict],
                      report: PullReport) -> int:
    """Apply `rows`; a row this workstation cannot take (another local row holds the same
    unique values, e.g. the same e-mail created offline on two workstations) is set aside as a
    local "rechazado" conflict instead of failing every later pull. Returns rows applied."""
    try:
        with lconn.begin_nested():
            lconn.execute(stmt, rows)
        return len(rows)
    except IntegrityError:
        pass
    applied = 0
    for row in rows:
        try:
            with lconn.begin_nested():
                lconn.execute(stmt, [row])
            applied += 1
        except IntegrityError as error:
            _set_aside(lconn, name, row, error, report.now or system_clock())
            report.refused += 1
    return applied


def _set_aside(lconn: Connection, name: str, row: dict, error: IntegrityError,
               now: datetime) -> None:
    detail = (str(getattr(error, "orig", error)).strip().splitlines() or [""])[0]
    lconn.execute(insert(conflicts).values(
        id=uuid.uuid4(), created_at=now, updated_at=now, row_version=1,
        table_name=name, row_id=row["id"], kind="rechazado",
        reason=("Esta estación ya tiene otro registro con los mismos datos que deben ser únicos "
                "(por ejemplo, el mismo correo creado en dos estaciones). El registro recibido "
                f"no se aplicó aquí; elija cuál conservar. (Detalle: {detail})"),
        local_data=None, server_data=row_json(row), origin="", detected_at=now,
        resolution="",
    ))


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
