"""Where a YouTube channel's inbox stands (`YouTubeCursor`), kept per account in
`inbox_cursors.cursor` (at most 500 characters) and given back at the next poll.

- `mark` (`InboxMark`): the newest comment time seen and the comments seen at that very second.
- `watched`: the threads the channel answered in the last WATCH_DAYS (`Watch`: the thread's top
  comment, how many replies it had when last read, until when it is watched — epoch seconds),
  at most MAX_WATCHED, read again while they are no longer among the newest threads
  (youtube.py: a follow-up in an older thread).

Text form «<time>|<ids>|<thread>:<replies>:<until>;…»; the forms written before («<time>|<ids>»,
or a plain time) are read as they were, with nothing watched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redes_desktop.networks.types import IncomingItem

CURSOR_LIMIT = 500  # inbox_cursors.cursor
MAX_WATCHED = 6  # about 45 characters each
WATCH_ROOM = 300  # of the column's 500: the rest for the mark


@dataclass(frozen=True)
class InboxMark:
    """The newest comment time seen and the comments seen at that very second (YouTube's times
    have whole seconds: a second comment in the same second as the newest one must still come,
    once). Text form «2026-12-01T10:00:00+00:00|id,id»; a plain time (older cursors) reads as
    no ids."""

    at: datetime | None
    ids: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, cursor: str | None) -> InboxMark:
        if not cursor:
            return cls(None)
        when, _bar, rest = cursor.partition("|")
        ids = rest.partition("|")[0]
        try:
            at = datetime.fromisoformat(when)
        except ValueError:
            return cls(None)  # unreadable: start again from the recent comments
        return cls(at if at.tzinfo else at.replace(tzinfo=UTC),
                   frozenset(i for i in ids.split(",") if i))

    def is_new(self, created: datetime, remote_id: str) -> bool:
        if self.at is None or created > self.at:
            return True
        return created == self.at and remote_id not in self.ids

    def after(self, items: list[IncomingItem]) -> InboxMark:
        if not items:
            return self
        newest = max(i.created_at for i in items)
        if self.at is not None and newest < self.at:
            return self
        ids = {i.remote_id for i in items if i.created_at == newest}
        if newest == self.at:
            ids |= self.ids
        return InboxMark(newest, frozenset(ids))

    def text(self, room: int = CURSOR_LIMIT) -> str:
        head = self.at.isoformat() if self.at is not None else ""
        kept: list[str] = []
        for remote_id in sorted(self.ids):
            # Past the room left an id is left out: that comment may come once more, and the
            # poller stores each comment once.
            if len(head) + 1 + len(",".join([*kept, remote_id])) > room:
                break
            kept.append(remote_id)
        return f"{head}|{','.join(kept)}"


@dataclass(frozen=True)
class Watch:
    thread: str  # the thread's top comment
    replies: int  # its totalReplyCount when last read
    until: int  # epoch seconds: watched until then

    def text(self) -> str:
        return f"{self.thread}:{self.replies}:{self.until}"

    @classmethod
    def parse(cls, text: str) -> Watch | None:
        thread, _c, rest = text.partition(":")
        replies, _c, until = rest.partition(":")
        if not thread or not replies.isdigit() or not until.isdigit():
            return None
        return cls(thread, int(replies), int(until))


@dataclass(frozen=True)
class YouTubeCursor:
    mark: InboxMark
    watched: tuple[Watch, ...] = ()

    @classmethod
    def parse(cls, cursor: str | None) -> YouTubeCursor:
        mark = InboxMark.parse(cursor)
        parts = (cursor or "").split("|")
        found = [Watch.parse(t) for t in parts[2].split(";")] if len(parts) > 2 else []
        return cls(mark, tuple(w for w in found if w is not None))

    def text(self) -> str:
        watched = ";".join(w.text() for w in self.watched[:MAX_WATCHED])
        while len(watched) > WATCH_ROOM:  # ids that grew long: the shortest-lived out
            watched = watched.rpartition(";")[0]
        if not watched:
            return self.mark.text()
        return f"{self.mark.text(CURSOR_LIMIT - len(watched) - 1)}|{watched}"


def keep(watched: dict[str, Watch], now: datetime) -> tuple[Watch, ...]:
    """The watches still running, the longest-running first, at most MAX_WATCHED."""
    alive = [w for w in watched.values() if w.until > now.timestamp()]
    return tuple(sorted(alive, key=lambda w: (-w.until, w.thread))[:MAX_WATCHED])
