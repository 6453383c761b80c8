"""Exports of the bitácora for audits (CSV or JSON) and their re-verification.

Every exported entry carries its metadata, its details exactly as chained (canonical JSON), and
its chain links `mac_anterior` and `mac` (hex). Names of people and accounts are added for
reading but are not part of the chain. Entries are written in chain order (origin, sequence).

How an auditor re-verifies an export (also `redes-desktop bitacora verify-export ARCHIVO`):
for each entry, with the origin's chain key K (32 bytes, given by the institution):
  header  = JSON array [1, origen, secuencia, fecha_utc, persona, cuenta, area, accion]
            with no spaces, UTF-8, non-ASCII as is, absent ids as null;
  message = bytes(mac_anterior) || len(header) as 4 bytes big-endian || header || UTF-8(detalles)
  HMAC-SHA256(K, message) must equal `mac`; and where the previous sequence of the same origin
  is also in the export, its `mac` must equal this entry's `mac_anterior` (the first entry of an
  origin has 64 zeros). A filtered export has gaps: each entry still verifies on its own.

`export_verified` (the command line and the viewer) verifies the whole bitácora first and marks
each entry in the `verificacion` column: "íntegra", "alterada" (its MAC does not recompute, or
it is the first entry its chain's verification failed at) or "posterior a una alteración". The
column is not part of the chain; `verify-export` recomputes everything regardless.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from redes_desktop.bitacora.chain import GENESIS, compute_mac, header_bytes, macs_equal
from redes_desktop.bitacora.query import EntryView
from redes_desktop.errors import UserFacingError

FORMAT_NAME = "redes-desktop-bitacora"
FIELDS = ["origen", "secuencia", "fecha_utc", "persona", "cuenta", "area", "accion", "detalles",
          "mac_anterior", "mac", "persona_nombre", "cuenta_nombre", "area_nombre", "verificacion"]
INTACT, ALTERED, AFTER = "íntegra", "alterada", "posterior a una alteración"

# A CSV file opens in spreadsheet programs with its accents only with the UTF-8 byte order
# mark; it is always comma-separated (verify-export reads both, with or without the mark).
CSV_FILE_ENCODING = "utf-8-sig"


def file_encoding(fmt: str) -> str:
    """The encoding of an export file in `fmt` (standard output is left as it is)."""
    return CSV_FILE_ENCODING if fmt == "csv" else "utf-8"


Names = Callable[[str | None], str]
Mark = Callable[[EntryView], str]


def _row(view: EntryView, names: Names | None, mark: Mark | None = None) -> dict[str, Any]:
    name = names or (lambda _v: "")
    return {
        "origen": view.origin,
        "secuencia": view.seq,
        "fecha_utc": view.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "persona": view.actor,
        "cuenta": view.account,
        "area": view.area,
        "accion": view.action,
        "detalles": view.details_text if view.details_text is not None else "",
        "mac_anterior": view.prev_mac.hex(),
        "mac": view.mac.hex(),
        "persona_nombre": name(view.actor),
        "cuenta_nombre": name(view.account),
        "area_nombre": name(view.area),
        "verificacion": mark(view) if mark else "",
    }


def chain_order(views: Iterable[EntryView]) -> list[EntryView]:
    return sorted(views, key=lambda v: (v.origin, v.seq))


class ExportMarks:
    """The `verificacion` of each exported entry (not part of the chain: for the reader): its
    own MAC recomputed under its origin's chain key, and its place after the first problem the
    full verification found in its origin's chain."""

    def __init__(self, chain_key: Callable[[str], bytes | None],
                 first_bad: dict[str, int] | None = None) -> None:
        self.chain_key = chain_key
        self.first_bad = first_bad or {}
        self.marked: list[tuple[str, int, str]] = []  # (origin, seq, mark) of the not intact

    def __call__(self, view: EntryView) -> str:
        first = self.first_bad.get(view.origin)
        if not self._own_mac_ok(view) or view.seq == first:
            mark = ALTERED
        elif first is not None and view.seq > first:
            mark = AFTER
        else:
            return INTACT
        self.marked.append((view.origin, view.seq, mark))
        return mark

    def _own_mac_ok(self, view: EntryView) -> bool:
        key = self.chain_key(view.origin)
        if key is None or view.details_text is None:
            return False
        header = header_bytes(view.origin, view.seq, view.at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                              view.actor, view.account, view.area, view.action)
        mac = compute_mac(key, view.prev_mac, header, view.details_text.encode("utf-8"))
        return macs_equal(mac, view.mac)


