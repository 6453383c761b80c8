"""An area workstation's 48-hour expiry reaches the shared database (criterion 6.viii).

Without a CNCS answer within 48 hours a consultation is «no procedente». Workstations apply the
rule (`ConsultationService.expire_due`); the shared database accepts that change from a login
that is not a reviewer only when *its own clock* says the term since `sent_at` is over, only in
the canonical form (no reviewer, decided at the deadline, the 6.viii reasoning) and with nothing
else changed. After the term, a reviewer's decision is refused, as the local service refuses it.

The server's clock cannot be moved: an "old" consultation is inserted by the schema owner with
`sent_at` taken from the server's `now()`, 49 hours back (47 for one still in term)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from redes_desktop.models import Consultation, ConsultationState, Post
from redes_desktop.models.sync_state import SyncConflict
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.consultation_rules import EXPIRED_REASON, consultation_block
from redes_desktop.services.consultations import ConsultationService
from tests import decision_world as _world
from tests import test_sync_support as _support
from tests.decision_world import INSERT, consultation_row, run
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
decision_world = _world.decision_world  # fixture
S = ConsultationState
TERM = timedelta(hours=48)
REFUSED = "Solo un revisor|plazo|vencida|otros datos|no cambian|instantánea"


def _server_now(shared_engine) -> datetime:
    return run(shared_engine, "SELECT now()").scalar_one()


def _sent(world, shared_engine, hours: float, **values) -> dict:
    """A pending consultation of Jalisco (on a post of its own, «en consulta»), inserted by the
    schema owner as sent `hours` ago by the server's clock. Returns its row."""
    sent_at = _server_now(shared_engine) - timedelta(hours=hours)
    post_id = uuid.uuid4()
    run(shared_engine, "INSERT INTO posts (id, account_id, network, text, is_reply, status, "
        "created_at, updated_at, row_version) VALUES (:i, :a, 'x', 'Texto aprobado', false, "
        "'en_consulta', :t, :t, 1)", i=post_id, a=world.jal.account.id, t=sent_at)
    row = consultation_row(world, uuid.uuid4(), post_id=post_id, sent_at=sent_at,
                           deadline=sent_at + TERM, created_at=sent_at, updated_at=sent_at,
                           **values)
    run(shared_engine, INSERT, **row)
    return row


def _expiry(row: dict) -> dict:
    """The columns the workstation's expire_due writes."""
    return {"state": "no_procedente", "decided_at": row["sent_at"] + TERM,
            "reasoning": EXPIRED_REASON, "i": row["id"]}


EXPIRE = ("UPDATE consultations SET state = :state, decided_at = :decided_at, "
          "reasoning = :reasoning, row_version = row_version + 1 WHERE id = :i")


def _state(shared_engine, consultation_id) -> str | None:
    return run(shared_engine, "SELECT state FROM consultations WHERE id = :i",
               i=consultation_id).scalar()


def _expire_locally(station, now: datetime) -> list[uuid.UUID]:
    with station.db.session() as s:
        service = ConsultationService(s, lambda: now, outbox=None, cncs_email="",
                                      media_dir=Path("media-not-used"),
                                      recorder=NullRecorder())
        expired = [c.id for c in service.expire_due()]
        s.commit()
    return expired


def _conflicts(station) -> list:
    with station.db.session() as s:
        return list(s.scalars(select(SyncConflict)))


@pytest.fixture
def jal_stations(decision_world, tmp_path):
    """Two workstations of Jalisco, each on its titular's own login."""
    made = [make_station(tmp_path, name, decision_world.engines["jal"],
                         person_id=decision_world.jal.titular.id) for name in ("jal1", "jal2")]
    yield made
    for station in made:
        station.db.dispose()


# -- through the workstations ------------------------------------------------------------------
def test_an_expiry_after_48_hours_reaches_the_other_workstations(decision_world, shared_engine,
                                                                 jal_stations):
    world = decision_world
    first, second = jal_stations
    row = _sent(world, shared_engine, hours=49)
    first.sync()
    second.sync()
    assert _expire_locally(first, _server_now(shared_engine)) == [row["id"]]
    report = first.sync()
    assert report.push.refused == 0 and report.push.conflicts == 0
    assert _state(shared_engine, row["id"]) == "no_procedente"
    pulled = second.sync()
    assert pulled.pull.refused == 0
    assert not any(line.startswith("Decisión no verificada") for line in pulled.lines())
    for station in (first, second):
        assert _conflicts(station) == []
        with station.db.session() as s:
            c = s.get(Consultation, row["id"])
            assert (c.state, c.reviewer_id, c.reasoning) == (S.NO_PROCEDENTE, None,
                                                             EXPIRED_REASON)
            block = consultation_block(s, s.get(Post, c.post_id), _server_now(shared_engine))
            assert block is not None and "No procedente" in block


