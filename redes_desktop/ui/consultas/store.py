"""The Consultas CNCS section's, the review dialog's and the composer's send dialog's bindings
to the application layer (`redes_desktop.actions`): each call runs one action with this
workstation's database, clock, bitácora recorder, mail and the person signed in, and returns
plain values. No session, service or query here. Safe to call from a worker thread."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from redes_desktop.actions.consultation_detail import ConsultationDetail, consultation_detail
from redes_desktop.actions.consultation_for_post import PostConsultation, consultation_for_post
from redes_desktop.actions.consultation_mail import ConsultationMail, MailOutcome
from redes_desktop.actions.decide_consultation import decide_consultation
from redes_desktop.actions.expire_consultations import expire_consultations
from redes_desktop.actions.list_consultations import ConsultationRow, list_consultations
from redes_desktop.actions.send_consultation import (
    DraftPreview,
    SendOutcome,
    preview_draft,
    send_consultation,
)
from redes_desktop.context import AppContext
from redes_desktop.models import ConsultationState

__all__ = ["ConsultationDetail", "ConsultationStore", "DraftPreview", "PostConsultation"]


class ConsultationStore:
    def __init__(self, context: AppContext) -> None:
        self.context = context

    @property
    def _person_id(self) -> uuid.UUID | None:
        identity = self.context.identity
        return identity.person_id if identity is not None else None

    # -- queue -------------------------------------------------------------------------------
    def rows(self) -> list[ConsultationRow]:
        return list_consultations(self.context.database, clock=self.context.clock,
                                  person_id=self._person_id)

    def expire_due(self) -> int:
        # The queue view applies the rule; the "correo pendiente" marks stay with the job.
        expiry = expire_consultations(self.context.database, clock=self.context.clock,
                                      recorder=self.context.recorder,
                                      mail=ConsultationMail.of(self.context),
                                      sync_mail_marks=False)
        return len(expiry.expired)

    # -- one consultation --------------------------------------------------------------------
    def detail(self, consultation_id: uuid.UUID) -> ConsultationDetail:
        return consultation_detail(self.context.database, clock=self.context.clock,
                                   person_id=self._person_id, consultation_id=consultation_id,
                                   media_dir=self.context.workspace.paths.media)

    def decide(self, consultation_id: uuid.UUID, state: ConsultationState, reasoning: str,
               requested_changes: str) -> MailOutcome:
        return decide_consultation(
            self.context.database, clock=self.context.clock, recorder=self.context.recorder,
            mail=ConsultationMail.of(self.context), person_id=self._person_id,
            consultation_id=consultation_id, state=state, reasoning=reasoning,
            requested_changes=requested_changes)

    # -- the composer ------------------------------------------------------------------------
    def draft_preview(self, post_id: uuid.UUID) -> DraftPreview:
        return preview_draft(self.context.database, person_id=self._person_id, post_id=post_id)

    def send(self, post_id: uuid.UUID, question: str, networks: Sequence[str],
             findings: Sequence[dict]) -> SendOutcome:
        return send_consultation(
            self.context.database, clock=self.context.clock, recorder=self.context.recorder,
            mail=ConsultationMail.of(self.context), person_id=self._person_id, post_id=post_id,
            question=question, networks=networks, findings=findings)

    def for_post(self, post_id: uuid.UUID) -> PostConsultation | None:
        return consultation_for_post(self.context.database, post_id=post_id)
