"""Who may read and change what on the shared database, beyond the account-based rules.

* Absences are read and written by the absent person's areas (and read by CNCS and by the
  covering suplente); hand-over notes follow their absence (the covering suplente may write
  them too: their workstation may generate the note).
* Training sessions are organised by CNCS: everybody reads them, only CNCS reviewers write
  them; attendances belong to the attending person's areas and to CNCS. The Consejo General
  sessions (6.xxvii) likewise: everybody reads them, only CNCS writes them.
* The users figure of an account per quarter (8.iv) hangs from the account; CNCS writes it too.
* Account requests, closures and evaluations hang from the account (its area), and CNCS
  reviewers may write them too (they decide requests, conclude closures, evaluate).
* The directory: only CNCS reviewers give or take the powers over others (the roles
  «titular de área» and «revisor CNCS», and «consejero electoral», which lets a personal
  account into the official registry, 7.vi) or change an area's titular, in any area; the area's
  people may still record the administrator roles their area designates.
* Images (`media_blobs`, content-addressed by SHA-256, `sync/media.py`): a login reads an
  image when it may read a post that shows it (`post_media`) or a consultation whose snapshot
  shows it; CNCS reviewers read them all. Nobody inserts, changes or deletes rows directly:
  `redes_put_blob` adds one after checking that the content hashes to its name, that it is no
  heavier than any network accepts, and that the login may read a post or consultation that
  shows it (so an image cannot be planted for others to read). Blobs never change.
* The bitácora records which login inserted each entry (`inserted_by`, set by default to
  `session_user`); nobody may insert an entry in someone else's name (its policies, and who
  reads it: `server_bookkeeping.py`).

A login not mapped to a person (`redes_person()` is NULL: the schema owner, an administrator)
is not restricted by the guards, as with the consultation guard.
"""

from __future__ import annotations

# SQL boolean per table: may the connected person write this row? (replaces the automatic one)
ROW_CHECKS: dict[str, str] = {
    "absence_periods": "redes_person_ok(person_id)",
    "handover_notes": "redes_absence_ok(absence_id)",
    "training_sessions": "redes_is_reviewer()",
    "council_sessions": "redes_is_reviewer()",
    "training_attendances": "redes_person_ok(person_id)",
    # A conflict kept without an area (a row refused outside the person's areas) is the
    # person's own, not everybody's.
    "sync_conflicts": "(area_id = ANY(redes_areas()) "
                      "OR (area_id IS NULL AND person_id = redes_person()))",
}
# Who else may read rows of the table (besides the writers and the CNCS reviewers).
EXTRA_READERS: dict[str, str] = {
    "absence_periods": "covering_person_id = redes_person()",
}
# Tables CNCS reviewers may also write (the directory: they give the roles and titulars).
REVIEWER_WRITES = frozenset({
    "account_requests", "account_closures", "evaluations", "training_attendances",
    "people", "areas", "account_user_counts",
})
# Roles that carry power over others: given or taken only by CNCS reviewers.
PRIVILEGED_ROLES = ("titular_area", "revisor_cncs", "consejero_electoral")
GUARDED_TABLES = ("people", "areas")


def functions(path: str) -> list[str]:
    """SQL functions for the rules above (`path`: the SET search_path clause)."""
    privileged = "ARRAY[" + ", ".join(f"'{r}'" for r in PRIVILEGED_ROLES) + "]::text[]"
    return [
        f"""CREATE OR REPLACE FUNCTION redes_person_ok(p uuid) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM people WHERE id = p AND area_id = ANY(redes_areas())) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_absence_ok(a uuid) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM absence_periods ab WHERE ab.id = a
                         AND (redes_person_ok(ab.person_id)
                              OR ab.covering_person_id = redes_person())) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_directory_guard() RETURNS trigger
        LANGUAGE plpgsql {path} AS $$
        DECLARE
          privileged text[] := {privileged};
          before jsonb := '[]'::jsonb;
          after jsonb;
        BEGIN
          IF redes_person() IS NULL OR redes_is_reviewer() THEN RETURN NEW; END IF;
          IF TG_TABLE_NAME = 'areas' THEN
            IF (TG_OP = 'INSERT' AND NEW.titular_id IS NOT NULL) OR (TG_OP = 'UPDATE'
                AND NEW.titular_id IS DISTINCT FROM OLD.titular_id) THEN
              RAISE EXCEPTION 'Solo la CNCS cambia el titular de un área.'
                USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' THEN before := coalesce(OLD.roles::jsonb, '[]'::jsonb); END IF;
          after := coalesce(NEW.roles::jsonb, '[]'::jsonb);
          IF EXISTS (SELECT 1 FROM unnest(privileged) r WHERE (after ? r) <> (before ? r)) THEN
            RAISE EXCEPTION 'Solo la CNCS da o quita los roles de titular de área y de revisor.'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$""",
    ]


def media_functions(path: str, cap: int) -> list[str]:
    """SQL for the images' rules above (`cap`: the largest image any network accepts)."""
    shows = ("jsonb_build_object('media', jsonb_build_array(jsonb_build_object('sha256', s)))")
    return [
        f"""CREATE OR REPLACE FUNCTION redes_blob_ok(s text) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM post_media pm WHERE pm.sha256 = s
                         AND redes_post_ok(pm.post_id))
              OR EXISTS (SELECT 1 FROM consultations c WHERE c.snapshot::jsonb @> {shows}
                         AND redes_account_ok(c.account_id)) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_put_blob(s text, d bytea, m text) RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        BEGIN
          IF s IS NULL OR s !~ '^[0-9a-f]{{64}}$' OR encode(sha256(d), 'hex') <> s THEN
            RAISE EXCEPTION 'El contenido de la imagen no corresponde a su huella SHA-256'
              USING ERRCODE = 'check_violation';
          END IF;
          IF octet_length(d) > {int(cap)} THEN
            RAISE EXCEPTION 'La imagen pesa más de lo que acepta cualquier red'
              USING ERRCODE = 'check_violation';
          END IF;
          IF redes_person() IS NOT NULL AND NOT (redes_is_reviewer() OR redes_blob_ok(s)) THEN
            RAISE EXCEPTION
              'Ninguna publicación ni consulta que usted pueda ver muestra esta imagen'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          INSERT INTO media_blobs (sha256, data, size_bytes, mime_type)
            VALUES (s, d, octet_length(d), coalesce(m, '')) ON CONFLICT (sha256) DO NOTHING;
          RETURN FOUND;
        END $$""",
    ]


def media_statements(table: str, group: str) -> list[str]:
    """Row-level security and grants of the images' table (`group`: quoted group role)."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS redes_select ON {table}",
        f"CREATE POLICY redes_select ON {table} FOR SELECT "
        "USING (redes_is_reviewer() OR redes_blob_ok(sha256))",
        f"REVOKE ALL ON {table} FROM {group}",
        f"GRANT SELECT ON {table} TO {group}",
        "REVOKE ALL ON FUNCTION redes_put_blob(text, bytea, text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION redes_put_blob(text, bytea, text) TO {group}",
    ]


def guard_statements(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS redes_directory_guard ON {table}",
        f"CREATE TRIGGER redes_directory_guard BEFORE INSERT OR UPDATE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION redes_directory_guard()",
    ]


def bitacora_statements(table: str) -> list[str]:
    """`inserted_by` on databases created before it (the policies: server_bookkeeping.py)."""
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS inserted_by varchar(128) NOT NULL "
        "DEFAULT session_user",
    ]
