"""OAuth 2.0 for desktop apps (RFC 8252): the authorization-code grant with PKCE (RFC 7636)
through a loopback redirect on 127.0.0.1, done by Authlib. The program is a public client: no
client secret is needed. Tokens live only in the secret store (`red:<account id>`), never in the
database, settings, logs or bitácora; they are refreshed before they expire and deleted when
the connection is revoked or the account closed (7.viii)."""

from __future__ import annotations

import json
import secrets as random_tokens
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from redes_desktop.clock import Clock
from redes_desktop.errors import UserFacingError
from redes_desktop.networks.http import TokenSource
from redes_desktop.secrets_store import SecretStore


@dataclass(frozen=True)
class OAuthProvider:
    network: str  # the network's name, for messages
    authorize_url: str
    token_url: str
    client_id: str
    scopes: tuple[str, ...]
    revoke_url: str | None = None
    # Extra parameters some providers need on the authorisation URL (Google: access_type).
    extra_authorize: tuple[tuple[str, str], ...] = ()
    # Google's desktop clients send a «client secret» that, by Google's own rule for installed
    # apps, is not confidential; kept in the secret store anyway (`aplicacion:<network>`).
    client_secret: str | None = None

    def session(self, **kwargs: Any) -> Any:
        from authlib.integrations.requests_client import OAuth2Session

        if self.client_secret:
            return OAuth2Session(self.client_id, self.client_secret,
                                 token_endpoint_auth_method="client_secret_post", **kwargs)
        return OAuth2Session(self.client_id, token_endpoint_auth_method="none", **kwargs)


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: datetime | None
    scope: str = ""

    @classmethod
    def from_response(cls, token: dict[str, Any], now: datetime) -> TokenSet:
        expires_at: datetime | None = None
        if token.get("expires_at"):
            expires_at = datetime.fromtimestamp(float(token["expires_at"]), UTC)
        elif token.get("expires_in"):
            expires_at = now + timedelta(seconds=float(token["expires_in"]))
        return cls(str(token["access_token"]), token.get("refresh_token") or None,
                   expires_at, str(token.get("scope") or ""))

    def to_json(self) -> str:
        return json.dumps({
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "scope": self.scope,
        })

    @classmethod
    def from_json(cls, text: str) -> TokenSet:
        data = json.loads(text)
        expires = data.get("expires_at")
        return cls(data["access_token"], data.get("refresh_token"),
                   datetime.fromisoformat(expires) if expires else None, data.get("scope", ""))


class AuthorizationFailed(UserFacingError):
    pass


class AuthorizationCancelled(AuthorizationFailed):
    """The person stopped waiting for the browser."""


def _wait_for(arrived: threading.Event, timeout: float,
              cancelled: threading.Event | None) -> bool:
    """True when the redirect arrived; False after `timeout` seconds or once cancelled."""
    if cancelled is None:
        return arrived.wait(timeout)
    deadline = time.monotonic() + timeout
    while not cancelled.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        if arrived.wait(min(left, 0.1)):
            return True
    return arrived.is_set()


def token_key(account_id: uuid.UUID) -> str:
    return f"red:{account_id}"


class StoredTokens(TokenSource):
    """An account's tokens in the secret store, refreshed when about to expire or after a 401."""

    EARLY = timedelta(seconds=60)

    def __init__(self, secrets: SecretStore, provider: OAuthProvider, account_id: uuid.UUID,
                 clock: Clock) -> None:
        self.secrets = secrets
        self.provider = provider
        self.key = token_key(account_id)
        self.clock = clock

    def load(self) -> TokenSet | None:
        text = self.secrets.get(self.key)
        return TokenSet.from_json(text) if text else None

    def save(self, tokens: TokenSet) -> None:
        self.secrets.set(self.key, tokens.to_json())

    def access_token(self) -> str:
        from redes_desktop.networks.errors import NotConnected

        tokens = self.load()
        if tokens is None:
            raise NotConnected(self.provider.network)
        if tokens.expires_at and tokens.expires_at - self.EARLY <= self.clock() \
                and tokens.refresh_token and self.renew():
            refreshed = self.load()
            assert refreshed is not None
            return refreshed.access_token
        return tokens.access_token

    def renew(self) -> bool:
        from authlib.integrations.base_client.errors import OAuthError
        from authlib.integrations.requests_client import OAuth2Session

        tokens = self.load()
        if tokens is None or not tokens.refresh_token:
            return False
        client = OAuth2Session(self.provider.client_id)
        try:
            token = client.refresh_token(self.provider.token_url,
                                         refresh_token=tokens.refresh_token)
        except (OAuthError, requests.RequestException, ValueError, KeyError):
            return False
        fresh = TokenSet.from_response(dict(token), self.clock())
        if fresh.refresh_token is None:  # providers that keep the old refresh token
            fresh = TokenSet(fresh.access_token, tokens.refresh_token, fresh.expires_at,
                             fresh.scope)
        self.save(fresh)
        return True

    def revoke(self) -> bool:
        """Tell the network (when it has an endpoint) and delete the tokens here in any case.
        True when the network confirmed."""
        tokens = self.load()
        confirmed = False
        if tokens is not None and self.provider.revoke_url:
            try:
                response = requests.post(
                    self.provider.revoke_url,
                    data={"token": tokens.refresh_token or tokens.access_token,
                          "client_id": self.provider.client_id},
                    timeout=(10, 30),
                )
                confirmed = response.ok
            except requests.RequestException:
                confirmed = False
        self.secrets.delete(self.key)
        return confirmed


