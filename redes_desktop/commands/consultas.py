"""`redes-desktop consultas`: the queue of consultations to CNCS (6.viii) from the command line.

    redes-desktop consultas list [--state S] [--json] [--data-dir D]
    redes-desktop consultas expire [--data-dir D]     # the 48-hour rule now (scheduled task)
"""

from __future__ import annotations

import argparse
import json

from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    open_existing_workspace,
)
from redes_desktop.errors import UsageError

STATES = ["pendiente", "aprobada", "rechazada", "requiere_cambios", "no_procedente"]



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "consultas", help="consultas a la CNCS: lista y regla de 48 horas",
        description="Consultas a la Coordinación Nacional de Comunicación Social (criterio "
        "6.viii): lista la cola o aplica ahora la regla de 48 horas.",
    )
    orders = parser.add_subparsers(dest="consultas_command", metavar="ORDEN",
                                   parser_class=type(parser))
    listing = orders.add_parser("list", help="lista las consultas",
                                description="Lista las consultas, la más reciente primero.")
    listing.add_argument("--state", choices=STATES, help="solo las de este estado")
    listing.add_argument("--json", action="store_true", help="imprime un arreglo JSON")
    add_data_dir(listing)
    listing.set_defaults(handler=run_list)
    expire = orders.add_parser(
        "expire", help="aplica ahora la regla de 48 horas",
        description="Marca «No procedente — sin respuesta en 48 h» las consultas pendientes cuyo "
        "plazo ya venció y avisa por correo (para una tarea programada).")
    add_data_dir(expire)
    expire.set_defaults(handler=run_expire)
    parser.set_defaults(handler=_missing_order(parser))


def _missing_order(parser: argparse.ArgumentParser):
    def handler(_args: argparse.Namespace) -> int:
        raise UsageError("Indique la orden: «consultas list» o «consultas expire».")

    return handler


def run_list(args: argparse.Namespace) -> int:
    from redes_desktop.actions.list_consultations import all_consultations
    from redes_desktop.models import ConsultationState
    from redes_desktop.services.consultation_rules import format_countdown, remaining

    # reading only: works while the window is open
    workspace = open_existing_workspace(args, lock=False)
    try:
        now = workspace.clock()
        state = ConsultationState(args.state) if args.state else None
        rows = all_consultations(workspace.open_database(), state=state)
    finally:
        workspace.close()
    if args.json:
        print(json.dumps([row.as_json(now) for row in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("No hay consultas" + (f" en estado «{state.label}»." if state else "."))
        return 0
    from redes_desktop.services.consultation_rules import format_mexico

    for row in rows:
        left = (format_countdown(remaining(row.deadline, now)) if row.is_open else "—")
        mail = " · correo pendiente" if row.mail_pending else ""
        print(f"{row.state.label:40} {left:>6}  {row.account_handle:24} {row.area_name[:40]:40} "
              f"{row.author_name} · enviada {format_mexico(row.sent_at, long=False)} · vence "
              f"{format_mexico(row.deadline, long=False)}{mail}")
    print(f"{len(rows)} consulta(s). Horas en el horario del centro de México.")
    return 0


def run_expire(args: argparse.Namespace) -> int:
    from redes_desktop.actions.consultation_mail import ConsultationMail
    from redes_desktop.actions.expire_consultations import expire_consultations
    from redes_desktop.errors import AlreadyRunning

    try:
        workspace = open_existing_workspace(args, lock=True)
    except AlreadyRunning:
        print("Redes INE está abierto con esta carpeta de datos y ya aplica la regla de 48 "
              "horas por sí mismo; no se hizo nada.")
        return 0
    try:
        # the expiries are recorded like any other action (8.iii)
        with command_context(workspace) as context:
            expiry = expire_consultations(context.database, clock=context.clock,
                                          recorder=context.recorder,
                                          mail=ConsultationMail.of(context))
    finally:
        workspace.close()
    if expiry.raced:
        print("Otra estación aplicó la regla de 48 horas al mismo tiempo; no se hizo nada "
              "aquí. Vuelva a ejecutar la orden para comprobarlo.")
        return 0
    for c in expiry.expired:
        print(f"{c.account_handle}: venció el plazo sin respuesta ({c.id}).")
    print(f"{len(expiry.expired)} consulta(s) quedaron «No procedente — sin respuesta en 48 h».")
    pending_mail = sum(1 for c in expiry.expired if c.answer_mail_pending)
    if pending_mail:
        print(f"{pending_mail} aviso(s) por correo quedaron pendientes y se reintentarán.")
    return 0
