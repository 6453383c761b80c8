"""Connect an account with its network (OAuth in the person's browser) and disconnect it.

Only who may operate the account (its titular, or the suplente covering) connects it; the
tokens go to this workstation's secret store, never elsewhere; disconnecting — by hand or
because the account is closed (7.viii) — revokes them at the network and deletes them."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock, to_mexico
from redes_desktop.database import Database
from redes_desktop.errors import NotFound, UserFacingError
from redes_desktop.models import Account
from redes_desktop.models.enums import Network
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.errors import NetworkError, RateLimited
from redes_desktop.networks.oauth import StoredTokens, authorize_in_browser, token_key
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.permissions import Action, Permissions
from redes_desktop.settings import Settings
from redes_desktop.spanish_dates import short_time


@dataclass(frozen=True)
class NetworkSettings:
    """The parts of the settings the networks need (`Settings.network_*`), and the app
    secrets some networks require of desktop clients (Google), from the secret store."""

    client_ids: Mapping[str, str]
    endpoints: Mapping[str, Mapping[str, str]]
    client_secrets: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: Settings, secrets: SecretStore) -> NetworkSettings:
        app_secrets = {}
        for network in settings.network_client_ids:
            value = secrets.get(app_secret_key(network))
            if value:
                app_secrets[network] = value
        return cls(dict(settings.network_client_ids), dict(settings.network_endpoints),
                   app_secrets)


def app_secret_key(network: str) -> str:
    return f"aplicacion:{network}"


class AuthorizedAccountUnchecked(UserFacingError):
    """The consent was given but the network could not say who gave it (a rate limit, no
    answer): nothing is stored and nothing retries a connection by itself — the person
    connects again (the network's own message, written for the queue, says otherwise)."""

    def __init__(self, error: NetworkError, network: str, now: datetime) -> None:
        if isinstance(error, RateLimited):
            shown = short_time(to_mexico(error.retry_at), to_mexico(now).date())
            message = (f"{network} limitó las solicitudes por un tiempo y no se pudo comprobar "
                       "qué cuenta se autorizó; no se guardó nada. Vuelva a conectar después "
                       f"de las {shown} (hora del centro de México).")
        else:
            message = (f"{network} no respondió al comprobar qué cuenta se autorizó; no se "
                       "guardó nada. Vuelva a conectar en unos minutos; si persiste, revise la "
                       "conexión a Internet.")
        super().__init__(message)


@dataclass(frozen=True)
class ConnectionInfo:
    account_id: uuid.UUID
    network_label: str
    remote_handle: str
    connected_at: datetime


def connect_account(
    database: Database, *, clock: Clock, recorder: ActivityRecorder, secrets: SecretStore,
    networks: NetworkSettings, person_id: uuid.UUID | None, account_id: uuid.UUID,
    open_browser: Callable[[str], object], timeout: float = 300.0,
    cancelled: threading.Event | None = None,
) -> ConnectionInfo:
    """Runs the browser consent (blocking: call it off the UI thread) and stores the result.
    Setting `cancelled` stops the wait for the browser (nothing is stored)."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        account = session.get(Account, account_id)
        if account is None:
            raise NotFound("La cuenta ya no existe.")
        Permissions(session, clock).require(person, Action.CONNECT_NETWORK, account=account)
        network, handle = account.network, account.handle
    provider = provider_for(network, client_ids=networks.client_ids,
                            overrides=networks.endpoints,
                            client_secrets=networks.client_secrets)
    tokens = StoredTokens(secrets, provider, account_id, clock)
    tokens.save(authorize_in_browser(provider, open_browser=open_browser, clock=clock,
                                     timeout=timeout, cancelled=cancelled))
    try:
        connector = build_connector(network, tokens=tokens, clock=clock, remote_account_id="",
                                    handle=handle, overrides=networks.endpoints)
        remote_id, remote_handle = connector.identify()
    except BaseException as error:
        # Nothing is kept, here or there: a personal account authorised by mistake must not
        # keep the Institute's app authorised on it (revoke deletes the tokens here too).
        tokens.revoke()
        if isinstance(error, NetworkError) and error.retryable:
            raise AuthorizedAccountUnchecked(error, provider.network, clock()) from error
        raise
    with unit_of_work(database) as session:
        connection = session.scalar(select(NetworkConnection).where(
            NetworkConnection.account_id == account_id))
        if connection is None:
            connection = NetworkConnection(account_id=account_id, network=network,
                                           connected_at=clock())
            session.add(connection)
        connection.remote_account_id = remote_id
        connection.remote_handle = remote_handle
        connection.connected_by_id = person_id
        connection.connected_at = clock()
        recorder.record(ActivityEntry(
            at=clock(), actor_id=person_id, account_id=account_id, action="red_conectada",
            details={"red": network.value, "usuario_en_la_red": remote_handle}))
        return ConnectionInfo(account_id, provider.network, remote_handle, clock())


def disconnect_account(
    database: Database, *, clock: Clock, recorder: ActivityRecorder, secrets: SecretStore,
    networks: NetworkSettings, person_id: uuid.UUID | None, account_id: uuid.UUID,
    reason: str = "a petición",
) -> bool:
    """Revoke at the network (best effort) and delete the tokens and the connection. True
    when the network confirmed the revocation."""
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        account = session.get(Account, account_id)
        if account is None:
            raise NotFound("La cuenta ya no existe.")
        Permissions(session, clock).require(person, Action.CONNECT_NETWORK, account=account)
        network = account.network
        return revoke_connection(session=session, clock=clock, recorder=recorder,
                                 secrets=secrets, networks=networks, actor_id=person.id,
                                 account_id=account_id, network=network, reason=reason)


def revoke_connection(*, session: Session, clock: Clock, recorder: ActivityRecorder,
                      secrets: SecretStore, networks: NetworkSettings,
                      actor_id: uuid.UUID | None, account_id: uuid.UUID,
                      network: Network, reason: str) -> bool:
    """The part closing an account (7.viii) shares: no permission check of its own (the
    caller made it), inside the caller's unit of work. The tokens are deleted even when the
    network cannot be told (no app configured, no connection to the Internet)."""
    connection = session.scalar(select(NetworkConnection).where(
        NetworkConnection.account_id == account_id))
    confirmed = False
    try:
        provider = provider_for(network, client_ids=networks.client_ids,
                                overrides=networks.endpoints,
                                client_secrets=networks.client_secrets)
    except UserFacingError:
        secrets.delete(token_key(account_id))
    else:
        confirmed = StoredTokens(secrets, provider, account_id, clock).revoke()
    if connection is not None:
        session.delete(connection)
        recorder.record(ActivityEntry(
            at=clock(), actor_id=actor_id, account_id=account_id, action="red_desconectada",
            details={"red": network.value, "motivo": reason,
                     "revocada_en_la_red": confirmed}))
    return confirmed


def connectors(*, clock: Clock, secrets: SecretStore, networks: NetworkSettings
               ) -> Callable[[NetworkConnection], NetworkConnector]:
    """The connector of each account connected on this workstation, with its tokens from this
    workstation's secret store (the publishing queue and the inbox use the same)."""
    def connector_for(connection: NetworkConnection) -> NetworkConnector:
        provider = provider_for(connection.network, client_ids=networks.client_ids,
                                overrides=networks.endpoints,
                                client_secrets=networks.client_secrets)
        tokens = StoredTokens(secrets, provider, connection.account_id, clock)
        return build_connector(connection.network, tokens=tokens, clock=clock,
                               remote_account_id=connection.remote_account_id,
                               handle=connection.remote_handle,
                               overrides=networks.endpoints)

    return connector_for

