"""The Consejo General session for the Redactor's live check (ui/composer/council_lookup.py),
looked up on the check's worker: kept a minute per account and draft, forgotten on an edit,
never kept when it was looked up before the edit, and a failed lookup leaves the check without
the session rule."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CouncilContext, PostDetails
from redes_desktop.models import Network
from redes_desktop.ui.composer.council_lookup import CouncilLookup

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
ACCOUNT, DRAFT = uuid.uuid4(), uuid.uuid4()


class Calendar:
    def __init__(self) -> None:
        self.asked: list[tuple[uuid.UUID, datetime, uuid.UUID | None]] = []
        self.during = None  # called while a lookup runs (an edit on the UI thread)

    def find(self, account_id, moment, exclude):
        self.asked.append((account_id, moment, exclude))
        if self.during is not None:
            self.during()
        return CouncilContext(f"Sesión {len(self.asked)}")


def test_an_answer_is_kept_a_minute_per_account_and_draft():
    calendar = Calendar()
    lookup = CouncilLookup(calendar.find)
    assert lookup.at(ACCOUNT, DRAFT, NOW).title == "Sesión 1"
    assert lookup.at(ACCOUNT, DRAFT, NOW + timedelta(seconds=59)).title == "Sesión 1"
    assert lookup.at(ACCOUNT, DRAFT, NOW + timedelta(seconds=61)).title == "Sesión 2"
    assert lookup.at(ACCOUNT, None, NOW).title == "Sesión 3"  # a new draft: asked again
    lookup.forget()  # an edit
    assert lookup.at(ACCOUNT, None, NOW).title == "Sesión 4"
    assert calendar.asked[0] == (ACCOUNT, NOW, DRAFT)


def test_an_answer_looked_up_before_an_edit_is_not_kept():
    calendar = Calendar()
    lookup = CouncilLookup(calendar.find)
    calendar.during = lookup.forget
    assert lookup.at(ACCOUNT, DRAFT, NOW).title == "Sesión 1"  # given to that check
    calendar.during = None
    assert lookup.at(ACCOUNT, DRAFT, NOW).title == "Sesión 2"  # but looked up again


def test_a_failed_lookup_leaves_the_check_without_the_session():
    def broken(*_args):
        raise OSError("database is locked")

    step = CouncilLookup(broken).with_council(ACCOUNT, DRAFT)
    assert step is not None
    request = CheckRequest(text="Hola", networks=(Network.X,), now=NOW,
                           details=PostDetails(topic="Debates"))
    assert step(request).details == PostDetails(topic="Debates", council=None)


def test_the_step_fills_the_session_at_the_requests_moment():
    calendar = Calendar()
    lookup = CouncilLookup(calendar.find)
    assert lookup.with_council(None, DRAFT) is None  # no account: no session rule
    step = lookup.with_council(ACCOUNT, DRAFT)
    request = CheckRequest(text="Hola", networks=(Network.X,), now=NOW,
                           details=PostDetails(purpose="3.iv"))
    done = step(request)
    assert done.details == PostDetails(purpose="3.iv", council=CouncilContext("Sesión 1"))
    assert done.text == "Hola" and calendar.asked == [(ACCOUNT, NOW, DRAFT)]
