"""The purposes (fines) of section 3 of the criteria: every post serves one (6.i), chosen in the
composer, and the quarterly report counts posts by purpose (8.iv «objetivos»)."""

from __future__ import annotations

PURPOSES: dict[str, str] = {
    "3.i": "Presencia del Instituto ante la ciudadanía",
    "3.ii": "Alcanzar públicos nuevos",
    "3.iii": "Acercarse a comunidades virtuales",
    "3.iv": "Difundir información del Instituto",
    "3.v": "Promover sitios del Instituto",
    "3.vi": "Explicar procesos internos",
    "3.vii": "Recibir sugerencias del público",
    "3.viii": "Interactuar con la ciudadanía",
    "3.ix": "Aclarar información errónea",
    "3.x": "Información y respuestas útiles",
    "3.xi": "Educación cívica y formación ciudadana",
}
NO_PURPOSE = "sin_fin"
NO_PURPOSE_LABEL = "Sin fin registrado"


def purpose_label(purpose_id: str | None) -> str:
    if not purpose_id:
        return NO_PURPOSE_LABEL
    return f"{purpose_id} {PURPOSES.get(purpose_id, '(desconocido)')}"


def is_purpose(value: str | None) -> bool:
    return bool(value) and value in PURPOSES
