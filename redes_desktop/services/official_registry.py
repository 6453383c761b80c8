"""The registry of official accounts (7.ix): only accounts authorised by CNCS and open are
official. Personal accounts appear only when they belong to a Consejera or Consejero Electoral
(7.vi: only they may ask for their personal accounts to be publicised on the Institute's pages).
Exported as CSV, JSON or an accessible HTML table for the institutional portal."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from redes_desktop.models import Account, AccountStatus, Area, Person, Role
from redes_desktop.models.procedures import AccountRequest, RequestState

FORMATS = ("csv", "json", "html")
COLUMNS = (
    ("red", "Red"),
    ("nombre", "Cuenta"),
    ("usuario", "Usuario"),
    ("direccion", "Dirección"),
    ("area", "Área responsable"),
    ("verificada", "Verificada"),
    ("personal_de", "Cuenta personal de"),
)


@dataclass(frozen=True)
class OfficialAccount:
    red: str
    nombre: str
    usuario: str
    direccion: str
    area: str
    verificada: bool
    personal_de: str = ""  # 7.vi: the Consejera or Consejero whose personal account it is


def official_accounts(session: Session) -> list[OfficialAccount]:
    """Active accounts marked official. An account opened through a request counts only if CNCS
    authorised that request (accounts loaded before the program existed have no request)."""
    refused = select(AccountRequest.account_id).where(
        AccountRequest.state.in_([RequestState.PENDIENTE, RequestState.RECHAZADA])
    )
    accounts = session.scalars(
        select(Account)
        .join(Account.area)
        .where(
            Account.status == AccountStatus.ACTIVA,
            Account.official.is_(True),
            Account.deleted_at.is_(None),
            Account.id.not_in(refused),
        )
        .options(selectinload(Account.area), selectinload(Account.personal_of))
        .order_by(Area.name, Account.network, Account.handle)
    )
    return [
        OfficialAccount(
            red=a.network.label,
            nombre=a.name,
            usuario=a.handle,
            direccion=a.url,
            area=a.area.name,
            verificada=a.verified,
            personal_de=a.personal_of.name if a.personal_of is not None else "",
        )
        for a in accounts
        if a.personal_of_id is None or _may_publicise(a.personal_of)
    ]


def _may_publicise(owner: Person | None) -> bool:
    """7.vi: a personal account is listed only for a Consejera or Consejero Electoral."""
    return (owner is not None and owner.deleted_at is None
            and owner.has_role(Role.CONSEJERO_ELECTORAL))


def export(rows: list[OfficialAccount], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([title for _key, title in COLUMNS])
        for row in rows:
            writer.writerow([_cell(row, key) for key, _title in COLUMNS])
        return buffer.getvalue()
    if fmt == "html":
        return _html(rows)
    raise ValueError(f"formato desconocido: {fmt}")


def _cell(row: OfficialAccount, key: str) -> str:
    value = getattr(row, key)
    if isinstance(value, bool):
        return "Sí" if value else "No"
    return str(value)


def _html(rows: list[OfficialAccount]) -> str:
    head = "".join(f'<th scope="col">{escape(title)}</th>' for _key, title in COLUMNS)
    body = []
    for row in rows:
        cells = []
        for key, _title in COLUMNS:
            value = _cell(row, key)
            if key == "direccion" and value.startswith(("https://", "http://")):
                cell = f'<a href="{escape(value, quote=True)}">{escape(value)}</a>'
            else:
                cell = escape(value)
            tag = "th scope=\"row\"" if key == "nombre" else "td"
            cells.append(f"<{tag}>{cell}</{tag.split()[0]}>")
        body.append("    <tr>" + "".join(cells) + "</tr>")
    return (
        '<!DOCTYPE html>\n<html lang="es-MX">\n<head>\n<meta charset="utf-8">\n'
        "<title>Cuentas oficiales del Instituto Nacional Electoral en redes sociales</title>\n"
        "</head>\n<body>\n<table>\n"
        "  <caption>Cuentas oficiales del INE en redes sociales, autorizadas por la Coordinación "
        f"Nacional de Comunicación Social (criterio 7.ix). Total: {len(rows)}.</caption>\n"
        f"  <thead><tr>{head}</tr></thead>\n  <tbody>\n"
        + "\n".join(body)
        + "\n  </tbody>\n</table>\n</body>\n</html>\n"
    )
