"""OAuth 2.0 for desktop apps (RFC 8252): the authorization-code grant with PKCE (RFC 7636)
through a loopback redirect on 127.0.0.1, done by Authlib. The program is a public client: no
client secret is needed. Tokens live only in the secret store (`red:<account id>`), never in the
database, settings, logs or bitácora; they are refreshed before they expire and deleted when
the connection is revoked or the account closed (7.viii).

A refresh is done by one thread at a time per account (the queue and the inbox share tokens):
a refresh token that the network rotates is never spent twice. A token endpoint that does not
answer is a transient failure, not a lost connection. The loopback listener answers only the
request that carries this attempt's `state`, once; nothing that connects to it can hold it."""

from __future__ import annotations

import json
import secrets as random_tokens
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from redes_desktop.clock import Clock
from redes_desktop.errors import UserFacingError
from redes_desktop.networks.errors import TransientNetworkError, redact
from redes_desktop.networks.http import TokenSource
from redes_desktop.secrets_store import SecretStore

# Seconds to connect to and to hear from a token or revocation endpoint.
ENDPOINT_TIMEOUT = (10.0, 30.0)
# The answers of a token endpoint that mean «this refresh token is no good»: connect again.
_REFUSALS = {"invalid_grant", "invalid_client", "unauthorized_client", "invalid_request",
             "invalid_scope", "unsupported_grant_type"}


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
        """Authlib's session for this client, with timeouts (it has none of its own). Its
        token requests are sent with `allow_redirects=False`: a redirect would carry the code,
        the refresh token or the secret in the body to whatever host it names."""
        from authlib.integrations.requests_client import OAuth2Session

        kwargs.setdefault("default_timeout", ENDPOINT_TIMEOUT)
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


# One refresh at a time for each secret-store key in this process: the queue, the inbox and
# «Publicar ahora» each hold their own StoredTokens of the same account.
_RENEWING_GUARD = threading.Lock()
_RENEWING: dict[str, threading.Lock] = {}


def _renewal_lock(key: str) -> threading.Lock:
    with _RENEWING_GUARD:
        return _RENEWING.setdefault(key, threading.Lock())


class StoredTokens(TokenSource):
    """An account's tokens in the secret store, refreshed when about to expire or after a 401."""

    EARLY = timedelta(seconds=60)

    def __init__(self, secrets: SecretStore, provider: OAuthProvider, account_id: uuid.UUID,
                 clock: Clock) -> None:
        self.secrets = secrets
        self.provider = provider
        self.key = token_key(account_id)
        self.clock = clock
        self._handed: str | None = None  # the access token last given to a caller

    def load(self) -> TokenSet | None:
        """The stored tokens; None when there are none or they cannot be read (a damaged
        entry is a connection to make again, and must not stop a disconnection)."""
        text = self.secrets.get(self.key)
        if not text:
            return None
        try:
            return TokenSet.from_json(text)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, tokens: TokenSet) -> None:
        self.secrets.set(self.key, tokens.to_json())

    def _expiring(self, tokens: TokenSet) -> bool:
        return tokens.expires_at is not None and tokens.expires_at - self.EARLY <= self.clock()

    def access_token(self) -> str:
        from redes_desktop.networks.errors import NotConnected

        tokens = self.load()
        if tokens is None:
            raise NotConnected(self.provider.network)
        if self._expiring(tokens) and tokens.refresh_token:
            self._handed = tokens.access_token
            if self.renew():
                refreshed = self.load()
                if refreshed is None:
                    raise NotConnected(self.provider.network)
                tokens = refreshed
        self._handed = tokens.access_token
        return tokens.access_token

    def renew(self) -> bool:
        """Refresh the tokens the last call was made with; True when fresh tokens are stored
        (by this call, or meanwhile by another thread or program). False when the network
        refused the refresh token (connect again); `TransientNetworkError` when its token
        endpoint could not be reached."""
        stale = self._handed
        with _renewal_lock(self.key):
            tokens = self.load()
            if tokens is None:
                return False
            if stale is not None and tokens.access_token != stale \
                    and not self._expiring(tokens):
                return True  # renewed by another thread while this one waited
            if not tokens.refresh_token:
                return False
            try:
                fresh = self._refresh(tokens.refresh_token)
            except _Refused:
                current = self.load()  # another program may have spent it first
                return current is not None and current.access_token != tokens.access_token
            if fresh.refresh_token is None:  # providers that keep the old refresh token
                fresh = TokenSet(fresh.access_token, tokens.refresh_token, fresh.expires_at,
                                 fresh.scope)
            self.save(fresh)
            return True

    def _refresh(self, refresh_token: str) -> TokenSet:
        from authlib.integrations.base_client.errors import OAuthError

        client = self.provider.session()
        try:
            token = client.refresh_token(self.provider.token_url, refresh_token=refresh_token,
                                         allow_redirects=False)
        except OAuthError as error:
            if str(getattr(error, "error", "")) in _REFUSALS:
                raise _Refused() from None
            raise self._unreachable() from None
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            if 400 <= status < 500 and status not in (408, 429):
                raise _Refused() from None
            raise self._unreachable() from None
        except (requests.RequestException, ValueError, KeyError, TypeError):
            raise self._unreachable() from None
        try:
            return TokenSet.from_response(dict(token), self.clock())
        except (KeyError, TypeError, ValueError):
            raise self._unreachable() from None

    def _unreachable(self) -> TransientNetworkError:
        return TransientNetworkError(self.provider.network,
                                     "no se pudo renovar la autorización")

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
                    timeout=ENDPOINT_TIMEOUT, allow_redirects=False, stream=True,
                )
                confirmed = response.ok
                response.close()  # the body is not needed, however large
            except requests.RequestException:
                confirmed = False
        self.secrets.delete(self.key)
        return confirmed


