"""The inbox cursor (`inbox_cursors.cursor`, 500 characters) of a Facebook Page or an Instagram
account: where the reading of its comments and of its messages stands, and whether the person
was already told that messages need the account connected again.

Graph API times have whole seconds, so a point in the reading is a `Mark`: a second and the
items already seen in that very second (a second item written in the same second as the newest
one seen must still come, once). A reading cut short by the bound per poll (graph_sweep.py)
also remembers where it stopped. Stored as a small JSON; the cursors written before (a plain
number of seconds, or {"comments": "…", "messages": "…"}) are still read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

CURSOR_LIMIT = 500  # inbox_cursors.cursor


@dataclass(frozen=True)
class Mark:
    """Everything written before second `at`, and the items `ids` written in it, was seen."""

    at: int
    ids: frozenset[str] = frozenset()

    def is_new(self, stamp: int, item_id: str) -> bool:
        return stamp > self.at or (stamp == self.at and item_id not in self.ids)

    @staticmethod
    def newest(base: Mark | None, seen: Iterable[tuple[int, str]]) -> Mark | None:
        """`base` moved up to the newest of `seen` (never down)."""
        mark = base
        for stamp, item_id in seen:
            if mark is None or stamp > mark.at:
                mark = Mark(stamp, frozenset({item_id}))
            elif stamp == mark.at:
                mark = Mark(stamp, mark.ids | {item_id})
        return mark

    def dump(self) -> list[Any]:
        return [self.at, sorted(self.ids)]

    @classmethod
    def legacy(cls, raw: object) -> Mark | None:
        """A cursor written before: every item up to that second, that second included, was
        seen (it compared strictly): the same as nothing seen yet in the next second."""
        return cls(int(raw) + 1) if isinstance(raw, str) and raw.isdigit() else None

    @classmethod
    def load(cls, raw: object) -> Mark | None:
        if isinstance(raw, list) and raw and isinstance(raw[0], int):
            ids = raw[1] if len(raw) > 1 and isinstance(raw[1], list) else []
            return cls(raw[0], frozenset(str(i) for i in ids))
        return None


@dataclass(frozen=True)
class Reading:
    """Where one source (comments, or messages) stands. `floor`: everything up to it was
    brought (None: never read). While a reading cut short by the bound is under way: `head`,
    the newest item seen when it began (where the next reading will start once this one ends);
    `resume`, the activity or creation second of the container (a post, a conversation) it
    stopped at — those after it are done; `part`, that container's id and Graph's cursor to the
    page where its reading stopped, when it stopped inside it; `listed`, Graph's cursor to the
    page of the list of containers where it stopped."""

    floor: Mark | None = None
    head: Mark | None = None
    resume: int | None = None
    part: tuple[str, str] | None = None
    listed: str | None = None

    def dump(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.floor is not None:
            data["f"] = self.floor.dump()
        if self.head is not None and self.resume is not None:
            data["h"], data["r"] = self.head.dump(), self.resume
            if self.part is not None:
                data["p"] = list(self.part)
            if self.listed is not None:
                data["l"] = self.listed
        return data

    @classmethod
    def load(cls, raw: object) -> Reading:
        if not isinstance(raw, dict):
            return cls()
        head, resume = Mark.load(raw.get("h")), raw.get("r")
        if head is None or not isinstance(resume, int):
            return cls(Mark.load(raw.get("f")))
        part = raw.get("p")
        stored = (str(part[0]), str(part[1])) if isinstance(part, list) and len(part) == 2 \
            else None
        listed = raw.get("l")
        return cls(Mark.load(raw.get("f")), head, resume, stored,
                   listed if isinstance(listed, str) else None)

    def lighter(self) -> Reading:
        """The same reading in fewer characters, losing only work: Graph's cursors first (the
        container, or the list, is read again from its start), then the ids of the same second
        (those items come once more; the inbox stores each item once)."""
        if self.part is not None:
            return replace(self, part=None)
        if self.listed is not None:
            return replace(self, listed=None)
        if self.head is not None and self.head.ids:
            return replace(self, head=Mark(self.head.at))
        if self.floor is not None and self.floor.ids:
            return replace(self, floor=Mark(self.floor.at))
        return self


@dataclass(frozen=True)
class GraphCursor:
    comments: Reading = Reading()
    messages: Reading = Reading()
    messages_refused: bool = False

    @classmethod
    def parse(cls, raw: str | None) -> GraphCursor:
        if not raw:
            return cls()
        if raw.isdigit():
            # Written before messages arrived: the comments' cursor alone. Messages start at
            # the same moment, so the inbox does not fill with the page's whole history.
            return cls(Reading(Mark.legacy(raw)), Reading(Mark.legacy(raw)))
        try:
            data = json.loads(raw)
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        if "comments" in data or "messages" in data:  # the JSON written before
            return cls(Reading(Mark.legacy(data.get("comments"))),
                       Reading(Mark.legacy(data.get("messages"))), data.get("refused") is True)
        return cls(Reading.load(data.get("c")), Reading.load(data.get("m")),
                   data.get("x") is True)

    def dump(self) -> str | None:
        state = self
        while True:
            data: dict[str, Any] = {}
            for key, reading in (("c", state.comments), ("m", state.messages)):
                if reading.dump():
                    data[key] = reading.dump()
            if state.messages_refused:
                data["x"] = True
            if not data:
                return None
            text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
            if len(text) <= CURSOR_LIMIT:
                return text
            lighter = replace(state, comments=state.comments.lighter())
            if lighter == state:
                lighter = replace(state, messages=state.messages.lighter())
            if lighter == state:
                return text  # numbers only: always fits
            state = lighter
