"""The networks' widget-test world (no tests here): the local server that speaks each network's
API (`tests/fake_networks/`; the real services cannot be reached from here), an office whose X
account the program may connect to it, and the browser replaced by a function that follows the
consent page. Test modules import the fixtures they use."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import QThreadPool

from redes_desktop.actions.network_connection import NetworkSettings, connect_account
from redes_desktop.context import AppContext
from redes_desktop.models import AccountStatus, Network
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.workspace import open_workspace
from tests.factories import make_office
from tests.fake_networks import FakeNetworks


def x_endpoints(server: FakeNetworks) -> dict[str, str]:
    return {"api": server.base, "authorize": f"{server.base}/oauth/authorize",
            "token": f"{server.base}/oauth/token", "revoke": f"{server.base}/oauth/revoke"}


@pytest.fixture
def context(data_dir, clock, server, memory_keyring):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        tiktok = directory.create_account(
            area=office.area, network=Network.TIKTOK, name="INE Jalisco TikTok",
            handle="@inejalisco", email="tiktok.jal@ine.mx", status=AccountStatus.ACTIVA,
            official=True)
        directory.designate_administrators(tiktok, office.titular, office.suplente)
        session.commit()
        ids = {"titular": office.titular.id, "account": office.account.id,
               "suplente": office.suplente.id}
    workspace.settings.network_client_ids = {"x": "cliente-ine"}
    workspace.settings.network_endpoints = {"x": x_endpoints(server)}
    workspace.save_settings()
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.ids = ids  # type: ignore[attr-defined]
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    database.dispose()
    workspace.close()


def follow_consent(url: str) -> None:
    """The person's browser: the consent page redirects to the program's loopback address."""
    requests.get(url, timeout=10)


@pytest.fixture
def connected(context):
    networks = NetworkSettings.of(context.workspace.settings, context.secrets)
    connect_account(context.database, clock=context.clock, recorder=context.recorder,
                    secrets=context.secrets, networks=networks,
                    person_id=context.ids["titular"], account_id=context.ids["account"],
                    open_browser=follow_consent, timeout=10)
