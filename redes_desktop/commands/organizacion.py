"""`redes-desktop organizacion`: areas, people and roles (issue 14), for the CNCS reviewers.

    redes-desktop organizacion areas [--json]
    redes-desktop organizacion personas [--json]
    redes-desktop organizacion alta-area --nombre N --tipo T [--entidad E] [--siglas S]
    redes-desktop organizacion alta-persona --nombre N --correo C --nivel L --area A
    redes-desktop organizacion rol CORREO {revisor_cncs,titular_area,consejero_electoral} [--quitar]
    redes-desktop organizacion baja-persona CORREO
    redes-desktop organizacion cuentas [--json]
    redes-desktop organizacion administradores CUENTA --titular CORREO --suplente CORREO
                                           [--red RED] [--desde AAAA-MM-DD]
    redes-desktop organizacion importar ARCHIVO [--aplicar] [--solo-validas] [--json]

A change is made by a person who proves who they are (`commands/signin.py`: `--como CORREO`
or the person who last signed in here, and their password from the terminal or
REDES_DESKTOP_CONTRASENA; exit 12 when it is not proven). On a new installation without CNCS
reviewers, the first areas, people and reviewer may be set up here by whoever is at the
workstation. Listings and the import preview ask for no password.
"""

from __future__ import annotations

import argparse
import json
from contextlib import contextmanager
from pathlib import Path

from redes_desktop.commands.check import NETWORK_CHOICES  # light: no data layer imported
from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    existing_data_dir,
)
from redes_desktop.commands.signin import add_sign_in, sign_in_for_command
from redes_desktop.errors import AlreadyRunning, UsageError, UserFacingError

KINDS = ["oficinas_centrales", "junta_local", "junta_distrital"]
LEVELS = ["mando_superior", "mando_medio", "operativo"]
ROLES = ["revisor_cncs", "titular_area", "consejero_electoral"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "organizacion", help="áreas, personas y roles (revisores de la CNCS)",
        description="Administra las áreas, las personas y sus roles (criterio 5.1). Solo los "
        "revisores de la CNCS hacen cambios.")
    orders = parser.add_subparsers(dest="organizacion_command", metavar="ORDEN",
                                   parser_class=type(parser))

    def order(name: str, help_text: str, handler, *, json_flag: bool = True,
              changes: bool = True):
        sub = orders.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            sub.add_argument("--json", action="store_true", help="imprime el resultado en JSON")
        add_data_dir(sub)
        if changes:
            add_sign_in(sub)
        sub.set_defaults(handler=handler)
        return sub

    order("areas", "lista las áreas", run_areas, changes=False)
    order("personas", "lista las personas", run_people, changes=False)
    area = order("alta-area", "registra un área", run_add_area)
    area.add_argument("--nombre", required=True)
    area.add_argument("--tipo", required=True, choices=KINDS)
    area.add_argument("--entidad", help="entidad federativa (Juntas)")
    area.add_argument("--distrito", type=int, help="número de distrito (Juntas Distritales)")
    area.add_argument("--siglas", default="")
    person = order("alta-persona", "registra una persona", run_add_person)
    person.add_argument("--nombre", required=True)
    person.add_argument("--correo", required=True, help="correo institucional (@ine.mx)")
    person.add_argument("--nivel", required=True, choices=LEVELS)
    person.add_argument("--area", required=True, help="nombre o siglas del área")
    role = order("rol", "otorga o retira un rol", run_role)
    role.add_argument("correo")
    role.add_argument("rol", choices=ROLES)
    role.add_argument("--quitar", action="store_true", help="retira el rol en vez de otorgarlo")
    remove = order("baja-persona", "da de baja a una persona", run_remove)
    remove.add_argument("correo")
    order("cuentas", "lista las cuentas con sus administradores", run_accounts, changes=False)
    admins = order("administradores", "designa el titular y el suplente de una cuenta (5.1, "
                   "avisa según 7.iv)", run_administrators)
    admins.add_argument("cuenta", metavar="CUENTA", help="@usuario o id de la cuenta")
    admins.add_argument("--titular", required=True, metavar="CORREO")
    admins.add_argument("--suplente", required=True, metavar="CORREO")
    admins.add_argument("--red", choices=NETWORK_CHOICES,
                        help="la red, si el @usuario se usa en varias")
    admins.add_argument("--desde", metavar="AAAA-MM-DD", help="fecha de inicio (hoy si falta)")
    load = order("importar", "revisa o importa el directorio desde un CSV", run_import)
    load.add_argument("archivo", metavar="ARCHIVO")
    load.add_argument("--aplicar", action="store_true",
                      help="importa (sin esta opción solo muestra la revisión)")
    load.add_argument("--solo-validas", dest="solo_validas", action="store_true",
                      help="con --aplicar, importa las líneas sin problemas y omite las demás")

    def missing(_args: argparse.Namespace) -> int:
        raise UsageError("Indique la orden, por ejemplo: redes-desktop organizacion areas.")

    parser.set_defaults(handler=missing)


