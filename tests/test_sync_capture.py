"""Change capture cannot be lost: every session factory captures, however many are made, and a
session that does not capture cannot write synced rows to a local database (issue 11)."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from redes_desktop.models import Area, AreaKind
from redes_desktop.models.mail import OutgoingMail
from redes_desktop.models.sync_state import SyncChange
from redes_desktop.sync.capture import UncapturedWrite, captures, install_change_capture


def _changes(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(SyncChange))


def _areas(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(Area))


def test_thousands_of_session_factories_all_capture(database):
    """SQLAlchemy's event registry is keyed by memory address: a factory born where a collected
    one lived was taken as already listening (2,998 of 3,000 here before the fix)."""
    missing = 0
    for _ in range(3000):
        sessions = sessionmaker(database.engine)
        install_change_capture(sessions)
        with sessions() as s:
            missing += not captures(s)
        del sessions
        gc.collect(0)
    assert missing == 0
    # And a real edit through the last, most recycled factory is captured.
    sessions = sessionmaker(database.engine)
    install_change_capture(sessions)
    with sessions() as s:
        s.add(Area(name="Área capturada", kind=AreaKind.JUNTA_LOCAL, state="Colima"))
        s.commit()
    assert _changes(database) == 1


def test_capture_is_installed_once(database):
    sessions = sessionmaker(database.engine)
    install_change_capture(sessions)
    install_change_capture(sessions)
    with sessions() as s:
        assert sum(1 for _ in s.dispatch.after_flush) == 1
    with pytest.raises(TypeError):
        install_change_capture(Session)


@pytest.mark.parametrize("make", [
    lambda engine: sessionmaker(engine)(),
    lambda engine: Session(engine),
], ids=["sessionmaker-sin-captura", "Session-directa"])
def test_a_session_without_capture_cannot_write_synced_rows(database, make):
    with database.session() as s:
        s.add(Area(name="Antes", kind=AreaKind.JUNTA_LOCAL, state="Colima"))
        s.commit()
    before = (_areas(database), _changes(database))
    with make(database.engine) as s:
        s.add(Area(name="Sin captura", kind=AreaKind.JUNTA_LOCAL, state="Colima"))
        with pytest.raises(UncapturedWrite, match="no se guardó nada"):
            s.commit()
    with make(database.engine) as s:
        area = s.scalars(select(Area)).one()
        area.name = "Editada sin captura"
        with pytest.raises(UncapturedWrite):
            s.flush()
        s.rollback()
        s.delete(s.scalars(select(Area)).one())
        with pytest.raises(UncapturedWrite):
            s.flush()
    assert (_areas(database), _changes(database)) == before
    with database.session() as s:
        assert s.scalars(select(Area.name)).one() == "Antes"


def test_local_only_rows_need_no_capture(database):
    with Session(database.engine) as s:
        s.add(OutgoingMail(recipients=["a@ine.mx"], subject="Asunto", body="Cuerpo"))
        s.commit()
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(OutgoingMail)) == 1