class _Refused(Exception):
    """The token endpoint refused the refresh token."""


_DONE_PAGE = (
    "<!doctype html><html lang='es-MX'><meta charset='utf-8'><title>redes-desktop</title>"
    "<body style='font-family:sans-serif'><h1>{title}</h1><p>{text}</p></body></html>"
)
# Seconds the loopback listener waits for a connection's request line and headers: a program
# that connects and says nothing cannot hold it.
LISTENER_READ_TIMEOUT = 5.0


class _Callback:
    """What the loopback listener got: the first request that carries this attempt's `state`
    (the network's redirect), and nothing after it."""

    def __init__(self) -> None:
        self.state: str | None = None  # set once the authorisation URL is made
        self.query: dict[str, list[str]] | None = None
        self.arrived = threading.Event()
        self.lock = threading.Lock()

    def take(self, query: dict[str, list[str]]) -> bool:
        with self.lock:
            given = query.get("state", [""])
            if self.state is None or self.arrived.is_set() or len(given) != 1 \
                    or not random_tokens.compare_digest(given[0], self.state):
                return False
            self.query = query
            self.arrived.set()
            return True


def _handler(callback: _Callback) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = LISTENER_READ_TIMEOUT

        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            parts = urlsplit(self.path)
            if parts.path != "/callback":
                self._page(404, "No encontrado", "Esta dirección sólo recibe la autorización "
                           "de la red para redes-desktop.")
                return
            query = parse_qs(parts.query)
            if not callback.take(query):
                # Another page, a second redirect or a forged one: not this attempt's.
                self._page(400, "Solicitud no reconocida", "Esta respuesta no corresponde "
                           "a la conexión que se está haciendo en redes-desktop; no se usó.")
                return
            if "code" in query:
                self._page(200, "Autorización recibida", "Puede cerrar esta pestaña y volver "
                           "a redes-desktop, que termina de conectar la cuenta.")
            else:
                self._page(200, "No se conectó la cuenta", "La red no dio la autorización. "
                           "Vuelva a redes-desktop e inténtelo de nuevo.")

        def _page(self, status: int, title: str, text: str) -> None:
            page = _DONE_PAGE.format(title=title, text=text).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            self.wfile.write(page)

        def version_string(self) -> str:
            return "redes-desktop"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return  # never log the code

    return Handler


class _Listener(ThreadingHTTPServer):
    daemon_threads = True  # a connection left open never holds the program at the end
    block_on_close = False


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
    server = _Listener(("127.0.0.1", 0), _handler(callback))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        redirect_uri = f"http://127.0.0.1:{server.server_port}/callback"
        client = provider.session(scope=" ".join(provider.scopes), redirect_uri=redirect_uri,
                                  code_challenge_method="S256")
        verifier = random_tokens.token_urlsafe(64)
        state = random_tokens.token_urlsafe(32)
        url, _state = client.create_authorization_url(
            provider.authorize_url, state=state, code_verifier=verifier,
            **dict(provider.extra_authorize))
        callback.state = state
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
        code = query.get("code", [""])[0]
        if not code:
            if query.get("error", [""])[0] == "access_denied":  # RFC 6749 §4.1.2.1
                raise AuthorizationFailed(
                    f"En la página de {provider.network} no se aceptó dar acceso al programa, "
                    "así que no se conectó nada. Si fue por error, vuelva a conectar y elija "
                    "«Autorizar» con la cuenta institucional.")
            reason = query.get("error_description", query.get("error", ["sin motivo"]))[0]
            raise AuthorizationFailed(
                f"{provider.network} no autorizó la conexión ({redact(reason)[:200]}). Vuelva "
                "a intentarlo con la cuenta institucional."
            )
        try:
            token = client.fetch_token(provider.token_url, code=code, code_verifier=verifier,
                                       allow_redirects=False)
            tokens = TokenSet.from_response(dict(token), clock())
        except (OAuthError, requests.RequestException, ValueError, KeyError,
                TypeError) as error:
            detail = (str(error) if isinstance(error, OAuthError)
                      else "respuesta no válida" if isinstance(error, (KeyError, TypeError,
                                                                       ValueError))
                      else "la red no respondió")
            raise AuthorizationFailed(
                f"{provider.network} no entregó las claves de acceso "
                f"({redact(detail, code, verifier)[:200]}). Vuelva a intentarlo en unos "
                "minutos."
            ) from None
        return tokens
    finally:
        server.shutdown()
        server.server_close()
