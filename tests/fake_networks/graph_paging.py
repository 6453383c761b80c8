"""Paging of the fake Graph API as developers.facebook.com/docs/graph-api/results documents it:
an edge answers at most `limit` objects (25 unless asked), with `paging.cursors.before/after`
and a `next` address while more remain (none on the last page); `after=<cursor>` asks for the
objects that follow. A cursor points to an object: if that object is gone the cursor is refused
(code 100). A nested edge in `fields` (field expansion: `comments.limit(50).order(…){…}`) is
paged the same way, its `next` pointing at the edge of the object it belongs to."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import urlencode

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


class BadCursor(Exception):
    pass


def cursor_of(object_id: str) -> str:
    return base64.urlsafe_b64encode(f"id:{object_id}".encode()).decode()


def _position(items: list[dict[str, Any]], cursor: str) -> int:
    try:
        decoded = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, UnicodeDecodeError) as error:
        raise BadCursor(cursor) from error
    wanted = decoded.removeprefix("id:")
    for index, item in enumerate(items):
        if str(item.get("id")) == wanted:
            return index
    raise BadCursor(cursor)


def page(items: list[dict[str, Any]], *, limit: str | int | None, after: str | None,
         address: str, params: dict[str, str]) -> dict[str, Any]:
    """One page of `items` (already in the edge's order) with Graph's `paging`. `address` and
    `params` make the `next` link (the same request, after the page's last object)."""
    size = min(int(limit), MAX_LIMIT) if limit not in (None, "") else DEFAULT_LIMIT
    start = _position(items, after) + 1 if after else 0
    chunk = items[start:start + size]
    body: dict[str, Any] = {"data": chunk}
    if chunk:
        paging: dict[str, Any] = {"cursors": {"before": cursor_of(str(chunk[0]["id"])),
                                              "after": cursor_of(str(chunk[-1]["id"]))}}
        if start + size < len(items):
            query = {k: v for k, v in params.items() if k not in ("after", "before")}
            query.update({"limit": str(size), "after": paging["cursors"]["after"]})
            paging["next"] = f"{address}?{urlencode(query)}"
        body["paging"] = paging
    return body


def modifiers(fields: str, edge: str) -> dict[str, str] | None:
    """The modifiers of a nested `edge` in `fields` (`messages.limit(10){…}` → {"limit":
    "10"}), or None when the edge is not asked for."""
    found = re.search(rf"(?:^|,){edge}((?:\.\w+\([^)]*\))*)(?:\{{|,|$)", fields)
    if found is None:
        return None
    return dict(re.findall(r"\.(\w+)\(([^)]*)\)", found.group(1)))


def nested(items: list[dict[str, Any]], fields: str, edge: str, *, base: str, owner: str,
           order_param: bool = False) -> dict[str, Any] | None:
    """The nested `edge` of an object as field expansion gives it: None when not asked for or
    empty (Graph leaves out an empty edge), else its first page with a `next` to
    /{owner}/{edge}. With `order_param`, `order(reverse_chronological)` reverses the (oldest
    first) items."""
    mods = modifiers(fields, edge)
    if mods is None or not items:
        return None
    if order_param and mods.get("order") == "reverse_chronological":
        items = list(reversed(items))
    params = {k: v for k, v in mods.items() if k != "limit"}
    return page(items, limit=mods.get("limit"), after=None,
                address=f"{base}/graph/{owner}/{edge}", params=params)
