"""A received row this workstation cannot take never wedges it (issue 11): two workstations
register the same e-mail offline, one of them then writes records that point at its person.
The other workstation sets aside the person *and* every received row that depends on it, the
rest still arrives, every later pull works, and resolving the conflicts brings things back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from redes_desktop.errors import ValidationError
from redes_desktop.models import Consultation, Level, Person, Post
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.sync.conflicts import KEEP_SERVER, open_conflicts, resolve
from tests import test_sync_support as _support
from tests.test_sync import T0, _draft, _office

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
EMAIL = "misma@ine.mx"


def _register(station, office, name: str) -> object:
    with station.db.session() as s:
        area = s.get(type(office.area), office.area.id)
        directory = Directory(s, lambda: T0, NullRecorder())
        person = directory.create_person(name, EMAIL, Level.MANDO_MEDIO, area)
        s.commit()
        return person.id


def _authored_post(station, office, author_id, text: str) -> object:
    with station.db.session() as s:
        post = Post(account_id=office.account.id, network=office.account.network,
                    author_id=author_id, text=text)
        s.add(post)
        s.commit()
        return post.id


def test_rows_pointing_at_a_set_aside_person_do_not_wedge_the_pull(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    a.sync()
    b.sync()
    from_a = _register(a, office, "Nueva desde A")
    _register(b, office, "Nueva desde B")
    dependent = _authored_post(a, office, from_a, "Escrito por la persona de A")
    independent = _draft(a, office, "Borrador que debe llegar a B")
    a.sync()

    report = b.sync()  # failed with «FOREIGN KEY constraint failed» before the fix

    assert report.push.refused == 1     # B's person: the server already has that e-mail
    assert report.pull.refused == 2     # A's person, and A's post that points at it
    with b.db.session() as s:
        assert s.get(Post, independent).text == "Borrador que debe llegar a B"
        assert s.get(Post, dependent) is None
        set_aside = {c.row_id: c for c in open_conflicts(s) if c.local_data is None}
        assert set(set_aside) == {from_a, dependent}
        assert "apunta" in set_aside[dependent].reason
        assert s.scalar(select(func.count()).select_from(Person)
                        .where(Person.email == EMAIL)) == 1
    # Nothing is stuck: later changes keep arriving.
    later = _draft(a, office, "Después del conflicto")
    a.sync()
    again = b.sync()
    assert again.pull.refused == 0
    with b.db.session() as s:
        assert s.get(Post, later).text == "Después del conflicto"


def test_resolving_brings_the_set_aside_rows_back(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    a.sync()
    b.sync()
    from_a = _register(a, office, "Nueva desde A")
    from_b = _register(b, office, "Nueva desde B")
    dependent = _authored_post(a, office, from_a, "Escrito por la persona de A")
    a.sync()
    b.sync()
    # On B, someone decides A's person is the right one: B's copy is removed (an ordinary,
    # captured delete) and the shared version is kept for every conflict.
    with b.db.session() as s:
        s.delete(s.get(Person, from_b))
        s.commit()
    with b.db.session() as s:
        for conflict in open_conflicts(s):
            resolve(s, conflict.id, KEEP_SERVER, person_id=office.titular.id, now=T0)
        s.commit()
    b.sync()
    with b.db.session() as s:
        assert s.get(Person, from_a).name == "Nueva desde A"
        assert s.get(Post, dependent).text == "Escrito por la persona de A"
        assert not open_conflicts(s)
    assert b.sync().pull.refused == 0


def test_set_aside_rows_arrive_by_themselves_once_the_clash_is_gone(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    a.sync()
    b.sync()
    from_a = _register(a, office, "Nueva desde A")
    from_b = _register(b, office, "Nueva desde B")
    dependent = _authored_post(a, office, from_a, "Escrito por la persona de A")
    a.sync()
    b.sync()
    with b.db.session() as s:  # still clashing: keeping the shared version is refused
        person_conflict = next(c for c in open_conflicts(s) if c.row_id == from_a)
        with pytest.raises(ValidationError, match="todavía choca"):
            resolve(s, person_conflict.id, KEEP_SERVER, person_id=None, now=T0)
    with b.db.session() as s:
        assert s.get(Person, from_a) is None
        s.delete(s.get(Person, from_b))
        s.commit()
    report = b.sync()  # nobody resolved anything: the rows are simply tried again
    assert report.pull.refused == 0
    with b.db.session() as s:
        assert s.get(Post, dependent).author_id == from_a
        assert {c.row_id for c in open_conflicts(s) if c.local_data is None} == set()


def test_a_received_delete_of_a_row_a_local_row_needs_does_not_wedge(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    post_id = _draft(a, office, "Se borrará en A")
    a.sync()
    b.sync()
    with a.db.session() as s:
        s.delete(s.get(Post, post_id))
        s.commit()
    a.sync()
    with b.db.session() as s:  # meanwhile B, offline, consults about that post
        s.add(Consultation(post_id=post_id, account_id=office.account.id,
                           author_id=office.titular.id, snapshot={"text": "x"}, question="¿?",
                           sent_at=T0, deadline=T0 + timedelta(hours=48)))
        s.commit()
    report = b.sync()  # failed with «FOREIGN KEY constraint failed» before the fix
    assert report.push.refused == 1       # the server no longer has the post
    assert report.pull.kept_local >= 1    # B keeps the post its consultation needs
    later = _draft(a, office, "Después")
    a.sync()
    assert b.sync().pull.received >= 1
    with b.db.session() as s:
        assert s.get(Post, later) is not None
        assert s.get(Post, post_id) is not None
        assert s.scalar(select(func.count()).select_from(Consultation)) == 1


def test_a_set_aside_row_deleted_on_the_server_closes_its_conflict(stations):
    a, b = stations("a"), stations("b")
    office = _office(a)
    a.sync()
    b.sync()
    from_a = _register(a, office, "Nueva desde A")
    _register(b, office, "Nueva desde B")
    a.sync()
    b.sync()
    with b.db.session() as s:
        assert from_a in {c.row_id for c in open_conflicts(s) if c.local_data is None}
    with a.db.session() as s:
        s.delete(s.get(Person, from_a))
        s.commit()
    a.sync()
    b.sync()
    with b.db.session() as s:
        assert from_a not in {c.row_id for c in open_conflicts(s) if c.local_data is None}