def export_verified(bitacora, views: Iterable[EntryView], out: TextIO, fmt: str,
                    names: Names | None = None, header: dict | None = None
                    ) -> tuple[int, str | None]:
    """Verify the whole bitácora, then export `views` with each entry marked (`verificacion`).
    Returns (count, problem): the Spanish message naming the first bad entry, or None."""
    report = bitacora.verify()
    marks = ExportMarks(bitacora.chain_key, {p.origin: p.seq for p in report.problems})
    count = write_export(views, out, fmt, names, header, marks)
    if marks.marked and not report.problems:  # cannot happen unless the file changed meanwhile
        origin, seq, _mark = marks.marked[0]
        return count, f"La entrada {seq} de la estación {origin[:8]} fue alterada."
    if report.problems:
        return count, report.problems[0].message
    return count, bitacora.blocked


def write_export(views: Iterable[EntryView], out: TextIO, fmt: str,
                 names: Names | None = None, header: dict[str, Any] | None = None,
                 mark: Mark | None = None) -> int:
    """Write `views` (already in the order wanted) as CSV or JSON; returns the count."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        for view in views:
            row = _row(view, names, mark)
            writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
            count += 1
        return count
    if fmt != "json":
        raise UserFacingError(f"Formato de exportación desconocido: {fmt}. Use csv o json.")
    out.write(json.dumps({"formato": FORMAT_NAME, "version": 1, **(header or {})},
                         ensure_ascii=False)[:-1] + ', "entradas": [\n')
    for view in views:
        out.write(("" if count == 0 else ",\n") + json.dumps(_row(view, names, mark),
                                                            ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


@dataclass
class ExportCheck:
    checked: int = 0
    gaps: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # with or without the byte order mark
    except (OSError, UnicodeDecodeError) as error:
        raise UserFacingError(f"No se pudo leer la exportación {path}: {error}.") from error
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise UserFacingError(f"La exportación {path} no es JSON válido: {error}.") from error
        entries = data.get("entradas", []) if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise UserFacingError(f"La exportación {path} no tiene la lista «entradas» de una "
                                  "exportación de la bitácora.")
        yield from entries
        return
    yield from csv.DictReader(text.splitlines())


def _opt(value: Any) -> str | None:
    return str(uuid.UUID(str(value))) if value not in (None, "") else None


def verify_export(path: Path, chain_key: Callable[[str], bytes | None]) -> ExportCheck:
    result = ExportCheck()
    last: dict[str, tuple[int, bytes]] = {}
    for n, row in enumerate(_read_rows(path), start=1):
        field_name = "origen"
        try:
            if not isinstance(row, dict):
                raise TypeError(row)
            origin = _opt(row["origen"])
            if origin is None:
                result.problems.append(f"Registro {n}: no indica la estación de origen (el "
                                       "campo «origen» está vacío); no se puede verificar.")
                continue
            field_name = "secuencia"
            seq = int(row["secuencia"])
            field_name = "persona, cuenta o area"
            actor, account, area = _opt(row["persona"]), _opt(row["cuenta"]), _opt(row["area"])
            field_name = "fecha_utc o accion"
            header = header_bytes(origin, seq, str(row["fecha_utc"]), actor, account, area,
                                  str(row["accion"]))
            field_name = "mac_anterior o mac"
            prev, mac = bytes.fromhex(row["mac_anterior"]), bytes.fromhex(row["mac"])
            field_name = "detalles"
            details = str(row["detalles"]).encode("utf-8")
        except (KeyError, ValueError, TypeError, AttributeError):
            result.problems.append(f"Registro {n}: falta el campo «{field_name}» o está mal "
                                   "escrito; no se puede verificar.")
            continue
        key = chain_key(origin)
        where = f"entrada {seq} de la estación {origin[:8]}"
        if key is None:
            result.problems.append(f"No hay clave de cadena para la estación {origin[:8]}.")
            continue
        if not macs_equal(compute_mac(key, prev, header, details), mac):
            result.problems.append(f"La {where} fue alterada: su huella no coincide.")
            continue
        before = last.get(origin)
        if before and before[0] >= seq:
            result.problems.append(f"La {where} está fuera de orden o repetida.")
        elif before and before[0] == seq - 1 and not macs_equal(before[1], prev):
            result.problems.append(f"La {where} no enlaza con la anterior.")
        elif before is None and seq == 1 and prev != GENESIS:
            result.problems.append(f"La {where} dice ser la primera pero enlaza con otra.")
        elif (before and before[0] < seq - 1) or (before is None and seq > 1):
            result.gaps += 1
        last[origin] = (seq, mac)
        result.checked += 1
    return result
