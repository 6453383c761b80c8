"""The engine for the shared database: URL from the settings, password from the keyring.

A password written inside the URL still works, but `password_note()` tells the user to move it
to the keyring; no message ever shows it (`shown_url()`)."""

from __future__ import annotations

import re

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from redes_desktop.errors import UserFacingError
from redes_desktop.secrets_store import SecretStore, SecretsUnavailable
from redes_desktop.sync.server_bookkeeping import LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS

SECRET_KEY = "base-compartida"
PASSWORD_IN_SETTINGS = (
    "La dirección de la base compartida en la configuración lleva la contraseña: se usó, pero "
    "cualquiera que lea el archivo de configuración la ve. Abra Archivo → Preferencias → Base "
    "compartida y pulse «Guardar»: la contraseña pasa al almacén de secretos (clave "
    f"«{SECRET_KEY}») y sale de la dirección."
)


FORM = "postgresql+psycopg://usuario@servidor:5432/base"


class SharedAddressError(UserFacingError):
    """The shared database's address cannot be used (exit 2, like a wrong command line)."""

    exit_code = 2


def shown_url(url: str) -> str:
    """The URL for messages: never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _strip_password(url)


def _strip_password(url: str) -> str:
    # Not parseable: hide whatever sits between "user:" and "@".
    return re.sub(r"(?<=:)[^:@/\s]+(?=@)", "***", url)


def password_note(url: str) -> str:
    """What to tell the user when the URL itself carries a password ("" when it does not)."""
    try:
        return PASSWORD_IN_SETTINGS if url and make_url(url).password else ""
    except (ArgumentError, ValueError):
        return ""


def shared_engine(url: str, secrets: SecretStore | None = None, *,
                  timeouts: bool = True) -> Engine:
    """The engine; `timeouts`: lock and statement timeouts on every connection (the sync's;
    `shared-db init` runs migrations that may take longer)."""
    if not url or not url.strip():
        raise UserFacingError(
            "No está configurada la base de datos compartida. Indique su dirección en "
            "Archivo → Preferencias → Base compartida (o con --database-url "
            "postgresql+psycopg://usuario@servidor/base en la línea de órdenes)."
        )
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError) as error:
        raise SharedAddressError(
            f"La dirección de la base compartida no es válida: «{shown_url(url)}». Use la forma "
            f"{FORM}."
        ) from error
    if parsed.get_backend_name() != "postgresql":
        raise SharedAddressError(
            f"La base compartida debe ser PostgreSQL, y «{shown_url(url)}» es de otro tipo "
            f"({parsed.get_backend_name()}). Use la forma {FORM}; no se sincronizó nada y el "
            "trabajo local sigue intacto."
        )
    if parsed.drivername in ("postgresql", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # the driver this program ships
    if parsed.drivername != "postgresql+psycopg":
        raise SharedAddressError(
            f"Esta versión del programa no trae el controlador «{parsed.drivername}» que pide "
            f"«{shown_url(url)}». Use la forma {FORM}; no se sincronizó nada."
        )
    if parsed.password is None and secrets is not None:
        try:
            password = secrets.get(SECRET_KEY)
        except SecretsUnavailable:
            # No keyring: try without a password (trust or .pgpass); a server that wants one
            # answers with a clear connection error.
            password = None
        if password:
            parsed = parsed.set(password=password)
    try:
        engine = create_engine(
            parsed, pool_pre_ping=True, pool_size=2, max_overflow=2,
            connect_args={"connect_timeout": 5},
        )
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError, TypeError) as error:
        raise SharedAddressError(
            f"La dirección de la base compartida «{shown_url(url)}» no se puede usar ({error}). "
            f"Use la forma {FORM}."
        ) from error
    if timeouts:
        event.listen(engine, "connect", _set_timeouts)
    return engine


def _set_timeouts(dbapi_connection, _record) -> None:
    """Nothing the sync sends waits forever: not for a lock another login holds, nor for a
    statement the server cannot finish."""
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}; "
                       f"SET statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
    dbapi_connection.commit()
