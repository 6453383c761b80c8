"""Consultations to CNCS (6.viii): a frozen snapshot of a draft, a question and a 48-hour term."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SyncedMixin
from redes_desktop.models.enums import ConsultationState
from redes_desktop.models.org import Person
from redes_desktop.models.posts import Post
from redes_desktop.models.types import enum_type


class Consultation(SyncedMixin, Base):
    __tablename__ = "consultations"

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id"), index=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    # The snapshot never changes once sent: text, networks, media hashes, findings.
    snapshot: Mapped[dict] = mapped_column(JSON)
    question: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime]
    deadline: Mapped[datetime]
    state: Mapped[ConsultationState] = mapped_column(
        enum_type(ConsultationState), default=ConsultationState.PENDIENTE, index=True
    )
    mail_pending: Mapped[bool] = mapped_column(default=False)
    # The decision belongs to CNCS.
    reviewer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    reasoning: Mapped[str] = mapped_column(Text, default="")
    requested_changes: Mapped[str] = mapped_column(Text, default="")
    snapshot_hash: Mapped[str] = mapped_column(String(64), default="")
    # An approval covers the exact snapshot: set when the draft is edited after approval.
    invalidated_at: Mapped[datetime | None] = mapped_column(default=None)

    post: Mapped[Post] = relationship()
    account: Mapped[Account] = relationship()
    author: Mapped[Person] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[Person | None] = relationship(foreign_keys=[reviewer_id])


class ConsultationNotice(Base):
    """A notification already shown to a person about a consultation: kinds "nueva" (for
    reviewers), "decision" and "quedan_2h" (for administrators). Local to the workstation: it
    does not use SyncedMixin, so it never syncs (each station remembers what it showed)."""

    __tablename__ = "consultation_notices"
    __table_args__ = (UniqueConstraint("consultation_id", "person_id", "kind"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    consultation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("consultations.id"))
    person_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(20))
    notified_at: Mapped[datetime]
