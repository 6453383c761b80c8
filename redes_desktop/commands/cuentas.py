"""`redes-desktop cuentas oficiales`: export the registry of official accounts (7.ix) for the
institutional portal, as CSV, JSON or an accessible HTML table. `redes-desktop cuentas personal`:
CNCS marks an account as the personal account of a Consejera or Consejero Electoral (7.vi),
proving who they are like every command that changes something (`commands/signin.py`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redes_desktop.commands.check import NETWORK_CHOICES  # light: no data layer imported
from redes_desktop.commands.signin import add_sign_in
from redes_desktop.errors import UsageError, UserFacingError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cuentas", help="cuentas institucionales: registro oficial",
        description="Órdenes sobre las cuentas institucionales.",
    )
    inner = parser.add_subparsers(dest="cuentas_command", metavar="ORDEN")
    oficiales = inner.add_parser(
        "oficiales", help="exporta el registro de cuentas oficiales (criterio 7.ix)",
        description="Exporta las cuentas oficiales (autorizadas por CNCS y abiertas) para "
        "publicarlas en el portal institucional (criterio 7.ix).",
    )
    oficiales.add_argument("--format", choices=["csv", "json", "html"], default="csv",
                           help="formato de salida (csv por omisión)")
    oficiales.add_argument("--output", metavar="ARCHIVO",
                           help="escribe en ARCHIVO en vez de la salida estándar")
    oficiales.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                           help="carpeta de datos (también REDES_DATA_DIR)")
    oficiales.set_defaults(handler=run_official)
    personal = inner.add_parser(
        "personal", help="marca una cuenta como personal de una Consejera o Consejero "
        "Electoral (criterio 7.vi; solo CNCS)",
        description="El registro de cuentas oficiales solo incluye cuentas personales de "
        "Consejeras y Consejeros Electorales (criterio 7.vi). Solo la CNCS hace el cambio, "
        "como la persona elegida en esta estación.")
    personal.add_argument("cuenta", metavar="CUENTA", help="su @usuario o su id")
    personal.add_argument("--red", choices=NETWORK_CHOICES,
                          help="la red, si el @usuario existe en varias")
    owner = personal.add_mutually_exclusive_group(required=True)
    owner.add_argument("--de", metavar="CORREO", help="correo de la Consejera o el Consejero")
    owner.add_argument("--institucional", action="store_true",
                       help="la cuenta deja de ser personal")
    personal.add_argument("--json", action="store_true", help="imprime el resultado en JSON")
    personal.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                          help="carpeta de datos (también REDES_DATA_DIR)")
    add_sign_in(personal)
    personal.set_defaults(handler=run_personal)
    parser.set_defaults(handler=_missing_subcommand)


def _missing_subcommand(_args: argparse.Namespace) -> int:
    raise UsageError("Indique la orden, por ejemplo: redes-desktop cuentas oficiales "
                     "--format csv")


def run_official(args: argparse.Namespace) -> int:
    from redes_desktop.actions.official_accounts import official_accounts_text
    from redes_desktop.database import open_local_database
    from redes_desktop.paths import DataPaths, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir_sub or args.data_dir)
    paths = DataPaths(data_dir)
    if not paths.database.exists():
        raise UsageError(f"No hay base de datos en {data_dir}. Indique la carpeta de datos con "
                         "--data-dir.")
    database = open_local_database(paths.database)
    try:
        text = official_accounts_text(database, args.format)
    finally:
        database.dispose()
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserFacingError(
                f"No se pudo escribir «{args.output}» ({error.strerror or error}).") from error
    else:
        sys.stdout.write(text)
    return 0


def run_personal(args: argparse.Namespace) -> int:
    import json

    from redes_desktop.actions.personal_account import set_personal_account_by_handle
    from redes_desktop.clock import clock_of
    from redes_desktop.commands.common import command_context, existing_data_dir
    from redes_desktop.errors import AlreadyRunning
    from redes_desktop.models.enums import Network
    from redes_desktop.workspace import open_workspace

    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args), lock=True)
    except AlreadyRunning as error:
        raise AlreadyRunning(
            f"Redes INE está abierto con la carpeta de datos {root}: haga el cambio en Cuentas › "
            "Cuenta personal…, o cierre la ventana y vuelva a intentarlo. No se cambió nada."
        ) from error
    try:
        with command_context(workspace) as context:
            from redes_desktop.commands.signin import sign_in_for_command

            identity = sign_in_for_command(context, args)  # a change: proven, as in the window
            handle, owner = set_personal_account_by_handle(
                context.database, args.cuenta, None if args.institucional else args.de,
                network=Network(args.red) if args.red else None,
                person_id=identity.person_id if identity else None, clock=context.clock,
                recorder=context.recorder)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps({"cuenta": handle, "personal_de": owner}, ensure_ascii=False))
    else:
        print(f"{handle}: cuenta personal de {owner}." if owner else
              f"{handle}: cuenta institucional.")
    return 0
