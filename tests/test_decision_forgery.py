"""A CNCS decision cannot be forged on the shared database (issue 11).

Every attack connects as a person's own login role (granted with `grant_person`): the Jalisco
administrator (whose area owns the consultations) and the Sonora administrator (a second area,
attacking through its own account), directly and after `SET ROLE` to every role the login is a
member of. Only a CNCS reviewer's login decides; the server records who did (the vouching
record in `consultation_decisions`)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from redes_desktop.services.consultation_rules import EXPIRED_REASON
from tests import decision_world as _world
from tests import test_sync_support as _support
from tests.decision_world import INSERT, T0, approval, consultation_row, run

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture
stations = _support.stations  # fixture
decision_world = _world.decision_world  # fixture

REFUSED = ("Solo un revisor|no se elimina|instantánea|no cambia|sigue ligada|"
           "permission denied|row-level security")
LOGINS = ["jal", "son"]


def _group(shared_engine) -> str:
    return shared_engine.info_group_role


def _own_pending(world, key: str) -> dict:
    """A pending consultation of the login's own area (Sonora sends one first)."""
    if key == "jal":
        return consultation_row(world, world.pending)
    row = consultation_row(world, uuid.uuid4(), post_id=world.son_post,
                           account_id=world.son.account.id, author_id=world.son.titular.id)
    run(world.engines["son"], INSERT, **row)
    return row


def _attempt(world, key: str, statements: list[tuple[str, dict]], role: str | None = None):
    """Run the statements in one transaction as the login (after SET ROLE `role`)."""
    with world.engines[key].begin() as conn:
        if role:
            conn.exec_driver_sql(f'SET ROLE "{role}"')
        for sql, params in statements:
            conn.execute(text(sql), params)


def _state(shared_engine, consultation_id) -> tuple:
    return run(shared_engine, "SELECT state, reviewer_id FROM consultations WHERE id = :i",
               i=consultation_id).first()


@pytest.mark.parametrize("as_group", [False, True], ids=["login", "set-role-group"])
@pytest.mark.parametrize("key", LOGINS)
def test_delete_and_insert_again_as_approved_is_refused(decision_world, shared_engine, key,
                                                        as_group):
    world = decision_world
    row = _own_pending(world, key)
    forged = {**row, **approval(world)}
    role = _group(shared_engine) if as_group else None
    with pytest.raises(DBAPIError, match=REFUSED):
        _attempt(world, key, [("DELETE FROM consultations WHERE id = :i", {"i": row["id"]}),
                              (INSERT, forged)], role)
    assert _state(shared_engine, row["id"]) == ("pendiente", None)


@pytest.mark.parametrize("state", ["aprobada", "rechazada", "requiere_cambios"])
@pytest.mark.parametrize("key", LOGINS)
def test_a_new_consultation_cannot_arrive_decided(decision_world, shared_engine, key, state):
    world = decision_world
    own = _own_pending(world, key)
    forged = {**own, "id": uuid.uuid4(), **approval(world, state=state)}
    with pytest.raises(DBAPIError, match=REFUSED):
        _attempt(world, key, [(INSERT, forged)])
    assert _state(shared_engine, forged["id"]) is None


@pytest.mark.parametrize("key", LOGINS)
def test_a_consultation_cannot_arrive_with_only_a_reviewer_named(decision_world, key):
    world = decision_world
    own = _own_pending(world, key)
    for values in ({"reviewer_id": world.reviewer_id}, {"decided_at": T0},
                   {"reasoning": "Aprobada por teléfono"}):
        with pytest.raises(DBAPIError, match=REFUSED):
            _attempt(world, key, [(INSERT, {**own, "id": uuid.uuid4(), **values})])


def test_a_decided_consultation_is_not_deleted_nor_replaced(decision_world, shared_engine):
    world = decision_world
    with pytest.raises(DBAPIError, match=REFUSED):
        _attempt(world, "jal", [("DELETE FROM consultations WHERE id = :i",
                                 {"i": world.approved})])
    swapped = {**consultation_row(world, world.approved, snapshot='{"text": "Otro texto"}',
                                  snapshot_hash="f" * 64), **approval(world)}
    with pytest.raises(DBAPIError, match=REFUSED):
        _attempt(world, "jal", [("DELETE FROM consultations WHERE id = :i",
                                 {"i": world.approved}), (INSERT, swapped)])
    assert _state(shared_engine, world.approved) == ("aprobada", world.reviewer_id)


@pytest.mark.parametrize("change", [
    "snapshot = '{\"text\": \"Otro texto\"}'",
    "snapshot_hash = 'ffff'",
    "snapshot = '{\"text\": \"Otro texto\"}', snapshot_hash = 'ffff'",
    "id = gen_random_uuid()",
    "post_id = :other_post",
])
def test_an_approved_consultation_keeps_its_snapshot_and_its_post(decision_world, change):
    world = decision_world
    other_post = uuid.uuid4()
    run(world.engines["jal"], "INSERT INTO posts (id, account_id, network, text, is_reply, "
        "status, created_at, updated_at, row_version) VALUES (:i, :a, 'x', 'Otro texto', false, "
        "'borrador', now(), now(), 1)", i=other_post, a=world.jal.account.id)
    with pytest.raises(DBAPIError, match=REFUSED):
        _attempt(world, "jal", [(f"UPDATE consultations SET {change} WHERE id = :i",
                                 {"i": world.approved, "other_post": other_post})])


