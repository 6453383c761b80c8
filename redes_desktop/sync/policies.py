"""Which tables sync, and what happens when two workstations change the same row.

Every table whose model uses `SyncedMixin` syncs, unless it is listed in `LOCAL_ONLY`: a table
added by a new migration syncs without touching this file, with the default rule (`KEEP_BOTH`).

| Table                         | Rule                                                          |
|-------------------------------|---------------------------------------------------------------|
| consultations                 | OWNED: the decision columns (state, reviewer_id, decided_at,  |
|                               | reasoning, requested_changes) belong to the CNCS reviewer     |
|                               | (save the 48-hour expiry, any station's: sync/expiry.py) and  |
|                               | the rest to the consulting area; each side's columns win, the |
|                               | two are merged into a new version. The snapshot never changes:|
|                               | a push that changes snapshot/snapshot_hash is refused (kept   |
|                               | in sync_conflicts as "rechazado").                            |
| every other synced table      | KEEP_BOTH: the first version to reach the shared database     |
| (areas, people, accounts,     | stays; the other is kept in sync_conflicts with both JSON     |
| posts, post_media, rotations, | versions, shown in "Conflictos" until someone picks one or    |
| incidents, sync_conflicts,    | merges them (which is a new version). Deleted on one side and |
| council_sessions (CNCS),      | edited on the other: the edit is kept in sync_conflicts.      |
| account_user_counts, …)       |                                                               |
| inbox_items                   | GENERATED + MERGED (issue 17): ids from (account, network     |
|                               | item), so two stations polling the same comment make one row; |
|                               | concurrent edits merged column by column by their meaning     |
|                               | (state by rank, reply from who answered, claim from the shared|
|                               | database, tags united): sync/inbox_merge.py.                  |
| doubt_groups                  | GENERATED: ids from the group's first question.               |
| inbox_targets                 | KEEP_BOTH (the area's response target).                       |
| handover_notes,               | GENERATED: written by a background job from other records,   |
| attention_notices             | with ids derived from their natural key (uuid5), so two      |
|                               | workstations generating the same note make the same row: the |
|                               | first to arrive stays, the other is dropped without conflict.|
| bitácora (shared table        | APPEND_ONLY: entries are keyed by (origin, seq), never        |
| bitacora_entries)             | updated; a replayed entry is ignored. Never conflicts.        |
| images' bytes (shared table   | CONTENT_ADDRESSED: keyed by the SHA-256 of the bytes, never   |
| media_blobs, not a model)     | updated, so never in conflict: the first copy stays, the same |
|                               | image sent again is the same row. Travel beside the rows of   |
|                               | post_media and consultations (sync/media.py); received copies |
|                               | go to the data folder's media/, hash checked first.           |
| videos' bytes (shared tables  | CONTENT_ADDRESSED likewise, in parts: the media_blobs row is  |
| media_blobs, media_blob_      | the manifest, written once every part arrived and the whole   |
| chunks, media_blob_uploads)   | was checked (sync/media_chunks.py).                           |
| mail_outbox, sync_changes,    | LOCAL: never leave the workstation.                           |
| network_connections,          | (publish_jobs and network_connections: the tokens they use    |
| publish_jobs,                 | are in this workstation's secret store; issue 17)             |
| sync_state, bitacora_anchors, | (inbox_cursors: where this station's polling stands)          |
| inbox_cursors                 |                                                               |
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table

LOCAL_ONLY: frozenset[str] = frozenset({
    "mail_outbox", "sync_changes", "sync_state",
    # The publishing queue and the connections whose tokens live in this workstation (17).
    "network_connections", "publish_jobs",
    # Where this workstation's polling of each connected account stands (17).
    "inbox_cursors",
})


class Rule(enum.Enum):
    KEEP_BOTH = "conservar_ambas"
    OWNED = "columnas_con_dueno"
    APPEND_ONLY = "solo_agregar"


@dataclass(frozen=True)
class Policy:
    rule: Rule = Rule.KEEP_BOTH
    # Columns owned by the CNCS reviewers (the rest belong to the area's side).
    reviewer_columns: frozenset[str] = field(default_factory=frozenset)
    # Columns that never change once the row exists on the shared database.
    immutable_columns: frozenset[str] = field(default_factory=frozenset)
    immutable_reason: str = ""
    # Rows generated from other records with deterministic ids: the same row created on two
    # workstations is one record, not a conflict.
    generated: bool = False
    # A column-by-column merge of a concurrent edit (local, shared) -> merged, instead of
    # keeping both versions as a conflict.
    merge: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None


DEFAULT_POLICY = Policy()


def _merge_inbox_item(local: dict[str, Any], server: dict[str, Any]) -> dict[str, Any]:
    from redes_desktop.sync.inbox_merge import merge_inbox_item

    return merge_inbox_item(local, server)

POLICIES: dict[str, Policy] = {
    "consultations": Policy(
        rule=Rule.OWNED,
        reviewer_columns=frozenset(
            {"state", "reviewer_id", "decided_at", "reasoning", "requested_changes"}
        ),
        immutable_columns=frozenset({"snapshot", "snapshot_hash"}),
        immutable_reason=(
            "La instantánea de una consulta no cambia una vez enviada (6.viii); para consultar "
            "otro texto envíe una consulta nueva."
        ),
    ),
    "handover_notes": Policy(generated=True),
    "inbox_items": Policy(generated=True, merge=_merge_inbox_item),
    "doubt_groups": Policy(generated=True),
    "attention_notices": Policy(generated=True),
}

# Row-level security on the shared database: how a row reaches the area that owns it.
# Tables not listed are found automatically by their columns (account_id, area_id, post_id).
AREA_PATHS: dict[str, str] = {
    "areas": "self",
    "accounts": "area_id",
}


def policy_for(table_name: str) -> Policy:
    return POLICIES.get(table_name, DEFAULT_POLICY)


@cache
def synced_tables() -> tuple[Table, ...]:
    """Synced tables in dependency order (parents first)."""
    from redes_desktop.models import Base
    from redes_desktop.models.base import SyncedMixin

    names = {
        mapper.local_table.name
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, SyncedMixin) and isinstance(mapper.local_table, Table)
    }
    return tuple(
        t for t in Base.metadata.sorted_tables if t.name in names and t.name not in LOCAL_ONLY
    )


def synced_table_names() -> frozenset[str]:
    return frozenset(t.name for t in synced_tables())


def table(name: str) -> Table:
    from redes_desktop.models import Base

    return Base.metadata.tables[name]
