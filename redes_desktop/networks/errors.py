"""What can go wrong when talking to a network, each as a Spanish sentence saying what to do.

`retryable` errors (rate limits, transient failures) are retried by the HTTP client or the
publishing queue; the others need a person. `ambiguous` means the request may have reached the
network: before sending it again the queue looks for it (a post is never sent twice)."""

from __future__ import annotations

from datetime import datetime

from redes_desktop.errors import UserFacingError


class NetworkError(UserFacingError):
    retryable = False
    ambiguous = False

    def __init__(self, message: str, *, network: str = "") -> None:
        super().__init__(message)
        self.network = network


class RateLimited(NetworkError):
    """429: the network asks us to wait until `retry_at`."""

    retryable = True

    def __init__(self, network: str, retry_at: datetime) -> None:
        local = retry_at.strftime("%H:%M UTC")
        super().__init__(
            f"{network} limitó las solicitudes de esta cuenta por un tiempo. El programa lo "
            f"intentará de nuevo por sí mismo a partir de las {local}; no hace falta hacer "
            "nada.",
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

    def __init__(self, network: str) -> None:
        super().__init__(
            f"La autorización de {network} para esta cuenta venció o fue revocada. Vuelva a "
            "conectarla en Cuentas › Conexión con la red.",
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
