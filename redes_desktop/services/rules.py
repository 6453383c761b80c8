"""The rules of sections 5.1 and 7 as plain checks, each raising a Spanish `ValidationError`
that names its criterion. Services call them before writing anything."""

from __future__ import annotations

import re
from collections.abc import Iterable

from redes_desktop.errors import ValidationError
from redes_desktop.models.enums import AdminKind, AreaKind, Level, Network

INSTITUTIONAL_DOMAIN = "ine.mx"
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@([A-Za-z0-9\-]+\.)+[A-Za-z]{2,}$")
_HANDLE_RE = re.compile(r"^@?[A-Za-z0-9_.]{1,50}$")


def require_institutional_email(email: str, who: str = "La cuenta") -> str:
    """7.v: accounts are opened with ine.mx addresses; administrators use theirs too."""
    value = (email or "").strip().lower()
    if not _EMAIL_RE.match(value):
        raise ValidationError(
            f"{who}: «{email}» no es una dirección de correo válida. "
            "Escriba una dirección completa, por ejemplo nombre.apellido@ine.mx.",
            criterion="7.v",
            field="email",
        )
    domain = value.rsplit("@", 1)[1]
    if domain != INSTITUTIONAL_DOMAIN and not domain.endswith("." + INSTITUTIONAL_DOMAIN):
        raise ValidationError(
            f"{who}: el correo «{email}» no pertenece al dominio ine.mx. "
            "Las cuentas y sus administradores usan direcciones institucionales (criterio 7.v).",
            criterion="7.v",
            field="email",
        )
    return value


def normalise_handle(handle: str) -> str:
    value = (handle or "").strip()
    if not value:
        raise ValidationError(
            "Escriba el nombre de usuario de la cuenta (por ejemplo @INEMexico).", field="handle"
        )
    if not value.startswith("@"):
        value = "@" + value
    if not _HANDLE_RE.match(value):
        raise ValidationError(
            f"El nombre de usuario «{handle}» tiene caracteres no permitidos: "
            "use letras sin acento, números, punto o guion bajo.",
            field="handle",
        )
    return value


def require_x_handle_suffix(network: Network, handle: str) -> None:
    """7.v: X (Twitter) handles always carry the suffix "ine"."""
    if network == Network.X and not handle.lower().rstrip().endswith("ine"):
        raise ValidationError(
            f"El usuario de X «{handle}» debe terminar en «ine» (criterio 7.v), "
            "por ejemplo @JLE_JaliscoINE.",
            criterion="7.v",
            field="handle",
        )


def require_network_allowed_for_area(network: Network, area_kind: AreaKind) -> None:
    """7.x: among local bodies only the 32 Juntas Locales have X and Facebook accounts."""
    if area_kind == AreaKind.JUNTA_DISTRITAL and network in (Network.X, Network.FACEBOOK):
        raise ValidationError(
            f"Las Juntas Distritales no pueden tener cuenta de {network.label}: entre los "
            "órganos locales, solo las 32 Juntas Locales están facultadas (criterio 7.x). "
            "Publique a través de la cuenta de su Junta Local.",
            criterion="7.x",
            field="network",
        )


def require_titular_level(level: Level, name: str = "La persona") -> None:
    """5.1: the titular administrator has mando medio or superior level."""
    if level == Level.OPERATIVO:
        raise ValidationError(
            f"{name} es personal operativo: el administrador titular debe tener nivel de "
            "mando medio o superior (criterio 5.1). Puede designarla como suplente.",
            criterion="5.1",
            field="titular",
        )


def require_titular_and_suplente(kinds: Iterable[AdminKind]) -> None:
    """5.1: each area designates two administrators per account, a titular and a suplente."""
    present = list(kinds)
    missing = [k for k in (AdminKind.TITULAR, AdminKind.SUPLENTE) if k not in present]
    if missing:
        names = " y ".join("titular" if k == AdminKind.TITULAR else "suplente" for k in missing)
        raise ValidationError(
            f"Falta designar al administrador {names}: cada cuenta de área tiene un "
            "administrador titular y uno suplente (criterio 5.1).",
            criterion="5.1",
            field="administrators",
        )
    if present.count(AdminKind.TITULAR) > 1 or present.count(AdminKind.SUPLENTE) > 1:
        raise ValidationError(
            "Una cuenta tiene un solo administrador titular y un solo suplente vigentes "
            "(criterio 5.1). Cierre la designación anterior antes de registrar la nueva.",
            criterion="5.1",
            field="administrators",
        )


def require_distinct_people(titular_id: object, suplente_id: object) -> None:
    if titular_id == suplente_id:
        raise ValidationError(
            "El administrador titular y el suplente deben ser dos personas distintas "
            "(criterio 5.1).",
            criterion="5.1",
            field="suplente",
        )
