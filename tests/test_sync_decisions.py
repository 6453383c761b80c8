"""A workstation does not show as decided a CNCS decision the shared database cannot vouch for
(issue 11). The forgeries are made as the schema owner (root), which row-level security and
the guards do not stop: only the vouching record tells a real decision from a forged one."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from redes_desktop.models import Consultation, ConsultationState, Post
from redes_desktop.services.consultation_rules import consultation_block, snapshot_hash
from redes_desktop.sync.decision_check import SWEPT
from redes_desktop.sync.engine import SharedSchemaError
from redes_desktop.sync.state import set_state
from tests import decision_world as _world
from tests import test_sync_support as _support
from tests.decision_world import INSERT, T0, approval, consultation_row, run
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
decision_world = _world.decision_world  # fixture
S = ConsultationState


@pytest.fixture
def area_station(decision_world, tmp_path):
    """Jalisco's workstation, connected with its titular's own login."""
    station = make_station(tmp_path, "jal", decision_world.engines["jal"],
                           person_id=decision_world.jal.titular.id)
    yield station
    station.db.dispose()


def _shown(station, consultation_id):
    with station.db.session() as s:
        c = s.get(Consultation, consultation_id)
        block = consultation_block(s, s.get(Post, c.post_id), T0 + timedelta(hours=2))
        return c.state, c.reviewer_id, block


def _forge_as_owner(shared_engine, world, consultation_id, **values):
    """Replace the consultation as the schema owner (DELETE + INSERT: the snapshot guard is an
    UPDATE trigger), the way a compromised administrator or an old forgery would leave it."""
    row = {**consultation_row(world, consultation_id), **values}
    run(shared_engine, "DELETE FROM consultations WHERE id = :i", i=consultation_id)
    run(shared_engine, INSERT, **row)


def test_a_real_decision_is_shown_and_a_forged_one_is_not(decision_world, shared_engine,
                                                          area_station):
    world = decision_world
    area_station.sync()
    assert _shown(area_station, world.approved)[:2] == (S.APROBADA, world.reviewer_id)
    assert _shown(area_station, world.approved)[2] is None  # the real approval publishes
    run(shared_engine, "UPDATE consultations SET state = 'aprobada', reviewer_id = :r, "
        "decided_at = :t, reasoning = 'Aprobada.', row_version = row_version + 1 "
        "WHERE id = :i", r=world.reviewer_id, t=T0 + timedelta(hours=1), i=world.pending)
    report = area_station.sync()
    state, reviewer, block = _shown(area_station, world.pending)
    assert (state, reviewer) == (S.PENDIENTE, None)
    assert block is not None and "pendiente" in block
    lines = [line for line in report.lines() if line.startswith("Decisión no verificada")]
    assert len(lines) == 1 and str(world.pending)[:8] in lines[0]
    assert "«Aprobada»" in lines[0] and "no tiene registro" in lines[0]
    # The real one is untouched.
    assert _shown(area_station, world.approved)[:2] == (S.APROBADA, world.reviewer_id)


@pytest.mark.parametrize("forgery", ["other_text", "other_reviewer", "other_reasoning",
                                     "fresh_consultation"])
def test_a_decision_changed_by_the_owner_is_not_shown(decision_world, shared_engine,
                                                     area_station, forgery):
    world = decision_world
    area_station.sync()
    target = world.approved
    if forgery == "other_text":
        snapshot = {"text": "Otro texto", "media": []}
        _forge_as_owner(shared_engine, world, target, **approval(world), row_version=5,
                        snapshot=json.dumps(snapshot), snapshot_hash=snapshot_hash(snapshot))
    elif forgery == "other_reviewer":
        _forge_as_owner(shared_engine, world, target,
                        **approval(world, reviewer_id=world.jal.head.id), row_version=5)
    elif forgery == "other_reasoning":
        _forge_as_owner(shared_engine, world, target, **approval(world, reasoning="Otra"),
                        row_version=5)
    else:
        target = uuid.uuid4()
        run(shared_engine, INSERT, **{**consultation_row(world, target), **approval(world)})
    report = area_station.sync()
    assert _shown(area_station, target)[:2] == (S.PENDIENTE, None)
    assert any(line.startswith("Decisión no verificada") for line in report.lines())


def test_the_reviewer_can_decide_it_for_real(decision_world, shared_engine, area_station,
                                            tmp_path):
    world = decision_world
    run(shared_engine, "UPDATE consultations SET state = 'aprobada', reviewer_id = :r, "
        "decided_at = :t, reasoning = 'Aprobada.' WHERE id = :i",
        r=world.reviewer_id, t=T0 + timedelta(hours=1), i=world.pending)
    reviewer = make_station(tmp_path, "cncs", world.engines["cncs"], reviewer=True,
                            person_id=world.reviewer_id)
    try:
        reviewer.sync()
        with reviewer.db.session() as s:
            c = s.get(Consultation, world.pending)
            assert c.state == S.PENDIENTE  # shown to the reviewer as still to decide
            c.state = S.RECHAZADA
            c.reviewer_id = world.reviewer_id
            c.decided_at = T0 + timedelta(hours=3)
            c.reasoning = "No procede."
            s.commit()
        assert reviewer.sync().push.refused == 0
    finally:
        reviewer.db.dispose()
    report = area_station.sync()
    assert _shown(area_station, world.pending)[:2] == (S.RECHAZADA, world.reviewer_id)
    assert not any(line.startswith("Decisión no verificada") for line in report.lines())


def test_decisions_pulled_before_the_check_are_checked_once(decision_world, area_station):
    world = decision_world
    area_station.sync()
    # As an older version would have left it: a forged approval pulled without checking.
    with area_station.db.engine.begin() as conn:
        conn.execute(Consultation.__table__.update()
                     .where(Consultation.__table__.c.id == world.pending)
                     .values(state="aprobada", reviewer_id=world.reviewer_id,
                             decided_at=T0 + timedelta(hours=1), reasoning="Aprobada."))
        set_state(conn, SWEPT, None)
    report = area_station.sync()
    assert _shown(area_station, world.pending)[:2] == (S.PENDIENTE, None)
    assert _shown(area_station, world.approved)[:2] == (S.APROBADA, world.reviewer_id)
    assert sum(line.startswith("Decisión no verificada") for line in report.lines()) == 1
    again = area_station.sync()
    assert not any(line.startswith("Decisión no verificada") for line in again.lines())
    with area_station.db.session() as s:
        assert s.scalars(select(Consultation).where(
            Consultation.state == S.APROBADA)).all()[0].id == world.approved


def test_a_shared_database_without_the_guards_is_not_used(decision_world, shared_engine,
                                                         area_station):
    run(shared_engine, "DELETE FROM sync_server_info WHERE name = 'decision_guards'")
    with pytest.raises(SharedSchemaError, match="shared-db init"):
        area_station.sync()
