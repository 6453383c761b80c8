"""`redes-desktop shared-db init|grant`: prepare the shared PostgreSQL database and its logins."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "shared-db", help="prepara la base de datos compartida (PostgreSQL)",
        description="Crea o actualiza el esquema compartido, sus roles y sus reglas de acceso, "
        "y da de alta el usuario de base de datos de cada persona.",
    )
    actions = parser.add_subparsers(dest="shared_action", metavar="ACCIÓN", required=True)
    init = actions.add_parser("init", help="crea o actualiza el esquema, roles y políticas")
    init.add_argument("--database-url", required=True, metavar="URL")
    init.add_argument("--group-role", default=None, metavar="ROL",
                      help="rol de grupo de las personas (redes_personas por omisión)")
    init.set_defaults(handler=run_init)
    grant = actions.add_parser("grant", help="crea el usuario de base de datos de una persona")
    grant.add_argument("person", metavar="CORREO", help="correo institucional de la persona")
    grant.add_argument("--database-url", required=True, metavar="URL")
    grant.add_argument("--password", action="store_true",
                       help="genera una contraseña y la muestra una sola vez")
    grant.set_defaults(handler=run_grant)


def _engine(args: argparse.Namespace):
    from redes_desktop.commands.common import data_dir_of
    from redes_desktop.sync.connect import shared_engine
    from redes_desktop.vault.choice import command_store

    # Migrations may run long: no statement timeout here.
    return shared_engine(args.database_url, command_store(data_dir_of(args)), timeouts=False)


def run_init(args: argparse.Namespace) -> int:
    from redes_desktop.sync.shared_schema import DEFAULT_GROUP_ROLE, init_shared_database

    engine = _engine(args)
    try:
        revision = init_shared_database(engine, args.group_role or DEFAULT_GROUP_ROLE)
    finally:
        engine.dispose()
    print(f"Base compartida lista (esquema {revision}): tablas, registro de cambios, "
          "roles y reglas de acceso por área.")
    return 0


def run_grant(args: argparse.Namespace) -> int:
    import secrets

    from redes_desktop.sync.shared_schema import grant_person

    password = secrets.token_urlsafe(18) if args.password else None
    engine = _engine(args)
    try:
        role = grant_person(engine, args.person, password)
    finally:
        engine.dispose()
    print(f"Usuario de base de datos «{role}» listo para {args.person}.")
    if password:
        print(f"Contraseña (se muestra una sola vez; guárdela en la estación de la persona con "
              f"«redes-desktop secretos guardar base-compartida»): {password}")
    return 0
