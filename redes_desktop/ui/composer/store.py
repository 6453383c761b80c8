"""The Redactor's bindings to the application layer (`redes_desktop.actions`): each call
runs one action with this workstation's database, clock, bitácora recorder and the person
signed in, and returns plain values. No session, service or query here.

Safe to call from a worker thread (`ui/tasks.run_task`): the context's fields are only read.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from redes_desktop.actions.composable_accounts import AccountChoice, composable_accounts
from redes_desktop.actions.discard_draft import discard_draft
from redes_desktop.actions.list_drafts import DraftSummary, list_drafts
from redes_desktop.actions.open_draft import DraftContent, DraftData, open_draft
from redes_desktop.actions.post_calendar import (
    CalendarPost,
    PublishedRow,
    ViewableAccount,
    calendar_posts,
    published_posts,
    viewable_accounts,
)
from redes_desktop.actions.post_details import (
    Details,
    council_context,
    load_post_details,
    save_post_details,
)
from redes_desktop.actions.publish_post import PostChecker, PublishedPost, publish_post
from redes_desktop.actions.recent_posts import recent_posts
from redes_desktop.actions.save_draft import (
    KEEP,
    DraftChangedElsewhere,
    Schedule,
    create_draft,
    findings_summary,
    save_draft,
)
from redes_desktop.actions.unit_of_work import NoIdentity
from redes_desktop.checks.model import CouncilContext, RecentPost
from redes_desktop.context import AppContext

__all__ = ["KEEP", "AccountChoice", "ComposerStore", "DraftChangedElsewhere", "DraftContent",
           "DraftData", "DraftSummary", "Schedule", "outcome_summary"]

# The latest check the composer holds (a `CheckOutcome`: `.request` and `.results`), or None.
OutcomeSource = Callable[[], Any]


def outcome_summary(outcome: Any, text: str, is_reply: bool) -> list[dict[str, Any]] | None:
    """The findings summary of `outcome` when it is the check of exactly this text (else None:
    the text saved was not checked as it stands)."""
    request = getattr(outcome, "request", None)
    if request is None or request.text != text or bool(request.is_reply) != bool(is_reply):
        return None
    return findings_summary(f for r in outcome.results.values() for f in r.findings)


class ComposerStore:
    def __init__(self, context: AppContext, outcome: OutcomeSource | None = None) -> None:
        self.context = context
        # Set by the composer (`lambda: self.outcome`): autosaves then record what the latest
        # check found in the bitácora ("borrador_editado" with "hallazgos").
        self.outcome = outcome

    @property
    def _person_id(self) -> uuid.UUID | None:
        identity = self.context.identity
        return identity.person_id if identity is not None else None

    def findings_for(self, text: str, is_reply: bool) -> list[dict[str, Any]] | None:
        """The latest check's findings summary, when it was a check of this very text."""
        return self._findings(text, is_reply, None)

    def _findings(self, text: str, is_reply: bool,
                  findings: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
        if findings is not None or self.outcome is None:
            return findings
        return outcome_summary(self.outcome(), text, is_reply)

    # -- accounts ----------------------------------------------------------------------------
    def composable_accounts(self) -> tuple[list[AccountChoice], str]:
        """The accounts the current person may compose for; else an explanation."""
        try:
            found = composable_accounts(self.context.database, clock=self.context.clock,
                                        person_id=self._person_id)
        except NoIdentity as error:
            return [], error.message
        return list(found.accounts), found.explanation

    # -- drafts ------------------------------------------------------------------------------
    def drafts(self) -> list[DraftSummary]:
        return list(list_drafts(self.context.database, person_id=self._person_id,
                                clock=self.context.clock))

    def load(self, post_id: uuid.UUID) -> DraftData:
        return open_draft(self.context.database, person_id=self._person_id, post_id=post_id,
                          media_dir=self.context.workspace.paths.media)

    def create(self, account_id: uuid.UUID, text: str, is_reply: bool,
               media: list[tuple[str, str]], *,
               findings: list[dict[str, Any]] | None = None,
               scheduled_at: Schedule = KEEP) -> uuid.UUID:
        """A new draft; the composer checked `scheduled_at` is not past (the action refuses
        a past time again, without losing the text: the field then says why)."""
        return create_draft(
            self.context.database, clock=self.context.clock, recorder=self.context.recorder,
            person_id=self._person_id, account_id=account_id, text=text, is_reply=is_reply,
            media=media, findings=self._findings(text, is_reply, findings),
            scheduled_at=scheduled_at).post_id

    def save(self, post_id: uuid.UUID, text: str, is_reply: bool,
             media: list[tuple[str, str]], *,
             findings: list[dict[str, Any]] | None = None,
             scheduled_at: Schedule = KEEP,
             expected: DraftContent | None = None) -> bool:
        """Autosave; `findings` (a `findings_summary`) defaults to the latest check's, when
        it was a check of this very text; `scheduled_at` KEEP leaves the time as stored.
        `expected`: the version the editor started from (`DraftChangedElsewhere` when a sync
        replaced it meanwhile; nothing is saved)."""
        return save_draft(
            self.context.database, clock=self.context.clock, recorder=self.context.recorder,
            person_id=self._person_id, post_id=post_id, text=text, is_reply=is_reply,
            media=media, findings=self._findings(text, is_reply, findings),
            scheduled_at=scheduled_at, expected=expected,
            media_dir=self.context.workspace.paths.media).changed

    def recent_posts(self, account_id: uuid.UUID,
                     exclude: uuid.UUID | None) -> tuple[RecentPost, ...]:
        return recent_posts(self.context.database, clock=self.context.clock,
                            account_id=account_id, exclude=exclude)

    def mark_published(self, post_id: uuid.UUID, url: str,
                       check_post: PostChecker) -> PublishedPost:
        return publish_post(self.context.database, clock=self.context.clock,
                            recorder=self.context.recorder, check_post=check_post,
                            person_id=self._person_id, post_id=post_id, url=url)

    # -- the post's details: purpose, source, headline, topic, validity (post_details.py) ---
    def post_details(self, post_id: uuid.UUID) -> Details:
        return load_post_details(self.context.database, post_id)

    def save_post_details(self, post_id: uuid.UUID, details: Details) -> bool:
        """True when something changed; bad values and who may not compose are refused."""
        return save_post_details(self.context.database, post_id, details,
                                 person_id=self._person_id, clock=self.context.clock,
                                 recorder=self.context.recorder)

    def council_context(self, account_id: uuid.UUID, moment: datetime,
                        exclude: uuid.UUID | None) -> CouncilContext | None:
        """The Consejo General session `moment` falls in, with the account's other posts."""
        return council_context(self.context.database, account_id, moment, exclude=exclude)

    # -- history: calendar and published posts (issue 15) ------------------------------------
    def viewable_accounts(self) -> tuple[ViewableAccount, ...]:
        return viewable_accounts(self.context.database, clock=self.context.clock,
                                 person_id=self._person_id)

    def calendar_posts(self, start: datetime, end: datetime,
                       account_id: uuid.UUID | None) -> tuple[CalendarPost, ...]:
        return calendar_posts(self.context.database, clock=self.context.clock,
                              person_id=self._person_id, start=start, end=end,
                              account_id=account_id)

    def published_posts(self, account_id: uuid.UUID | None) -> tuple[PublishedRow, ...]:
        return published_posts(self.context.database, clock=self.context.clock,
                               person_id=self._person_id, account_id=account_id)

    def discard(self, post_id: uuid.UUID) -> None:
        discard_draft(self.context.database, clock=self.context.clock,
                      recorder=self.context.recorder, person_id=self._person_id,
                      post_id=post_id)
