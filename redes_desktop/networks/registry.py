"""Which connector serves which network, and where its API and OAuth endpoints are.

The endpoints default to the networks' real addresses; an institution's settings can point a
network elsewhere (a proxy) and the tests point them at a local server. Whatever the settings
file says (it can be edited by hand, outside Preferencias › Redes), tokens and codes go only to
https:// addresses, or to http:// on this computer (127.0.0.1, ::1, localhost). The client id
is the institution's app registered with the network (a public client: PKCE, no secret)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import urlsplit

from redes_desktop.clock import Clock
from redes_desktop.errors import UserFacingError
from redes_desktop.models.enums import Network
from redes_desktop.networks import facebook, graph, instagram, x, youtube
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.http import ApiClient, TokenSource
from redes_desktop.networks.oauth import OAuthProvider


@dataclass(frozen=True)
class Endpoints:
    api: str
    authorize: str
    token: str
    revoke: str | None
    upload: str = ""  # YouTube's uploads go to another host


DEFAULTS: dict[Network, Endpoints] = {
    Network.X: Endpoints(x.API, x.AUTHORIZE, x.TOKEN, x.REVOKE),
    # Facebook has no revocation endpoint for a token: DELETE /me/permissions revokes the app.
    Network.FACEBOOK: Endpoints(facebook.API, facebook.AUTHORIZE, facebook.TOKEN, None),
    # Instagram professional accounts through Facebook Login and their linked page.
    Network.INSTAGRAM: Endpoints(facebook.API, facebook.AUTHORIZE, facebook.TOKEN, None),
    Network.YOUTUBE: Endpoints(youtube.API, youtube.AUTHORIZE, youtube.TOKEN, youtube.REVOKE,
                               youtube.UPLOAD),
}
SCOPES: dict[Network, tuple[str, ...]] = {Network.X: x.SCOPES,
                                          Network.FACEBOOK: facebook.SCOPES,
                                          Network.INSTAGRAM: instagram.SCOPES,
                                          Network.YOUTUBE: youtube.SCOPES}
LABELS: dict[Network, str] = {Network.X: x.LABEL, Network.FACEBOOK: facebook.LABEL,
                              Network.INSTAGRAM: instagram.LABEL,
                              Network.YOUTUBE: youtube.LABEL}
EXTRA_AUTHORIZE: dict[Network, tuple[tuple[str, str], ...]] = {
    Network.YOUTUBE: youtube.EXTRA_AUTHORIZE}


class NetworkNotSupported(UserFacingError):
    def __init__(self, network: Network) -> None:
        why = ("TikTok sólo permite publicar en privado a las aplicaciones que no ha auditado y "
               "no ofrece cómo leer ni responder comentarios. " if network == Network.TIKTOK
               else "")
        super().__init__(
            f"No es posible conectar cuentas de {network.label} con el programa. {why}"
            "Publique a mano en la red y pegue el enlace de la publicación."
        )


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def endpoint_problem(url: str) -> str | None:
    """Why `url` may not receive an account's tokens (the end of a Spanish sentence), or None."""
    parts = urlsplit(url)
    try:
        _port = parts.port
    except ValueError:
        return "tiene un puerto no válido"
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return "debe ser una dirección completa que empiece con https://"
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        return ("debe usar https:// (sólo una dirección local, 127.0.0.1, puede usar "
                "http://)")
    if parts.username or parts.password:
        return "no debe llevar usuario ni contraseña"
    return None


class UnsafeEndpoint(UserFacingError):
    def __init__(self, network: Network, key: str, why: str) -> None:
        super().__init__(
            f"La dirección «{key}» de {network.label} en la configuración {why}, así que no se "
            "le envían las claves de acceso de ninguna cuenta. Corríjala en Preferencias › "
            "Redes (o déjela vacía para usar la de la red).")


def endpoints_for(network: Network, overrides: Mapping[str, Mapping[str, str]]) -> Endpoints:
    default = DEFAULTS.get(network)
    if default is None:
        raise NetworkNotSupported(network)
    given = overrides.get(network.value) or {}
    chosen = Endpoints(
        api=given.get("api") or default.api,
        authorize=given.get("authorize") or default.authorize,
        token=given.get("token") or default.token,
        revoke=given.get("revoke") or default.revoke,
        upload=given.get("upload") or default.upload,
    )
    for field in fields(Endpoints):
        value = getattr(chosen, field.name)
        if not value:
            continue
        why = endpoint_problem(value) if isinstance(value, str) else "no es un texto"
        if why:
            raise UnsafeEndpoint(network, field.name, why)
    return chosen


def provider_for(network: Network, *, client_ids: Mapping[str, str],
                 overrides: Mapping[str, Mapping[str, str]],
                 client_secrets: Mapping[str, str] | None = None) -> OAuthProvider:
    ends = endpoints_for(network, overrides)
    client_id = client_ids.get(network.value, "")
    if not client_id:
        raise UserFacingError(
            f"Falta el identificador de la aplicación del Instituto en {network.label}. "
            "Escríbalo en Preferencias › Redes (lo da el área que registró la aplicación)."
        )
    return OAuthProvider(LABELS[network], ends.authorize, ends.token, client_id,
                         SCOPES[network], revoke_url=ends.revoke,
                         extra_authorize=EXTRA_AUTHORIZE.get(network, ()),
                         client_secret=(client_secrets or {}).get(network.value) or None)


def build_connector(network: Network, *, tokens: TokenSource | None, clock: Clock,
                    remote_account_id: str, handle: str,
                    overrides: Mapping[str, Mapping[str, str]]) -> NetworkConnector:
    ends = endpoints_for(network, overrides)
    if network == Network.X:
        client = ApiClient(ends.api, network=x.LABEL, tokens=tokens, clock=clock,
                           classify=x.classify)
        return x.XConnector(client, user_id=remote_account_id, handle=handle)
    if network == Network.FACEBOOK:
        client = ApiClient(ends.api, network=facebook.LABEL, tokens=tokens, clock=clock,
                           classify=graph.classifier(facebook.LABEL, clock))
        return facebook.FacebookConnector(client, page_id=remote_account_id, handle=handle)
    if network == Network.INSTAGRAM:
        client = ApiClient(ends.api, network=instagram.LABEL, tokens=tokens, clock=clock,
                           classify=graph.classifier(instagram.LABEL, clock))
        return instagram.InstagramConnector(client, remote_account_id=remote_account_id,
                                            handle=handle)
    if network == Network.YOUTUBE:
        client = ApiClient(ends.api, network=youtube.LABEL, tokens=tokens, clock=clock,
                           classify=youtube.classifier(clock),
                           trusted=(ends.upload,) if ends.upload else ())
        return youtube.YouTubeConnector(client, channel_id=remote_account_id, handle=handle,
                                        upload_base=ends.upload or ends.api)
    raise NetworkNotSupported(network)
