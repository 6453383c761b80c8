"""`redes-desktop check`: check a post against the criteria from the command line.

Exit 0 when publishable (no `bloquea` finding), 1 when not, 2 for a usage or input error. With
`--jsonl`: 2 if any line is not valid input, else 1 if any post is not publishable, else 0.
Input limits live in check_input.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redes_desktop.clock import Clock, clock_of
from redes_desktop.commands.check_input import (
    MAX_TEXT_CHARS,
    JsonlReader,
    Line,
    open_regular_file,
    read_post_text,
    text_too_long_message,
)
from redes_desktop.errors import UsageError

if TYPE_CHECKING:
    from redes_desktop.checks.engine import CheckEngine

NETWORK_CHOICES = ["x", "facebook", "instagram", "youtube", "tiktok", "otra"]


@dataclass(frozen=True)
class EngineOptions:
    """What `build_engine` needs; picklable, so each worker of a --jsonl pool builds its own."""

    user_dictionary: Path
    official_domains: Sequence[str]
    languagetool_url: str
    spelling: bool

    def build(self) -> CheckEngine:
        from redes_desktop.checks.engine import build_engine

        return build_engine(
            user_dictionary=self.user_dictionary,
            official_domains=self.official_domains,
            languagetool_url=self.languagetool_url,
            spelling=self.spelling,
        )



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help="revisa una publicación contra los criterios",
        description="Revisa una publicación contra los Criterios para el uso institucional de "
        "redes sociales. Sale con 0 si es publicable, 1 si algo lo impide, 2 si la orden está mal.",
    )
    parser.add_argument("--network", choices=NETWORK_CHOICES, help="red social (x por omisión)")
    parser.add_argument("--image", action="append", default=[], metavar="RUTA",
                        help="imagen o video adjunto (se puede repetir)")
    parser.add_argument("--video", action="append", default=[], metavar="RUTA",
                        help="video adjunto: se revisa que lo sea, su duración y su peso "
                        "(se puede repetir)")
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
    from redes_desktop.checks.engine import CheckRequest
    from redes_desktop.checks.rule_spam import rhythm_limits
    from redes_desktop.models.enums import Network
    from redes_desktop.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir_sub or args.data_dir)
    settings = _load_settings(data_dir)
    engine_options = EngineOptions(
        user_dictionary=data_dir / "diccionario-institucional.txt",
        official_domains=tuple(settings.official_domains) if settings else (),
        languagetool_url=settings.languagetool_url if settings else "",
        spelling=not args.no_spelling,
    )
    if args.jsonl:
        return _run_jsonl(engine_options, Path(args.jsonl), args)
    if args.text is None:
        raise UsageError("Escriba el texto de la publicación, o - para leerlo de la entrada "
                         "estándar (por ejemplo: redes-desktop check \"Hola\").")
    text = read_stdin_text() if args.text == "-" else args.text
    if len(text) > MAX_TEXT_CHARS:
        raise UsageError(text_too_long_message(len(text)).capitalize() + ". Acórtelo.")
    images = [_existing_file(p) for p in args.image]
    videos = [_existing_file(p, "--video") for p in args.video]
    engine = engine_options.build()
    network = Network(args.network) if args.network else None
    clock = clock_of(args)
    recent, account_network, rhythm, area_id = _account_context(data_dir, args.account,
                                                                network, clock)
    network = network or account_network or Network.X
    max_posts, window_minutes = rhythm_limits(rhythm)
    request = CheckRequest(text=text, networks=(network,), images=tuple(images),
                           alt_texts=tuple(args.alt), is_reply=args.reply,
                           recent_posts=recent, now=clock(), rhythm_max_posts=max_posts,
                           rhythm_window_minutes=window_minutes, videos=tuple(videos),
                           contacts=_area_contacts(settings, area_id))
    result = engine.check(request)[network]
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
    else:
        _print_human(result)
    return 0 if result.publishable else 1


def read_stdin_text() -> str:
    """Standard input as UTF-8 (bounded); invalid bytes become U+FFFD, which the checks report."""
    return read_post_text(sys.stdin.buffer)


def _load_settings(data_dir: Path):
    from redes_desktop.settings import SettingsStore

    path = data_dir / "settings.json"
    return SettingsStore(path).load() if path.exists() else None


def _existing_file(path: str, option: str = "--image") -> Path:
    candidate = Path(path).expanduser()
    if not candidate.is_file():
        raise UsageError(f"No se encontró el archivo «{path}». Revise la ruta de {option}.")
    return candidate


def _area_contacts(settings, area_id):
    from redes_desktop.checks.area_contacts import contacts_for_area

    return contacts_for_area(settings.area_contacts if settings else None, area_id)


def _account_context(data_dir: Path, account: str | None, network, clock: Clock):
    """Recent posts, network, periodicity and area of an account in the local database
    (6.xxviii, 6.iii). A @handle shared by accounts on several networks is resolved with
    `network` (--network); without it, the choice is asked for."""
    if not account:
        return (), None, None, None
    from redes_desktop.actions.account_check_context import account_check_context
    from redes_desktop.database import open_local_database

    if not (data_dir / "redes.sqlite3").exists():
        raise UsageError(f"No hay base de datos en {data_dir}: no se puede usar --account.")
    database = open_local_database(data_dir / "redes.sqlite3")
    try:
        found = account_check_context(database, clock=clock, account=account, network=network)
    finally:
        database.dispose()
    return found.recent_posts, found.network, found.rhythm, found.area_id


PARALLEL_THRESHOLD = 1000  # lines; below it a worker pool costs more than it saves
BATCH_LINES = 4000  # lines read ahead at a time in parallel mode (memory stays bounded)
_worker_engine: CheckEngine | None = None  # set per run by _init_worker
_worker_clock: Clock = clock_of(None)  # set per run by _init_worker


def _run_jsonl(engine_options: EngineOptions, path: Path, args: argparse.Namespace) -> int:
    """Check one JSON object per line; print one result per line, in input order.

    The input is read a batch at a time (see check_input.py for the limits). Large inputs are
    spread over the CPU cores (each worker builds its own engine). Exit: 2 if any line is not
    valid input, else 1 if any post is not publishable, else 0."""
    stream = sys.stdin.buffer if str(path) == "-" else open_regular_file(str(path))
    try:
        reader = JsonlReader(stream)
        code = _check_lines(engine_options, reader, args.network, clock_of(args))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if reader.fatal:
        raise UsageError(reader.fatal)
    return code


def _check_lines(engine_options: EngineOptions, reader: JsonlReader,
                 network: str | None, clock: Clock) -> int:
    first = [(line, network) for line in reader.take(PARALLEL_THRESHOLD)]
    workers = min(os.cpu_count() or 1, 4)
    if len(first) < PARALLEL_THRESHOLD or workers < 2:
        _init_worker(engine_options, clock)
        code = _emit(map(_check_line_in_worker, first))
        while batch := reader.take(BATCH_LINES):
            code = max(code, _emit(map(_check_line_in_worker, [(x, network) for x in batch])))
        return code
    import multiprocessing

    code = 0
    with multiprocessing.Pool(workers, _init_worker, (engine_options, clock)) as pool:
        # One batch is checked while the next is read: in order, at most two batches in memory.
        pending = [pool.imap(_check_line_in_worker, first, chunksize=250)]
        while pending:
            batch = reader.take(BATCH_LINES)
            if batch:
                pending.append(pool.imap(_check_line_in_worker,
                                         [(x, network) for x in batch], chunksize=250))
            code = max(code, _emit(pending.pop(0)))
    return code


def _emit(outcomes) -> int:
    """Print each result; the exit code is the worst line's (2 > 1 > 0)."""
    code = 0
    write = sys.stdout.write
    for payload, line_code in outcomes:
        write(payload + "\n")
        code = max(code, line_code)
    return code


