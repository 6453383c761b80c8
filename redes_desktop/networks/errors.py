"""What can go wrong when talking to a network, each as a Spanish sentence saying what to do.

`retryable` errors (rate limits, transient failures) are retried by the HTTP client or the
publishing queue; the others need a person. `ambiguous` means the request may have reached the
network: before sending it again the queue looks for it (a post is never sent twice)."""

from __future__ import annotations

import re
from datetime import datetime

from redes_desktop.errors import UserFacingError

# What must never reach a message, the database, the bitácora or a notification: a token or a
# code given as a query or form parameter (the Graph API takes `access_token=` in the URL), a
# JSON member, or an Authorization header echoed back by a proxy's error page.
_SECRET_NAMES = (r"access_token|refresh_token|id_token|client_secret|code_verifier|code|"
                 r"upload_id|fb_exchange_token|appsecret_proof|token|password")
_SECRET_PATTERNS = (
    re.compile(rf"((?<![A-Za-z0-9_])(?:{_SECRET_NAMES})=)([^&\s'\"<>]+)", re.IGNORECASE),
    re.compile(rf"([\"']?(?:{_SECRET_NAMES})[\"']?\s*:\s*[\"'])([^\"']+)", re.IGNORECASE),
    re.compile(r"(\b(?:Bearer|Basic)\s+)([A-Za-z0-9._~+/=-]+)", re.IGNORECASE),
)
HIDDEN = "[oculto]"


def redact(text: str, *known: str | None) -> str:
    """`text` with the values of secret-looking parameters, and each `known` secret (a token
    that was sent), replaced by «[oculto]»."""
    for secret in known:
        if secret and len(secret) >= 8:
            text = text.replace(secret, HIDDEN)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda match: match.group(1) + HIDDEN, text)
    return text


class NetworkError(UserFacingError):
    retryable = False
    ambiguous = False

    def __init__(self, message: str, *, network: str = "") -> None:
        super().__init__(redact(message))
        self.network = network


class RateLimited(NetworkError):
    """429: the network asks us to wait until `retry_at`."""

    retryable = True

    def __init__(self, network: str, retry_at: datetime) -> None:
        from redes_desktop.clock import to_mexico

        local = to_mexico(retry_at)  # the people read México City's time, never UTC
        super().__init__(
            f"{network} limitó las solicitudes de esta cuenta por un tiempo. El programa lo "
            f"intentará de nuevo por sí mismo a partir de las {local:%H:%M} del "
            f"{local:%d/%m/%Y} (hora del centro de México); no hace falta hacer nada.",
            network=network,
        )
        self.retry_at = retry_at


class TransientNetworkError(NetworkError):
    """5xx, a refused or broken connection, a timeout."""

    retryable = True

    def __init__(self, network: str, detail: str, *, ambiguous: bool = False) -> None:
        super().__init__(
            f"{network} no respondió como se esperaba ({detail}). El programa lo intentará de "
            "nuevo en unos minutos; si persiste, revise la conexión a Internet.",
            network=network,
        )
        self.ambiguous = ambiguous


class AuthorizationExpired(NetworkError):
    """401 after a refresh: the connection must be authorised again."""

    def __init__(self, network: str, why: str = "") -> None:
        reason = (f"En {network}, {why}" if why else
                  f"La autorización de {network} para esta cuenta venció o fue revocada")
        super().__init__(
            f"{reason}. Vuelva a conectarla en Cuentas › Conexión con la red"
            + (" con un usuario que la administre." if why else "."),
            network=network,
        )


class NotConnected(NetworkError):
    def __init__(self, network: str) -> None:
        super().__init__(
            f"Esta cuenta no está conectada con {network}. Conéctela en Cuentas › Conexión con "
            "la red, o publique a mano y pegue el enlace.",
            network=network,
        )


class DuplicateContent(NetworkError):
    def __init__(self, network: str) -> None:
        super().__init__(
            f"{network} rechazó la publicación por ser idéntica a una anterior. Cambie el texto "
            "o revise si ya se publicó (criterio 6.xxviii: no repetir contenido).",
            network=network,
        )


class MediaRefused(NetworkError):
    def __init__(self, network: str, detail: str) -> None:
        super().__init__(
            f"{network} no aceptó la imagen o el video ({detail}). Revise su formato y tamaño "
            "(criterio 6.xxii) y vuelva a intentarlo.",
            network=network,
        )


class NetworkRefused(NetworkError):
    """Any other permanent refusal (4xx): the network's own words are kept for the record."""

    def __init__(self, network: str, status: int, detail: str) -> None:
        super().__init__(
            f"{network} rechazó la solicitud (código {status}: {detail}). Corrija lo indicado "
            "y vuelva a intentarlo.",
            network=network,
        )
        self.status = status


def same_handle(one: str, other: str) -> bool:
    """«@INEMexico» and «inemexico» name the same account (networks ignore case)."""
    return one.strip().lstrip("@").casefold() == other.strip().lstrip("@").casefold()


class WrongAccount(NetworkError):
    """Who authorised on the network is not the institutional account being connected (a
    personal account, another page): nothing is stored."""

    def __init__(self, network: str, expected: str, found: list[str]) -> None:
        shown = ", ".join(found[:5]) or "ninguna cuenta"
        expected = "@" + expected.strip().lstrip("@")
        super().__init__(
            f"En {network} se autorizó {shown}, no la cuenta {expected} que se está conectando; "
            f"no se guardó nada. Entre en {network} desde el navegador con el usuario que "
            f"administra {expected} (cierre antes la otra sesión) y vuelva a conectar. Si el "
            "nombre de la cuenta está mal escrito en el programa, corríjalo en Cuentas.",
            network=network)


class UntrustedAddress(NetworkError):
    """The network (or something posing as it) named an address on another host — a redirect,
    an upload session — that must not receive the account's token."""

    def __init__(self, network: str, host: str) -> None:
        super().__init__(
            f"{network} indicó continuar en una dirección ajena a la red ({host}); no se envió "
            "nada allí. Vuelva a intentarlo más tarde; si se repite, avise al área de "
            "sistemas: puede haber un intermediario en la conexión.",
            network=network,
        )
        self.host = host
