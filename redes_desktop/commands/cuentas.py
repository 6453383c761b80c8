"""`redes-desktop cuentas oficiales`: export the registry of official accounts (7.ix) for the
institutional portal, as CSV, JSON or an accessible HTML table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
