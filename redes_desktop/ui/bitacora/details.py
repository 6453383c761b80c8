"""An entry's details as a person reads them: labelled fields, names instead of ids, times in
México City's zone (issue 15). The raw JSON, ids and MACs stay in the export (`bitacora
export`, «Exportar…»), where an auditor needs them."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QObject

from redes_desktop.bitacora.names import Names
from redes_desktop.bitacora.query import EntryView
from redes_desktop.clock import to_mexico

_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{32,}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

# Action codes are ASCII («contrasena_rotada»); what is shown carries its accents (issue 15).
_ACCENTED = {
    "aprobacion": "aprobación", "area": "área", "areas": "áreas",
    "bitacora": "bitácora", "buzon": "buzón", "conexion": "conexión", "contrasena": "contraseña",
    "contrasenas": "contraseñas", "decision": "decisión", "designacion": "designación",
    "dia": "día", "dias": "días", "dueno": "dueño", "edicion": "edición",
    "evaluacion": "evaluación", "exportacion": "exportación", "identificacion":
    "identificación", "imagenes": "imágenes", "informacion":
    "información", "invalido": "inválido", "limite": "límite", "programacion": "programación",
    "publicacion": "publicación", "mencion": "mención", "retencion": "retención",
    "revision": "revisión",
    "rotacion": "rotación", "sesion": "sesión", "sincronizacion": "sincronización",
    "ultimo": "último", "verificacion": "verificación", "version": "versión",
}


def action_label(action: str) -> str:
    """«contrasena_rotada» → «Contraseña rotada»."""
    text = " ".join(_ACCENTED.get(word, word) for word in action.split("_") if word)
    return text[:1].upper() + text[1:]


class EntryDetails(QObject):
    """Formats entries with the names of one scope (`Names`)."""

    def __init__(self, names: Names, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names

    # -- values --------------------------------------------------------------------------------
    def value_text(self, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return self.tr("Sí") if value else self.tr("No")
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, list | tuple):
            return ", ".join(self.value_text(v) for v in value) or "—"
        if isinstance(value, dict):
            return "; ".join(f"{action_label(str(k))}: {self.value_text(v)}"
                             for k, v in value.items()) or "—"
        return str(value)

    def _text(self, value: str) -> str:
        try:
            as_id = uuid.UUID(value)
        except ValueError:
            as_id = None
        if as_id is not None:
            return self.names(str(as_id)) or self.tr("(registro interno: véalo en la exportación)")
        if _HEX_DIGEST.fullmatch(value):
            return self.tr("(huella interna: véala en la exportación)")
        if _ISO_DATETIME.match(value):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if moment.tzinfo is None:  # the bitácora writes UTC
                moment = moment.replace(tzinfo=UTC)
            return to_mexico(moment).strftime("%d/%m/%Y %H:%M")
        if _ISO_DATE.fullmatch(value):
            return f"{date.fromisoformat(value):%d/%m/%Y}"
        parts = value.split("/")
        if len(parts) == 2 and all(_ISO_DATE.fullmatch(p) for p in parts):
            return (self.tr("del %1 al %2").replace("%1", self._text(parts[0]))
                    .replace("%2", self._text(parts[1])))
        return value

    # -- entries -------------------------------------------------------------------------------
    def fields(self, details: dict[str, Any]) -> list[tuple[str, str]]:
        """(label, value) per key: «eliminados_enviados» → «Eliminados enviados», ids → names,
        ISO times → México City's time."""
        return [(action_label(str(key)), self.value_text(value))
                for key, value in details.items()]

    def summary(self, view: EntryView) -> str:
        """The one-line form for the table's «Detalles» column."""
        return " · ".join(f"{label}: {value}" for label, value in self.fields(view.details))

    def _named(self, value: str | None) -> str:
        if value is None:
            return "—"
        return self.names(value) or self.tr("(no identificada)")

    def text(self, view: EntryView) -> str:
        """The detail pane: when (local time), what, who, where, then the labelled details."""
        actor = self._named(view.actor) if view.actor else self.tr("Sistema")
        lines = [
            self.tr("Fecha: %1 (hora de la Ciudad de México)").replace(
                "%1", to_mexico(view.at).strftime("%d/%m/%Y %H:%M:%S")),
            self.tr("Acción: %1").replace("%1", action_label(view.action)),
            self.tr("Persona: %1").replace("%1", actor),
            self.tr("Cuenta: %1").replace("%1", self._named(view.account)),
            self.tr("Área: %1").replace("%1", self._named(view.area)),
            self.tr("Estación: %1 · entrada %2").replace("%1", view.origin[:8])
            .replace("%2", str(view.seq)),
            "",
        ]
        if view.details_text is None:
            lines.append(self.tr("No se puede descifrar: la entrada fue alterada."))
            return "\n".join(lines)
        fields = self.fields(view.details)
        if fields:
            lines.append(self.tr("Detalles:"))
            lines.extend(f"  {label}: {value}" for label, value in fields)
        else:
            lines.append(self.tr("Sin detalles."))
        lines += ["", self.tr("El registro completo, con sus identificadores y su huella, va en "
                              "la exportación («Exportar…»).")]
        return "\n".join(lines)
