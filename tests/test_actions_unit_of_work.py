"""The application layer's frame: commit on success, roll back on error, one message when
nobody is signed in."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from redes_desktop.actions.unit_of_work import NoIdentity, acting_person, unit_of_work
from redes_desktop.clock import FixedClock
from redes_desktop.models import Area, AreaKind, Level
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.directory import Directory

CLOCK = FixedClock(datetime(2026, 3, 10, 18, 0, tzinfo=UTC))


def make_area(session, name):
    return Directory(session, CLOCK, NullRecorder()).create_area(name, AreaKind.JUNTA_LOCAL,
                                                                  state="Puebla")


def make_person(session, name, email):
    area = make_area(session, "Junta Local de Puebla")
    return Directory(session, CLOCK, NullRecorder()).create_person(name, email,
                                                                    Level.MANDO_MEDIO, area)


def test_a_unit_of_work_commits_what_it_did(database):
    with unit_of_work(database) as session:
        area_id = make_area(session, "Junta Local de Puebla").id
    with database.session() as session:
        assert session.get(Area, area_id) is not None


def test_an_error_rolls_back_everything_the_action_did(database):
    area_id = None
    with pytest.raises(RuntimeError), unit_of_work(database) as session:
        area_id = make_area(session, "Junta Local de Tlaxcala").id
        session.flush()
        raise RuntimeError("falla a la mitad")
    with database.session() as session:
        assert session.get(Area, area_id) is None


def test_nobody_signed_in_gives_one_spanish_message(database):
    with unit_of_work(database) as session, pytest.raises(NoIdentity) as error:
        acting_person(session, None)
    assert "Cambiar de usuario" in str(error.value)
    with unit_of_work(database) as session, pytest.raises(NoIdentity):
        acting_person(session, uuid.uuid4())


def test_the_acting_person_is_loaded_in_the_unit_of_work(database):
    with unit_of_work(database) as session:
        person = make_person(session, "Ana Ruiz", "ana.ruiz@ine.mx")
        person_id = person.id
    with unit_of_work(database) as session:
        assert acting_person(session, person_id).email == "ana.ruiz@ine.mx"
