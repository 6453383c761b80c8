"""`redes-desktop sesiones`: the calendar of Consejo General sessions (criterion 6.xxvii).

    redes-desktop sesiones lista [--todas] [--json]
    redes-desktop sesiones alta --nombre N --fecha AAAA-MM-DD --inicio HH:MM --fin HH:MM [--json]
    redes-desktop sesiones baja ID [--json]

Dates and times are Mexico City's. Only the CNCS reviewers enter or remove sessions; who makes a
change proves it (`commands/signin.py`: `--como`, the password; exit 12 without it) and the
change goes to the bitácora (8.iii). While a session runs,
the Redactor warns when an account posts about more than three topics (6.xxvii).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    existing_data_dir,
)
from redes_desktop.commands.signin import add_sign_in, sign_in_for_command
from redes_desktop.errors import AlreadyRunning, UsageError

if TYPE_CHECKING:
    from redes_desktop.context import AppContext
    from redes_desktop.services.council_sessions import SessionRow


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{value}» no es una fecha AAAA-MM-DD (por ejemplo 2026-03-12)") from None


def _time(value: str) -> time:
    try:
        return datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{value}» no es una hora HH:MM de 24 horas (por ejemplo 10:00 o 18:30)") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sesiones", help="sesiones del Consejo General en el calendario (criterio 6.xxvii)",
        description="El calendario de sesiones del Consejo General: durante una sesión, el "
        "Redactor advierte si una cuenta publica más de tres temas (criterio 6.xxvii). Solo "
        "la CNCS registra o quita sesiones. Fechas y horas de la Ciudad de México.")
    orders = parser.add_subparsers(dest="sesiones_command", metavar="ORDEN",
                                   parser_class=type(parser))

    def order(name: str, help_text: str, handler, *, changes: bool = True):
        sub = orders.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="imprime el resultado en JSON")
        add_data_dir(sub)
        if changes:
            add_sign_in(sub)
        sub.set_defaults(handler=handler)
        return sub

    listing = order("lista", "lista las sesiones (desde hace una semana)", run_list,
                    changes=False)
    listing.add_argument("--todas", action="store_true",
                         help="incluye las sesiones que terminaron hace más de una semana")
    add = order("alta", "registra una sesión (solo CNCS)", run_add)
    add.add_argument("--nombre", required=True,
                     help="por ejemplo «Sesión extraordinaria del Consejo General»")
    add.add_argument("--fecha", required=True, type=_day, metavar="AAAA-MM-DD")
    add.add_argument("--inicio", required=True, type=_time, metavar="HH:MM")
    add.add_argument("--fin", required=True, type=_time, metavar="HH:MM")
    remove = order("baja", "quita una sesión del calendario (solo CNCS)", run_remove)
    remove.add_argument("id", metavar="ID", help="el identificador que muestra «sesiones lista»")

    def missing(_args: argparse.Namespace) -> int:
        raise UsageError("Indique la orden, por ejemplo: redes-desktop sesiones lista.")

    parser.set_defaults(handler=missing)


@contextmanager
def _context(args: argparse.Namespace, *, write: bool) -> Iterator[AppContext]:
    from redes_desktop.clock import clock_of
    from redes_desktop.workspace import open_workspace

    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args), lock=write)
    except AlreadyRunning as error:
        raise AlreadyRunning(
            f"Redes INE está abierto con la carpeta de datos {root}: registre la sesión en "
            "Informes › Consejo General, o cierre la ventana y vuelva a intentarlo. No se "
            "cambió nada.") from error
    try:
        with command_context(workspace, record=write) as context:
            if write:  # a change: the person proves who they are, as in the window
                sign_in_for_command(context, args)
            else:
                context.load_identity()
            yield context
    finally:
        workspace.close()


def _person(context: AppContext):
    return context.identity.person_id if context.identity else None


def _as_json(row: SessionRow) -> dict:
    from redes_desktop.clock import to_mexico

    start, end = to_mexico(row.starts_at), to_mexico(row.ends_at)
    return {"id": str(row.id), "nombre": row.title, "fecha": start.date().isoformat(),
            "inicio": f"{start:%H:%M}", "fin": f"{end:%H:%M}",
            "inicio_utc": row.starts_at.isoformat(), "fin_utc": row.ends_at.isoformat()}


def _line(row: SessionRow) -> str:
    data = _as_json(row)
    day = date.fromisoformat(data["fecha"])
    return f"{day:%d/%m/%Y} {data['inicio']}–{data['fin']}  {row.title}  ({row.id})"


def _print(args: argparse.Namespace, payload, text: str) -> int:
    print(json.dumps(payload, ensure_ascii=False, indent=1) if args.json else text)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from redes_desktop.actions.council_sessions import council_sessions

    with _context(args, write=False) as context:
        rows = council_sessions(context.database, clock=context.clock, everything=args.todas)
    lines = [_line(r) for r in rows]
    lines.append(f"{len(rows)} sesión(es)." if rows else
                 "No hay sesiones en el calendario. La CNCS las registra con «sesiones alta».")
    return _print(args, [_as_json(r) for r in rows], "\n".join(lines))


def run_add(args: argparse.Namespace) -> int:
    from redes_desktop.actions.council_sessions import add_council_session_on, council_sessions

    with _context(args, write=True) as context:
        new_id = add_council_session_on(
            context.database, title=args.nombre, day=args.fecha, start=args.inicio,
            end=args.fin, person_id=_person(context), clock=context.clock,
            recorder=context.recorder)
        row = next(r for r in council_sessions(context.database, clock=context.clock,
                                               everything=True) if r.id == new_id)
    return _print(args, _as_json(row), f"Sesión registrada: {_line(row)}")


def run_remove(args: argparse.Namespace) -> int:
    from redes_desktop.actions.council_sessions import remove_council_session

    with _context(args, write=True) as context:
        remove_council_session(context.database, args.id, person_id=_person(context),
                               clock=context.clock, recorder=context.recorder)
    return _print(args, {"id": args.id, "baja": True},
                  f"La sesión {args.id} se quitó del calendario.")
