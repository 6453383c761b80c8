"""Find an account by id or by @handle (command line and scripts)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redes_desktop.models import Account


def find_account(session: Session, key: str) -> Account | None:
    try:
        return session.get(Account, uuid.UUID(key))
    except ValueError:
        pass
    handle = key if key.startswith("@") else "@" + key
    return session.scalars(
        select(Account).where(func.lower(Account.handle) == handle.lower(),
                              Account.deleted_at.is_(None))
    ).first()
