"""The Buzón's bindings to the application layer: each call runs one action with this
workstation's database, clock, bitácora, mail, connectors and the person signed in, and returns
plain values. No session, service or query here. Safe to call from a worker thread."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from redes_desktop.actions.inbox_handle import (
    ClaimResult,
    EscalationResult,
    InformationRequestResult,
    claim_item,
    escalate_item,
    ignore_item,
    information_request,
    tag_item,
)
from redes_desktop.actions.inbox_list import (
    InboxDetail,
    InboxFilter,
    InboxKey,
    InboxPageResult,
    inbox_accounts,
    inbox_detail,
    list_inbox,
)
from redes_desktop.actions.inbox_reply import ReplyResult, check_reply, reply_to_item
from redes_desktop.actions.inbox_report import InboxReport, inbox_report
from redes_desktop.actions.inbox_wiring import InboxWiring
from redes_desktop.checks.model import Finding
from redes_desktop.context import AppContext

PAGE = 200


class InboxStore:
    def __init__(self, context: AppContext) -> None:
        self.context = context

    @property
    def _person_id(self) -> uuid.UUID | None:
        identity = self.context.identity
        return identity.person_id if identity is not None else None

    def _wiring(self) -> InboxWiring:
        return InboxWiring.of(self.context)

    def page(self, filters: InboxFilter, after: InboxKey | None) -> InboxPageResult:
        return list_inbox(self.context.database, clock=self.context.clock,
                          person_id=self._person_id, filters=filters, after=after, limit=PAGE)

    def accounts(self) -> tuple[tuple[uuid.UUID, str], ...]:
        return inbox_accounts(self.context.database, clock=self.context.clock,
                              person_id=self._person_id)

    def detail(self, item_id: uuid.UUID) -> InboxDetail:
        return inbox_detail(self.context.database, clock=self.context.clock,
                            person_id=self._person_id, item_id=item_id)

    def claim(self, item_id: uuid.UUID) -> ClaimResult:
        return claim_item(self.context.database, clock=self.context.clock,
                          recorder=self.context.recorder, person_id=self._person_id,
                          item_id=item_id, claims=self._wiring().claims)

    def check(self, item_id: uuid.UUID, text: str) -> list[Finding]:
        wiring = self._wiring()
        return check_reply(self.context.database, clock=self.context.clock,
                           checker=wiring.checker, person_id=self._person_id, item_id=item_id,
                           text=text, area_contacts=wiring.area_contacts)

    def reply(self, item_id: uuid.UUID, text: str, *, accept_warnings: bool,
              hand_url: str = "") -> ReplyResult:
        wiring = self._wiring()
        return reply_to_item(self.context.database, clock=self.context.clock,
                             recorder=self.context.recorder, checker=wiring.checker,
                             connector_for=wiring.connector_for, person_id=self._person_id,
                             item_id=item_id, text=text, area_contacts=wiring.area_contacts,
                             accept_warnings=accept_warnings, hand_url=hand_url)

    def ignore(self, item_id: uuid.UUID) -> None:
        ignore_item(self.context.database, clock=self.context.clock,
                    recorder=self.context.recorder, person_id=self._person_id, item_id=item_id)

    def escalate(self, item_id: uuid.UUID, note: str) -> EscalationResult:
        return escalate_item(self.context.database, clock=self.context.clock,
                             recorder=self.context.recorder, outbox=self._wiring().outbox,
                             person_id=self._person_id, item_id=item_id, note=note)

    def tag(self, item_id: uuid.UUID, tags: Sequence[str]) -> None:
        tag_item(self.context.database, clock=self.context.clock,
                 recorder=self.context.recorder, person_id=self._person_id, item_id=item_id,
                 tags=tags)

    def information(self, item_id: uuid.UUID, area_email: str,
                    area_name: str) -> InformationRequestResult:
        return information_request(self.context.database, clock=self.context.clock,
                                   recorder=self.context.recorder,
                                   outbox=self._wiring().outbox, person_id=self._person_id,
                                   item_id=item_id, area_email=area_email, area_name=area_name)

    def summary(self) -> InboxReport:
        from datetime import timedelta

        now = self.context.clock()
        return inbox_report(self.context.database, clock=self.context.clock,
                            person_id=self._person_id, start=now - timedelta(days=90),
                            end=now + timedelta(days=1))
