"""Connecting an account connects THAT account (issue 17): a person signed in to the network
with a personal account, or administering several pages, must not connect another one — the
program would then publish, answer and read on it. Each network's connector compares who
authorised with the account's handle; a mismatch stores nothing (no tokens, no connection) and
says in Spanish what to do."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.models import AccountStatus, Area, Network, Person
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.networks.errors import WrongAccount, same_handle
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from tests.actions_support import seed
from tests.graph_support import endpoints
from tests.inbox_support import connect, network_settings


def _account(database, clock, network: Network, handle: str):
    people = seed(database, clock)
    if network == Network.X and handle == "@JLE_JaliscoINE":
        return people.titular, people.account
    with database.session() as session:
        titular = session.get(Person, people.titular)
        directory = Directory(session, clock, NullRecorder())
        account = directory.create_account(
            area=session.get(Area, titular.area_id), network=network, name="INE Jalisco",
            handle=handle, email=f"{network.value}.jal@ine.mx", status=AccountStatus.ACTIVA,
            official=True)
        directory.designate_administrators(account, titular, session.get(Person,
                                                                         people.suplente))
        session.commit()
        return people.titular, account.id


def _settings(server, network: Network) -> NetworkSettings:
    if network == Network.X:
        return network_settings(server)
    if network == Network.YOUTUBE:
        ends = {"youtube": {"api": f"{server.base}/youtube/v3",
                            "upload": f"{server.base}/upload/youtube/v3",
                            "authorize": f"{server.base}/oauth/authorize",
                            "token": f"{server.base}/oauth/token"}}
        return NetworkSettings({"youtube": "app.apps.google"}, ends)
    return NetworkSettings({network.value: "app-ine"}, endpoints(server, network))


def _nothing_stored(database, account_id) -> None:
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(NetworkConnection)) == 0
    assert SecretStore().get(f"red:{account_id}") is None


def test_a_personal_x_account_is_not_connected(database, clock, server):
    person, account = _account(database, clock, Network.X, "@JLE_JaliscoINE")
    server.x_username = "pepe_personal"  # signed in to X with their own account
    recorder = MemoryRecorder()
    with pytest.raises(WrongAccount) as refused:
        connect(database, clock, recorder, person, account, network_settings(server))
    message = refused.value.message
    assert message.startswith("En X se autorizó @pepe_personal, no la cuenta @JLE_JaliscoINE")
    assert "no se guardó nada" in message and "vuelva a conectar" in message
    _nothing_stored(database, account)
    assert not [e for e in recorder.entries if e.action == "red_conectada"]
    # Signed in with the institutional account (any case), it connects.
    server.x_username = "jle_jaliscoine"
    connect(database, clock, recorder, person, account, network_settings(server))
    with database.session() as session:
        [connection] = session.scalars(select(NetworkConnection))
        assert connection.remote_handle == "@jle_jaliscoine"


@pytest.mark.parametrize(("network", "handle", "offered"), [
    (Network.FACEBOOK, "@INEJaliscoOficial", "@INEJalisco"),
    (Network.INSTAGRAM, "@ine.jalisco.oficial", "@inejalisco"),
    (Network.YOUTUBE, "@INETVmx", "@INETV"),
])
def test_another_page_or_channel_of_the_same_person_is_not_connected(database, clock, server,
                                                                     network, handle, offered):
    """Before, Facebook and Instagram fell back to the person's first page: the account would
    have published on another page."""
    person, account = _account(database, clock, network, handle)
    with pytest.raises(WrongAccount) as refused:
        connect(database, clock, MemoryRecorder(), person, account, _settings(server, network))
    assert f"se autorizó {offered}, no la cuenta {handle}" in refused.value.message
    _nothing_stored(database, account)


def test_handles_compare_without_at_sign_or_case():
    assert same_handle("@INEMexico", "inemexico") and same_handle(" @INETV ", "@inetv")
    assert not same_handle("@INEMexico", "@INEMexic0")


@pytest.mark.parametrize(("status", "said"), [
    (429, "X limitó las solicitudes por un tiempo y no se pudo comprobar qué cuenta se "
          "autorizó; no se guardó nada. Vuelva a conectar después de las 12:20 (hora del "
          "centro de México)."),
    (503, "X no respondió al comprobar qué cuenta se autorizó; no se guardó nada. Vuelva a "
          "conectar en unos minutos; si persiste, revise la conexión a Internet."),
])
def test_a_network_that_cannot_say_who_authorised_stores_nothing_and_says_connect_again(
        database, clock, server, memory_keyring, status, said):
    """Nothing retries a connection by itself: the network's message for the queue («el
    programa lo intentará de nuevo… no hace falta hacer nada», in UTC) would leave the person
    waiting for a connection that never comes."""
    from datetime import UTC, datetime

    from redes_desktop.errors import UserFacingError

    person, account = _account(database, clock, Network.X, "@JLE_JaliscoINE")
    reset = datetime(2026, 3, 10, 18, 20, tzinfo=UTC)  # 12:20 in México City
    server.fail_next("GET /2/users/me", status, {"title": "No"}, times=5,
                     headers={"x-rate-limit-reset": str(int(reset.timestamp()))})
    with pytest.raises(UserFacingError) as raised:
        connect(database, clock, MemoryRecorder(), person, account, network_settings(server))
    assert raised.value.message == said
    assert not memory_keyring.store
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(NetworkConnection)) == 0


def test_the_authorisation_of_the_wrong_account_is_revoked_at_the_network(database, clock,
                                                                          server):
    """A personal account authorised by mistake must not keep the Institute's app authorised
    on it: the tokens are revoked at the network, not only forgotten here."""
    person, account = _account(database, clock, Network.X, "@JLE_JaliscoINE")
    server.x_username = "pepe_personal"
    with pytest.raises(WrongAccount):
        connect(database, clock, MemoryRecorder(), person, account, network_settings(server))
    assert len(server.revoked) == 1
    assert server.revoked[0] not in server.refresh_tokens  # the grant is gone there too
    _nothing_stored(database, account)


def test_a_rate_limit_says_when_in_mexico_citys_time():
    """It said «19:43 UTC»: nobody at the Institute reads UTC."""
    from datetime import UTC, datetime

    from redes_desktop.networks.errors import RateLimited

    message = RateLimited("X", datetime(2026, 12, 3, 19, 43, tzinfo=UTC)).message
    assert "13:43 del 03/12/2026 (hora del centro de México)" in message and "UTC" not in message


def test_declining_on_the_consent_page_says_so_in_spanish(database, clock, server):
    """It said «X no autorizó la conexión (access_denied)»."""
    from redes_desktop.networks.oauth import AuthorizationFailed

    person, account = _account(database, clock, Network.X, "@JLE_JaliscoINE")
    server.deny_consent = True
    with pytest.raises(AuthorizationFailed) as refused:
        connect(database, clock, MemoryRecorder(), person, account, network_settings(server))
    assert refused.value.message.startswith("En la página de X no se aceptó dar acceso")
    assert "access_denied" not in refused.value.message
    _nothing_stored(database, account)