_DONE_PAGE = (
    "<!doctype html><html lang='es-MX'><meta charset='utf-8'><title>redes-desktop</title>"
    "<body style='font-family:sans-serif'><h1>{title}</h1><p>{text}</p></body></html>"
)


class _Callback:
    def __init__(self) -> None:
        self.query: dict[str, list[str]] | None = None
        self.arrived = threading.Event()


def _handler(callback: _Callback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            parts = urlsplit(self.path)
            if parts.path != "/callback":
                self.send_error(404)
                return
            callback.query = parse_qs(parts.query)
            ok = "code" in callback.query
            page = _DONE_PAGE.format(
                title="Cuenta conectada" if ok else "No se conectó la cuenta",
                text=("Puede cerrar esta pestaña y volver a redes-desktop." if ok else
                      "La red no dio la autorización. Vuelva a redes-desktop e inténtelo "
                      "de nuevo."),
            ).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)
            callback.arrived.set()

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return  # never log the code

    return Handler


def authorize_in_browser(
    provider: OAuthProvider,
    *,
    open_browser: Callable[[str], object],
    clock: Clock,
    timeout: float = 300.0,
    cancelled: threading.Event | None = None,
) -> TokenSet:
    """Open the network's consent page in the person's browser and wait for the loopback
    redirect; exchange the code (with the PKCE verifier) for tokens. Setting `cancelled`
    (the person closed the progress dialog) stops the wait at once."""
    from authlib.integrations.base_client.errors import OAuthError

    callback = _Callback()
    server = HTTPServer(("127.0.0.1", 0), _handler(callback))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        redirect_uri = f"http://127.0.0.1:{server.server_port}/callback"
        client = provider.session(scope=" ".join(provider.scopes), redirect_uri=redirect_uri,
                                  code_challenge_method="S256")
        verifier = random_tokens.token_urlsafe(64)
        url, state = client.create_authorization_url(
            provider.authorize_url, code_verifier=verifier, **dict(provider.extra_authorize))
        open_browser(url)
        if not _wait_for(callback.arrived, timeout, cancelled):
            if cancelled is not None and cancelled.is_set():
                raise AuthorizationCancelled(
                    f"Se canceló la conexión con {provider.network}. No se guardó nada.")
            raise AuthorizationFailed(
                f"No llegó la autorización de {provider.network} en {int(timeout // 60)} "
                "minutos. Vuelva a intentarlo y acepte en la página que se abre en el navegador."
            )
        query = callback.query or {}
        if query.get("state", [""])[0] != state:
            raise AuthorizationFailed(
                "La respuesta de la red no corresponde a esta solicitud (estado distinto). "
                "Vuelva a intentarlo desde el programa."
            )
        code = query.get("code", [""])[0]
        if not code:
            reason = query.get("error_description", query.get("error", ["sin motivo"]))[0]
            raise AuthorizationFailed(
                f"{provider.network} no autorizó la conexión ({reason}). Vuelva a intentarlo "
                "con la cuenta institucional."
            )
        try:
            token = client.fetch_token(provider.token_url, code=code, code_verifier=verifier)
        except (OAuthError, requests.RequestException, ValueError) as error:
            raise AuthorizationFailed(
                f"{provider.network} no entregó las claves de acceso ({error}). Vuelva a "
                "intentarlo en unos minutos."
            ) from error
        return TokenSet.from_response(dict(token), clock())
    finally:
        server.shutdown()
        server.server_close()
