"""Sign-in against the shared database: the person connects with their own login role and
password (the server checks them), and `db_logins` must map that login to the very person
who signs in (`redes_person()`). Any other answer refuses."""

from __future__ import annotations

import uuid

from redes_desktop.errors import UserFacingError
from redes_desktop.signin.credentials import SignInRefused

# SQLSTATE class 28: invalid authorization (wrong password, unknown role, not allowed).
_AUTH_STATES = ("28000", "28P01")


class SharedUnreachable(UserFacingError):
    """The shared database did not answer: the local credential may be used instead."""


def login_url(url: str, login: str, password: str):
    """The shared database's address with the person's own login and password (a password
    written in the configured address is never used for a person's sign-in)."""
    from sqlalchemy.engine import make_url

    # `URL.set` keeps a part given as None: `_replace` is the only way to drop the password.
    return make_url(url.strip())._replace(username=login, password=password or None)


def verify_shared_login(url: str, login: str, password: str, person_id: uuid.UUID) -> None:
    """Return when `login`/`password` open the shared database and that login is the person's;
    `SignInRefused` otherwise; `SharedUnreachable` when the server cannot be reached."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from redes_desktop.sync.connect import shared_engine

    if not login or not login.strip():
        raise SignInRefused("Escriba su usuario de la base compartida.")
    if not password:
        # Without a password the client gives up before asking the server (it would read as
        # «no responde» and open the offline path): an empty password is simply refused.
        raise SignInRefused("Escriba su contraseña de la base compartida.")
    engine = shared_engine(
        login_url(url, login.strip(), password).render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            mapped = conn.execute(text("SELECT redes_person()")).scalar()
    except DBAPIError as error:
        state = getattr(error.orig, "sqlstate", None)
        # psycopg reports a refused connection without a SQLSTATE; the server's own refusal
        # (wrong password, unknown role, no access) carries its «FATAL:» message.
        said = str(error.orig)
        if state in _AUTH_STATES or (state is None and any(
                mark in said for mark in ("FATAL:", "fe_sendauth", "authentication failed"))):
            raise SignInRefused(
                "La base compartida rechazó el usuario o la contraseña. Revíselos y vuelva a "
                "intentarlo.") from error
        if state is None:
            raise SharedUnreachable(
                "La base compartida no responde; se puede entrar con la contraseña local de "
                "esta estación.") from error
        raise SignInRefused(
            f"La base compartida no confirmó su identidad ({state}). Pida al revisor de la "
            "CNCS que revise su usuario.") from error
    finally:
        engine.dispose()
    if mapped is None or uuid.UUID(str(mapped)) != person_id:
        raise SignInRefused(
            "Ese usuario de la base compartida no pertenece a la persona elegida. Entre con "
            "su propio usuario.")