def _init_worker(engine_options: EngineOptions, clock: Clock) -> None:
    global _worker_engine, _worker_clock
    _worker_engine = engine_options.build()
    _worker_clock = clock


class _LineError(ValueError):
    """A line that is not a valid post (Spanish message)."""


def _check_line_in_worker(work: tuple[Line, str | None]) -> tuple[str, int]:
    """One line's result as JSON, and its exit code. Never raises: any failure is that line's
    error, so one bad line never stops or loses the others (in a worker, an exception would
    lose its whole chunk)."""
    line, default_network = work
    number = line.number
    try:
        if line.error:
            raise _LineError(line.error)
        payload, code = _check_line(line, default_network)
    except _LineError as error:
        return _error_payload(number, str(error)), 2
    except Exception as error:  # noqa: BLE001 - reported on its line, never a traceback
        return _error_payload(number, (
            f"no se pudo revisar la línea {number} ({type(error).__name__}); "
            "revise su contenido")), 2
    payload["line"] = number
    return json.dumps(payload, ensure_ascii=False), code


def _error_payload(number: int, message: str) -> str:
    return json.dumps({"line": number, "error": message}, ensure_ascii=False)


def _check_line(line: Line, default_network: str | None) -> tuple[dict, int]:
    from redes_desktop.checks.engine import CheckRequest
    from redes_desktop.models.enums import Network

    item = _parse_line(line.text, line.number)
    try:
        network = Network(item.get("network") or default_network or "x")
    except ValueError:
        raise _LineError(f"en la línea {line.number}, red desconocida; use una de: "
                         f"{', '.join(NETWORK_CHOICES)}") from None
    request = CheckRequest(
        text=item["text"], networks=(network,),
        images=tuple(Path(p) for p in item.get("images", [])),
        videos=tuple(Path(p) for p in item.get("videos", [])),
        alt_texts=tuple(item.get("alt_texts", [])),
        is_reply=item.get("reply", False), now=_worker_clock(),
    )
    if _worker_engine is None:
        raise RuntimeError("_init_worker must run before a line is checked")
    result = _worker_engine.check(request)[network]
    return result.as_json(), 0 if result.publishable else 1


