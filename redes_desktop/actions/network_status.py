"""What the window shows about the networks (issue 17): which accounts the person may connect
and whether each is connected on this workstation, and where an open draft stands in the
publishing queue. Plain rows, read in one unit of work each."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models import Account, AccountStatus, Network, Person
from redes_desktop.models.publishing import JobState, NetworkConnection, PublishJob
from redes_desktop.networks.registry import DEFAULTS, NetworkNotSupported
from redes_desktop.services.permissions import Action, Permissions


@dataclass(frozen=True)
class ConnectionRow:
    account_id: uuid.UUID
    handle: str
    name: str
    network: Network
    connected: bool
    remote_handle: str = ""
    connected_at: datetime | None = None
    connected_by: str = ""
    # "" when the network can be connected; else why it is published by hand (TikTok).
    unsupported_reason: str = ""

    @property
    def supported(self) -> bool:
        return not self.unsupported_reason


def connection_rows(database: Database, *, clock: Clock,
                    person_id: uuid.UUID | None) -> list[ConnectionRow]:
    """The live accounts the acting person may operate (its titular, or the suplente
    covering: 5.1), with their connection on this workstation, by handle."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        permissions = Permissions(session, clock)
        accounts = session.scalars(
            select(Account)
            .where(Account.deleted_at.is_(None), Account.status != AccountStatus.CANCELADA)
            .order_by(Account.handle))
        mine = [a for a in accounts
                if permissions.check(person, Action.CONNECT_NETWORK, account=a)]
        connections = {c.account_id: c for c in session.scalars(select(NetworkConnection).where(
            NetworkConnection.account_id.in_([a.id for a in mine])))}
        rows = []
        for account in mine:
            connection = connections.get(account.id)
            reason = ("" if account.network in DEFAULTS
                      else NetworkNotSupported(account.network).message)
            if connection is None:
                rows.append(ConnectionRow(account.id, account.handle, account.name,
                                          account.network, False, unsupported_reason=reason))
                continue
            who = (session.get(Person, connection.connected_by_id)
                   if connection.connected_by_id else None)
            rows.append(ConnectionRow(
                account.id, account.handle, account.name, account.network, True,
                connection.remote_handle, connection.connected_at,
                who.name if who is not None else "", reason))
        return rows


@dataclass(frozen=True)
class PostNetworkState:
    """An open draft and the network: may it be sent from here, and is it in the queue?"""

    connected: bool  # its account is connected with its network on this workstation
    job_state: JobState | None = None
    due_at: datetime | None = None
    url: str = ""
    last_error: str = ""
    next_attempt_at: datetime | None = None  # later than due_at once an attempt waits
    attempts: int = 0

    @property
    def queued(self) -> bool:
        return self.job_state in (JobState.PENDIENTE, JobState.ENVIANDO, JobState.RETENIDA)


def post_network_state(database: Database, *, account_id: uuid.UUID,
                       post_id: uuid.UUID | None) -> PostNetworkState:
    with unit_of_work(database) as session:
        connected = session.scalar(select(NetworkConnection.id).where(
            NetworkConnection.account_id == account_id)) is not None
        job = None
        if post_id is not None:
            job = session.scalar(select(PublishJob).where(PublishJob.post_id == post_id))
        if job is None:
            return PostNetworkState(connected)
        return PostNetworkState(connected, job.state, job.due_at, job.url, job.last_error,
                                job.next_attempt_at, job.attempts)
