"""How X API v2 pages a list, as documented at docs.x.com (Pagination; the user mention
timeline; recent search; Direct Messages lookup), for the fake server's X routes.

- Newest first. `max_results` within the endpoint's bounds (mentions 5–100, default 10; recent
  search 10–100, default 10; dm_events 1–100, default 100), else 400 Invalid Request.
- `since_id` / `until_id`: only ids greater / smaller than these (both exclusive), on every page.
- `meta`: `result_count`, and with data `newest_id` and `oldest_id`; `next_token` while more
  remain, given back as `pagination_token` (recent search: `next_token`).
- The tokens are opaque: here they carry the last id served and the server's token
  generation; `expire_x_page_tokens()` makes earlier ones invalid (400), as a token X no longer
  honours."""

from __future__ import annotations

import base64
from typing import Any

from tests.fake_networks.server import Reply


def invalid(parameter: str, value: str, message: str) -> Reply:
    return Reply(400, {
        "errors": [{"parameters": {parameter: [value]}, "message": message}],
        "title": "Invalid Request", "status": 400,
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request"})


def token(generation: int, last_id: str) -> str:
    return base64.b32encode(f"{generation}:{last_id}".encode()).decode().rstrip("=")


def read_token(value: str, generation: int) -> str | None:
    """The last id served before this token, or None when it is not (or no longer) valid."""
    try:
        text = base64.b32decode(value + "=" * (-len(value) % 8)).decode()
        made, last_id = text.split(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return last_id if made == str(generation) and last_id.isdigit() else None


def page(items: list[dict[str, Any]], query: dict[str, str], *, sizes: tuple[int, int, int],
         token_param: str, generation: int, ids: bool = True) -> Reply | tuple[
             list[dict[str, Any]], dict[str, Any]]:
    """One page of `items` (newest first) for this request, and its meta; or the 400 X gives
    for a parameter out of bounds or a token it does not honour. `sizes` is (least, most,
    default) of max_results; `ids` adds newest_id and oldest_id (posts, not DM events)."""
    least, most, default = sizes
    raw = query.get("max_results", str(default))
    if not raw.isdigit() or not least <= int(raw) <= most:
        return invalid("max_results", raw,
                       f"The `max_results` query parameter value [{raw}] is not between "
                       f"{least} and {most}")
    size = int(raw)
    since, until = query.get("since_id"), query.get("until_id")
    chosen = [i for i in items
              if (not since or int(i["id"]) > int(since))
              and (not until or int(i["id"]) < int(until))]
    if query.get(token_param):
        last = read_token(query[token_param], generation)
        if last is None:
            return invalid(token_param, query[token_param],
                           f"The `{token_param}` query parameter value "
                           f"[{query[token_param]}] is not valid")
        chosen = [i for i in chosen if int(i["id"]) < int(last)]
    served = chosen[:size]
    meta: dict[str, Any] = {"result_count": len(served)}
    if served and ids:
        meta["newest_id"], meta["oldest_id"] = served[0]["id"], served[-1]["id"]
    if len(chosen) > size:
        meta["next_token"] = token(generation, served[-1]["id"])
    return served, meta