MAX_LIST_ITEMS = 100  # images / alt_texts of one post; no network takes more than 35
_FIELD_KINDS = {  # field -> (check, what it must be, in Spanish)
    "network": (lambda v: v is None or isinstance(v, str), "un texto, como \"x\""),
    "images": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
               "una lista de rutas (textos)"),
    "videos": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
               "una lista de rutas (textos)"),
    "alt_texts": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
                  "una lista de textos"),
    "reply": (lambda v: isinstance(v, bool), "true o false"),
}


def _parse_line(line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise _LineError(f"JSON no válido en la línea {number}: {error.msg} "
                         f"(columna {error.colno})") from None
    except RecursionError:
        raise _LineError(f"JSON no válido en la línea {number}: tiene demasiados niveles "
                         "anidados") from None
    except ValueError:  # e.g. an integer longer than Python converts
        raise _LineError(f"JSON no válido en la línea {number}: contiene un número demasiado "
                         "largo") from None
    if not isinstance(item, dict):
        raise _LineError(f"la línea {number} no es un objeto JSON con «text»")
    if "text" not in item:
        raise _LineError(f"a la línea {number} le falta «text», el texto de la publicación")
    if not isinstance(item["text"], str):
        raise _LineError(f"en la línea {number}, «text» debe ser un texto entre comillas")
    if len(item["text"]) > MAX_TEXT_CHARS:
        raise _LineError(f"en la línea {number}, {text_too_long_message(len(item['text']))}")
    for name, (ok, what) in _FIELD_KINDS.items():
        if name in item and not ok(item[name]):
            raise _LineError(f"en la línea {number}, «{name}» debe ser {what}")
        if isinstance(item.get(name), list) and len(item[name]) > MAX_LIST_ITEMS:
            raise _LineError(f"en la línea {number}, «{name}» tiene {len(item[name])} "
                             f"elementos; el máximo es {MAX_LIST_ITEMS}")
    return item


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
