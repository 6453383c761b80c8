"""Who owns what in an inbox item when two workstations changed it without seeing each other
(issue 17). The base row is not kept, so the merge is by column, each column by its meaning:

- what the network gave (account, network, remote id, kind, author, text, url, time): never
  changes; both sides hold the same values (the id is derived from them).
- state: the higher wins — respondido > escalado > ignorado > asignado > nuevo (an answer
  given on the network is a fact no later claim undoes).
- the reply (reply_post_id, reply_url, replied_at, replied_by_id): the side that answered;
  both: the shared database's (the first to arrive).
- the claim and assignment (claimed_by_id, claim_expires_at, assigned_to_id): the shared
  database's, where a claim is taken atomically (`sync/inbox_claims.py`); the local one only
  where the shared has none.
- handling (handled_at, handled_by_id, escalation_note): the side that has them; both: the
  shared database's.
- tags: the union.
- doubt_group_id: the shared database's; the local one only where the shared has none.
"""

from __future__ import annotations

from typing import Any

from redes_desktop.models.inbox import STATE_RANK

REPLY = ("reply_post_id", "reply_url", "replied_at", "replied_by_id")
CLAIM = ("claimed_by_id", "claim_expires_at", "assigned_to_id")
HANDLING = ("handled_at", "handled_by_id", "escalation_note")


def merge_inbox_item(local: dict[str, Any], server: dict[str, Any]) -> dict[str, Any]:
    """The merged row (`row_version` and `updated_at` are the caller's)."""
    merged = dict(server)
    if STATE_RANK.get(str(local.get("state")), 0) > STATE_RANK.get(str(server.get("state")), 0):
        merged["state"] = local["state"]
    if not server.get("replied_at") and local.get("replied_at"):
        merged.update({c: local.get(c) for c in REPLY})
    if not server.get("claimed_by_id") and local.get("claimed_by_id"):
        merged.update({c: local.get(c) for c in CLAIM})
    if not server.get("handled_at") and local.get("handled_at"):
        merged.update({c: local.get(c) for c in HANDLING})
    tags = list(server.get("tags") or [])
    tags += [t for t in (local.get("tags") or []) if t not in tags]
    merged["tags"] = tags
    if not server.get("doubt_group_id"):
        merged["doubt_group_id"] = local.get("doubt_group_id")
    if local.get("updated_at") and server.get("updated_at"):
        merged["updated_at"] = max(local["updated_at"], server["updated_at"])
    return merged
