"""The published contacts of an area (6.iii allow-list), from `Settings.area_contacts`.

The settings file is edited by people: a wrong shape (a string where a list belongs, numbers,
an unknown key) is ignored entry by entry, never an error, so a typo can only make the check
stricter, not crash it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from redes_desktop.checks.model import InstitutionalContacts

MAX_ENTRIES = 200  # per kind and area


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value[:MAX_ENTRIES] if isinstance(v, str) and v.strip())


def contacts_for_area(table: Mapping[str, Any] | None, area_id: object) -> InstitutionalContacts:
    """The contacts configured for `area_id` (a UUID or its string), or none."""
    if not table or area_id is None:
        return InstitutionalContacts()
    raw = table.get(str(area_id))
    if not isinstance(raw, Mapping):
        return InstitutionalContacts()
    return InstitutionalContacts(
        phones=_strings(raw.get("phones")),
        emails=_strings(raw.get("emails")),
        addresses=_strings(raw.get("addresses")),
    )