def test_a_workstation_clock_ahead_cannot_expire_early(decision_world, shared_engine,
                                                      jal_stations):
    """The workstation's clock says the term is over; the server's says it is not: refused,
    and the consultation stays pending for everybody."""
    world = decision_world
    first, second = jal_stations
    row = _sent(world, shared_engine, hours=47)
    first.sync()
    assert _expire_locally(first, _server_now(shared_engine) + timedelta(hours=2)) == [row["id"]]
    report = first.sync()
    assert report.push.refused == 1
    assert _state(shared_engine, row["id"]) == "pendiente"
    second.sync()
    with second.db.session() as s:
        assert s.get(Consultation, row["id"]).state == S.PENDIENTE


# -- as the area's login, directly ---------------------------------------------------------------
def test_an_area_login_cannot_expire_a_consultation_before_48_hours(decision_world,
                                                                    shared_engine):
    world = decision_world
    row = _sent(world, shared_engine, hours=47)
    with pytest.raises(DBAPIError, match="plazo"):
        run(world.engines["jal"], EXPIRE, **_expiry(row))
    # Nor by inserting a fresh consultation already expired.
    fresh = consultation_row(world, uuid.uuid4(), post_id=row["post_id"],
                             sent_at=row["sent_at"], deadline=row["deadline"],
                             state="no_procedente", decided_at=row["deadline"],
                             reasoning=EXPIRED_REASON)
    with pytest.raises(DBAPIError, match="plazo"):
        run(world.engines["jal"], INSERT, **fresh)
    assert _state(shared_engine, row["id"]) == "pendiente"
    assert _state(shared_engine, fresh["id"]) is None


def test_an_area_login_expires_a_consultation_after_48_hours(decision_world, shared_engine):
    world = decision_world
    row = _sent(world, shared_engine, hours=49)
    assert run(world.engines["jal"], EXPIRE, **_expiry(row)).rowcount == 1
    assert _state(shared_engine, row["id"]) == "no_procedente"
    # An offline workstation's consultation that expired before it reached the server.
    sent_at = row["sent_at"]
    fresh = consultation_row(world, uuid.uuid4(), post_id=row["post_id"], sent_at=sent_at,
                             deadline=sent_at + TERM, state="no_procedente",
                             decided_at=sent_at + TERM, reasoning=EXPIRED_REASON)
    run(world.engines["jal"], INSERT, **fresh)
    assert _state(shared_engine, fresh["id"]) == "no_procedente"


@pytest.mark.parametrize("smuggled", [
    "sent_at = sent_at - interval '10 days'",
    "deadline = deadline - interval '10 days'",
    "post_id = :other_post",
    "author_id = :other_person",
    "question = 'Otra pregunta'",
    "invalidated_at = now()",
    "snapshot_hash = 'ffff'",
])
def test_an_expiry_cannot_carry_other_changes(decision_world, shared_engine, smuggled):
    world = decision_world
    row = _sent(world, shared_engine, hours=49)
    other = _sent(world, shared_engine, hours=1)
    with pytest.raises(DBAPIError, match=REFUSED):
        run(world.engines["jal"], EXPIRE.replace(" WHERE", f", {smuggled} WHERE"),
            **_expiry(row), other_post=other["post_id"], other_person=world.jal.head.id)
    assert run(shared_engine, "SELECT state, sent_at, post_id, question, invalidated_at "
               "FROM consultations WHERE id = :i", i=row["id"]).one() == (
        "pendiente", row["sent_at"], row["post_id"], row["question"], None)


@pytest.mark.parametrize("variant", ["reviewer", "decided_now", "other_reasoning",
                                     "requested_changes", "rejected", "approved"])
def test_only_the_canonical_expiry_is_accepted(decision_world, shared_engine, variant):
    world = decision_world
    row = _sent(world, shared_engine, hours=49)
    values = _expiry(row)
    extra = ""
    if variant == "reviewer":
        extra, values["r"] = ", reviewer_id = :r", world.reviewer_id
    elif variant == "decided_now":
        values["decided_at"] = _server_now(shared_engine)
    elif variant == "other_reasoning":
        values["reasoning"] = "Vencida."
    elif variant == "requested_changes":
        extra = ", requested_changes = 'Cambie el texto'"
    else:
        values["state"] = variant.replace("approved", "aprobada").replace("rejected",
                                                                           "rechazada")
    with pytest.raises(DBAPIError, match=REFUSED):
        run(world.engines["jal"], EXPIRE.replace(" WHERE", f"{extra} WHERE"), **values)
    assert _state(shared_engine, row["id"]) == "pendiente"


