"""Import of people from the institution's directory (a CSV file): parse, check every line,
preview, apply. UTF-8 with or without BOM, `;` or `,` as separator; columns nombre, correo,
nivel, área (any order, case and accents ignored). Nothing is written until `apply`, which by
default refuses a file with problems; importing again updates people by their e-mail."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from enum import StrEnum

from redes_desktop.errors import NotFound, ValidationError
from redes_desktop.models import Level, Person
from redes_desktop.services import rules
from redes_desktop.services.directory import fold
from redes_desktop.services.organization import Organization

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
COLUMNS = {"nombre": "nombre", "correo": "correo", "correo institucional": "correo",
           "email": "correo", "nivel": "nivel", "area": "area", "area responsable": "area"}
REQUIRED = ("nombre", "correo", "nivel", "area")
LEVELS = {fold(level.label): level for level in Level} | {level.value: level for level in Level}


class LineStatus(StrEnum):
    NEW = "nueva"
    UPDATE = "actualiza"
    SAME = "sin cambios"
    ERROR = "con problemas"


@dataclass(frozen=True)
class ParsedLine:
    number: int  # line of the file, counting the header as 1
    name: str
    email: str
    level_text: str
    area_text: str


@dataclass(frozen=True)
class PreviewLine:
    number: int
    name: str
    email: str
    level_text: str
    area_text: str
    status: LineStatus
    problems: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"linea": self.number, "nombre": self.name, "correo": self.email,
                "nivel": self.level_text, "area": self.area_text, "estado": self.status.value,
                "problemas": list(self.problems)}


@dataclass(frozen=True)
class Preview:
    lines: tuple[PreviewLine, ...]
    file_problems: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.file_problems and all(not ln.problems for ln in self.lines)

    @property
    def valid_lines(self) -> tuple[PreviewLine, ...]:
        return tuple(ln for ln in self.lines if not ln.problems)

    @property
    def problem_count(self) -> int:
        return len(self.file_problems) + sum(len(ln.problems) for ln in self.lines)

    def as_json(self) -> dict:
        return {"limpio": self.clean, "problemas_del_archivo": list(self.file_problems),
                "lineas": [ln.as_json() for ln in self.lines]}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int
    preview: Preview = field(repr=False)

    def as_json(self) -> dict:
        return {"nuevas": self.created, "actualizadas": self.updated,
                "sin_cambios": self.unchanged, "omitidas": self.skipped,
                "vista_previa": self.preview.as_json()}


def parse(data: bytes) -> tuple[list[ParsedLine], list[str]]:
    """The lines of the file and the problems of the file as a whole (no header, wrong
    encoding). Never raises on bad content."""
    if len(data) > MAX_BYTES:
        return [], [f"El archivo pesa más de {MAX_BYTES // (1024 * 1024)} MB; divídalo en "
                    "partes más pequeñas."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["El archivo no está en UTF-8. Guárdelo desde su hoja de cálculo como "
                    "«CSV UTF-8» y vuelva a intentarlo."]
    if "\x00" in text:
        return [], ["El archivo no es un CSV de texto (contiene caracteres nulos)."]
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: dict[str, int] | None = None
    lines: list[ParsedLine] = []
    try:
        for row in reader:
            number = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = {}
                for index, cell in enumerate(row):
                    key = COLUMNS.get(fold(cell.strip()))
                    if key and key not in header:
                        header[key] = index
                missing = [c for c in REQUIRED if c not in header]
                if missing:
                    return [], ["Falta la columna " + ", ".join(f"«{m}»" for m in missing)
                                + " en la primera línea. La primera línea debe nombrar las "
                                "columnas: nombre; correo; nivel; área."]
                continue
            if len(lines) >= MAX_ROWS:
                return lines, [f"El archivo tiene más de {MAX_ROWS} personas; divídalo."]

            cells = [row[header[key]].strip() if header[key] < len(row) else ""
                     for key in REQUIRED]
            lines.append(ParsedLine(number, *cells))
    except csv.Error as error:
        return lines, [f"El archivo no es un CSV válido cerca de la línea {reader.line_num} "
                       f"({error}). Revise las comillas."]
    if header is None:
        return [], ["El archivo está vacío."]
    return lines, []


def preview(organization: Organization, data: bytes) -> Preview:
    """Every problem of every line against the directory as it is now; writes nothing."""
    parsed, file_problems = parse(data)
    seen: dict[str, int] = {}
    result: list[PreviewLine] = []
    for line in parsed:
        problems: list[str] = []
        if not line.name:
            problems.append("Falta el nombre.")
        email = line.email.strip().lower()
        try:
            rules.require_institutional_email(line.email, who="Correo")
        except ValidationError as error:
            problems.append(str(error) if line.email else "Falta el correo.")
        if email and email in seen:
            problems.append(f"Correo repetido: ya aparece en la línea {seen[email]}.")
        elif email:
            seen[email] = line.number
        level = LEVELS.get(fold(line.level_text).replace("_", " ")) or LEVELS.get(
            fold(line.level_text))
        if level is None:
            problems.append(f"Nivel «{line.level_text}» no válido: use «Mando superior», "
                            "«Mando medio» u «Operativo».")
        area = None
        if not line.area_text:
            problems.append("Falta el área.")
        else:
            try:
                area = organization.area_by_name(line.area_text)
            except NotFound:
                problems.append(f"Área desconocida: «{line.area_text}» no está registrada.")
        status = LineStatus.NEW
        existing = _existing(organization, email)
        if existing is None and email and _existing(organization, email, removed=True):
            problems.append(f"El correo {email} es de una persona dada de baja; no se vuelve "
                            "a dar de alta por importación.")
        if existing is not None:
            if area is not None and level is not None:
                problem = organization.edit_problem(existing, level=level, area=area)
                if problem:
                    problems.append(problem)
            same = (existing.name == line.name and existing.level == level
                    and area is not None and existing.area_id == area.id)
            status = LineStatus.SAME if same else LineStatus.UPDATE
        result.append(PreviewLine(line.number, line.name, line.email, line.level_text,
                                  line.area_text,
                                  LineStatus.ERROR if problems else status, tuple(problems)))
    return Preview(tuple(result), tuple(file_problems))


def _existing(organization: Organization, email: str, *, removed: bool = False
              ) -> Person | None:
    from sqlalchemy import func, select

    if not email:
        return None
    gone = Person.deleted_at.is_not(None) if removed else Person.deleted_at.is_(None)
    return organization.session.scalar(select(Person).where(
        func.lower(Person.email) == email, gone))


def apply(organization: Organization, actor: Person | None, data: bytes, *,
          only_valid: bool = False) -> ImportResult:
    """Import the file: all of it when clean; with problems, only when `only_valid` (then the
    lines with problems are skipped). Raises `ValidationError` (nothing written) otherwise."""
    organization.require_manager(actor)
    checked = preview(organization, data)
    if checked.file_problems:
        raise ValidationError("No se importó nada: " + " ".join(checked.file_problems))
    if not checked.clean and not only_valid:
        raise ValidationError(
            f"No se importó nada: el archivo tiene {checked.problem_count} problema(s) en "
            f"{len(checked.lines) - len(checked.valid_lines)} línea(s). Corríjalos, o importe "
            "solo las líneas sin problemas.")
    created = updated = unchanged = 0
    for line in checked.valid_lines:
        level = LEVELS.get(fold(line.level_text).replace("_", " ")) or LEVELS[
            fold(line.level_text)]
        area = organization.area_by_name(line.area_text)
        existing = _existing(organization, line.email.strip().lower())
        if existing is None:
            organization.add_person(actor, line.name, line.email, level, area,
                                    origin="importación")
            created += 1
        elif organization.edit_person(actor, existing, name=line.name, level=level, area=area,
                                      origin="importación"):
            updated += 1
        else:
            unchanged += 1
    skipped = len(checked.lines) - len(checked.valid_lines)
    organization._record(actor, "directorio_importado", nuevas=created, actualizadas=updated,
                         sin_cambios=unchanged, omitidas=skipped)
    return ImportResult(created, updated, unchanged, skipped, checked)
