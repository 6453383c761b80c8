"""`redes-desktop check`: check a post against the criteria from the command line.

Exit 0 when publishable (no `bloquea` finding), 1 when not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from redes_desktop.errors import UsageError

NETWORK_CHOICES = ["x", "facebook", "instagram", "youtube", "tiktok", "otra"]



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="revisa una publicación contra los criterios",
        description="Revisa una publicación contra los Criterios para el uso institucional de "
        "redes sociales. Sale con 0 si es publicable, 1 si algo lo impide, 2 si la orden está mal.",
    )
    parser.add_argument("--network", choices=NETWORK_CHOICES, help="red social (x por omisión)")
    parser.add_argument("--image", action="append", default=[], metavar="RUTA",
                        help="imagen o video adjunto (se puede repetir)")
    parser.add_argument("--alt", action="append", default=[], metavar="TEXTO",
                        help="texto alternativo de cada imagen, en el mismo orden")
    parser.add_argument("--reply", action="store_true", help="es una respuesta a un usuario")
    parser.add_argument("--account", metavar="ID",
                        help="cuenta (id o @usuario): compara con sus publicaciones recientes")
    parser.add_argument("--json", action="store_true", help="imprime un objeto JSON")
    parser.add_argument("--jsonl", metavar="ARCHIVO",
                        help="revisa un objeto JSON por línea y escribe un resultado por línea")
    parser.add_argument("--no-spelling", action="store_true",
                        help="omite la revisión ortográfica (6.xxiv)")
    parser.add_argument("--data-dir", dest="data_dir_sub", metavar="CARPETA",
                        help="carpeta de datos (diccionario institucional y cuentas)")
    parser.add_argument("text", nargs="?", metavar="TEXTO",
                        help="texto de la publicación, o - para leerlo de la entrada estándar")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from redes_desktop.checks.engine import CheckRequest, build_engine
    from redes_desktop.checks.rule_spam import rhythm_limits
    from redes_desktop.models.enums import Network
    from redes_desktop.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir_sub or args.data_dir)
    settings = _load_settings(data_dir)
    engine_options = {
        "user_dictionary": data_dir / "diccionario-institucional.txt",
        "official_domains": tuple(settings.official_domains) if settings else (),
        "languagetool_url": settings.languagetool_url if settings else "",
        "spelling": not args.no_spelling,
    }
    if args.jsonl:
        return _run_jsonl(engine_options, Path(args.jsonl), args)
    engine = build_engine(**engine_options)

    if args.text is None:
        raise UsageError("Escriba el texto de la publicación, o - para leerlo de la entrada "
                         "estándar (por ejemplo: redes-desktop check \"Hola\").")
    text = read_stdin_text() if args.text == "-" else args.text
    images = [_existing_file(p) for p in args.image]
    network = Network(args.network) if args.network else None
    recent, account_network, rhythm = _account_context(data_dir, args.account)
    network = network or account_network or Network.X
    max_posts, window_minutes = rhythm_limits(rhythm)
    request = CheckRequest(text=text, networks=(network,), images=tuple(images),
                           alt_texts=tuple(args.alt), is_reply=args.reply,
                           recent_posts=recent, now=_now(), rhythm_max_posts=max_posts,
                           rhythm_window_minutes=window_minutes)
    result = engine.check(request)[network]
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        _print_human(result)
    return 0 if result.publishable else 1


def read_stdin_text() -> str:
    """Standard input as UTF-8; invalid bytes become U+FFFD, which the checks report (6.xxiv)."""
    return decode_utf8(sys.stdin.buffer.read())


def decode_utf8(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark some Windows editors write first
    return data.decode("utf-8", errors="replace")


def _now():
    from redes_desktop.clock import system_clock

    return system_clock()


def _load_settings(data_dir: Path):
    from redes_desktop.settings import SettingsStore

    path = data_dir / "settings.json"
    return SettingsStore(path).load() if path.exists() else None


def _existing_file(path: str) -> Path:
    candidate = Path(path).expanduser()
    if not candidate.is_file():
        raise UsageError(f"No se encontró el archivo «{path}». Revise la ruta de --image.")
    return candidate


def _account_context(data_dir: Path, account: str | None):
    """Recent posts, network and periodicity of an account in the local database (6.xxviii)."""
    if not account:
        return (), None, None
    from redes_desktop.database import open_local_database
    from redes_desktop.services.accounts_lookup import find_account
    from redes_desktop.services.posts import PostService

    if not (data_dir / "redes.sqlite3").exists():
        raise UsageError(f"No hay base de datos en {data_dir}: no se puede usar --account.")
    database = open_local_database(data_dir / "redes.sqlite3")
    try:
        with database.session() as session:
            found = find_account(session, account)
            if found is None:
                raise UsageError(f"No existe la cuenta «{account}». Use su id o su @usuario.")
            recent = PostService(session, _now).recent_posts(found.id)
            return recent, found.network, found.rhythm
    finally:
        database.dispose()


PARALLEL_THRESHOLD = 1000  # lines; below it a worker pool costs more than it saves
_worker_engine = None


def _run_jsonl(engine_options: dict[str, Any], path: Path, args: argparse.Namespace) -> int:
    """Check one JSON object per line; print one result per line, in input order.

    Large files are spread over the CPU cores (each worker builds its own engine)."""
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise UsageError(f"No se pudo leer «{path}»: {reason}.") from error
    # Invalid UTF-8 in one line becomes U+FFFD there (the checks report it); the rest is intact.
    lines = decode_utf8(data).split("\n")  # not splitlines(): U+2028 may sit in a string
    work = [(n, line, args.network) for n, line in enumerate(lines, start=1) if line.strip()]
    workers = min(os.cpu_count() or 1, 4)
    if len(work) >= PARALLEL_THRESHOLD and workers > 1:
        import multiprocessing

        with multiprocessing.Pool(workers, _init_worker, (engine_options,)) as pool:
            outcomes = pool.imap(_check_line_in_worker, work, chunksize=250)
            return _emit(outcomes)
    _init_worker(engine_options)
    return _emit(map(_check_line_in_worker, work))


def _emit(outcomes) -> int:
    code = 0
    write = sys.stdout.write
    for payload, line_code in outcomes:
        write(payload + "\n")
        if line_code == 2 or (line_code == 1 and code == 0):
            code = line_code
    return code


def _init_worker(engine_options: dict[str, Any]) -> None:
    global _worker_engine
    from redes_desktop.checks.engine import build_engine

    _worker_engine = build_engine(**engine_options)


def _check_line_in_worker(work: tuple[int, str, str | None]) -> tuple[str, int]:
    from redes_desktop.checks.engine import CheckRequest
    from redes_desktop.models.enums import Network

    number, line, default_network = work
    try:
        item = _parse_line(line, number)
        network = Network(item.get("network") or default_network or "x")
        request = CheckRequest(
            text=item["text"], networks=(network,),
            images=tuple(Path(p) for p in item.get("images", [])),
            alt_texts=tuple(item.get("alt_texts", [])),
            is_reply=item.get("reply", False), now=_now(),
        )
        result = _worker_engine.check(request)[network]
    except (ValueError, KeyError) as error:
        return json.dumps({"line": number, "error": _line_error(error)}, ensure_ascii=False), 2
    payload = result.as_json()
    payload["line"] = number
    return json.dumps(payload, ensure_ascii=False), 0 if result.publishable else 1


_FIELD_KINDS = {  # field -> (check, what it must be, in Spanish)
    "network": (lambda v: v is None or isinstance(v, str), "un texto, como \"x\""),
    "images": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
               "una lista de rutas (textos)"),
    "alt_texts": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
                  "una lista de textos"),
    "reply": (lambda v: isinstance(v, bool), "true o false"),
}


def _parse_line(line: str, number: int) -> dict[str, Any]:
    item = json.loads(line)
    if not isinstance(item, dict):
        raise ValueError(f"la línea {number} no es un objeto JSON con «text»")
    if "text" not in item:
        raise ValueError(f"a la línea {number} le falta «text», el texto de la publicación")
    if not isinstance(item["text"], str):
        raise ValueError(f"en la línea {number}, «text» debe ser un texto entre comillas")
    for name, (ok, what) in _FIELD_KINDS.items():
        if name in item and not ok(item[name]):
            raise ValueError(f"en la línea {number}, «{name}» debe ser {what}")
    return item


def _line_error(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"JSON no válido: {error.msg}"
    if isinstance(error, ValueError) and "is not a valid Network" in str(error):
        return f"red desconocida; use una de: {', '.join(NETWORK_CHOICES)}"
    return str(error)


def _print_human(result) -> None:
    print(f"Red: {result.network.label} — {result.weighted_length} de {result.limit} caracteres")
    if not result.findings:
        print("Sin observaciones: la publicación cumple los criterios revisados.")
    for finding in result.findings:
        where = f" [{finding.start}–{finding.end}]" if finding.end > finding.start else ""
        print(f"{finding.severity.value.upper():9} {finding.rule:9}{where} {finding.message}")
        if finding.suggestions and any(finding.suggestions):
            print(f"{'':19}Sugerencias: {', '.join(s for s in finding.suggestions if s)}")
    print("Publicable." if result.publishable else "No publicable: corrija lo que bloquea.")