def test_the_sent_time_of_a_consultation_does_not_change(decision_world, shared_engine):
    """Otherwise an area could make its consultation look old first, then expire it."""
    world = decision_world
    row = _sent(world, shared_engine, hours=1)
    for change in ("sent_at = sent_at - interval '3 days'",
                   "deadline = deadline - interval '3 days'"):
        with pytest.raises(DBAPIError, match="no cambian"):
            run(world.engines["jal"], f"UPDATE consultations SET {change} WHERE id = :i",
                i=row["id"])
    # The area's own columns still change.
    assert run(world.engines["jal"], "UPDATE consultations SET mail_pending = true "
               "WHERE id = :i", i=row["id"]).rowcount == 1


def test_an_expired_or_decided_consultation_is_not_expired_again(decision_world,
                                                                 shared_engine):
    """An approval the server recorded stays; the expiry does not replace it."""
    world = decision_world
    row = _sent(world, shared_engine, hours=49)
    with pytest.raises(DBAPIError, match=REFUSED):
        run(world.engines["jal"], EXPIRE, **{**_expiry(row), "i": world.approved})
    assert _state(shared_engine, world.approved) == "aprobada"


# -- the reviewer, after the term -------------------------------------------------------------
def test_a_reviewer_cannot_decide_after_48_hours(decision_world, shared_engine):
    world = decision_world
    late = _sent(world, shared_engine, hours=49)
    in_term = _sent(world, shared_engine, hours=47)
    decide = ("UPDATE consultations SET state = 'aprobada', reviewer_id = :r, "
              "decided_at = now(), reasoning = 'Procede.' WHERE id = :i")
    with pytest.raises(DBAPIError, match="venció"):
        run(world.engines["cncs"], decide, r=world.reviewer_id, i=late["id"])
    assert _state(shared_engine, late["id"]) == "pendiente"
    run(world.engines["cncs"], decide, r=world.reviewer_id, i=in_term["id"])
    assert _state(shared_engine, in_term["id"]) == "aprobada"
    # Once expired (by the area), the reviewer cannot turn it back either.
    run(world.engines["jal"], EXPIRE, **_expiry(late))
    for state in ("aprobada", "pendiente"):
        with pytest.raises(DBAPIError, match="venció"):
            run(world.engines["cncs"], "UPDATE consultations SET state = :s, reviewer_id = :r, "
                "decided_at = now(), reasoning = 'Procede.' WHERE id = :i",
                s=state, r=world.reviewer_id, i=late["id"])
    assert _state(shared_engine, late["id"]) == "no_procedente"


def test_a_reviewer_workstation_expires_like_the_area(decision_world, shared_engine):
    """The reviewer's workstation runs the 48-hour rule too: same rule, same form."""
    world = decision_world
    late = _sent(world, shared_engine, hours=49)
    early = _sent(world, shared_engine, hours=47)
    with pytest.raises(DBAPIError, match="plazo"):
        run(world.engines["cncs"], EXPIRE, **_expiry(early))
    run(world.engines["cncs"], EXPIRE, **_expiry(late))
    assert _state(shared_engine, late["id"]) == "no_procedente"


# -- what a workstation shows ----------------------------------------------------------------
@pytest.mark.parametrize("forgery", ["premature", "naming_a_reviewer"])
def test_a_forged_expiry_only_blocks(decision_world, shared_engine, jal_stations, forgery):
    """The schema owner (whom the guard does not stop) writes «no procedente» before the term,
    or naming a reviewer: the workstation never shows anything that lets the post publish."""
    world = decision_world
    first, _ = jal_stations
    row = _sent(world, shared_engine, hours=1)
    values = {"state": "no_procedente", "decided_at": row["deadline"],
              "reasoning": EXPIRED_REASON, "reviewer_id": None}
    if forgery == "naming_a_reviewer":
        values["reviewer_id"] = world.reviewer_id
    run(shared_engine, "UPDATE consultations SET state = :state, decided_at = :decided_at, "
        "reasoning = :reasoning, reviewer_id = :reviewer_id, row_version = row_version + 1 "
        "WHERE id = :i", i=row["id"], **values)
    first.sync()
    with first.db.session() as s:
        c = s.get(Consultation, row["id"])
        expected = S.NO_PROCEDENTE if forgery == "premature" else S.PENDIENTE
        assert (c.state, c.reviewer_id) == (expected, None)
        assert consultation_block(s, s.get(Post, c.post_id), _server_now(shared_engine))
