"""The inbox (issue 17, 5.2 e): comments, mentions and direct messages of the connected
accounts, synced through the shared database so the titular, the covering suplente and CNCS
see the same items.

An item's id is derived from (account id, the network's id of the item) with uuid5, so two
workstations polling the same comment make the same row (the GENERATED rule of the hand-over
notes). Who owns which column when two workstations change an item is written in
`sync/inbox_merge.py` (and in the README's sync table).

The polling cursor of each account (`inbox_cursors`) is local to the workstation: the
connection and its tokens are (see `models/publishing.py`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, SyncedMixin
from redes_desktop.models.enums import LabelledEnum, Network
from redes_desktop.models.types import enum_type

# A fixed namespace: the same (account, network item) gives the same id on every workstation.
INBOX_NAMESPACE = uuid.UUID("6f1c2a4e-8d0b-5e7a-9c3d-17a5b0e2c4f9")
DEFAULT_TARGET_HOURS = 24


def inbox_item_id(account_id: uuid.UUID, remote_id: str) -> uuid.UUID:
    return uuid.uuid5(INBOX_NAMESPACE, f"item:{account_id}:{remote_id}")


def doubt_group_id(account_id: uuid.UUID, first_item_id: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(INBOX_NAMESPACE, f"dudas:{account_id}:{first_item_id}")


class InboxState(LabelledEnum):
    NUEVO = "nuevo"
    ASIGNADO = "asignado"
    RESPONDIDO = "respondido"
    IGNORADO = "ignorado"  # 6.xvi: ignored, never blocked; stays on record
    ESCALADO = "escalado"  # 5.2 f: told to the titular


# When two workstations changed an item's state without seeing each other, the higher wins
# (an answer given on the network is a fact no later claim undoes).
STATE_RANK: dict[str, int] = {
    InboxState.NUEVO.value: 0, InboxState.ASIGNADO.value: 1, InboxState.IGNORADO.value: 2,
    InboxState.ESCALADO.value: 3, InboxState.RESPONDIDO.value: 4,
}


class InboxTag(LabelledEnum):
    PREGUNTA = "pregunta"
    SOLICITUD_INFORMACION = "solicitud_informacion"  # 6.vii
    SUGERENCIA = "sugerencia"  # 8.ii: for the semiannual evaluation
    QUEJA = "queja"


class InboxItem(SyncedMixin, Base):
    __tablename__ = "inbox_items"
    __table_args__ = (
        Index("ix_inbox_items_account_state", "account_id", "state", "received_at"),
        Index("ix_inbox_items_received", "received_at"),
        Index("ix_inbox_items_group", "doubt_group_id"),
    )

    # -- what the network gave (never changes once stored) -------------------------------
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    network: Mapped[Network] = mapped_column(enum_type(Network))
    remote_id: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(32))  # comentario, mencion, mensaje_directo
    author_name: Mapped[str] = mapped_column(String(200), default="")
    author_handle: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    parent_remote_id: Mapped[str | None] = mapped_column(String(100), default=None)
    received_at: Mapped[datetime]  # when the person wrote it (the network's time)
    # -- how it is handled ----------------------------------------------------------------
    state: Mapped[InboxState] = mapped_column(enum_type(InboxState), default=InboxState.NUEVO)
    assigned_to_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"),
                                                             default=None)
    claimed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"),
                                                            default=None)
    claim_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    reply_post_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("posts.id"),
                                                           default=None)
    reply_url: Mapped[str] = mapped_column(String(500), default="")
    replied_at: Mapped[datetime | None] = mapped_column(default=None)
    replied_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"),
                                                            default=None)
    handled_at: Mapped[datetime | None] = mapped_column(default=None)  # ignored or escalated
    handled_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"),
                                                            default=None)
    escalation_note: Mapped[str] = mapped_column(Text, default="")
    doubt_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("doubt_groups.id"),
                                                             default=None)


class DoubtGroup(SyncedMixin, Base):
    """Similar questions of one account (6.xviii); its id comes from its first question, so two
    workstations grouping the same first question make the same group."""

    __tablename__ = "doubt_groups"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    sample_text: Mapped[str] = mapped_column(Text, default="")
    signature: Mapped[str] = mapped_column(Text, default="")  # normalised tokens, space-joined
    answered_post_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("posts.id"),
                                                               default=None)


class InboxTarget(SyncedMixin, Base):
    """The response target the area sets for its inbox (hours); none: 24 hours."""

    __tablename__ = "inbox_targets"

    area_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("areas.id"), unique=True)
    hours: Mapped[int] = mapped_column(Integer, default=DEFAULT_TARGET_HOURS)


class InboxCursor(SyncedMixin, Base):
    """Where this workstation's polling of an account stands (local, never synced)."""

    __tablename__ = "inbox_cursors"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), unique=True)
    cursor: Mapped[str | None] = mapped_column(String(500), default=None)
    next_poll_at: Mapped[datetime | None] = mapped_column(default=None)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_polled_at: Mapped[datetime | None] = mapped_column(default=None)
