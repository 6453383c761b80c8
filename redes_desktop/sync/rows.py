"""Row helpers shared by push and pull: JSON form of a row, late foreign-key columns."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Table

from redes_desktop.sync.policies import synced_tables


def json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def row_json(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {key: json_value(value) for key, value in row.items()}


def from_json(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    """Python values for a row stored as JSON (for resolving a conflict)."""
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        python_type = None
        kind = column.type
        impl = getattr(kind, "impl_instance", None) or getattr(kind, "impl", None)
        from sqlalchemy import DateTime

        if isinstance(impl, DateTime) or isinstance(kind, DateTime):
            out[column.name] = None if value is None else datetime.fromisoformat(value)
            continue
        for candidate in (kind, impl):
            if candidate is None:
                continue
            try:
                python_type = candidate.python_type
                break
            except (NotImplementedError, AttributeError):
                continue
        if value is not None and python_type is not None:
            if python_type is uuid.UUID:
                value = uuid.UUID(value)
            elif python_type is datetime:
                value = datetime.fromisoformat(value)
            elif python_type is date:
                value = date.fromisoformat(value)
            elif isinstance(python_type, type) and issubclass(python_type, enum.Enum):
                value = python_type(value)
        out[column.name] = value
    return out


@cache
def order_of() -> dict[str, int]:
    return {t.name: i for i, t in enumerate(synced_tables())}


@cache
def late_columns(table_name: str) -> tuple[str, ...]:
    """Nullable FK columns that may point at a row written later in the same batch
    (self references and cycles such as areas.titular_id -> people)."""
    from redes_desktop.sync.policies import table as get_table

    table = get_table(table_name)
    order = order_of()
    mine = order.get(table_name, 0)
    late = []
    for fk in table.foreign_keys:
        target = fk.column.table.name
        if fk.parent.nullable and (target == table_name or order.get(target, -1) >= mine
                                   or fk.use_alter):
            late.append(fk.parent.name)
    return tuple(sorted(set(late)))
