"""Builders shared by the Graph API tests (no tests here): Facebook and Instagram connectors
against the local fake server, and a seeded office whose Facebook Page or Instagram account
is connected to it, to poll and answer through the real inbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import requests

from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.models import AccountStatus, Area, Network, Person
from redes_desktop.networks.oauth import StoredTokens, authorize_in_browser
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from tests.actions_support import seed
from tests.inbox_support import connect, connector_for
from tests.memory_secrets import MemorySecrets

HANDLES = {Network.FACEBOOK: "@INEJalisco", Network.INSTAGRAM: "@inejalisco"}
REMOTE = {Network.FACEBOOK: "555", Network.INSTAGRAM: "1789:555"}


def endpoints(server, network: Network) -> dict[str, dict[str, str]]:
    return {network.value: {"api": f"{server.base}/graph",
                            "authorize": f"{server.base}/oauth/authorize",
                            "token": f"{server.base}/oauth/token"}}


def graph_connector(server, clock, network: Network, *, scopes_seen: list[str] | None = None):
    """A connector authorised through the fake's OAuth, without waits between retries.
    `scopes_seen` receives the authorisation address the browser was sent to."""
    ends = endpoints(server, network)
    provider = provider_for(network, client_ids={network.value: "app-ine"}, overrides=ends)
    tokens = StoredTokens(MemorySecrets(), provider, uuid.uuid4(), clock)  # type: ignore[arg-type]

    def browser(url: str) -> object:
        if scopes_seen is not None:
            scopes_seen.append(url)
        return requests.get(url, timeout=10)

    tokens.save(authorize_in_browser(provider, open_browser=browser, clock=clock, timeout=10))
    built = build_connector(network, tokens=tokens, clock=clock,
                            remote_account_id=REMOTE[network], handle=HANDLES[network],
                            overrides=ends)
    built.client.sleep = lambda seconds: None  # type: ignore[attr-defined]
    built.page.sleep = lambda seconds: None  # type: ignore[attr-defined]
    return built


@dataclass(frozen=True)
class GraphOffice:
    titular: uuid.UUID
    account: uuid.UUID
    networks: NetworkSettings


def graph_office(database, clock, server, network: Network) -> GraphOffice:
    """The seeded office with a Facebook Page or Instagram account connected to the fake."""
    people = seed(database, clock)
    with database.session() as session:
        titular = session.get(Person, people.titular)
        suplente = session.get(Person, people.suplente)
        directory = Directory(session, clock, NullRecorder())
        account = directory.create_account(
            area=session.get(Area, titular.area_id), network=network, name="INE Jalisco",
            handle=HANDLES[network], email=f"{network.value}.jal@ine.mx",
            status=AccountStatus.ACTIVA, official=True)
        directory.designate_administrators(account, titular, suplente)
        session.commit()
        account_id = account.id
    networks = NetworkSettings({network.value: "app-ine"}, endpoints(server, network))
    connect(database, clock, MemoryRecorder(), people.titular, account_id, networks)
    return GraphOffice(people.titular, account_id, networks)


def impatient(clock, networks):
    """The connectors, with a read timeout shorter than the fake server's stall."""
    build = connector_for(clock, networks)

    def make(connection):
        connector = build(connection)
        connector.client.timeout = connector.page.timeout = (2.0, 0.5)
        return connector

    return make
