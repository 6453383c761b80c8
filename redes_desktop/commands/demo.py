"""`redes-desktop demo`: fill a data folder with a believable demo institution."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="llena la carpeta de datos con una institución de demostración",
        description="Llena la base de datos con una institución de demostración: las 32 Juntas "
        "Locales, áreas centrales, personas, cuentas, borradores y consultas.",
    )
    parser.add_argument(
        "--data-dir",
        dest="data_dir_sub",
        metavar="CARPETA",
        help="carpeta de datos (también REDES_DATA_DIR)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="reemplaza los datos existentes (se guarda un respaldo antes)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from redes_desktop.clock import clock_of
    from redes_desktop.paths import resolve_data_dir
    from redes_desktop.services.demo_folder import seed_demo_folder
    from redes_desktop.workspace import open_workspace

    workspace = open_workspace(
        resolve_data_dir(args.data_dir_sub or args.data_dir), clock=clock_of(args)
    )
    try:
        summary = seed_demo_folder(workspace, force=args.force)
    finally:
        workspace.close()
    print(summary)
    return 0
