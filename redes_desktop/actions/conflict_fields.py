"""A sync conflict as a person reads it (issue 15): only the fields that differ, each with its
Spanish label, names instead of ids (account, person, area, post) and México City times instead
of UTC. Bookkeeping (ids, row versions, creation and update times) never shows. Qt-free."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from redes_desktop.clock import to_mexico
from redes_desktop.spanish_dates import spanish_date, spanish_datetime

HIDDEN = frozenset({"id", "created_at", "updated_at", "row_version"})
EMPTY = "(vacío)"
ABSENT = "(eliminado)"

LABELS: dict[str, str] = {
    "account_id": "Cuenta",
    "area_id": "Área",
    "parent_id": "Área superior",
    "titular_id": "Titular del área",
    "person_id": "Persona",
    "covering_person_id": "Persona que cubre",
    "author_id": "Autor",
    "reviewer_id": "Revisor(a) de la CNCS",
    "reported_by_id": "Reportado por",
    "requested_by_id": "Solicitado por",
    "recorded_by_id": "Registrado por",
    "rotated_by_id": "Cambiada por",
    "evaluator_id": "Evaluado por",
    "opened_by_id": "Abierta por",
    "completed_by_id": "Completado por",
    "proposed_titular_id": "Titular propuesto",
    "proposed_suplente_id": "Suplente propuesto",
    "personal_of_id": "Cuenta personal de",
    "post_id": "Publicación",
    "absence_id": "Ausencia",
    "session_id": "Capacitación",
    "mail_id": "Correo",
    "name": "Nombre",
    "email": "Correo electrónico",
    "level": "Nivel",
    "roles": "Roles",
    "acronym": "Siglas",
    "kind": "Tipo",
    "state": "Estado",
    "district": "Distrito",
    "network": "Red",
    "handle": "Usuario",
    "url": "Dirección",
    "purposes": "Fines",
    "justification": "Justificación",
    "status": "Estado",
    "official": "Oficial",
    "verified": "Verificada",
    "verified_on": "Verificada el",
    "compromised": "Incidente abierto",
    "rhythm": "Ritmo de publicación",
    "text": "Texto",
    "is_reply": "Es respuesta",
    "scheduled_at": "Programada para",
    "published_url": "Dirección publicada",
    "published_at": "Publicada el",
    "purpose": "Fin",
    "source": "Fuente",
    "bulletin_headline": "Titular del boletín",
    "topic": "Tema",
    "valid_until": "Vigente hasta",
    "withdrawn_at": "Retirada el",
    "deleted_at": "Eliminado el",
    "position": "Posición",
    "file_path": "Archivo",
    "sha256": "Huella del archivo",
    "alt_text": "Texto alternativo",
    "mime_type": "Tipo de archivo",
    "snapshot": "Contenido consultado",
    "question": "Pregunta",
    "sent_at": "Enviada el",
    "deadline": "Plazo",
    "mail_pending": "Correo pendiente",
    "decided_at": "Decidida el",
    "reasoning": "Razonamiento",
    "requested_changes": "Cambios solicitados",
    "snapshot_hash": "Huella del contenido",
    "invalidated_at": "Invalidada el",
    "since": "Desde",
    "until": "Hasta",
    "starts_on": "Inicia",
    "ends_on": "Termina",
    "starts_at": "Inicia",
    "ends_at": "Termina",
    "public_notice": "Aviso público",
    "observed_at": "Observado el",
    "reported_at": "Reportado el",
    "description": "Descripción",
    "closed_at": "Cerrado el",
    "resolution": "Resolución",
    "rotated_at": "Cambiada el",
    "requested_at": "Solicitada el",
    "oficio_path": "Oficio (archivo)",
    "oficio_sha256": "Huella del oficio",
    "oficio_name": "Oficio",
    "reasons": "Motivos",
    "opened_at": "Abierta el",
    "reason": "Motivo",
    "contents_deleted": "Contenidos eliminados",
    "password_retired": "Contraseña retirada",
    "cancelled_on_network": "Cancelada en la red",
    "notice_sent": "Aviso enviado",
    "completed_at": "Completado el",
    "title": "Título",
    "held_on": "Fecha",
    "notes": "Notas",
    "attended": "Asistió",
    "invited_at": "Invitado el",
    "year": "Año",
    "quarter": "Trimestre",
    "users": "Usuarios",
    "period_start": "Periodo desde",
    "period_end": "Periodo hasta",
    "evaluated_at": "Evaluada el",
    "score": "Calificación",
    "findings": "Hallazgos",
    "generated_at": "Generada el",
}


@dataclass(frozen=True)
class ConflictField:
    name: str  # the column, for a merge
    label: str  # Spanish
    shared: str  # the shared database's value, as a person reads it
    local: str  # the other version's value


def label_of(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


def differing_fields(session: Session, table: Table, server: dict[str, Any] | None,
                     local: dict[str, Any] | None) -> tuple[ConflictField, ...]:
    """The fields where the two versions differ (every filled field when one is a deletion),
    in the table's column order."""
    from redes_desktop.sync.rows import from_json

    shared_values = from_json(table, server) if server else None
    local_values = from_json(table, local) if local else None
    names = _Names(session)
    fields: list[ConflictField] = []
    for column in table.columns:
        name = column.name
        if name in HIDDEN:
            continue
        a = shared_values.get(name) if shared_values is not None else None
        b = local_values.get(name) if local_values is not None else None
        if shared_values is not None and local_values is not None and a == b:
            continue
        if (shared_values is None or local_values is None) and a is None and b is None:
            continue
        target = _target_table(table, name)
        fields.append(ConflictField(
            name, label_of(name),
            ABSENT if shared_values is None else readable(a, target, names),
            ABSENT if local_values is None else readable(b, target, names)))
    return tuple(fields)


