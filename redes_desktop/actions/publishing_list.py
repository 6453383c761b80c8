"""The publishing queue as plain rows (window and command line)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.database import Database
from redes_desktop.models import Account, Post
from redes_desktop.models.publishing import JobState, PublishJob


@dataclass(frozen=True)
class QueueRow:
    post_id: uuid.UUID
    account_handle: str
    network_label: str
    state: JobState
    due_at: datetime
    next_attempt_at: datetime
    attempts: int
    last_error: str
    url: str
    text_start: str

    @property
    def state_label(self) -> str:
        return self.state.label

    def as_json(self) -> dict[str, Any]:
        return {"publicacion": str(self.post_id), "cuenta": self.account_handle,
                "red": self.network_label, "estado": self.state.value,
                "programada_para": self.due_at.isoformat(),
                "proximo_intento": self.next_attempt_at.isoformat(),
                "intentos": self.attempts, "motivo": self.last_error, "url": self.url,
                "texto": self.text_start}


def publishing_queue_rows(database: Database, *, include_done: bool = False,
                          account_id: uuid.UUID | None = None) -> list[QueueRow]:
    with unit_of_work(database) as session:
        stmt = (select(PublishJob, Post.text, Account.handle, Account.network)
                .join(Post, Post.id == PublishJob.post_id)
                .join(Account, Account.id == PublishJob.account_id)
                .order_by(PublishJob.due_at))
        if not include_done:
            stmt = stmt.where(PublishJob.state.not_in((JobState.PUBLICADA, JobState.CANCELADA)))
        if account_id is not None:
            stmt = stmt.where(PublishJob.account_id == account_id)
        rows = []
        for job, text, handle, network in session.execute(stmt):
            first_line = (text or "").splitlines()[0] if text else ""
            rows.append(QueueRow(job.post_id, handle, network.label, job.state, job.due_at,
                                 job.next_attempt_at, job.attempts, job.last_error, job.url,
                                 first_line[:60] + ("…" if len(first_line) > 60 else "")))
        return rows
