"""The sync controller (background, status text) and resolving a conflict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select

from redes_desktop.models import Post
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.sync.conflicts import KEEP_LOCAL, MERGED, open_conflicts, resolve
from redes_desktop.sync.engine import SharedUnavailable
from redes_desktop.sync.status import read_status
from redes_desktop.ui.sync.controller import SyncController
from redes_desktop.ui.tasks import SynchronousPool
from tests import test_sync_support as _support
from tests.test_sync import _draft, _office

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture


def test_status_text_and_controller(qtbot, stations, clock):
    a = stations("a", clock=clock)
    office = _office(a)
    _draft(a, office)
    assert read_status(a.db.engine, configured=False).text() == "Sincronización: sin configurar"
    assert "pendientes" in read_status(a.db.engine, configured=True).text()
    controller = SyncController(a.db.engine, lambda: a.engine, pool=SynchronousPool())
    texts: list[str] = []
    controller.status_changed.connect(texts.append)
    controller.sync_now()
    assert texts[0].startswith("Sincronización: sincronizando…")
    assert texts[-1] == "Sincronización: al día"
    QThreadPool.globalInstance().waitForDone()


def test_offline_status_and_conflict_resolution(stations, clock):
    from sqlalchemy import create_engine

    a, b = stations("a", clock=clock), stations("b", clock=clock)
    office = _office(a)
    post_id = _draft(a, office, "Original")
    a.sync()
    b.sync()
    for station, words in ((a, "De A"), (b, "De B")):
        with station.db.session() as s:
            s.get(Post, post_id).text = words
            s.commit()
    a.sync()
    b.sync()
    assert "1 conflicto" in read_status(b.db.engine, configured=True).text()
    with b.db.session() as s:
        conflict = open_conflicts(s)[0]
        resolve(s, conflict.id, MERGED, person_id=None, now=clock(),
                merged={**conflict.local_data, "text": "De A y de B"})
        s.commit()
    b.sync()
    a.sync()
    with a.db.session() as s:
        assert s.get(Post, post_id).text == "De A y de B"
        assert s.scalars(select(SyncConflict)).one().resolution == MERGED
    assert read_status(a.db.engine, configured=True).text() == "Sincronización: al día"
    b.engine.shared = create_engine("postgresql+psycopg://root@127.0.0.1:1/test")
    with pytest.raises(SharedUnavailable):
        b.sync()
    assert "sin conexión desde 12:00" in read_status(b.db.engine, configured=True).text()
    assert KEEP_LOCAL == "local"
