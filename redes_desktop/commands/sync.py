"""`redes-desktop sync`: one sync with the shared database; prints what moved."""

from __future__ import annotations

import argparse

from redes_desktop.commands.common import add_data_dir, command_context


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync", help="sincroniza una vez con la base de datos compartida",
        description="Envía los cambios hechos en esta estación y recibe los de las demás. "
        "Sale con 0 si terminó; 1 si la sincronización falló (se reintenta sin perder nada); "
        "2 si la dirección de la base compartida no sirve (no es PostgreSQL o está mal "
        "escrita); 4 si alguna base no tiene el esquema de esta versión; 7 si la base "
        "compartida no está disponible; 10 si la base local está ocupada por otro programa.",
    )
    parser.add_argument("--database-url", metavar="URL",
                        help="base compartida (por omisión, la de la configuración)")
    add_data_dir(parser)
    parser.add_argument("--batch-size", type=int, default=2000, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from redes_desktop.clock import clock_of
    from redes_desktop.commands.common import data_dir_of
    from redes_desktop.context_setup import make_sync_engine, record_sync
    from redes_desktop.workspace import open_workspace

    workspace = open_workspace(data_dir_of(args), clock=clock_of(args))
    try:
        with command_context(workspace) as context:
            engine, note = make_sync_engine(context, args.database_url,
                                            batch_size=args.batch_size)
            try:
                report = engine.sync()
            finally:
                engine.shared.dispose()
            record_sync(context, report)
    finally:
        workspace.close()
    if note:
        print(note)
    print("Sincronización terminada.")
    for line in report.lines():
        print(line)
    return 0
