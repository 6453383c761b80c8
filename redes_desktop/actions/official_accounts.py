"""Export the registry of official accounts (7.ix) for the institutional portal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work

if TYPE_CHECKING:
    from redes_desktop.database import Database


def official_accounts_text(database: Database, fmt: str) -> str:
    """The official accounts (authorised by CNCS and open) as CSV, JSON or an accessible HTML
    table. Reading only."""
    from redes_desktop.services.official_registry import export, official_accounts

    with unit_of_work(database) as session:
        return export(official_accounts(session), fmt)
