"""`redes-desktop publicar`: the publishing queue from the command line (issue 17).

    redes-desktop publicar pendientes [--json] [--data-dir D]   # a scheduled task
    redes-desktop publicar cola [--json] [--data-dir D]         # what waits, and why

`pendientes` sends the scheduled posts whose time came, with the same guarantees as the window
(the criteria checked again where the request leaves, never twice, held during an incident).
When the program is open with the same data folder it already does this, and the command says
so and does nothing."""

from __future__ import annotations

import argparse
import json

from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    open_existing_workspace,
)
from redes_desktop.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "publicar", help="cola de publicación: envía las publicaciones programadas",
        description="Cola de publicación (las cuentas conectadas con su red en esta estación).")
    orders = parser.add_subparsers(dest="publicar_command", metavar="ORDEN",
                                   parser_class=type(parser))
    due = orders.add_parser(
        "pendientes", help="envía ahora las publicaciones cuya hora llegó",
        description="Envía las publicaciones programadas cuya hora llegó (para una tarea "
        "programada del sistema cuando el programa está cerrado).")
    due.add_argument("--json", action="store_true", help="imprime un objeto JSON")
    add_data_dir(due)
    due.set_defaults(handler=run_due_posts)
    listing = orders.add_parser("cola", help="lista la cola de publicación",
                                description="Lista lo que espera en la cola y por qué.")
    listing.add_argument("--json", action="store_true", help="imprime un arreglo JSON")
    add_data_dir(listing)
    listing.set_defaults(handler=run_list)

    def missing(_args: argparse.Namespace) -> int:
        raise UsageError("Indique la orden: «publicar pendientes» o «publicar cola».")

    parser.set_defaults(handler=missing)


def run_due_posts(args: argparse.Namespace) -> int:
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.actions.publishing import (
        LazyEngine,
        engine_builder,
        publishing_queue,
        run_due,
    )
    from redes_desktop.errors import AlreadyRunning

    try:
        workspace = open_existing_workspace(args, lock=True)
    except AlreadyRunning:
        print("Redes INE está abierto con esta carpeta de datos y ya envía las publicaciones "
              "programadas por sí mismo; no se hizo nada.")
        return 0
    try:
        settings = workspace.settings
        with command_context(workspace) as context:
            queue = publishing_queue(
                context.database, clock=context.clock, recorder=context.recorder,
                secrets=context.secrets,
                networks=NetworkSettings.of(settings, context.secrets),
                engine=LazyEngine(engine_builder(workspace.paths.root,
                                                 tuple(settings.official_domains),
                                                 settings.languagetool_url)),
                area_contacts=settings.area_contacts, media_dir=workspace.paths.media)
            report = run_due(queue)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps({
            "publicadas": [str(p) for p in report.published],
            "reintentos": [str(p) for p in report.retried],
            "fallidas": [str(p) for p in report.failed],
            "retenidas": [str(p) for p in report.held],
            "avisos": [{"titulo": n.title, "mensaje": n.message}
                       for n in report.notifications],
        }, ensure_ascii=False))
    else:
        for note in report.notifications:
            print(f"{note.title}: {note.message}")
        print(f"Publicadas: {len(report.published)} · por reintentar: {len(report.retried)} · "
              f"fallidas: {len(report.failed)} · retenidas por incidente: {len(report.held)}.")
    return 1 if report.failed else 0


def run_list(args: argparse.Namespace) -> int:
    from redes_desktop.actions.publishing_list import publishing_queue_rows

    workspace = open_existing_workspace(args, lock=False)
    try:
        rows = publishing_queue_rows(workspace.open_database())
    finally:
        workspace.close()
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("La cola de publicación está vacía.")
        return 0
    from redes_desktop.services.consultation_rules import format_mexico

    for row in rows:
        why = f" — {row.last_error}" if row.last_error else ""
        print(f"{row.state_label:10} {format_mexico(row.due_at, long=False):>22}  "
              f"{row.account_handle:24} {row.text_start}{why}")
    return 0
