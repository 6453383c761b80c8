"""Where the X inbox stands (`XCursor`): a small JSON string kept per account in
`inbox_cursors.cursor` (at most 500 characters) and given back at the next poll.

- `mentions`: the newest mention read; the next poll asks only for newer ones (`since_id`).
- `gaps`: stretches of mentions known to be unread, each `(after, before)` — the ids of the
  mentions read on either side (both exclusive). A poll that could not read down to its
  `since_id` (more than a poll may read, X's reach, a rate limit) leaves one; later polls fill
  it (`x_mentions.py`). Never more than `MAX_GAPS`: past that the two oldest become one, which
  asks again for the mentions read between them (stored once all the same) but loses none.
- `messages`: the newest direct-message event read.
- `resume`: `(pagination token, stop)` of a direct-message walk that stopped at its page bound
  before reaching `stop` (the `messages` of the poll before): the next poll goes on from the
  token down to `stop` (`x_messages.py`; `/2/dm_events` has no since_id).
- `messages_denied`: the person was already told the connection cannot read messages.
- `search_refused`: recent search answered 403 (a plan of X's API without it): the epoch
  second before which it is not asked again (`x_mentions.SEARCH_PAUSE` later). Kept past that
  second until search answers again: the person was told, and is not told twice.

Cursors written before are read as they were: a plain id (the mentions' `since_id`, from
before messages were read) and the JSON of `mentions`/`messages`/`messages_denied`."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from redes_desktop.networks.errors import RateLimited
from redes_desktop.networks.types import IncomingItem

MAX_GAPS = 4
MAX_CHARS = 500  # the column's length
Gap = tuple[str, str]


def newer(event_id: str, than: str | None) -> bool:
    """X's ids grow with time (snowflakes); compared as numbers of any length."""
    if than is None:
        return True
    return (len(event_id), event_id) > (len(than), than)


def _id(value: Any) -> str | None:
    text = str(value) if value not in (None, "") else ""
    return text if text.isdigit() else None


def _gaps(value: Any) -> tuple[Gap, ...]:
    found: list[Gap] = []
    for pair in value if isinstance(value, list) else []:
        if isinstance(pair, list) and len(pair) == 2:
            after, before = _id(pair[0]), _id(pair[1])
            if after and before and newer(before, after):
                found.append((after, before))
    return tuple(sorted(found, key=lambda gap: (len(gap[0]), gap[0])))


def _resume(value: Any) -> tuple[str, str] | None:
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) \
            and value[0] and _id(value[1]):
        return value[0], str(value[1])
    return None


@dataclass(frozen=True)
class XCursor:
    mentions: str | None = None
    messages: str | None = None
    messages_denied: bool = False
    gaps: tuple[Gap, ...] = ()  # oldest first
    resume: tuple[str, str] | None = None
    search_refused: int | None = None

    @classmethod
    def parse(cls, cursor: str | None) -> XCursor:
        if not cursor:
            return cls()
        if not cursor.startswith("{"):
            # Written before messages were read: the mentions' since_id alone. X's ids grow
            # with time across posts and messages, so messages start at the same moment and
            # the inbox does not fill with a month of conversations already answered.
            plain = _id(cursor.strip())
            return cls(mentions=plain, messages=plain)
        try:
            data = json.loads(cursor)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        refused = data.get("search_refused")
        return cls(_id(data.get("mentions")), _id(data.get("messages")),
                   bool(data.get("messages_denied")), _gaps(data.get("gaps")),
                   _resume(data.get("resume")),
                   refused if isinstance(refused, int) and not isinstance(refused, bool)
                   else None)

    def with_gap(self, after: str | None, before: str) -> XCursor:
        """This cursor and the unread stretch between `after` and `before` (exclusive)."""
        if after is None or not newer(before, after) or int(before) - int(after) < 2:
            return self  # nothing can lie between them
        gaps = sorted((*self.gaps, (after, before)), key=lambda gap: (len(gap[0]), gap[0]))
        while len(gaps) > MAX_GAPS:
            gaps[0:2] = [(gaps[0][0], gaps[1][1])]
        return replace(self, gaps=tuple(gaps))

    def dump(self) -> str:
        data: dict[str, Any] = {"mentions": self.mentions, "messages": self.messages}
        if self.messages_denied:
            data["messages_denied"] = True
        if self.gaps:
            data["gaps"] = [list(gap) for gap in self.gaps]
        if self.resume:
            data["resume"] = list(self.resume)
        if self.search_refused is not None:
            data["search_refused"] = self.search_refused
        text = json.dumps({k: v for k, v in data.items() if v is not None},
                          separators=(",", ":"))
        if len(text) <= MAX_CHARS:
            return text
        if self.resume:
            # A token too long to keep: the next walk starts again from the newest event
            # down to `stop` (asks again for what was read, loses nothing).
            return replace(self, messages=self.resume[1], resume=None).dump()
        gaps = list(self.gaps)  # MAX_GAPS keeps this short; merged only if ids grow long
        return replace(self, gaps=((gaps[0][0], gaps[-1][1]),)).dump()


@dataclass
class Read:
    """What one part of a poll read, where the cursor now stands, and the rate limit it met
    after reading some pages (None: it read all it could)."""

    items: list[IncomingItem]
    cursor: XCursor
    limited: RateLimited | None = None
    notice: str = ""  # for the person, once (InboxPage.extra[INBOX_NOTICE])
