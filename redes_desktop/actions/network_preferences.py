"""Preferencias › Redes (issue 17): the Institute's app registered with each network (its id in
the settings, `network_client_ids`), Google's desktop client secret (only in the secret store,
`app_secret_key("youtube")`), and, for a proxy or a test server, other addresses of each
network's API and OAuth endpoints (`network_endpoints`). The whole form is checked before
anything is stored; the networks read the settings at each use, so no restart is needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from redes_desktop.actions.network_connection import app_secret_key
from redes_desktop.models.enums import Network
from redes_desktop.networks.registry import DEFAULTS, endpoint_problem
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.form_checks import FieldProblem, raise_if_any
from redes_desktop.settings import Settings
from redes_desktop.workspace import Workspace

# The networks that can be connected, in the order the tab shows them.
NETWORKS: tuple[Network, ...] = tuple(DEFAULTS)
ENDPOINT_KEYS: tuple[str, ...] = ("api", "authorize", "token", "revoke", "upload")
# Each address as the form names it (Preferencias › Redes › Avanzado), for the messages.
ENDPOINT_TITLES: dict[str, str] = {"api": "API", "authorize": "Autorización",
                                   "token": "Claves (token)", "revoke": "Revocación",
                                   "upload": "Subida de videos"}
SECRET_NETWORK = Network.YOUTUBE  # Google's desktop clients need their (public) secret
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._~:@/+=-]{1,200}$")


@dataclass
class NetworksForm:
    client_ids: dict[str, str] = field(default_factory=dict)
    endpoints: dict[str, dict[str, str]] = field(default_factory=dict)
    # None keeps the stored secret; "" deletes it.
    youtube_secret: str | None = None

    @classmethod
    def of(cls, settings: Settings) -> NetworksForm:
        return cls({n.value: settings.network_client_ids.get(n.value, "") for n in NETWORKS},
                   {n.value: dict(settings.network_endpoints.get(n.value) or {})
                    for n in NETWORKS})


def youtube_secret_stored(secrets: SecretStore) -> bool:
    return bool(secrets.get(app_secret_key(SECRET_NETWORK.value)))


def network_problems(form: NetworksForm) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for network in NETWORKS:
        value = (form.client_ids.get(network.value) or "").strip()
        if value and not _CLIENT_ID.match(value):
            problems.append(FieldProblem(
                f"client_id:{network.value}",
                f"El identificador de la aplicación en {network.label} no es válido: sin "
                "espacios ni acentos, como lo entregó la red (hasta 200 caracteres)."))
    for network in NETWORKS:
        for key, url in (form.endpoints.get(network.value) or {}).items():
            url = url.strip()
            if key not in ENDPOINT_KEYS:
                problems.append(FieldProblem(f"endpoint:{network.value}:{key}",
                                             f"Dirección desconocida «{key}» de {network.label}."))
            elif url and (why := endpoint_problem(url)):
                problems.append(FieldProblem(
                    f"endpoint:{network.value}:{key}",
                    f"La dirección «{ENDPOINT_TITLES[key]}» de {network.label} {why}."))
    secret = form.youtube_secret
    if secret and (len(secret) > 500 or any(c.isspace() for c in secret)):
        problems.append(FieldProblem("youtube_secret", (
            "El secreto de cliente de YouTube no es válido: cópielo sin espacios de la consola "
            "de Google Cloud.")))
    return problems


def apply_networks(workspace: Workspace, secrets: SecretStore, form: NetworksForm) -> NetworksForm:
    """Check the whole form, then store it: ids and addresses in the settings, the secret in
    the secret store (never the settings). Returns the form as stored."""
    raise_if_any(network_problems(form))
    client_ids = {n.value: form.client_ids[n.value].strip() for n in NETWORKS
                  if (form.client_ids.get(n.value) or "").strip()}
    endpoints: dict[str, dict[str, str]] = {}
    for network in NETWORKS:
        given = {k: v.strip().rstrip("/") for k, v in
                 (form.endpoints.get(network.value) or {}).items() if v.strip()}
        if given:
            endpoints[network.value] = given
    key = app_secret_key(SECRET_NETWORK.value)
    if form.youtube_secret is not None:
        if form.youtube_secret.strip():
            secrets.set(key, form.youtube_secret.strip())
        else:
            secrets.delete(key)
    settings = workspace.settings
    settings.network_client_ids = client_ids
    settings.network_endpoints = endpoints
    workspace.save_settings()
    return NetworksForm(dict(client_ids), endpoints, None)