@contextmanager
def _procedures(args: argparse.Namespace, *, write: bool):
    """The collaborators of one command and the person at this workstation."""
    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.clock import clock_of
    from redes_desktop.workspace import open_workspace

    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args), lock=write)
    except AlreadyRunning as error:
        raise AlreadyRunning(
            f"Redes INE está abierto con la carpeta de datos {root}: haga el cambio en la "
            "sección Organización de la ventana, o ciérrela y vuelva a intentarlo. No se "
            "cambió nada.") from error
    try:
        # every change is recorded (8.iii); a listing records nothing
        with command_context(workspace, record=write) as context:
            if write:  # a change: the person proves who they are, as in the window
                identity = sign_in_for_command(context, args,
                                               required=not _initial_setup(context))
            else:
                identity = context.load_identity()
            yield Procedures.of(context), identity.person_id if identity else None
    finally:
        workspace.close()


def _initial_setup(context) -> bool:
    """No CNCS reviewer registered yet: whoever is at the workstation sets the directory up."""
    from redes_desktop.actions.organization import organization_view
    from redes_desktop.actions.procedures import Procedures

    return organization_view(Procedures.of(context), person_id=None).initial_setup


def _print(args: argparse.Namespace, payload, text: str) -> int:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(text)
    return 0


def run_areas(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import organization_view

    with _procedures(args, write=False) as (procedures, person_id):
        view = organization_view(procedures, person_id=person_id)
    lines = [f"{a.name:60} {a.kind_label:20} {a.state:20} titular: {a.titular or '(sin titular)'}"
             for a in view.areas]
    lines.append(f"{len(view.areas)} área(s)." if view.areas else
                 "No hay áreas registradas. Registre la primera con «organizacion alta-area».")
    return _print(args, [a.as_json() for a in view.areas], "\n".join(lines))


def run_people(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import organization_view

    with _procedures(args, write=False) as (procedures, person_id):
        view = organization_view(procedures, person_id=person_id)
    lines = [f"{p.name:40} {p.email:36} {p.level_label:15} {p.area_name[:40]:40} {p.roles_label}"
             for p in view.people]
    lines.append(f"{len(view.people)} persona(s).")
    return _print(args, [p.as_json() for p in view.people], "\n".join(lines))


def run_add_area(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import add_area
    from redes_desktop.models import AreaKind

    with _procedures(args, write=True) as (procedures, person_id):
        area_id = add_area(procedures, person_id=person_id, name=args.nombre,
                           kind=AreaKind(args.tipo), acronym=args.siglas, state=args.entidad,
                           district=args.distrito)
    return _print(args, {"id": area_id, "nombre": args.nombre},
                  f"Área «{args.nombre}» registrada.")


def run_add_person(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import add_person
    from redes_desktop.models import Level

    with _procedures(args, write=True) as (procedures, person_id):
        new_id = add_person(procedures, person_id=person_id, name=args.nombre,
                            email=args.correo, level=Level(args.nivel), area=args.area)
    return _print(args, {"id": new_id, "correo": args.correo.strip().lower()},
                  f"{args.nombre} registrada en {args.area}.")


def run_role(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import set_role
    from redes_desktop.models import Role

    role = Role(args.rol)
    with _procedures(args, write=True) as (procedures, person_id):
        set_role(procedures, person_id=person_id, email=args.correo, role=role,
                 grant=not args.quitar)
    verb = "retiró" if args.quitar else "otorgó"
    return _print(args, {"correo": args.correo, "rol": role.value, "otorgado": not args.quitar},
                  f"Se {verb} el rol «{role.label}» a {args.correo}.")


def run_remove(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import remove_person

    with _procedures(args, write=True) as (procedures, person_id):
        remove_person(procedures, person_id=person_id, email=args.correo)
    return _print(args, {"correo": args.correo, "baja": True},
                  f"{args.correo} quedó dada de baja.")


def run_accounts(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import account_administrators

    with _procedures(args, write=False) as (procedures, _person_id):
        rows = account_administrators(procedures)
    lines = [f"{r.handle:24} {r.network_label:10} {r.area_name[:40]:40} {r.status_label:12} "
             f"titular: {r.titular or '(sin designar)'}; suplente: "
             f"{r.suplente or '(sin designar)'}" for r in rows]
    lines.append(f"{len(rows)} cuenta(s).")
    return _print(args, [r.as_json() for r in rows], "\n".join(lines))


def run_administrators(args: argparse.Namespace) -> int:
    from datetime import date

    from redes_desktop.actions.organization import change_account_administrators

    since = None
    if args.desde:
        try:
            since = date.fromisoformat(args.desde)
        except ValueError as error:
            raise UsageError(f"«{args.desde}» no es una fecha AAAA-MM-DD.") from error
    with _procedures(args, write=True) as (procedures, person_id):
        outcome = change_account_administrators(
            procedures, person_id=person_id, account=args.cuenta, titular_email=args.titular,
            suplente_email=args.suplente, network=args.red, since=since)
    mail = (f"Se avisó por correo ({outcome.mails} mensaje(s))." if outcome.sent else
            "El aviso por correo quedó pendiente: " + "; ".join(outcome.errors)
            if outcome.errors else "")
    return _print(args, {"cuenta": args.cuenta, "titular": args.titular,
                         "suplente": args.suplente, "correos": outcome.mails,
                         "errores_correo": list(outcome.errors)},
                  f"Administradores de {args.cuenta}: titular {args.titular}, suplente "
                  f"{args.suplente}. {mail}".strip())


def run_import(args: argparse.Namespace) -> int:
    from redes_desktop.actions.organization import import_directory, preview_import

    try:
        data = Path(args.archivo).read_bytes()
    except OSError as error:
        raise UserFacingError(
            f"No se pudo leer «{args.archivo}» ({error.strerror or error}).") from error
    if args.solo_validas and not args.aplicar:
        raise UsageError("--solo-validas se usa junto con --aplicar.")
    with _procedures(args, write=args.aplicar) as (procedures, person_id):
        if not args.aplicar:
            preview = preview_import(procedures, data)
            text = _preview_text(preview)
            _print(args, preview.as_json(), text)
            return 0 if preview.clean else 1
        result = import_directory(procedures, person_id=person_id, data=data,
                                  only_valid=args.solo_validas)
    return _print(args, result.as_json(),
                  f"{result.created} persona(s) nuevas, {result.updated} actualizada(s), "
                  f"{result.unchanged} sin cambios, {result.skipped} línea(s) omitida(s).")


def _preview_text(preview) -> str:
    lines = [*preview.file_problems]
    for line in preview.lines:
        lines.append(f"Línea {line.number}: {line.email or '(sin correo)'} — {line.status.value}")
        lines.extend(f"    {problem}" for problem in line.problems)
    if preview.clean:
        lines.append(f"Sin problemas: {len(preview.lines)} línea(s). Impórtelo con --aplicar.")
    else:
        lines.append(f"{preview.problem_count} problema(s). No se importó nada; corríjalos o "
                     "use --aplicar --solo-validas para importar solo las líneas sin problemas.")
    return "\n".join(lines)
