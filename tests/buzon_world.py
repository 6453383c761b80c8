"""The Buzón's widget-test world (no tests here): a seeded office whose X account is connected
to the local fake networks (tests/fake_networks/; the real services cannot be reached from
here), and the person signed in as its titular. Test modules take the fixture by name."""

from __future__ import annotations

import pytest

from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.workspace import open_workspace
from tests.actions_support import seed
from tests.inbox_support import connect, network_settings


@pytest.fixture
def context(data_dir, clock, server):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    people = seed(database, clock)
    networks = network_settings(server)
    workspace.settings.network_client_ids = dict(networks.client_ids)
    workspace.settings.network_endpoints = {k: dict(v) for k, v in networks.endpoints.items()}
    connect(database, clock, MemoryRecorder(), people.titular, people.account, networks)
    ctx.choose_identity(people.titular)
    ctx.people = people  # type: ignore[attr-defined]
    ctx.networks = networks  # type: ignore[attr-defined]
    yield ctx
    ctx.close()
    workspace.close()
