"""`redes-desktop sync`: one sync with the shared database; prints what moved."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sync", help="sincroniza una vez con la base de datos compartida",
        description="Envía los cambios hechos en esta estación y recibe los de las demás. "
        "Sale con 0 si terminó, 7 si la base compartida no está disponible.",
    )
    parser.add_argument("--database-url", metavar="URL",
                        help="base compartida (por omisión, la de la configuración)")
    parser.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                        help="carpeta de datos (también REDES_DATA_DIR)")
    parser.add_argument("--batch-size", type=int, default=2000, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uuid

    from redes_desktop.paths import resolve_data_dir
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.sync.connect import shared_engine
    from redes_desktop.sync.engine import SyncEngine
    from redes_desktop.workspace import open_workspace

    workspace = open_workspace(resolve_data_dir(args.data_dir_sub or args.data_dir))
    try:
        database = workspace.open_database()
        url = args.database_url or workspace.settings.shared_database_url
        shared = shared_engine(url, SecretStore())
        person = workspace.settings.current_person_id
        try:
            engine = SyncEngine(database.engine, shared,
                                person_id=uuid.UUID(person) if person else None,
                                batch_size=args.batch_size)
            report = engine.sync()
        finally:
            shared.dispose()
    finally:
        workspace.close()
    print("Sincronización terminada.")
    for line in report.lines():
        print(line)
    return 0
