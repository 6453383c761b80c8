"""The quarterly report (8.iv) as CSV, JSON or a simple accessible HTML page (every value
escaped). Users (followers) are not known to the program: the report says so."""

from __future__ import annotations

import csv
import io
import json
from html import escape

from redes_desktop.models import ConsultationState
from redes_desktop.purposes import NO_PURPOSE, PURPOSES, purpose_label
from redes_desktop.services.reports import USERS_ENTERED, AccountReport, QuarterlyReport, Totals

FORMATS = ("csv", "json", "html")
NOT_AVAILABLE = "dato no disponible"
STATES = [(s.value, s.label) for s in ConsultationState]
RHYTHM_LABELS = {"diaria": "Diaria", "semanal": "Semanal"}


def render(report: QuarterlyReport, fmt: str) -> str:
    if fmt == "csv":
        return _csv(report)
    if fmt == "json":
        return json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return _html(report)
    raise ValueError(f"formato desconocido: {fmt}")


def number(value: float) -> str:
    """1.5 → "1.5", 2.0 → "2" (CSV and HTML cells)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def period_text(report: QuarterlyReport) -> str:
    text = (f"Trimestre {report.quarter} de {report.year}: del {report.start:%d/%m/%Y} al "
            f"{report.end:%d/%m/%Y} (hora del centro de México)")
    return text + (", aún en curso: medido hasta hoy." if report.partial else ".")


# -- JSON --------------------------------------------------------------------------------------
def _row_json(row: AccountReport) -> dict:
    return {
        "cuenta_id": str(row.account_id), "area": row.area, "red": row.network,
        "nombre": row.name, "usuario": row.handle,
        "objetivos": [{"criterio": p.id, "texto": p.text} for p in row.purposes],
        "mensajes": row.posts, "respuestas": row.replies,
        "frecuencia": {"publicaciones_por_semana": row.posts_per_week,
                       "periodicidad": row.rhythm,
                       "esperadas_por_semana": row.expected_per_week,
                       "cumple": row.meets_rhythm},
        "consultas_cncs": {value: row.consultations.get(value, 0) for value, _l in STATES},
        "cambios_de_contrasena": {"total": row.rotations, "a_tiempo": row.rotations_on_time},
        "incidentes": row.incidents,
        "publicaciones_por_fin": _purpose_counts(row.by_purpose),
        "usuarios": row.users,
    }


def _totals_json(totals: Totals) -> dict:
    return {
        "cuentas": totals.accounts, "cuentas_que_cumplen_periodicidad":
        totals.accounts_meeting_rhythm, "mensajes": totals.posts, "respuestas": totals.replies,
        "publicaciones_por_semana": totals.posts_per_week,
        "consultas_cncs": {value: totals.consultations.get(value, 0) for value, _l in STATES},
        "cambios_de_contrasena": {"total": totals.rotations,
                                  "a_tiempo": totals.rotations_on_time},
        "incidentes": totals.incidents,
        "publicaciones_por_fin": _purpose_counts(totals.by_purpose), "usuarios": totals.users,
    }


def as_json(report: QuarterlyReport) -> dict:
    return {
        "informe": "trimestral", "criterio": "8.iv", "anio": report.year,
        "trimestre": report.quarter, "desde": report.start.isoformat(),
        "hasta": report.end.isoformat(), "zona_horaria": "America/Mexico_City",
        "dias_medidos": report.days, "parcial": report.partial,
        "cuentas": [_row_json(r) for r in report.rows],
        "totales": _totals_json(report.totals),
        "usuarios": {"disponible": report.users_note == USERS_ENTERED,
                     "nota": report.users_note},
    }


def _purpose_order(purpose: str) -> tuple[int, int]:
    ids = list(PURPOSES)
    return (0, ids.index(purpose)) if purpose in PURPOSES else (1, 0)


def _purpose_counts(counts: dict[str, int]) -> dict[str, int]:
    """Posts per purpose in the order of section 3, those without one last (8.iv)."""
    return {p: counts[p] for p in sorted(counts, key=_purpose_order)}


def purposes_text(counts: dict[str, int]) -> str:
    """«3.iv: 5; 3.xi: 2; sin fin: 1» (a CSV or HTML cell)."""
    if not counts:
        return "sin publicaciones"
    return "; ".join(f"{'sin fin' if p == NO_PURPOSE else p}: {n}"
                     for p, n in _purpose_counts(counts).items())


def _users(value: int | None) -> str:
    return NOT_AVAILABLE if value is None else str(value)


# -- CSV ---------------------------------------------------------------------------------------
HEADERS = (["Área", "Red", "Cuenta", "Usuario", "Objetivos", "Mensajes", "Respuestas",
            "Publicaciones por semana", "Periodicidad", "Esperadas por semana",
            "Cumple periodicidad"]
           + [f"Consultas CNCS: {label}" for _v, label in STATES]
           + ["Cambios de contraseña", "Cambios a tiempo", "Incidentes",
              "Publicaciones por fin", "Usuarios"])


def _csv_row(row: AccountReport) -> list[str]:
    return ([row.area, row.network, row.name, row.handle, " ".join(p.id for p in row.purposes),
             str(row.posts), str(row.replies), number(row.posts_per_week),
             RHYTHM_LABELS.get(row.rhythm, row.rhythm), number(row.expected_per_week),
             "Sí" if row.meets_rhythm else "No"]
            + [str(row.consultations.get(value, 0)) for value, _l in STATES]
            + [str(row.rotations), str(row.rotations_on_time), str(row.incidents),
               purposes_text(row.by_purpose), _users(row.users)])


def _total_values(t: Totals) -> list[str]:
    return (["Total", "", f"{t.accounts} cuentas", "", "", str(t.posts), str(t.replies),
             number(t.posts_per_week), "", "", f"{t.accounts_meeting_rhythm} de {t.accounts}"]
            + [str(t.consultations.get(value, 0)) for value, _l in STATES]
            + [str(t.rotations), str(t.rotations_on_time), str(t.incidents),
               purposes_text(t.by_purpose), _users(t.users)])


def _csv(report: QuarterlyReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in report.rows:
        writer.writerow(_csv_row(row))
    writer.writerow(_total_values(report.totals))
    return buffer.getvalue()


# -- HTML --------------------------------------------------------------------------------------
def _cells(values: list[str], header_at: int) -> str:
    return "".join(f'<th scope="row">{escape(v)}</th>' if i == header_at
                   else f"<td>{escape(v)}</td>" for i, v in enumerate(values))


def _html(report: QuarterlyReport) -> str:
    title = escape(f"Informe trimestral de redes sociales: {report.year}, trimestre "
                   f"{report.quarter}")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in HEADERS)
    body = "\n".join(f"    <tr>{_cells(_csv_row(row), 2)}</tr>" for row in report.rows)
    foot = f"    <tr>{_cells(_total_values(report.totals), 0)}</tr>"
    purposes = {p.id: p.text for row in report.rows for p in row.purposes}
    purpose_items = "\n".join(f"  <li><strong>{escape(pid)}</strong>: {escape(text)}</li>"
                              for pid, text in sorted(purposes.items(), key=_purpose_key))
    return (
        '<!DOCTYPE html>\n<html lang="es-MX">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        f"<p>{escape(period_text(report))} Criterio 8.iv: número de mensajes, objetivos, "
        "frecuencia y usuarios de cada cuenta.</p>\n"
        f'<p role="note"><strong>Usuarios:</strong> {escape(report.users_note)}</p>\n'
        "<table>\n"
        f"  <caption>Comportamiento de {report.totals.accounts} cuentas en el trimestre "
        "(la última fila suma todas)</caption>\n"
        f"  <thead><tr>{head}</tr></thead>\n  <tbody>\n{body}"
        f"\n  </tbody>\n  <tfoot>\n{foot}\n  </tfoot>\n</table>\n"
        "<h2>Objetivos de las cuentas (sección 3 de los criterios)</h2>\n"
        + (f"<ul>\n{purpose_items}\n</ul>\n" if purposes
           else "<p>Ninguna cuenta tiene objetivos registrados.</p>\n")
        + _html_by_purpose(report.totals.by_purpose)
        + "</main>\n</body>\n</html>\n"
    )


def _html_by_purpose(counts: dict[str, int]) -> str:
    if not counts:
        return ("<h2>Publicaciones por fin</h2>\n<p>No hubo publicaciones en el trimestre."
                "</p>\n")
    rows = "\n".join(
        f'    <tr><th scope="row">{escape(purpose_label(None if p == NO_PURPOSE else p))}'
        f"</th><td>{n}</td></tr>" for p, n in _purpose_counts(counts).items())
    return ("<h2>Publicaciones por fin</h2>\n<table>\n  <caption>Publicaciones del trimestre "
            "según el fin de la sección 3 que cumplen (criterio 8.iv, objetivos)</caption>\n"
            '  <thead><tr><th scope="col">Fin</th><th scope="col">Publicaciones</th></tr>'
            f"</thead>\n  <tbody>\n{rows}\n  </tbody>\n</table>\n")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


def _purpose_key(item: tuple[str, str]) -> tuple[str, int]:
    section, _dot, roman = item[0].partition(".")
    value = 0
    for i, ch in enumerate(roman):
        n = _ROMAN.get(ch, 0)
        value += -n if i + 1 < len(roman) and _ROMAN.get(roman[i + 1], 0) > n else n
    return section, value
