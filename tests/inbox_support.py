"""Builders shared by the inbox tests (no tests here): a seeded office whose X account is
connected to the local fake network, and helpers to poll it and read items back."""

from __future__ import annotations

import uuid
from datetime import timedelta

import requests
from sqlalchemy import select

from redes_desktop.actions.inbox_poll import inbox_poller
from redes_desktop.actions.network_connection import NetworkSettings, connect_account, connectors
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.rule_courtesy import CourtesyRule
from redes_desktop.models import AbsencePeriod
from redes_desktop.models.enums import AbsenceKind
from redes_desktop.models.inbox import InboxItem
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder


def network_settings(server) -> NetworkSettings:
    return NetworkSettings(
        {"x": "cliente-ine"},
        {"x": {"api": server.base, "authorize": f"{server.base}/oauth/authorize",
               "token": f"{server.base}/oauth/token", "revoke": f"{server.base}/oauth/revoke"}})


def connect(database, clock, recorder: ActivityRecorder, person_id: uuid.UUID,
            account_id: uuid.UUID, networks: NetworkSettings) -> None:
    connect_account(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                    networks=networks, person_id=person_id, account_id=account_id,
                    open_browser=lambda url: requests.get(url, timeout=10), timeout=10)


def poller(database, clock, recorder, networks, wrap=None):
    made = inbox_poller(database, clock=clock, recorder=recorder, secrets=SecretStore(),
                        networks=networks)
    if wrap is not None:
        build = made.connector_for
        made.connector_for = lambda connection: wrap(build(connection))
    return made


def connector_for(clock, networks):
    return connectors(clock=clock, secrets=SecretStore(), networks=networks)


def items(database) -> list[InboxItem]:
    with database.session() as session:
        rows = list(session.scalars(select(InboxItem).order_by(InboxItem.remote_id)))
        session.expunge_all()
        return rows


def cover(database, clock, titular: uuid.UUID, suplente: uuid.UUID) -> None:
    """The suplente covers the titular's absence (5.1): may answer for the account."""
    from redes_desktop.clock import to_mexico

    today = to_mexico(clock()).date()
    with database.session() as session:
        session.add(AbsencePeriod(person_id=titular, covering_person_id=suplente,
                                  kind=AbsenceKind.VACACIONES, starts_on=today,
                                  ends_on=today + timedelta(days=5)))
        session.commit()


def courtesy_checker():
    """The real 6.xx rule in an engine without the slow dictionaries."""
    return CheckEngine(text_rules=[CourtesyRule()]).check
