"""A command that changes something proves who runs it, as the window does (issue 14).

The person is the one named with `--como CORREO`, else the one who last signed in at this
workstation. The password is the same one the window asks: with a shared database the person's
own database login (`--usuario-bd`, by default the e-mail), else this workstation's local
credential. It is read from `REDES_DESKTOP_CONTRASENA` (for scripts and scheduled tasks: the
same risk as `REDES_DESKTOP_PASSPHRASE`, README) or asked on the terminal (three tries).
Sign-ins and failures go to the bitácora (`origen: orden`) and failures slow down with the
same throttle as the window, kept in the data folder. Without a password, or with a wrong one,
the command changes nothing and exits 12 (`SignInNeeded` / `SignInRefused`).

Read-only commands do not ask: they only name the remembered person."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from redes_desktop.errors import SignInNeeded

if TYPE_CHECKING:
    from redes_desktop.context import AppContext, Identity

PASSWORD_ENV = "REDES_DESKTOP_CONTRASENA"
TRIES = 3
ORIGIN = "orden"

# Injected in tests (the throttle's waits) and for the terminal prompt.
sleep: Callable[[float], None] = time.sleep


def _ask(prompt: str) -> str:
    return getpass.getpass(prompt)


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def add_sign_in(parser: argparse.ArgumentParser) -> None:
    """`--como` and `--usuario-bd` on a command that changes something."""
    parser.add_argument(
        "--como", metavar="CORREO",
        help="quién hace el cambio (por omisión, quien entró por última vez en esta estación); "
        f"la contraseña se pide en la terminal o se toma de {PASSWORD_ENV}")
    parser.add_argument(
        "--usuario-bd", dest="usuario_bd", metavar="USUARIO",
        help="su usuario de la base compartida, si no es su correo")


def _person_named(context: AppContext, email: str) -> uuid.UUID:
    from redes_desktop.actions.choose_identity import identity_choices

    wanted = email.strip().lower()
    for person in identity_choices(context.database, clock=context.clock).people:
        if person.email.lower() == wanted:
            return person.person_id
    raise SignInNeeded(f"No hay una persona registrada con el correo «{email}» en esta "
                       "estación. Revise el correo de --como. No se cambió nada.")


def _needed(name: str) -> SignInNeeded:
    return SignInNeeded(
        f"Este cambio se registra a nombre de {name}, y antes hay que comprobar que es usted: "
        f"escriba su contraseña cuando la orden la pida en una terminal, o dela en la variable "
        f"de entorno {PASSWORD_ENV} (scripts y tareas programadas). No se cambió nada.")


def sign_in_for_command(context: AppContext, args: argparse.Namespace, *,
                        required: bool = True) -> Identity | None:
    """The proven identity of whoever runs this command (also set as `context.identity`).
    None only when nobody is named or remembered and `required` is False (a new installation
    being set up before its first CNCS reviewer exists)."""
    from redes_desktop.actions.sign_in import NEW_LOCAL, SignInService
    from redes_desktop.signin.credentials import SignInRefused
    from redes_desktop.signin.throttle import Throttle, throttle_path

    email = getattr(args, "como", None)
    if email:
        person_id = _person_named(context, email)
    else:
        remembered = context.load_identity()
        context.identity = None  # remembered is not proven
        if remembered is None:
            if not required:
                return None
            raise SignInNeeded(
                "No hay nadie que haya entrado en esta estación: indique quién hace el cambio "
                "con --como CORREO. No se cambió nada.")
        person_id = remembered.person_id
    service = SignInService.of(
        context, Throttle(sleeper=lambda seconds: sleep(seconds),
                          path=throttle_path(context.workspace.paths.root)), origin=ORIGIN)
    state = service.state(person_id)
    given = os.environ.get(PASSWORD_ENV)
    if given is None and not _interactive():
        raise _needed(state.name)
    if state.mode == NEW_LOCAL and given is not None:
        raise SignInNeeded(
            f"{state.name} aún no tiene contraseña en esta estación: entre una vez en la "
            "ventana (o ejecute la orden en una terminal) para elegirla. No se cambió nada.")
    login = getattr(args, "usuario_bd", None) or None
    tries = 1 if given is not None else TRIES
    for attempt in range(1, tries + 1):
        if given is not None:
            password, confirmation = given, None
        else:
            try:
                password = _ask(f"Contraseña de {state.name}: ")
                confirmation = (_ask("Elija esta contraseña: escríbala otra vez: ")
                                if state.mode == NEW_LOCAL else None)
            except (EOFError, KeyboardInterrupt) as stopped:
                raise SignInNeeded("No se escribió la contraseña. No se cambió nada.") from stopped
        try:
            identity = service.sign_in(person_id, password, confirmation=confirmation,
                                       login=login)
        except SignInRefused as refused:
            if attempt == tries:
                raise SignInRefused(f"{refused.message} No se cambió nada.") from refused
            print(refused.message, file=sys.stderr)
            continue
        context.identity = identity
        return identity
    raise AssertionError("unreachable")
