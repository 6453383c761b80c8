"""Reading a Graph account's comments or its messages since the cursor, page after page, with
a bound per poll: `sweep` walks the containers (posts, media, conversations) a source lists,
newest first, and each container's items, following the Graph API's paging
(developers.facebook.com/docs/graph-api/results: `paging.cursors.after` and `paging.next`,
which is absent on the last page; a nested edge pages on its own), until items older than the
cursor (graph_cursor.py).

At most `calls` requests a poll. A reading cut short skips nothing: its cursor keeps the point
everything before was brought (`floor`), the newest item seen when the reading began (`head`),
and where it stopped (`resume`, and Graph's cursor inside a container); the next poll reads
what moved since (containers written to after `head`) and goes on from there. Containers read
before are not read again unless they were written to. Items of a reading that took several
polls may come twice; the inbox stores each once.

Items written while a poll reads could be missed by a cursor that moved past them: the cursor
counts only items older than the network's time at the poll's first answer (its Date header);
newer ones are seen again next poll.

An item may hold a thread (`Source.thread`: an Instagram comment's replies, nested in it and
paged on at their own edge): its items are read right before it and those newer than the floor
come. A thread that needs more than its nested page is begun only with a request left, and
then read to its end — at most THREAD_PAGES pages, each counted against the bound, so a poll
may run over its bound by that much (cut inside, a thread would be read again from its start
next poll and one longer than a poll's bound would never end). Met with no request left, the
reading stops at the container's page holding that item, which the next poll reads again, the
thread with it. Only for sources that read every item of a container each poll
(`newest_first` False): their threads are read whole each poll too."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from redes_desktop.networks.errors import NetworkRefused
from redes_desktop.networks.graph_cursor import Mark, Reading
from redes_desktop.networks.http import ApiClient
from redes_desktop.networks.types import IncomingItem

CALLS_PER_POLL = 40
THREAD_PAGES = 10  # pages of one thread past its nested one, a poll


class Spent(Exception):
    """No request left in this poll; `after`: Graph's cursor to the rest of the list."""

    def __init__(self, after: str | None = None) -> None:
        super().__init__(after)
        self.after = after


class _Cut(Exception):
    def __init__(self, after: str | None) -> None:
        super().__init__(after)
        self.after = after


def network_time(response: requests.Response) -> int | None:
    try:
        return int(parsedate_to_datetime(response.headers.get("Date", "")).timestamp())
    except (TypeError, ValueError):
        return None


class Reader:
    """GET requests of one poll: counted against `calls` unless said otherwise; `now` is the
    network's time at the first answer."""

    def __init__(self, client: ApiClient, calls: int) -> None:
        self.client = client
        self.left = calls
        self.now: int | None = None

    def get(self, path: str, params: Mapping[str, Any], *, counted: bool = True
            ) -> dict[str, Any]:
        if counted:
            if self.left <= 0:
                raise Spent
            self.left -= 1
        response = self.client.call("GET", path, params=dict(params))
        if self.now is None:
            self.now = network_time(response)
        body = response.json()
        return body if isinstance(body, dict) else {}

    def following(self, path: str, params: Mapping[str, Any], body: dict[str, Any], *,
                  counted: bool = True) -> dict[str, Any] | None:
        """The page after `body` (a page of the edge at `path` asked with `params`), None after
        the last. Cursor paging goes on with `after`; time paging (the page feed) follows
        Graph's own `next` address, only on the API's host."""
        paging = body.get("paging")
        if not isinstance(paging, dict) or not paging.get("next"):
            return None
        after = after_cursor(body)
        if after:
            return self.get(path, {**params, "after": after}, counted=counted)
        link = str(paging["next"])
        if urlsplit(link).netloc != urlsplit(self.client.base_url).netloc:
            return None
        return self.get(link, {}, counted=counted)


def has_next(body: dict[str, Any]) -> bool:
    paging = body.get("paging")
    return isinstance(paging, dict) and bool(paging.get("next"))


def after_cursor(body: dict[str, Any]) -> str | None:
    paging = body.get("paging")
    cursors = paging.get("cursors") if isinstance(paging, dict) else None
    after = cursors.get("after") if isinstance(cursors, dict) else None
    return str(after) if after and isinstance(paging, dict) and paging.get("next") else None


@dataclass
class Container:
    """A post, a media or a conversation: `key` is its last activity or its creation (epoch
    seconds); its items are read at `path` with `params`, `first` is their first page when it
    came nested in the list."""

    id: str
    key: int
    path: str
    params: dict[str, Any]
    first: dict[str, Any] | None = None
    link: str = ""


class Source(Protocol):
    client: ApiClient
    # Graph's cursor to the page of the list being read (None: the first, or no such cursor).
    position: str | None
    # True: a container's key is its last activity (it moves up when written to, and the
    # list comes in that order); False: its creation.
    by_activity: bool
    newest_first: bool  # a container's items come newest first

    def containers(self, reader: Reader, reading: Reading) -> Iterator[Container]:
        """Newest key first; with no floor, only the few a first poll reads."""
        ...

    def parse(self, raw: dict[str, Any], container: Container
              ) -> tuple[int, str, IncomingItem | None]:
        """(second, id, the item; None when it is the account's own)."""
        ...

    def thread(self, raw: dict[str, Any], container: Container) -> Container | None:
        """The thread inside the item `raw` (its replies: `first` their nested page, `path`
        where they page on), whose items `parse` reads with it as their container; None when
        the item has none."""
        ...


