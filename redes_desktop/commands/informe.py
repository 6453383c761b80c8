"""`redes-desktop informe trimestral`: the quarterly report on the institute's accounts
(criterion 8.iv) as CSV, JSON or accessible HTML.

    redes-desktop informe trimestral [--anio 2026] [--trimestre 3] [--format csv|json|html]
                                     [--output ARCHIVO] [--data-dir CARPETA]

Without --anio/--trimestre: the last complete quarter (México City time).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redes_desktop.commands.common import add_data_dir, existing_data_dir
from redes_desktop.errors import UsageError, UserFacingError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "informe", help="informes de la sección 8 de los criterios",
        description="Informes sobre las cuentas institucionales (sección 8 de los criterios).",
    )
    orders = parser.add_subparsers(dest="informe_command", metavar="ORDEN",
                                   parser_class=type(parser))
    quarterly = orders.add_parser(
        "trimestral", help="informe trimestral del comportamiento de las cuentas (8.iv)",
        description="Informe trimestral del comportamiento de las redes sociales del Instituto "
        "(criterio 8.iv): mensajes, objetivos, frecuencia y usuarios de cada cuenta, con las "
        "consultas a CNCS, los cambios de contraseña y los incidentes del trimestre. Sin "
        "--anio ni --trimestre: el último trimestre completo.",
    )
    quarterly.add_argument("--anio", type=int, metavar="AÑO", help="año, por ejemplo 2026")
    quarterly.add_argument("--trimestre", type=int, metavar="N", help="trimestre: 1, 2, 3 o 4")
    quarterly.add_argument("--format", choices=["csv", "json", "html"], default="csv",
                           help="formato de salida (csv por omisión)")
    quarterly.add_argument("--output", metavar="ARCHIVO",
                           help="escribe en ARCHIVO en vez de la salida estándar")
    add_data_dir(quarterly)
    quarterly.set_defaults(handler=run_quarterly)
    parser.set_defaults(handler=_missing_order)


def _missing_order(_args: argparse.Namespace) -> int:
    raise UsageError("Indique la orden, por ejemplo: redes-desktop informe trimestral "
                     "--anio 2026 --trimestre 3 --format csv")


def _quarter(args: argparse.Namespace, now) -> tuple[int, int]:
    from redes_desktop.services.reports import last_complete_quarter

    if (args.anio is None) != (args.trimestre is None):
        raise UsageError("Indique juntos --anio y --trimestre, o ninguno de los dos para el "
                         "último trimestre completo.")
    if args.anio is None:
        return last_complete_quarter(now)
    if args.trimestre not in (1, 2, 3, 4):
        raise UsageError(f"El trimestre {args.trimestre} no existe: use --trimestre 1, 2, 3 o 4.")
    if not 2000 <= args.anio <= 2100:
        raise UsageError(f"El año {args.anio} no es válido: use un año entre 2000 y 2100.")
    return args.anio, args.trimestre


def run_quarterly(args: argparse.Namespace) -> int:
    from redes_desktop.actions.quarterly_report import institute_report
    from redes_desktop.clock import clock_of
    from redes_desktop.services.report_export import render
    from redes_desktop.workspace import open_workspace

    clock = clock_of(args)
    now = clock()
    year, quarter = _quarter(args, now)
    root = existing_data_dir(args)
    workspace = open_workspace(root, clock=clock, lock=False)  # reading only
    try:
        database = workspace.open_database()
        report = institute_report(database, year, quarter, clock=lambda: now)
    finally:
        workspace.close()
    text = render(report, args.format)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise UserFacingError(
                f"No se pudo escribir «{args.output}» ({error.strerror or error}).") from error
    else:
        sys.stdout.write(text)
    return 0