@pytest.mark.parametrize("statement", ["TRUNCATE consultations",
                                       "TRUNCATE posts, consultations CASCADE"])
@pytest.mark.parametrize("as_group", [False, True], ids=["login", "set-role-group"])
@pytest.mark.parametrize("key", LOGINS)
def test_truncate_is_refused(decision_world, shared_engine, key, as_group, statement):
    role = _group(shared_engine) if as_group else None
    with pytest.raises(DBAPIError, match="permission denied|no se elimina"):
        _attempt(decision_world, key, [(statement, {})], role)
    assert _state(shared_engine, decision_world.approved)[0] == "aprobada"


@pytest.mark.parametrize("as_group", [False, True], ids=["login", "set-role-group"])
@pytest.mark.parametrize("key", LOGINS)
def test_copy_cannot_bring_a_decided_row(decision_world, shared_engine, key, as_group):
    world = decision_world
    own = _own_pending(world, key)
    row = {**own, "id": uuid.uuid4(), **approval(world)}
    columns = list(row)
    line = "\t".join("\\N" if row[c] is None else str(row[c]) for c in columns) + "\n"
    engine = world.engines[key]
    raw = engine.raw_connection()
    try:
        with pytest.raises(Exception, match=REFUSED + "|COPY FROM not supported"):
            with raw.cursor() as cursor:
                if as_group:
                    cursor.execute(f'SET ROLE "{_group(shared_engine)}"')
                with cursor.copy(f"COPY consultations ({', '.join(columns)}) FROM STDIN") as copy:
                    copy.write(line)
            raw.commit()
    finally:
        raw.rollback()
        raw.close()
    assert _state(shared_engine, row["id"]) is None


@pytest.mark.parametrize("key", LOGINS)
def test_no_role_the_login_can_become_decides(decision_world, shared_engine, key):
    """SET ROLE to every role the login is a member of (directly or not), then forge."""
    world = decision_world
    memberships = [r[0] for r in run(shared_engine, """
        WITH RECURSIVE m(oid) AS (
          SELECT roleid FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles
                                                              WHERE rolname = :login)
          UNION SELECT a.roleid FROM pg_auth_members a JOIN m ON a.member = m.oid)
        SELECT rolname FROM pg_roles WHERE oid IN (SELECT oid FROM m)""",
        login=world.roles[key])]
    assert _group(shared_engine) in memberships
    own = _own_pending(world, key)
    for role in memberships:
        for statements in (
            [(INSERT, {**own, "id": uuid.uuid4(), **approval(world)})],
            [("DELETE FROM consultations WHERE id = :i", {"i": own["id"]}),
             (INSERT, {**own, **approval(world)})],
            [("UPDATE consultations SET state = 'aprobada', reviewer_id = :r WHERE id = :i",
              {"r": world.reviewer_id, "i": own["id"]})],
        ):
            with pytest.raises(DBAPIError, match=REFUSED):
                _attempt(world, key, statements, role)
    # Nor can it become the reviewer's login or the schema owner.
    for statement in (f'SET ROLE "{world.roles["cncs"]}"',
                      f'SET SESSION AUTHORIZATION "{world.roles["cncs"]}"',
                      "SET ROLE root", "SET session_replication_role = replica"):
        with pytest.raises(DBAPIError, match="permission denied"):
            _attempt(world, key, [(statement, {})])


@pytest.mark.parametrize("key", LOGINS)
def test_the_tables_behind_a_decision_cannot_be_forged(decision_world, shared_engine, key):
    """Make oneself a reviewer (people.roles, a new person, db_logins) or write the server's
    vouching record directly: refused."""
    world = decision_world
    office = world.jal if key == "jal" else world.son
    me = office.titular.id
    attempts = [
        ("UPDATE people SET roles = '[\"administrador_titular\", \"revisor_cncs\"]' "
         "WHERE id = :me", {"me": me}),
        ("INSERT INTO people (id, name, email, level, area_id, roles, active, created_at, "
         "updated_at, row_version) VALUES (gen_random_uuid(), 'Falsa', :e, 'mando_medio', :a, "
         "'[\"revisor_cncs\"]', true, now(), now(), 1)",
         {"e": f"falsa{uuid.uuid4().hex[:6]}@ine.mx", "a": office.area.id}),
        ("UPDATE db_logins SET person_id = :r WHERE role_name = current_user",
         {"r": world.reviewer_id}),
        ("INSERT INTO db_logins (role_name, person_id) VALUES (:n, :r)",
         {"n": f"otra{uuid.uuid4().hex[:6]}", "r": world.reviewer_id}),
        ("INSERT INTO consultation_decisions (consultation_id, state, reviewer_id, decided_by) "
         "VALUES (:i, 'aprobada', :r, :n)",
         {"i": world.pending, "r": world.reviewer_id, "n": world.roles["cncs"]}),
        ("UPDATE consultation_decisions SET consultation_id = :i", {"i": world.pending}),
        ("DELETE FROM consultation_decisions", {}),
    ]
    for role in (None, _group(shared_engine)):
        for sql, params in attempts:
            with pytest.raises(DBAPIError, match="Solo la CNCS|permission denied|does not exist"):
                _attempt(world, key, [(sql, params)], role)
    assert run(shared_engine, "SELECT count(*) FROM people WHERE roles::jsonb ? 'revisor_cncs'"
               ).scalar() == 1