def sweep(source: Source, reading: Reading, calls: int = CALLS_PER_POLL
          ) -> tuple[list[IncomingItem], Reading]:
    """The items newer than `reading` this poll can read, and the reading after them."""
    reader = Reader(source.client, calls)
    found: dict[str, tuple[int, IncomingItem]] = {}
    cut: tuple[int, tuple[str, str] | None] | None = None
    listed: str | None = None
    reached_part, last = False, None
    listing = source.containers(reader, reading)
    while True:
        try:
            container = next(listing)
        except StopIteration:
            break
        except Spent as stop:
            if last is None:
                return [], reading
            cut, listed = (last, None), stop.after
            break
        last = container.key
        if _done(source, reading, container):
            continue
        reached_part = reached_part or (reading.part is not None
                                        and reading.part[0] == container.id)
        try:
            _read(source, container, reading, reader, found)
        except _Cut as stop:
            cut = (container.key, (container.id, stop.after) if stop.after else None)
            listed = source.position
            break
    items = [item for _, item in found.values()]
    seen = [(stamp, i) for i, (stamp, _) in found.items() if reader.now is None
            or stamp < reader.now]
    newest = Mark.newest(reading.floor, seen)
    if reading.floor is None:  # a first poll: from here on
        if newest is None and reader.now is not None:
            newest = Mark(reader.now - 1)
        return items, Reading(newest)
    if cut is None:
        return items, Reading(reading.head or newest)
    resume, part = cut
    if part is None and not reached_part:
        part = reading.part
    return items, Reading(reading.floor, reading.head or newest, resume, part, listed)


def _done(source: Source, reading: Reading, container: Container) -> bool:
    """Read to the end by an earlier poll of this reading, and not written to since."""
    if reading.head is None or reading.resume is None or not source.by_activity:
        return False
    if reading.part is not None and reading.part[0] == container.id:
        return False
    return reading.resume < container.key <= reading.head.at


def _read(source: Source, container: Container, reading: Reading, reader: Reader,
          found: dict[str, tuple[int, IncomingItem]]) -> None:
    floor = reading.floor
    resume = reading.part[1] if reading.head is not None and reading.part is not None \
        and reading.part[0] == container.id else None
    page: dict[str, Any] | None = None
    at: str | None = None  # Graph's cursor to the page read (None: the container's first)
    if resume is not None and not source.newest_first:
        try:
            page, at = _page(reader, container, resume), resume  # on from where it stopped
        except NetworkRefused:  # the item the cursor pointed to is gone: from its start
            page = None
        resume = None
    if page is None:
        page = container.first if container.first is not None else _page(reader, container,
                                                                         None)
    # Written to since an earlier poll of this reading read it to the end: its items older
    # than `head` are known once one of them is newer than `resume` (it was read then).
    known = reading.resume if source.by_activity and source.newest_first and resume is None \
        and reading.head is not None else None
    while page is not None:
        jump = False
        for raw in page.get("data") or []:
            if not isinstance(raw, dict):
                continue
            thread = source.thread(raw, container)
            if thread is not None:
                _thread(source, thread, floor, reader, found, at)
            stamp, item_id, item = source.parse(raw, container)
            if reading.head is not None and not reading.head.is_new(stamp, item_id):
                if resume is not None:
                    jump = True  # what the cut poll read: on from where it stopped
                    break
                if known is not None and stamp > known:
                    return
            if floor is None or floor.is_new(stamp, item_id):
                if item is not None:
                    found[item_id] = (stamp, item)
            elif source.newest_first:
                return
        if floor is None:
            return  # a first poll reads a container's first page only
        if jump and resume is not None:
            try:
                page, at = _page(reader, container, resume), resume
            except NetworkRefused:  # the item the cursor pointed to is gone: read on instead
                at = after_cursor(page)
                page = _next(reader, container, page)
            resume = None
            continue
        at = after_cursor(page)
        page = _next(reader, container, page)


def _thread(source: Source, thread: Container, floor: Mark | None, reader: Reader,
            found: dict[str, tuple[int, IncomingItem]], at: str | None) -> None:
    """The items of `thread` newer than `floor`: its nested page and at most THREAD_PAGES more
    (a first poll: the nested page only), each counted against the bound. With no request
    left for its second page, the reading stops at the container's page `at`."""
    page: dict[str, Any] | None = thread.first
    for turn in range(THREAD_PAGES + 1):
        for raw in (page or {}).get("data") or []:
            if isinstance(raw, dict):
                stamp, item_id, item = source.parse(raw, thread)
                if item is not None and (floor is None or floor.is_new(stamp, item_id)):
                    found[item_id] = (stamp, item)
        if floor is None or page is None or turn == THREAD_PAGES or not has_next(page):
            return
        if turn == 0 and reader.left <= 0:
            raise _Cut(at)  # not begun: this page of the container, the thread with it
        reader.left -= 1  # begun: read to its end, over the bound if need be
        page = reader.following(thread.path, thread.params, page, counted=False)


def _page(reader: Reader, container: Container, after: str | None) -> dict[str, Any]:
    if reader.left <= 0:
        raise _Cut(after)
    return reader.get(container.path, {**container.params, **({"after": after} if after
                                                                else {})})


def _next(reader: Reader, container: Container, page: dict[str, Any]
          ) -> dict[str, Any] | None:
    after = after_cursor(page)
    if after:
        return _page(reader, container, after)
    if reader.left <= 0 and has_next(page):
        raise _Cut(None)
    try:
        return reader.following(container.path, container.params, page)
    except Spent as error:  # pragma: no cover - the budget was checked just above
        raise _Cut(None) from error
