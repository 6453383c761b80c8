"""`redes-desktop bitacora …`: verify the bitácora, export it for audits, verify an export, and
handle the readers key.

verify: exit 0 and the count when intact; exit 1 naming the first entry that fails (or the
anchor that is absent or disagrees).
export: verifies the whole bitácora first; entries are marked in the `verificacion` column and,
when something does not verify, the export is still written but the exit status is 1 with a
Spanish message naming the first bad entry.
reanclar: the way out of an anchor alarm that is bad luck (a lost keyring), not an attack
(bitacora/reanchor.py). Exit 0 when the anchors were restored (or there was no alarm), 1 when
the bitácora shows an alteration (an entry fails, an anchor runs ahead of the file or names
another MAC, the shared copy disagrees), 2 without a usable reason, 5 while the program is open
on the folder, 7 when the shared database cannot be reached (retry later), 11 when the person
using the workstation may not do it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from redes_desktop.commands.common import (
    add_data_dir,
    command_context,
    data_dir_of,
    existing_data_dir,
)
from redes_desktop.commands.signin import add_sign_in, sign_in_for_command
from redes_desktop.errors import UsageError, UserFacingError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bitacora", help="verifica y exporta la bitácora cifrada",
        description="Bitácora cifrada y a prueba de alteraciones (criterio 8.iii).",
    )
    orders = parser.add_subparsers(dest="bitacora_command", metavar="ORDEN", required=True)

    verify = orders.add_parser("verify", help="verifica toda la cadena de la bitácora")
    add_data_dir(verify)
    verify.set_defaults(handler=run_verify)

    export = orders.add_parser("export", help="exporta la bitácora para una auditoría")
    export.add_argument("--format", choices=["csv", "json"], default="csv", dest="fmt")
    export.add_argument("--account", metavar="CUENTA", help="id o @usuario de la cuenta")
    export.add_argument("--from", dest="date_from", metavar="AAAA-MM-DD",
                        help="desde ese día (hora de la Ciudad de México)")
    export.add_argument("--to", dest="date_to", metavar="AAAA-MM-DD", help="hasta ese día")
    export.add_argument("--output", "-o", metavar="ARCHIVO", help="archivo (por omisión, la "
                        "salida estándar)")
    add_data_dir(export)
    export.set_defaults(handler=run_export)

    check = orders.add_parser("verify-export", help="verifica un archivo exportado")
    check.add_argument("file", metavar="ARCHIVO")
    check.set_defaults(handler=run_verify_export)

    reanchor = orders.add_parser(
        "reanclar", help="restablece las anclas perdidas de la bitácora (p. ej., el llavero)",
        description="Cuando la única alarma es que falta o se quedó atrás un ancla (la copia "
        "en el llavero del sistema o en la base de datos local) y toda la bitácora verifica, "
        "vuelve a anclarla en su última entrada y lo registra en la bitácora con el motivo. "
        "Nunca si una entrada no verifica o la base compartida tiene entradas que el archivo "
        "no tiene. Lo hace el titular de un área o un revisor de CNCS. Sale con 0 si se "
        "restablecieron (o no había alarma), 1 si la bitácora muestra una alteración, 2 sin "
        "motivo, 5 si el programa está abierto, 7 si no se pudo consultar la base compartida "
        "y 11 si la persona no está autorizada; 12 si no se comprobó quién la ejecuta "
        "(--como y su contraseña).")
    reanchor.add_argument("--motivo", required=True, metavar="TEXTO",
                          help="qué se perdió y por qué (queda en la bitácora)")
    add_data_dir(reanchor)
    add_sign_in(reanchor)
    reanchor.set_defaults(handler=run_reanchor)

    readers = orders.add_parser("clave-lectores", help="genera o instala la clave de lectores")
    group = readers.add_mutually_exclusive_group(required=True)
    group.add_argument("--generar", action="store_true",
                       help="crea la clave de lectores de la institución y la muestra una vez")
    group.add_argument("--instalar", action="store_true",
                       help="lee la clave de lectores de la entrada estándar y la guarda")
    add_data_dir(readers)
    add_sign_in(readers)
    readers.set_defaults(handler=run_readers_key)


def _open(args):
    from redes_desktop.bitacora import open_bitacora
    from redes_desktop.clock import clock_of
    from redes_desktop.database import open_local_database
    from redes_desktop.paths import DataPaths
    from redes_desktop.vault.choice import command_store

    paths = DataPaths(data_dir_of(args))
    database = open_local_database(paths.database) if paths.database.exists() else None
    try:
        secrets = command_store(paths.root)
        return open_bitacora(paths, secrets, database, clock_of(args), create=False), database
    except BaseException:
        if database is not None:
            database.dispose()
        raise


def run_verify(args: argparse.Namespace) -> int:
    from redes_desktop.actions.read_bitacora import verify_bitacora

    bitacora, database = _open(args)
    try:
        integrity = verify_bitacora(bitacora)
    finally:
        bitacora.close()
        if database is not None:
            database.dispose()
    if integrity.ok:
        print(f"Bitácora íntegra: {integrity.checked} entradas verificadas.")
        return 0
    if not integrity.problems:  # the chain verifies, but an anchor is absent or disagrees
        print(f"ALTERADA: {integrity.blocked}")
        return 1
    for problem in integrity.problems:
        print(f"ALTERADA: {problem}")
    print(f"Se verificaron {integrity.checked} entradas antes de encontrar la alteración.")
    return 1


def _day(text: str | None) -> datetime | None:
    if not text:
        return None
    from redes_desktop.clock import mexico_tz

    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise UsageError(f"La fecha «{text}» no es válida; escríbala como AAAA-MM-DD.") from error
    return datetime.combine(day, time(0), tzinfo=mexico_tz())


def run_export(args: argparse.Namespace) -> int:
    from redes_desktop.actions.read_bitacora import account_id_for, audit_scope, export_bitacora
    from redes_desktop.bitacora.export import file_encoding
    from redes_desktop.bitacora.query import Filters

    since, until = _day(args.date_from), _day(args.date_to)
    bitacora, database = _open(args)
    try:
        account = account_id_for(database, args.account) if args.account else None
        filters = Filters(account=account, since=since,
                          until=until + timedelta(days=1) if until else None)
        scope = audit_scope(bitacora, database)  # auditors read everything (bitacora/access.py)
        header = {"estacion": bitacora.workstation,
                  "filtros": {"cuenta": args.account, "desde": args.date_from,
                              "hasta": args.date_to}}
        out = (open(args.output, "w", encoding=file_encoding(args.fmt), newline="")
               if args.output else sys.stdout)
        try:
            outcome = export_bitacora(bitacora, scope, filters, out, args.fmt, header)
        finally:
            if args.output:
                out.close()
    finally:
        bitacora.close()
        if database is not None:
            database.dispose()
    if args.output:
        print(f"Se exportaron {outcome.count} entradas a {args.output}.", file=sys.stderr)
    if outcome.problem:
        print(f"Error: la bitácora no verifica: {outcome.problem} Las entradas alteradas y las "
              "posteriores van marcadas en la columna «verificacion» de la exportación; no la "
              "use como íntegra. Avise al área de informática.", file=sys.stderr)
        return 1
    return 0


def run_verify_export(args: argparse.Namespace) -> int:
    from redes_desktop.bitacora import crypto
    from redes_desktop.bitacora.export import verify_export
    from redes_desktop.vault.choice import command_store

    secrets = command_store(data_dir_of(args))

    def chain_key(origin: str):
        return crypto.load_key(secrets, crypto.chain_key_name(origin), "clave de cadena")

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"No se encontró el archivo «{args.file}».")
    result = verify_export(path, chain_key)
    if result.ok:
        gaps = f" ({result.gaps} huecos: exportación filtrada)" if result.gaps else ""
        print(f"Exportación íntegra: {result.checked} entradas verificadas{gaps}.")
        return 0
    for problem in result.problems:
        print(f"ALTERADA: {problem}")
    return 1


def run_reanchor(args: argparse.Namespace) -> int:
    from redes_desktop.actions.reanchor_bitacora import restore_bitacora_anchors
    from redes_desktop.bitacora.reanchor import clean_reason
    from redes_desktop.clock import clock_of
    from redes_desktop.errors import AlreadyRunning
    from redes_desktop.workspace import open_workspace

    reason = clean_reason(args.motivo)
    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args))  # this folder's one writer
    except AlreadyRunning as error:
        raise AlreadyRunning(
            f"Redes INE está abierto con la carpeta de datos {root}: use «Restablecer anclas…» "
            "en la barra roja de su ventana, o ciérrela y vuelva a intentarlo. No se cambió "
            "nada.") from error
    try:
        with command_context(workspace) as context:
            identity = sign_in_for_command(context, args)  # proven, as in the window (exit 12)
            result = restore_bitacora_anchors(
                context.recorder, context.database, reason,
                person_id=identity.person_id if identity is not None else None,
                clock=context.clock, secrets=context.secrets,
                shared_database_url=workspace.settings.shared_database_url)
    finally:
        workspace.close()
    print(result.message)
    return 0


def _create_readers_key(args: argparse.Namespace) -> str:
    """As in Preferencias › Bitácora: a CNCS reviewer, signed in, creates it once."""
    from redes_desktop.actions.preferences import create_readers_key
    from redes_desktop.clock import clock_of
    from redes_desktop.errors import AlreadyRunning
    from redes_desktop.workspace import open_workspace

    root = existing_data_dir(args)
    try:
        workspace = open_workspace(root, clock=clock_of(args))
    except AlreadyRunning as error:
        raise AlreadyRunning(
            f"Redes INE está abierto con la carpeta de datos {root}: cree la clave en Archivo "
            "→ Preferencias → Bitácora, o cierre la ventana y vuelva a intentarlo. No se "
            "cambió nada.") from error
    try:
        with command_context(workspace) as context:
            identity = sign_in_for_command(context, args)  # exit 12 when not proven
            return create_readers_key(context.secrets, identity)
    finally:
        workspace.close()


def run_readers_key(args: argparse.Namespace) -> int:
    from redes_desktop.bitacora import crypto
    from redes_desktop.vault.choice import command_store

    secrets = command_store(data_dir_of(args))
    if args.generar:
        # The secret store first (a damaged vault: exit 9 before anything else is opened).
        if secrets.get(crypto.READERS_KEY) is not None:
            raise UserFacingError("Esta estación ya tiene una clave de lectores; no se cambió.")
        key = _create_readers_key(args)
        print("Clave de lectores de la bitácora (entréguela solo por un canal seguro a las "
              "estaciones autorizadas; no se volverá a mostrar):")
        print(key)
        return 0
    text = sys.stdin.readline().strip()
    crypto.decode_key(text, "clave de lectores")
    current = secrets.get(crypto.READERS_KEY)
    if current is not None and current != text:
        raise UserFacingError("Esta estación ya tiene otra clave de lectores; no se cambió.")
    secrets.set(crypto.READERS_KEY, text)
    print(f"Clave de lectores instalada ({secrets.description}).")
    return 0
