"""Find an account by id or by @handle (command line and scripts)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redes_desktop.models import Account
from redes_desktop.models.enums import Network


def find_account(session: Session, key: str, network: Network | None = None) -> Account | None:
    """The account with id `key`, or with the @handle `key` on `network`.

    The same @handle is often used on several networks (X and Facebook): without a network the
    first one is returned; use `find_accounts` to see them all."""
    found = find_accounts(session, key)
    if network is not None:
        found = [a for a in found if a.network == network]
    return found[0] if found else None


def find_accounts(session: Session, key: str) -> list[Account]:
    """Every live account that `key` names: one by id, or all those sharing the @handle."""
    try:
        account = session.get(Account, uuid.UUID(key))
    except ValueError:
        pass
    else:
        return [account] if account is not None else []
    handle = key if key.startswith("@") else "@" + key
    return list(session.scalars(
        select(Account).where(func.lower(Account.handle) == handle.lower(),
                              Account.deleted_at.is_(None)).order_by(Account.network)
    ))
