"""`redes-desktop buzon recibir`: bring the connected accounts' comments, mentions and messages
into the inbox from the command line (issue 17) — a scheduled task for when the program is
closed. Incremental, as the window's job: only what is newer than each account's cursor."""

from __future__ import annotations

import argparse
import json

from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    existing_data_dir,
)
from redes_desktop.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "buzon", help="buzón: recibe comentarios, menciones y mensajes",
        description="Buzón de las cuentas conectadas con su red en esta estación.")
    orders = parser.add_subparsers(dest="buzon_command", metavar="ORDEN",
                                   parser_class=type(parser))
    fetch = orders.add_parser(
        "recibir", help="trae ahora lo nuevo de cada cuenta conectada",
        description="Trae los comentarios, menciones y mensajes nuevos de cada cuenta "
        "conectada (para una tarea programada del sistema cuando el programa está cerrado).")
    fetch.add_argument("--json", action="store_true", help="imprime un objeto JSON")
    add_data_dir(fetch)
    fetch.set_defaults(handler=run_fetch)

    def missing(_args: argparse.Namespace) -> int:
        raise UsageError("Indique la orden: «buzon recibir».")

    parser.set_defaults(handler=missing)


def run_fetch(args: argparse.Namespace) -> int:
    from redes_desktop.actions.inbox_poll import inbox_poller
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.clock import clock_of
    from redes_desktop.errors import AlreadyRunning
    from redes_desktop.workspace import open_workspace

    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args), lock=True)
    except AlreadyRunning:
        print("Redes INE está abierto con esta carpeta de datos y ya recibe el buzón por sí "
              "mismo; no se hizo nada.")
        return 0
    try:
        with command_context(workspace) as context:
            report = inbox_poller(context.database, clock=context.clock,
                                  recorder=context.recorder, secrets=context.secrets,
                                  networks=NetworkSettings.of(workspace.settings,
                                                              context.secrets)).poll(force=True)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps({"nuevos": report.new_items, "cuentas": report.accounts,
                          "errores": {str(k): v for k, v in report.failed.items()},
                          "avisos": [{"titulo": n.title, "mensaje": n.message}
                                     for n in report.notifications]}, ensure_ascii=False))
    else:
        for note in report.notifications:
            print(f"{note.title}: {note.message}")
        for message in report.failed.values():
            print(message)
        print(f"Nuevos en el buzón: {report.new_items} · cuentas conectadas: "
              f"{report.accounts} · con error: {len(report.failed)}.")
    return 1 if report.failed else 0
