"""The Consejo General session a post falls in (6.xxvii), for the Redactor's live check.

The check runs on the worker (check_scheduler.py), and so does this lookup: `with_council`
gives the scheduler a step that fills the request's details with the session before the engine
sees it, so the database is never read on the UI thread. An answer is kept for a minute per
account and draft, as long as nothing is edited (`forget`); the UI thread forgets while the
worker may be looking up, so the cache is guarded by a lock and an answer looked up before the
last `forget` is not kept. Qt-free.
"""

from __future__ import annotations

import dataclasses
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CouncilContext

KEEP_FOR = timedelta(seconds=60)

# (account, moment, draft to leave out) -> the session and the account's other posts in it
Find = Callable[[uuid.UUID, datetime, uuid.UUID | None], CouncilContext | None]


class CouncilLookup:
    def __init__(self, find: Find) -> None:
        self._find = find
        self._lock = threading.Lock()
        self._generation = 0
        self._kept: tuple[tuple[uuid.UUID, uuid.UUID | None], datetime,
                          CouncilContext | None] | None = None

    def forget(self) -> None:
        """The details or the draft changed: the next check looks the session up again."""
        with self._lock:
            self._generation += 1
            self._kept = None

    def at(self, account_id: uuid.UUID, post_id: uuid.UUID | None,
           moment: datetime) -> CouncilContext | None:
        """The session `moment` falls in for the account's draft `post_id` (None when there
        is none, or it could not be read: the check then runs without the session rule)."""
        key = (account_id, post_id)
        with self._lock:
            kept, generation = self._kept, self._generation
        if kept is not None and kept[0] == key and abs(moment - kept[1]) < KEEP_FOR:
            return kept[2]
        try:
            found = self._find(account_id, moment, post_id)
        except Exception:  # noqa: BLE001 - the check still runs without the session rule
            found = None
        with self._lock:
            if generation == self._generation:
                self._kept = (key, moment, found)
        return found

    def with_council(self, account_id: uuid.UUID | None, post_id: uuid.UUID | None
                     ) -> Callable[[CheckRequest], CheckRequest] | None:
        """The step that adds the session to a request for the account's draft (on the
        worker, at the request's moment); None without an account."""
        if account_id is None:
            return None

        def add_council(request: CheckRequest) -> CheckRequest:
            if request.details is None or request.now is None:
                return request
            council = self.at(account_id, post_id, request.now)
            return dataclasses.replace(
                request, details=dataclasses.replace(request.details, council=council))

        return add_council
