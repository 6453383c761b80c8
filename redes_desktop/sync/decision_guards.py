"""A CNCS decision cannot be forged on the shared database (issue 11).

The attacker is any *person login* (created by `grant_person`, member of the group role), not
the schema owner. Identity is always `session_user` mapped through `db_logins`
(`redes_person()`), never `current_user`: `SET ROLE` to the group role changes nothing.

* `consultation_decisions` is the server's vouching record: one row per consultation with the
  decision a CNCS reviewer's login made (state, reviewer, time, reasoning, requested changes),
  the snapshot, post and account it covers, and the login that made it (`decided_by`).
  Only the trigger below writes it (SECURITY DEFINER, owned by the schema owner); logins may
  only read the records of the consultations they see.
* `redes_decision_guard`, BEFORE INSERT, UPDATE and DELETE of each consultation row:
  - a reviewer's login that sets or changes a decision must name itself as the reviewer (an
    empty reviewer is filled with it), and the decision is recorded in `consultation_decisions`;
  - any other login may insert only an undecided consultation (state «pendiente», no reviewer,
    no decision time, no reasoning nor requested changes), or one whose decision is exactly the
    recorded one (the push's INSERT … ON CONFLICT), or one that expired unanswered
    («no procedente», no reviewer: it only blocks publication); an INSERT whose id already
    exists is checked as the UPDATE it becomes, with that row locked so that it cannot be
    deleted meanwhile (no delete-then-insert race);
  - on UPDATE a non-reviewer may not change the decision (except pending -> expired), nor
    the id, nor, once decided, the post or account; the snapshot never changes (also
    `redes_consultation_guard` in shared_schema.py) and must be the recorded one;
  - nobody's login deletes a decided consultation.
* `redes_decision_truncate`: no login truncates consultations (the group has no TRUNCATE
  privilege either; COPY FROM is refused by row-level security).

The schema owner and superusers (`redes_is_schema_admin()`) are not restricted, but nothing
they write is vouched: a decision written by them, or by any path that bypasses the trigger,
has no matching record, and the workstations do not show it as a decision
(`decision_check.py`).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    text,
)

DECISIONS_METADATA = MetaData()
consultation_decisions = Table(
    "consultation_decisions", DECISIONS_METADATA,
    Column("consultation_id", Uuid, primary_key=True),
    Column("state", String(32), nullable=False),
    Column("reviewer_id", Uuid),
    Column("decided_at", DateTime(timezone=True)),
    Column("reasoning", Text, nullable=False, server_default=""),
    Column("requested_changes", Text, nullable=False, server_default=""),
    Column("post_id", Uuid),
    Column("account_id", Uuid),
    Column("snapshot", JSON),
    Column("snapshot_hash", String(64)),
    Column("decided_by", String(128), nullable=False),  # the login (session_user)
    Column("decided_by_person", Uuid),  # that login's person when deciding
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)

# The states only a CNCS reviewer gives (a «no procedente» comes from the 48-hour rule).
REVIEWER_STATES = ("aprobada", "rechazada", "requiere_cambios")
# Bumped when the server objects below change; workstations require it (engine._check_schema).
VERSION = "1"
_DECISION = "{0}.state, {0}.reviewer_id, {0}.decided_at, {0}.reasoning, {0}.requested_changes"
_DENIED = "USING ERRCODE = 'insufficient_privilege'"


def _functions(path: str) -> list[str]:
    reviewer_states = "ARRAY[" + ", ".join(f"'{s}'" for s in REVIEWER_STATES) + "]"
    new, old, vouched = _DECISION.format("NEW"), _DECISION.format("OLD"), _DECISION.format("v")
    same = (f"has_v AND ({new}) IS NOT DISTINCT FROM ({vouched}) "
            "AND NEW.post_id IS NOT DISTINCT FROM v.post_id "
            "AND NEW.account_id IS NOT DISTINCT FROM v.account_id")
    return [
        f"""CREATE OR REPLACE FUNCTION redes_is_schema_admin() RETURNS boolean LANGUAGE sql
        STABLE {path} AS $$
          SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
              OR pg_has_role(session_user, (SELECT relowner FROM pg_class
                                            WHERE oid = 'consultations'::regclass), 'MEMBER')
        $$""",
        f"""CREATE OR REPLACE FUNCTION redes_decision_truncate() RETURNS trigger
        LANGUAGE plpgsql {path} AS $$
        BEGIN
          IF NOT redes_is_schema_admin() THEN
            RAISE EXCEPTION 'Las consultas no se vacían: una consulta decidida no se elimina.'
              {_DENIED};
          END IF;
          RETURN NULL;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION redes_decision_guard() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
        DECLARE
          me uuid;
          reviewer boolean;
          v record;
          has_v boolean;
          vouched boolean;
          decided_before boolean;
          undecided boolean;
          same_as_vouch boolean;
          changed boolean;
          expiry boolean;
        BEGIN
          IF redes_is_schema_admin() THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
          END IF;
          me := redes_person();
          reviewer := me IS NOT NULL AND redes_is_reviewer();
          IF TG_OP = 'DELETE' THEN
            SELECT * INTO v FROM consultation_decisions WHERE consultation_id = OLD.id;
            IF OLD.state <> 'pendiente' OR (FOUND AND v.state <> 'pendiente') THEN
              RAISE EXCEPTION
                'Una consulta decidida no se elimina: la decisión de la CNCS queda registrada.'
                {_DENIED};
            END IF;
            RETURN OLD;
          END IF;
          IF TG_OP = 'INSERT' THEN
            -- INSERT … ON CONFLICT on an existing row: checked as the UPDATE it becomes. The
            -- lock keeps the row from being deleted before the insert meets it.
            PERFORM 1 FROM consultations WHERE id = NEW.id FOR UPDATE;
            IF FOUND THEN RETURN NEW; END IF;
          ELSIF NEW.id IS DISTINCT FROM OLD.id THEN
            RAISE EXCEPTION 'El identificador de una consulta no cambia.' {_DENIED};
          END IF;
          SELECT * INTO v FROM consultation_decisions WHERE consultation_id = NEW.id;
          has_v := FOUND;
          vouched := has_v AND v.state <> 'pendiente';
          decided_before := vouched OR (TG_OP = 'UPDATE' AND OLD.state <> 'pendiente');
          IF vouched AND (NEW.snapshot::jsonb IS DISTINCT FROM v.snapshot::jsonb
                          OR NEW.snapshot_hash IS DISTINCT FROM v.snapshot_hash) THEN
            RAISE EXCEPTION 'La instantánea de una consulta no cambia una vez enviada.'
              USING ERRCODE = 'check_violation';
          END IF;
          IF decided_before AND TG_OP = 'UPDATE'
             AND (NEW.post_id IS DISTINCT FROM OLD.post_id
                  OR NEW.account_id IS DISTINCT FROM OLD.account_id) THEN
            RAISE EXCEPTION 'Una consulta decidida sigue ligada a su publicación y su cuenta.'
              {_DENIED};
          END IF;
          undecided := NEW.state = 'pendiente' AND NEW.reviewer_id IS NULL
                       AND NEW.decided_at IS NULL AND NEW.reasoning = ''
                       AND NEW.requested_changes = '';
          same_as_vouch := {same};
          changed := TG_OP = 'INSERT' OR ({new}) IS DISTINCT FROM ({old});
          IF NOT changed THEN RETURN NEW; END IF;
          IF NOT reviewer THEN
            expiry := NEW.state = 'no_procedente' AND NEW.reviewer_id IS NULL
                      AND NEW.requested_changes = '' AND NOT vouched
                      AND (TG_OP = 'INSERT' OR OLD.state = 'pendiente');
            IF (undecided AND TG_OP = 'INSERT') OR same_as_vouch OR expiry THEN
              RETURN NEW;
            END IF;
            RAISE EXCEPTION 'Solo un revisor de la CNCS puede decidir una consulta.' {_DENIED};
          END IF;
          IF NEW.state = ANY({reviewer_states}) AND NEW.reviewer_id IS NULL THEN
            NEW.reviewer_id := me;  -- the decider is whoever's login this is
            same_as_vouch := {same};
          END IF;
          IF NEW.state = ANY({reviewer_states}) AND NEW.reviewer_id IS DISTINCT FROM me THEN
            RAISE EXCEPTION
              'Un revisor de la CNCS decide en su propio nombre: la consulta debe llevarlo.'
              {_DENIED};
          END IF;
          IF NOT same_as_vouch THEN
            INSERT INTO consultation_decisions AS d (consultation_id, state, reviewer_id,
              decided_at, reasoning, requested_changes, post_id, account_id, snapshot,
              snapshot_hash, decided_by, decided_by_person, recorded_at)
            VALUES (NEW.id, NEW.state, NEW.reviewer_id, NEW.decided_at, NEW.reasoning,
              NEW.requested_changes, NEW.post_id, NEW.account_id, NEW.snapshot,
              NEW.snapshot_hash, session_user, me, now())
            ON CONFLICT (consultation_id) DO UPDATE SET state = EXCLUDED.state,
              reviewer_id = EXCLUDED.reviewer_id, decided_at = EXCLUDED.decided_at,
              reasoning = EXCLUDED.reasoning, requested_changes = EXCLUDED.requested_changes,
              post_id = EXCLUDED.post_id, account_id = EXCLUDED.account_id,
              snapshot = EXCLUDED.snapshot, snapshot_hash = EXCLUDED.snapshot_hash,
              decided_by = EXCLUDED.decided_by, decided_by_person = EXCLUDED.decided_by_person,
              recorded_at = EXCLUDED.recorded_at;
          END IF;
          RETURN NEW;
        END $$""",
    ]


def install(conn: Connection, path: str, group: str) -> None:
    """Create or upgrade the vouching record, the guards and their grants (re-runnable).
    `path`: the functions' SET search_path clause; `group`: the quoted group role."""
    DECISIONS_METADATA.create_all(conn)
    for statement in (
        *_functions(path),
        "DROP TRIGGER IF EXISTS redes_decision_guard ON consultations",
        "CREATE TRIGGER redes_decision_guard BEFORE INSERT OR UPDATE OR DELETE ON consultations "
        "FOR EACH ROW EXECUTE FUNCTION redes_decision_guard()",
        "DROP TRIGGER IF EXISTS redes_decision_truncate ON consultations",
        "CREATE TRIGGER redes_decision_truncate BEFORE TRUNCATE ON consultations "
        "FOR EACH STATEMENT EXECUTE FUNCTION redes_decision_truncate()",
        # The push writes with INSERT … ON CONFLICT DO UPDATE, whose proposed row must pass the
        # INSERT policy too: without this a reviewer's login could never push a decision on
        # another area's consultation (the guard above still checks what the row says).
        "DROP POLICY IF EXISTS redes_reviewer_upsert ON consultations",
        "CREATE POLICY redes_reviewer_upsert ON consultations FOR INSERT "
        "WITH CHECK (redes_is_reviewer())",
        f"REVOKE TRUNCATE, TRIGGER, REFERENCES ON consultations FROM {group}",
        f"REVOKE ALL ON consultation_decisions FROM {group}",
        f"GRANT SELECT ON consultation_decisions TO {group}",
        "ALTER TABLE consultation_decisions ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS redes_select ON consultation_decisions",
        "CREATE POLICY redes_select ON consultation_decisions FOR SELECT "
        "USING (redes_is_reviewer() OR redes_consultation_ok(consultation_id))",
    ):
        conn.exec_driver_sql(statement)
    conn.execute(text(
        "INSERT INTO sync_server_info (name, value) VALUES ('decision_guards', :v) "
        "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"), {"v": VERSION})
