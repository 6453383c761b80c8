"""Rows the shared database refuses, and rows two workstations generate alike: neither blocks
the sync. A refused row becomes a "rechazado" conflict and the rest of its batch arrives; an
unexpected server error is a Spanish message, never a traceback."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from redes_desktop.models import AbsenceKind, AbsencePeriod, Level, Person, Post
from redes_desktop.models.procedures import HandoverNote
from redes_desktop.models.sync_state import SyncChange, SyncConflict
from redes_desktop.services.absence_notes import AbsenceNotes
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.engine import SyncFailed
from tests import test_sync_support as _support
from tests.factories import AreaKind
from tests.test_sync import T0, _draft, _office

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture


def _server_count(engine, sql: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_two_stations_generate_the_same_handover_note(stations, shared_engine):
    a, b = stations("a"), stations("b")
    office = _office(a)
    with a.db.session() as s:
        s.add(AbsencePeriod(person_id=office.titular.id, covering_person_id=office.suplente.id,
                            kind=AbsenceKind.VACACIONES, starts_on=date(2026, 3, 9),
                            ends_on=date(2026, 3, 20)))
        other = Directory(s, lambda: T0, NullRecorder()).create_area(
            "Otra área", AreaKind.JUNTA_LOCAL,
                                                     state="Sonora", acronym="JLE")
        stranger = Directory(s, lambda: T0, NullRecorder()).create_person(
            "Ajena", "ajena@ine.mx", Level.MANDO_MEDIO, other)
        s.commit()
        stranger_id = stranger.id
    a.sync()
    b.sync()
    # Somebody else's workstation writes no notes for this absence.
    with b.db.session() as s:
        assert AbsenceNotes(s, lambda: T0, person_id=stranger_id,
                            recorder=NullRecorder()).ensure_notes() == []
    # The titular's and the suplente's workstations both write the hand-over note, offline.
    for station, who in ((a, office.titular.id), (b, office.suplente.id)):
        with station.db.session() as s:
            [note] = AbsenceNotes(s, lambda: T0, person_id=who,
                                  recorder=NullRecorder()).ensure_notes()
            assert note.kind == "entrega"
            s.commit()
    a.sync()
    report = b.sync()
    assert report.push.conflicts == 0 and report.push.refused == 0
    a.sync()
    assert _server_count(shared_engine, "SELECT count(*) FROM handover_notes") == 1
    ids = []
    for station in (a, b):
        with station.db.session() as s:
            ids.append(s.scalars(select(HandoverNote.id)).one())
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0
            assert s.scalar(select(func.count()).select_from(SyncChange)) == 0
    assert ids[0] == ids[1]


def test_a_unique_clash_is_refused_alone_and_the_rest_arrives(stations, shared_engine):
    a, b = stations("a", batch_size=3), stations("b", batch_size=3)
    office = _office(a)
    a.sync()
    b.sync()
    for station in (a, b):
        with station.db.session() as s:
            s.add(Person(name=f"Alguien {station.name}", email="mismo@ine.mx",
                         level=Level.OPERATIVO, area_id=office.area.id))
            s.commit()
    post_id = _draft(b, office, "Llega aunque otro registro se rechace")
    a.sync()
    report = b.engine.push()
    assert report.push.refused == 1 and report.push.sent >= 1
    assert any("Rechazados por la base compartida: 1" in line for line in report.lines())
    assert _server_count(shared_engine, "SELECT count(*) FROM posts") == 1
    with shared_engine.connect() as conn:
        refused = conn.execute(text(
            "SELECT kind, reason, local_data FROM sync_conflicts")).one()
    assert refused.kind == "rechazado" and "únicos" in refused.reason
    assert refused.local_data["name"] == "Alguien b"
    assert _server_count(shared_engine, f"SELECT count(*) FROM posts WHERE id = '{post_id}'") == 1
    with b.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncChange)) == 0
    # Nothing is left to block the next push.
    _draft(b, office, "Y la siguiente también")
    again = b.engine.push()
    assert again.push.refused == 0 and again.push.sent == 1


def test_an_unexpected_server_error_is_a_spanish_message(stations, shared_engine, capsys):
    a = stations("a")
    _office(a)
    with shared_engine.begin() as conn:
        conn.execute(text("DROP FUNCTION redes_sync_lock()"))
    with pytest.raises(SyncFailed, match="La sincronización falló: .*ningún cambio local"):
        a.sync()
    with a.db.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncChange)) > 0
        assert s.scalar(select(func.count()).select_from(Post)) == 0


def test_same_person_created_offline_on_two_stations_blocks_neither(stations, shared_engine):
    """The e-mail is unique: the second push is refused (a conflict) and, on the second
    station, the first station's row cannot be applied either — it is set aside, the rest
    arrives, and later syncs keep working."""
    a, b = stations("a"), stations("b")
    office = _office(a)
    a.sync()
    b.sync()
    for station, name in ((a, "Nueva desde A"), (b, "Nueva desde B")):
        with station.db.session() as s:
            area = s.get(type(office.area), office.area.id)
            Directory(s, lambda: T0, NullRecorder()).create_person(
                name, "misma@ine.mx", Level.MANDO_MEDIO, area)
            s.commit()
    _draft(a, office, "Borrador que debe llegar a B")
    a.sync()
    report = b.sync()
    assert report.push.refused == 1          # B's person: the server already has that e-mail
    assert report.pull.refused == 1          # A's person: B already has that e-mail locally
    with b.db.session() as s:
        texts = [p.text for p in s.scalars(select(Post))]
        assert "Borrador que debe llegar a B" in texts
        kinds = sorted(c.kind for c in s.scalars(select(SyncConflict)))
        assert kinds.count("rechazado") >= 2
        assert s.scalar(select(func.count()).select_from(Person)
                        .where(Person.email == "misma@ine.mx")) == 1
    again = b.sync()  # nothing is stuck
    assert again.pull.refused == 0
