"""A CNCS decision cannot be forged on the shared database (issue 11).

The attacker is any *person login* (created by `grant_person`, member of the group role), not
the schema owner. Identity is always `session_user` mapped through `db_logins`
(`redes_person()`), never `current_user`: `SET ROLE` to the group role changes nothing.

* `consultation_decisions` is the server's vouching record: one row per consultation with the
  decision a CNCS reviewer's login made (state, reviewer, time, reasoning, requested changes),
  the snapshot, post and account it covers, and the login that made it (`decided_by`).
  Only the trigger below writes it (SECURITY DEFINER, owned by the schema owner); logins may
  only read the records of the consultations they see.
* `redes_decision_guard`, BEFORE INSERT, UPDATE and DELETE of each consultation row — the one
  guard for consultations (version 1 also had `redes_consultation_guard` in shared_schema.py;
  `install` drops it):
  - nobody's UPDATE changes the snapshot or its hash (the schema owner's neither); no login's
    UPDATE changes the id, `sent_at` or `deadline`, and a login outside the consultation's
    areas (a reviewer) changes only the decision;
  - a reviewer's login that sets or changes a decision must name itself as the reviewer (an
    empty reviewer is filled with it), and the decision is recorded in `consultation_decisions`;
  - any other login may insert only an undecided consultation (state «pendiente», no reviewer,
    no decision time, no reasoning nor requested changes), or one whose decision is exactly the
    recorded one (the push's INSERT … ON CONFLICT); an INSERT whose id already exists is
    checked as the UPDATE it becomes, with that row locked so that it cannot be deleted
    meanwhile (no delete-then-insert race);
  - the 48-hour term (6.viii) is `sent_at` + 48 h against the server's `now()`, never a
    workstation's clock. Before it only a reviewer decides; from it on, the only change of
    decision any login makes is the expiry: «no procedente», no reviewer, decided at the end of
    the term, the canonical reasoning (`EXPIRED_REASON`), nothing else changed but the mail
    mark and bookkeeping, and no recorded reviewer decision. An expiry is no reviewer's
    decision and is not recorded (it only blocks publication). A consultation inserted already
    expired is judged by the `sent_at` it brings (a false one only blocks its own new post
    early). A reviewer's decision after the term is refused, as `ConsultationService.decide`
    refuses it;
  - on UPDATE a non-reviewer may not otherwise change the decision, nor, once decided, the
    post or account; the snapshot must be the recorded one;
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

from redes_desktop.services.consultation_rules import CONSULTATION_TERM, EXPIRED_REASON

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
VERSION = "2"
DECISION_COLUMNS = ("state", "reviewer_id", "decided_at", "reasoning", "requested_changes")
_DECISION = "{0}.state, {0}.reviewer_id, {0}.decided_at, {0}.reasoning, {0}.requested_changes"
_DENIED = "USING ERRCODE = 'insufficient_privilege'"
# Columns a login outside the consultation's areas may change: the decision and bookkeeping.
_BOOKKEEPING = ("row_version", "updated_at")
AREA_FREE = (*DECISION_COLUMNS, *_BOOKKEEPING)
# Columns an expiry may change besides: the area's own mark of a pending request mail.
EXPIRY_FREE = (*AREA_FREE, "mail_pending")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _rest(row: str, free: tuple[str, ...]) -> str:
    """SQL: the row as jsonb without the `free` columns."""
    return f"(to_jsonb({row}) - ARRAY[{', '.join(_literal(c) for c in free)}]::text[])"


def _functions(path: str) -> list[str]:
    reviewer_states = "ARRAY[" + ", ".join(f"'{s}'" for s in REVIEWER_STATES) + "]"
    new, old, vouched = _DECISION.format("NEW"), _DECISION.format("OLD"), _DECISION.format("v")
    term = f"interval '{int(CONSULTATION_TERM.total_seconds())} seconds'"
    expired_reason = _literal(EXPIRED_REASON)
    when = ("to_char(term_end AT TIME ZONE 'America/Mexico_City', "
            "'DD/MM/YYYY HH24:MI \"h, hora de México\"')")
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
          term_end timestamptz;
          term_over boolean;
        BEGIN
          -- What was sent never changes, whoever's login this is (the schema owner's too).
          IF TG_OP = 'UPDATE' AND (NEW.snapshot::jsonb IS DISTINCT FROM OLD.snapshot::jsonb
                                   OR NEW.snapshot_hash IS DISTINCT FROM OLD.snapshot_hash) THEN
            RAISE EXCEPTION 'La instantánea de una consulta no cambia una vez enviada.'
              USING ERRCODE = 'check_violation';
          END IF;
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
          ELSE
            IF NEW.id IS DISTINCT FROM OLD.id THEN
              RAISE EXCEPTION 'El identificador de una consulta no cambia.' {_DENIED};
            END IF;
            IF NEW.sent_at IS DISTINCT FROM OLD.sent_at
               OR NEW.deadline IS DISTINCT FROM OLD.deadline THEN
              RAISE EXCEPTION
                'La fecha de envío y el plazo de 48 horas de una consulta no cambian.' {_DENIED};
            END IF;
            -- A login outside the consultation's areas (a reviewer) changes only the decision.
            IF {_rest("NEW", AREA_FREE)} IS DISTINCT FROM {_rest("OLD", AREA_FREE)}
               AND NOT redes_account_ok(NEW.account_id) THEN
              RAISE EXCEPTION 'Un revisor de la CNCS solo cambia la decisión de una consulta.'
                {_DENIED};
            END IF;
          END IF;
          -- The 48-hour term, by this server's clock (never the workstation's).
          term_end := NEW.sent_at + {term};
          term_over := now() >= term_end;
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
          IF NEW.state = 'no_procedente' THEN
            -- 6.viii: no answer within 48 hours. Any login that may write the row applies it,
            -- in one form only and changing nothing else; it is no reviewer's decision, so it
            -- is not recorded (it can only block publication).
            IF vouched THEN
              RAISE EXCEPTION 'Esta consulta ya tiene una decisión registrada de la CNCS: no se '
                'marca como vencida.' {_DENIED};
            END IF;
            IF NOT term_over THEN
              RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE =
                'El plazo de 48 horas de esta consulta aún no vence según el reloj de la base '
                'compartida (vence el ' || {when} || '): sigue pendiente. Revise la fecha y la '
                'hora de esta computadora.';
            END IF;
            IF NEW.reviewer_id IS NOT NULL OR NEW.decided_at IS DISTINCT FROM term_end
               OR NEW.reasoning <> {expired_reason} OR NEW.requested_changes <> '' THEN
              RAISE EXCEPTION 'Una consulta vencida queda «no procedente» sin revisor, con la '
                'hora del vencimiento y el motivo del criterio 6.viii; este cambio no lo es.'
                {_DENIED};
            END IF;
            IF TG_OP = 'UPDATE'
               AND {_rest("NEW", EXPIRY_FREE)} IS DISTINCT FROM {_rest("OLD", EXPIRY_FREE)} THEN
              RAISE EXCEPTION 'Al marcar una consulta como vencida no se cambian sus otros datos.'
                {_DENIED};
            END IF;
            RETURN NEW;
          END IF;
          IF NOT reviewer THEN
            IF (undecided AND TG_OP = 'INSERT') OR same_as_vouch THEN
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
          IF NOT same_as_vouch AND term_over AND NOT (undecided AND TG_OP = 'INSERT') THEN
            -- As ConsultationService.decide: past the term there is no decision to make.
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE =
              'El plazo de 48 horas de esta consulta venció el ' || {when} || ' según el reloj '
              'de la base compartida: es «No procedente — sin respuesta en 48 h» y ya no admite '
              'decisión. El área puede enviar una nueva consulta.';
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
        # Version 1 had a second guard in shared_schema.py; its duties are folded in here.
        "DROP TRIGGER IF EXISTS redes_consultation_guard ON consultations",
        "DROP FUNCTION IF EXISTS redes_consultation_guard()",
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