def test_the_server_records_which_login_decided(decision_world, shared_engine):
    world = decision_world
    record = run(shared_engine, "SELECT state, reviewer_id, decided_by, snapshot_hash "
                 "FROM consultation_decisions WHERE consultation_id = :i",
                 i=world.approved).one()
    assert record.state == "aprobada" and record.reviewer_id == world.reviewer_id
    assert record.decided_by == world.roles["cncs"]
    assert run(shared_engine, "SELECT count(*) FROM consultation_decisions WHERE "
               "consultation_id = :i", i=world.pending).scalar() == 0
    # A reviewer decides in her own name only.
    with pytest.raises(DBAPIError, match="en su propio nombre"):
        run(world.engines["cncs"], "UPDATE consultations SET state = 'rechazada', "
            "reviewer_id = :p, reasoning = 'No' WHERE id = :i",
            p=world.jal.titular.id, i=world.pending)
    # Everybody who sees the consultation may read the record; nobody else.
    for key, seen in (("jal", 1), ("cncs", 1), ("son", 0)):
        assert run(world.engines[key], "SELECT count(*) FROM consultation_decisions").scalar() \
            == seen


def test_the_area_keeps_sending_and_touching_its_consultations(decision_world, shared_engine):
    """What the workstations legitimately do still works: send a pending consultation, touch
    the area's columns of an approved one (the push's upsert included), let one expire."""
    world = decision_world
    jal = world.engines["jal"]
    fresh = consultation_row(world, uuid.uuid4())
    run(jal, INSERT, **fresh)
    assert run(jal, "UPDATE consultations SET mail_pending = true, invalidated_at = now() "
               "WHERE id = :i", i=world.approved).rowcount == 1
    approved = {**consultation_row(world, world.approved, mail_pending=False), **approval(world)}
    run(jal, INSERT + " ON CONFLICT (id) DO UPDATE SET mail_pending = EXCLUDED.mail_pending",
        **approved)
    sent = T0 - timedelta(hours=49)  # past its term by the server's clock too
    expired = consultation_row(world, uuid.uuid4(), state="no_procedente", sent_at=sent,
                               deadline=sent + timedelta(hours=48),
                               decided_at=sent + timedelta(hours=48), reasoning=EXPIRED_REASON)
    run(jal, INSERT, **expired)
    run(jal, "DELETE FROM consultations WHERE id = :i", i=fresh["id"])
    assert _state(shared_engine, world.approved) == ("aprobada", world.reviewer_id)


def test_deleting_in_one_transaction_while_inserting_in_another_does_not_help(decision_world,
                                                                              shared_engine):
    """The push's INSERT … ON CONFLICT is checked as an UPDATE when the row exists; a second
    transaction deleting that row meanwhile must not turn it into an unchecked insert."""
    import threading

    world = decision_world
    forged = {**consultation_row(world, world.pending), **approval(world)}
    deleter = world.engines["jal"].connect()
    inserter = world.engines["jal"].connect()
    outcome: dict[str, BaseException | None] = {}
    try:
        deleter.begin()
        deleter.execute(text("DELETE FROM consultations WHERE id = :i"), {"i": world.pending})
        pid = inserter.execute(text("SELECT pg_backend_pid()")).scalar()
        inserter.commit()

        def insert():
            try:
                with inserter.begin():
                    inserter.execute(text(INSERT + " ON CONFLICT (id) DO UPDATE SET "
                                          "mail_pending = EXCLUDED.mail_pending"), forged)
                outcome["error"] = None
            except DBAPIError as error:
                outcome["error"] = error

        thread = threading.Thread(target=insert)
        thread.start()
        # Wait until the insert is blocked behind the uncommitted delete (or already done).
        while thread.is_alive() and not run(
                shared_engine, "SELECT count(*) FROM pg_stat_activity WHERE pid = :p "
                "AND wait_event_type = 'Lock'", p=pid).scalar():
            thread.join(0.05)
        deleter.commit()
        thread.join()
    finally:
        deleter.close()
        inserter.close()
    assert outcome["error"] is not None and "Solo un revisor" in str(outcome["error"])
    assert _state(shared_engine, world.pending) is None
