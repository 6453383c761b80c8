"""Build what the inbox needs from this workstation: the connector of each connected account
(tokens from this workstation's secret store) for polling and replying, and the poller."""

from __future__ import annotations

from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.oauth import StoredTokens
from redes_desktop.networks.registry import build_connector, provider_for
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.inbox_polling import ConnectorFor, DoubtGrouper, InboxPoller


def connectors(*, clock: Clock, secrets: SecretStore, networks: NetworkSettings) -> ConnectorFor:
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


def inbox_poller(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                 secrets: SecretStore, networks: NetworkSettings,
                 grouper: DoubtGrouper | None = None) -> InboxPoller:
    return InboxPoller(database, clock=clock, recorder=recorder,
                       connector_for=connectors(clock=clock, secrets=secrets,
                                                networks=networks),
                       grouper=grouper)
