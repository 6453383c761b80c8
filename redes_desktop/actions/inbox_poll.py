"""Build what the inbox needs from this workstation: the connector of each connected account
(tokens from this workstation's secret store) for polling and replying, and the poller."""

from __future__ import annotations

from redes_desktop.actions.network_connection import NetworkSettings, connectors
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.inbox_polling import DoubtGrouper, InboxPoller


def inbox_poller(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                 secrets: SecretStore, networks: NetworkSettings,
                 grouper: DoubtGrouper | None = None) -> InboxPoller:
    return InboxPoller(database, clock=clock, recorder=recorder,
                       connector_for=connectors(clock=clock, secrets=secrets,
                                                networks=networks),
                       grouper=grouper)
