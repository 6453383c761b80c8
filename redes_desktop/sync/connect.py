"""The engine for the shared database: URL from the settings, password from the keyring."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable

SECRET_KEY = "base-compartida"


def shared_engine(url: str, secrets: SecretStore | None = None) -> Engine:
    if not url:
        raise UserFacingError(
            "No está configurada la base de datos compartida. Indique su dirección en la "
            "configuración (o con --database-url postgresql+psycopg://usuario@servidor/base)."
        )
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise UserFacingError(
            f"La dirección de la base compartida no es válida: «{url}». Use la forma "
            "postgresql+psycopg://usuario@servidor:5432/base."
        ) from error
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.password is None and secrets is not None:
        try:
            password = secrets.get(SECRET_KEY)
        except SecretsUnavailable:
            # No keyring: try without a password (trust or .pgpass); a server that wants one
            # answers with a clear connection error.
            password = None
        if password:
            parsed = parsed.set(password=password)
    return create_engine(
        parsed, pool_pre_ping=True, pool_size=2, max_overflow=2,
        connect_args={"connect_timeout": 5},
    )
