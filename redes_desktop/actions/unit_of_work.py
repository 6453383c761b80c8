"""The frame every action runs in: one session, commit or roll back, the acting person."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from redes_desktop.errors import UserFacingError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.database import Database
    from redes_desktop.models import Person

NO_IDENTITY_MESSAGE = (
    "No hay una persona identificada en esta estación. Elija quién es usted en "
    "Archivo → Cambiar de usuario y vuelva a intentarlo."
)


class NoIdentity(UserFacingError):
    """An action that needs a person ran with nobody signed in at this workstation."""

    def __init__(self, message: str = NO_IDENTITY_MESSAGE) -> None:
        super().__init__(message)


@contextmanager
def unit_of_work(database: Database) -> Iterator[Session]:
    """One session for one action: committed when the block ends normally, rolled back (and
    the error re-raised) otherwise. Nothing half-done reaches the database."""
    session = database.session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def acting_person(session: Session, person_id: uuid.UUID | None) -> Person:
    """The person acting, loaded in this unit of work; `NoIdentity` when there is none or the
    chosen person no longer exists (removed by a sync, for example)."""
    from redes_desktop.models import Person

    if person_id is None:
        raise NoIdentity()
    person = session.get(Person, person_id)
    if person is None or getattr(person, "deleted_at", None) is not None:
        raise NoIdentity(
            "La persona elegida en esta estación ya no existe en el directorio. Elija quién es "
            "usted en Archivo → Cambiar de usuario."
        )
    return person
