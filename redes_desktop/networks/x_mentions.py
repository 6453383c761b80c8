"""X mentions for the inbox (API v2): all of them, also on a day that brings far more than a
page between two polls (issue 17, 5.2 e: answer and follow up all comments).

Endpoints as documented at docs.x.com: GET /2/users/:id/mentions — newest first, 5 to 100 a
page, `since_id`/`until_id` (both exclusive), the next page through `meta.next_token` given back
as `pagination_token`; paging reaches only the account's 800 most recent mentions. GET
/2/tweets/search/recent (`query=@handle`) — the posts of the last 7 days with the same ids and
paging (`next_token`); it refuses (400) a `since_id` older than those 7 days.

Each poll (`Mentions.fetch`):
1. **What just arrived, newest first**: the timeline from the newest mention down to the cursor
   (`since_id`), at most MENTION_PAGES pages. When it stops short of the cursor — the page
   bound, the timeline's reach of 800, a rate limit after some pages — what lies between the
   cursor and the oldest mention read becomes a gap (`XCursor.gaps`), and the cursor moves to
   the newest mention read.
2. **The backlog, oldest gap first**, through recent search (`since_id`/`until_id` = the gap),
   at most GAP_PAGES pages. Search, because the timeline cannot reach behind its 800 newest
   mentions — on an election night a few minutes' worth — while search reaches 7 days. The
   oldest gap first, because it is the nearest to leaving those 7 days; the newest mentions
   already came first in step 1, so the backlog never holds them back. A gap shrinks from its
   newer end as pages are read (its `before` becomes the oldest mention read), so nothing read
   is asked for again. If search fails (a rate limit, a network fault) the gaps stay as they
   are for the next poll.

**A plan without recent search** (X answers 403, «client-not-enrolled»: search belongs to the
paid plans): the gaps are kept, search is not asked again for SEARCH_PAUSE (a day; the cursor
keeps until when, `XCursor.search_refused`) — not one refused request every poll — and the
person is told once (`search_refused_notice`) that some mentions did not come and where to see
them; the newest mentions keep coming through the timeline. After the pause search is tried
once more: a plan that gained it fills the gaps, one still without it waits another day without
a second notice.

A first poll without a cursor reads only the newest page, as direct messages do (no flood of
the past). A mention older than search's 7 days that no poll read is out of every endpoint's
reach: its gap closes when search has nothing older."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from redes_desktop.networks.errors import NetworkError, NetworkRefused, RateLimited
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import InboxKind, IncomingItem
from redes_desktop.networks.x_cursor import Gap, Read, XCursor, newer

MENTION_PAGES = 10  # the timeline's reach is 8 pages of 100: this only bounds the poll
GAP_PAGES = 10  # search pages a poll spends on the backlog (1,000 mentions)
TIMELINE_REACH = 800
SEARCH = "/2/tweets/search/recent"
SEARCH_PAUSE = timedelta(days=1)  # not asked again this long after a 403 (no plan for it)


def search_refused_notice(handle: str) -> str:
    return (f"Algunas menciones de @{handle} en X no llegaron al buzón: llegaron más de las "
            "que X deja leer de una vez y el plan contratado con X no incluye la búsqueda que "
            "las recupera. Revíselas en x.com, en Notificaciones › Menciones, o pida al área "
            "que administra la conexión con X un plan con búsqueda reciente. El buzón lo "
            "intentará de nuevo cada día; las menciones nuevas siguen llegando.")


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _order(item: IncomingItem) -> tuple[int, str]:
    return len(item.remote_id), item.remote_id


class Mentions:
    def __init__(self, client: ApiClient, *, user_id: str, handle: str) -> None:
        self.client = client
        self.user_id = user_id
        self.handle = handle.lstrip("@")

    def fetch(self, state: XCursor) -> Read:
        """The mentions newer than the cursor and those of its gaps, and the new cursor.
        Raises the network's error when not even the first page came: the caller keeps its
        cursor."""
        newest = self._newest(state)
        backlog = self._backlog(newest.cursor)
        return Read(newest.items + backlog.items, backlog.cursor, newest.limited,
                    backlog.notice)

    def _params(self) -> dict[str, Any]:
        return {"expansions": "author_id", "tweet.fields": "created_at,conversation_id",
                "user.fields": "username,name", "max_results": 100}

    def _page(self, path: str, params: dict[str, Any]
              ) -> tuple[list[IncomingItem], dict[str, Any]]:
        body = self.client.call("GET", path, params=params).json()
        users = {u["id"]: u for u in (body.get("includes") or {}).get("users", [])}
        found = [self._item(tweet, users.get(tweet.get("author_id"), {}))
                 for tweet in body.get("data") or []]
        return found, body.get("meta") or {}

    def _newest(self, state: XCursor) -> Read:
        since = state.mentions
        params = self._params()
        if since:
            params["since_id"] = since
        items: list[IncomingItem] = []
        token: str | None = None
        limited: RateLimited | None = None
        for _ in range(MENTION_PAGES if since else 1):
            try:
                found, meta = self._page(f"/2/users/{self.user_id}/mentions",
                                         dict(params, **({"pagination_token": token}
                                                         if token else {})))
            except RateLimited as error:
                if not items:
                    raise  # nothing read: the poll waits for the reset, the cursor stays
                limited = error
                break
            items += found
            token = meta.get("next_token")
            if not token:
                break
        if not items:
            return Read([], state)
        cursor = replace(state, mentions=max(items, key=_order).remote_id)
        short = limited is not None or token is not None or len(items) >= TIMELINE_REACH
        if short and since:
            cursor = cursor.with_gap(since, min(items, key=_order).remote_id)
        return Read(items, cursor, limited)

    def _backlog(self, state: XCursor) -> Read:
        now = self.client.clock()
        if not state.gaps or (state.search_refused is not None
                              and now.timestamp() < state.search_refused):
            return Read([], state)  # nothing to fill, or a plan without search: not today
        items: list[IncomingItem] = []
        left: list[Gap] = []
        pages = GAP_PAGES
        failure: NetworkError | None = None
        for number, gap in enumerate(state.gaps):  # oldest first
            if pages <= 0:
                left += state.gaps[number:]
                break
            found, rest, pages, failure = self._fill(gap, pages)
            items += found
            left += [rest] if rest else []
            if failure is not None:
                left += state.gaps[number + 1:]
                break
        cursor = replace(state, gaps=tuple(left))
        if isinstance(failure, NetworkRefused) and failure.status == 403:
            # Refused for good (search is not in the plan): the gaps wait, search is not asked
            # again for a day, and the person hears of it once.
            told = state.search_refused is not None
            cursor = replace(cursor, search_refused=int((now + SEARCH_PAUSE).timestamp()))
            return Read(items, cursor, notice="" if told else search_refused_notice(
                self.handle))
        if failure is None:
            cursor = replace(cursor, search_refused=None)  # search answers (again)
        return Read(items, cursor)

    def _fill(self, gap: Gap, pages: int
              ) -> tuple[list[IncomingItem], Gap | None, int, NetworkError | None]:
        """The gap's mentions, newest first, within `pages` requests: (mentions, what is left
        of the gap or None, pages left, the error search gave or None)."""
        after, before = gap
        params = dict(self._params(), query=f"@{self.handle} -is:retweet", since_id=after)
        items: list[IncomingItem] = []
        while pages > 0:
            pages -= 1
            try:  # each page asks up to the oldest read (`until_id`): no token to keep
                found, meta = self._page(SEARCH, dict(params, until_id=before))
            except NetworkRefused as error:
                if error.status == 400 and "since_id" in params:
                    # Search refuses a since_id older than its 7 days: ask without it and
                    # keep only what is newer than the gap's older end.
                    del params["since_id"]
                    continue
                return items, (after, before), pages, error
            except NetworkError as error:
                return items, (after, before), pages, error  # kept for the next poll
            inside = [item for item in found if newer(item.remote_id, after)]
            items += inside
            if not meta.get("next_token") or not inside or len(inside) < len(found):
                return items, None, pages, None  # down to the gap's older end
            before = min(inside, key=_order).remote_id
        return items, (after, before), pages, None

    def _item(self, tweet: dict[str, Any], author: dict[str, Any]) -> IncomingItem:
        handle = str(author.get("username", ""))
        return IncomingItem(
            remote_id=str(tweet["id"]), kind=InboxKind.MENTION,
            author_name=str(author.get("name", handle)), author_handle=handle,
            text=str(tweet.get("text", "")), created_at=_time(tweet.get("created_at")),
            parent_remote_id=tweet.get("conversation_id"),
            url=f"https://x.com/{handle or 'i'}/status/{tweet['id']}")