def readable(value: Any, target: str | None = None,
             names: Callable[[str, uuid.UUID], str] | None = None) -> str:
    """One value as a person reads it: names for ids, local times, «sí»/«no», labels."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, datetime):
        return spanish_datetime(to_mexico(value))
    if isinstance(value, date):
        return spanish_date(value, year=True)
    if isinstance(value, uuid.UUID):
        return names(target, value) if names is not None and target else "(otro registro)"
    if isinstance(value, enum.Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, list | tuple):
        return ", ".join(readable(v, target, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{label_of(str(k))}: {readable(v)}" for k, v in value.items())
    return str(value)


def _target_table(table: Table, column: str) -> str | None:
    for fk in table.c[column].foreign_keys:
        return fk.column.table.name
    return None


class _Names:
    """Names of the records ids point at, read from this workstation's database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.cache: dict[tuple[str, uuid.UUID], str] = {}

    def __call__(self, target: str, row_id: uuid.UUID) -> str:
        key = (target, row_id)
        if key not in self.cache:
            self.cache[key] = self._lookup(target, row_id)
        return self.cache[key]

    def _lookup(self, target: str, row_id: uuid.UUID) -> str:
        from redes_desktop.models import Account, Area, Person, Post

        missing = "(un registro que no está en esta estación)"
        if target == "people":
            person = self.session.get(Person, row_id)
            return person.name if person else missing
        if target == "areas":
            area = self.session.get(Area, row_id)
            return area.name if area else missing
        if target == "accounts":
            account = self.session.get(Account, row_id)
            return f"{account.handle} ({account.network.label})" if account else missing
        if target == "posts":
            text = self.session.scalar(select(Post.text).where(Post.id == row_id))
            if text is None:
                return missing
            line = " ".join(text.split())
            return f"«{line[:40]}…»" if len(line) > 40 else f"«{line}»"
        return "(otro registro)"


def record_title(session: Session, table: Table, row: dict[str, Any] | None) -> str:
    """What the record is about, for the list: «@INEJalisco (X)», a person's name…"""
    if not row:
        return ""
    from redes_desktop.sync.rows import from_json

    values = from_json(table, row)
    names = _Names(session)
    if table.name in ("people", "areas", "training_sessions", "council_sessions"):
        return str(values.get("name") or values.get("title") or "")
    if table.name == "accounts":
        network = values.get("network")
        label = getattr(network, "label", network)
        return f"{values.get('handle', '')} ({label})"
    for column in ("account_id", "person_id", "post_id"):
        value = values.get(column)
        if isinstance(value, uuid.UUID):
            return names(_target_table(table, column) or "", value)
    return ""
