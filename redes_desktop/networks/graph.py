"""What Facebook Pages and Instagram professional accounts share of the Graph API: its errors
by code, its times, and the page token both write with.

The Graph API reports an error as HTTP 400 with a code (developers.facebook.com/docs/graph-api/
guides/error-handling): 190 an expired token, 506 a duplicate, 4/17/32/613 a rate limit, 10
and 200–299 a permission the connection lacks. Messaging adds code 10 with subcode 2018278
(Messenger) or 2534022 (Instagram): the message falls outside the 24-hour standard messaging
window that opens each time the person writes to the account."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from redes_desktop.networks.errors import (
    AuthorizationExpired,
    DuplicateContent,
    MediaRefused,
    NetworkError,
    RateLimited,
)
from redes_desktop.networks.http import ApiClient, TokenSource

_RATE_CODES = {4, 17, 32, 613, 80001}
WINDOW_SUBCODES = {2018278, 2534022}


class MessagingWindowClosed(NetworkError):
    """A private answer after the 24-hour standard messaging window: permanent until the
    person writes again."""

    def __init__(self, network: str) -> None:
        super().__init__(
            f"{network} ya no permite contestar este mensaje directo desde el programa: sólo "
            "se puede responder por mensaje dentro de las 24 horas siguientes al último mensaje "
            f"de la persona. Respóndale desde la bandeja de mensajes de {network} o espere a "
            "que la persona vuelva a escribir.",
            network=network,
        )


class PermissionMissing(NetworkError):
    """The connection was authorised without a permission this call needs (codes 10, 200–299):
    connecting again asks for it."""

    def __init__(self, network: str, detail: str) -> None:
        super().__init__(
            f"{network} no permite esta acción con la autorización que se dio a la cuenta "
            f"({detail}). Vuelva a conectar la cuenta en Cuentas › Conexión con la red y acepte "
            "todos los permisos que se piden.",
            network=network,
        )


def graph_error(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def regain_minutes(response: requests.Response) -> int:
    """Minutes until the page may call again, from the usage headers Meta sends."""
    for header in ("X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"):
        raw = response.headers.get(header)
        if not raw:
            continue
        try:
            usage = json.loads(raw)
        except ValueError:
            continue
        entries = [v for values in usage.values() for v in values] \
            if isinstance(usage, dict) and all(isinstance(v, list) for v in usage.values()) \
            else [usage]
        for entry in entries:
            if isinstance(entry, dict) and entry.get("estimated_time_to_regain_access"):
                return int(entry["estimated_time_to_regain_access"])
    return 5


def classifier(label: str, now: Any) -> Any:
    def classify(response: requests.Response) -> NetworkError | None:
        error = graph_error(response)
        code = error.get("code")
        message = str(error.get("message", ""))
        if code == 190:
            return AuthorizationExpired(label)
        if code == 506:
            return DuplicateContent(label)
        if code in _RATE_CODES:
            return RateLimited(label, now() + timedelta(minutes=regain_minutes(response)))
        if code in (324, 9004, 36003) or (code == 100 and "image" in message.lower()):
            return MediaRefused(label, message)
        if code == 10 and error.get("error_subcode") in WINDOW_SUBCODES:
            return MessagingWindowClosed(label)
        if isinstance(code, int) and (code == 10 or 200 <= code <= 299):
            return PermissionMissing(label, message[:200])
        return None

    return classify


def graph_time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").astimezone(UTC)


class PageToken(TokenSource):
    """The page's own token, asked of the Graph API with the person's token; asked again
    after a 401 (the person's token may have been refreshed meanwhile)."""

    def __init__(self, person: ApiClient, page_id: str) -> None:
        self.person = person
        self.page_id = page_id
        self.token: str | None = None

    def access_token(self) -> str:
        if self.token is None:
            self.renew()
        assert self.token is not None
        return self.token

    def renew(self) -> bool:
        body = self.person.call("GET", f"/{self.page_id}",
                                params={"fields": "access_token"}).json()
        token = body.get("access_token") if isinstance(body, dict) else None
        if not token:  # the person who connected lost their role on the page
            raise AuthorizationExpired(
                self.person.network, "quien conectó la cuenta ya no administra la página")
        self.token = str(token)
        return True


def page_client(person: ApiClient, page_id: str, label: str) -> ApiClient:
    """A client like `person`'s that writes as the page (its page token)."""
    return ApiClient(person.base_url, network=label, tokens=PageToken(person, page_id),
                     clock=person.clock, classify=person.classify, session=person.http,
                     sleep=person.sleep, policy=person.policy, timeout=person.timeout)
