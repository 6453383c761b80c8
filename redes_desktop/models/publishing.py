"""The connection of an account with its network, and the publishing queue (issue 17).

Both are local to the workstation, never synced: the tokens a connection uses live in this
workstation's secret store, so the queue runs where the connection was made; what it publishes
(the post's state, address and time) syncs as any post does."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from redes_desktop.models.base import Base, SyncedMixin
from redes_desktop.models.enums import LabelledEnum, Network
from redes_desktop.models.types import enum_type


class NetworkConnection(SyncedMixin, Base):
    __tablename__ = "network_connections"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"), unique=True)
    network: Mapped[Network] = mapped_column(enum_type(Network))
    # The network's own id of the account (X user id, Facebook page id, …) and its handle.
    remote_account_id: Mapped[str] = mapped_column(String(100))
    remote_handle: Mapped[str] = mapped_column(String(200), default="")
    connected_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"),
                                                              default=None)
    connected_at: Mapped[datetime]


class JobState(LabelledEnum):
    PENDIENTE = "pendiente"  # waits for its time (or its next attempt)
    ENVIANDO = "enviando"  # sent or about to be: never sent again without looking first
    PUBLICADA = "publicada"
    FALLIDA = "fallida"  # a permanent refusal: a person must act
    RETENIDA = "retenida"  # the account has an open incident (6.xxx)
    CANCELADA = "cancelada"


class PublishJob(SyncedMixin, Base):
    __tablename__ = "publish_jobs"
    __table_args__ = (Index("ix_publish_jobs_due", "state", "next_attempt_at"),)

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id"), unique=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    # Who scheduled it: the publication is made in their name, with their permissions then.
    scheduled_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id"))
    due_at: Mapped[datetime]
    state: Mapped[JobState] = mapped_column(enum_type(JobState), default=JobState.PENDIENTE)
    next_attempt_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the last sending began: an item found on the network after it is this post.
    attempt_started_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    remote_id: Mapped[str] = mapped_column(String(100), default="")
    url: Mapped[str] = mapped_column(String(500), default="")
