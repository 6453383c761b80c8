"""Push: send the locally captured changes to the shared database, in batches.

One server transaction per batch, under the sync advisory lock. Each row is checked against the
shared row_version it was based on: a match is applied, a mismatch goes to the table's policy.
The batch records the last local change seq applied for this workstation (`sync_applied`) in
the same transaction, so a batch replayed after a crash (or a lost connection after COMMIT) is
skipped: no change is applied twice. A batch the server refuses part of is retried row by row
(`refusals.py`): the refused rows become "rechazado" conflicts, the rest goes through.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import Connection, Engine, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncChange
from redes_desktop.sync.batch import Batch, conflict
from redes_desktop.sync.expiry import is_expiry
from redes_desktop.sync.policies import Policy, Rule, policy_for, synced_table_names, table
from redes_desktop.sync.push_types import Actor, Pending, PushReport
from redes_desktop.sync.rows import order_of
from redes_desktop.sync.server_bookkeeping import (
    OriginTaken,
    ahead_message,
    claim_sql,
)
from redes_desktop.sync.shared_schema import sync_applied, sync_log

changes = table_of(SyncChange)


def read_batch(local: Engine, limit: int | None) -> tuple[list[int], list[Pending]]:
    """The next `limit` captured entries (oldest first) and the current local state of their
    rows. Entries are read before rows, so a row is at least as new as its entries."""
    names = synced_table_names()
    with local.connect() as conn:
        query = select(changes.c.seq, changes.c.table_name, changes.c.row_id,
                       changes.c.base_version).order_by(changes.c.seq)
        if limit:
            query = query.limit(limit)
        entries = conn.execute(query).all()
        seqs = [e.seq for e in entries]
        first: dict[tuple[str, uuid.UUID], int] = {}
        for e in entries:
            if e.table_name in names:
                first.setdefault((e.table_name, e.row_id), e.base_version)
        by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
        for name, row_id in first:
            by_table[name].append(row_id)
        pending: list[Pending] = []
        for name, ids in by_table.items():
            t = table(name)
            found: dict[uuid.UUID, dict] = {}
            for chunk in _chunks(ids, 900):
                for row in conn.execute(select(t).where(t.c.id.in_(chunk))).mappings():
                    found[row["id"]] = dict(row)
            for row_id in ids:
                pending.append(Pending(name, row_id, first[(name, row_id)], found.get(row_id)))
    return seqs, pending


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def push_batch(shared: Engine, actor: Actor, seqs: list[int], pending: list[Pending],
               report: PushReport, *, isolate: bool = False, sent_upto: int | None = None
               ) -> dict[tuple[str, uuid.UUID], int | None]:
    """Apply one batch on the shared database. Returns, per row handled, the version now
    on the server for it (None when the local change is settled without a version).

    `isolate`: write every row inside its own savepoint, so a row the server refuses is kept
    as a "rechazado" conflict and the others go through (refusals.py).
    `sent_upto`: the highest change seq this workstation ever sent before this batch; a server
    that says it applied more is wrong: the batch is sent again (idempotent) with a warning.
    Raises `OriginTaken` when the workstation id belongs to another login."""
    with shared.begin() as conn:
        mine = conn.execute(text(claim_sql(actor.lock_timeout_ms)),
                            {"o": actor.origin}).one()[-1]
        if not mine:
            holder = conn.execute(text("SELECT redes_origin_holder(:o)"),
                                  {"o": actor.origin}).scalar()
            raise OriginTaken(holder or "otro usuario")
        conn.execute(text("SELECT redes_sync_lock()"))
        applied = conn.execute(
            select(sync_applied.c.last_seq).where(sync_applied.c.origin == actor.origin)
        ).scalar() or 0
        if sent_upto is not None and applied > sent_upto:
            report.warnings.append(ahead_message(applied, sent_upto))
            applied = 0
        top = max(seqs)
        if top <= applied:
            report.skipped += len(pending)
            return {(p.table_name, p.row_id): None for p in pending}
        batch = Batch(conn, actor, report, isolate,
                       pending={(p.table_name, p.row_id): p for p in pending})
        order = order_of()
        pending.sort(key=lambda p: order.get(p.table_name, 0))
        by_table: dict[str, list[Pending]] = defaultdict(list)
        for p in pending:
            by_table[p.table_name].append(p)
        for name, rows in by_table.items():
            _push_table(batch, name, rows)
        batch.apply_late()
        for name, ids in sorted(batch.deletes, key=lambda d: -order.get(d[0], 0)):
            batch.delete(name, ids)
        # Server-side merges, conflicts and touches reach every workstation, this one included.
        conn.execute(text("SELECT set_config('redes.origin', '', true)"))
        batch.apply_followups()
        stmt = pg_insert(sync_applied).values(origin=actor.origin, last_seq=top)
        conn.execute(stmt.on_conflict_do_update(index_elements=["origin"],
                                                set_={"last_seq": stmt.excluded.last_seq}))
    report.batches += 1
    return batch.settled


def _push_table(batch: Batch, name: str, rows: list[Pending]) -> None:
    conn, actor, report, settled = batch.conn, batch.actor, batch.report, batch.settled
    t = table(name)
    policy = policy_for(name)
    ids = [p.row_id for p in rows]
    server: dict[uuid.UUID, dict] = {}
    last_origin: dict[uuid.UUID, str | None] = {}
    for chunk in _chunks(ids, 5000):
        for row in conn.execute(select(t).where(t.c.id.in_(chunk))).mappings():
            server[row["id"]] = dict(row)
        for logged in conn.execute(
            select(sync_log.c.row_id, sync_log.c.origin).where(
                sync_log.c.table_name == name, sync_log.c.row_id.in_(chunk)
            )
        ):
            last_origin[logged.row_id] = logged.origin
    upserts: list[dict] = []
    deleted_ids: list[uuid.UUID] = []
    for p in rows:
        key = (name, p.row_id)
        current = server.get(p.row_id)
        sv = current["row_version"] if current else None
        if p.local is None:
            settled[key] = None
            if current is None:
                continue
            if sv == p.base:
                deleted_ids.append(p.row_id)
            else:
                conflict(batch, name, p, current, "eliminado",
                          "Se eliminó en una estación mientras se editaba en otra.")
            continue
        lv = p.local["row_version"]
        if current is not None and sv == lv and last_origin.get(p.row_id) == actor.origin:
            settled[key] = lv  # already applied (replayed after a lost acknowledgement)
            report.skipped += 1
            continue
        if current is None:
            if p.base == 0:
                upserts.append(p.local)
                settled[key] = lv
                continue
            settled[key] = None
            conflict(batch, name, p, None, "eliminado",
                      "Se editó en esta estación pero ya se había eliminado en otra.")
            continue
        if policy.merge is not None and sv != p.base:
            # Generated on two stations (base 0) or edited on both: merged column by column.
            merged = policy.merge(p.local, current)
            settled[key] = None
            if all(merged.get(c) == current.get(c) for c in merged
                   if c not in ("row_version", "updated_at")):
                batch.followups.append(("touch", (name, p.row_id)))
                report.skipped += 1
                continue
            merged["row_version"] = current["row_version"] + 1
            batch.followups.append(("merge", (name, merged)))
            settled[key] = merged["row_version"]
            continue
        if p.base == 0 and policy.generated:
            # Generated on two workstations with the same deterministic id: the same record.
            # The first to arrive stays; everyone (this station too) pulls it again.
            settled[key] = None
            batch.followups.append(("touch", (name, p.row_id)))
            report.skipped += 1
            continue
        if policy.immutable_columns and any(
            p.local.get(c) != current.get(c) for c in policy.immutable_columns
        ):
            settled[key] = None
            conflict(batch, name, p, current, "rechazado", policy.immutable_reason)
            continue
        if policy.rule is Rule.OWNED:
            merged, changed = _owned_merge(policy, actor, p.local, current, sv == p.base)
            if sv == p.base and not changed:
                upserts.append(merged)
                settled[key] = merged["row_version"]
            else:
                merged["row_version"] = current["row_version"] + 1  # sv + 1 (the row exists here)
                batch.followups.append(("merge", (name, merged)))
                settled[key] = merged["row_version"]
            continue
        if sv == p.base:
            upserts.append(p.local)
            settled[key] = lv
        else:
            settled[key] = None
            conflict(batch, name, p, current, "versiones",
                      "Dos estaciones cambiaron el mismo registro sin verse.")
    if upserts:
        batch.upsert(t, upserts)
    if deleted_ids:
        batch.deletes.append((name, deleted_ids))


def _owned_merge(policy: Policy, actor: Actor, local: dict, server: dict,
                 same_base: bool) -> tuple[dict, bool]:
    """Each side's columns win: reviewers own the decision, the area owns the rest.
    Returns the merged row and whether the local row was changed by the merge."""
    merged = dict(server)
    # The 48-hour expiry is no reviewer's decision: the area's workstation pushes it too.
    takes_decision = actor.is_reviewer or is_expiry(local, server)
    for column, value in local.items():
        owned_by_reviewer = column in policy.reviewer_columns
        if column in policy.immutable_columns:
            continue
        if owned_by_reviewer and takes_decision:
            merged[column] = value
        elif not owned_by_reviewer and (same_base or not actor.is_reviewer):
            merged[column] = value
    changed = any(merged[c] != local.get(c) for c in merged if c != "row_version")
    return merged, changed


def settle_locally(local: Engine, seqs: list[int],
                   settled: dict[tuple[str, uuid.UUID], int | None]) -> None:
    """Forget the pushed entries (and later ones already contained in what was pushed)."""
    with local.begin() as conn:
        for chunk in _chunks(seqs, 900):
            conn.execute(delete(changes).where(changes.c.seq.in_(chunk)))
        params = [{"_t": name, "_r": row_id, "_v": version}
                  for (name, row_id), version in settled.items()
                  if version is not None]  # None: a conflict; later local edits stay pending
        if params:
            conn.execute(delete(changes).where(
                (changes.c.table_name == bindparam("_t")) & (changes.c.row_id == bindparam("_r"))
                & (changes.c.base_version < bindparam("_v"))
            ), params)


def pending_count(conn: Connection) -> int:
    return conn.execute(
        select(func.count()).select_from(
            select(changes.c.table_name, changes.c.row_id).distinct().subquery()
        )
    ).scalar_one()

