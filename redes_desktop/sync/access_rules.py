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
* Videos (`sync/media_chunks.py`) travel in parts: `redes_begin_blob` opens (or resumes) the
  sending of one, with the same hash, size (the largest video any network accepts) and access
  checks; `redes_put_chunk` adds one part after checking its index, its exact size and its own
  SHA-256; `redes_finish_blob` checks that every part arrived and, up to `WHOLE_CHECK_MAX`, the
  SHA-256 of the whole (PostgreSQL hashes only a value it holds whole, and a bytea stops at
  1 GB: a larger video is checked part by part here and whole by every receiving workstation),
  and only then writes its `media_blobs` row. A part is readable only once that row exists and
  by whoever may read the video, so a half-sent video is never readable; the sending in
  progress (`media_blob_uploads`) is read by nobody, and one abandoned for 30 days is dropped.
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


def video_functions(path: str, cap: int, whole_max: int, chunk_range: tuple[int, int]
                    ) -> list[str]:
    """SQL for the videos' rules above (`cap`: the largest video any network accepts;
    `whole_max`: up to which size the server hashes the whole video; `chunk_range`: the
    smallest and largest part it takes)."""
    low, high = chunk_range
    may = ("IF redes_person() IS NOT NULL AND NOT (redes_is_reviewer() OR redes_blob_ok(s)) "
           "THEN RAISE EXCEPTION 'Ninguna publicación que usted pueda ver muestra este video' "
           "USING ERRCODE = 'insufficient_privilege'; END IF;")
    forget = ("DELETE FROM media_blob_chunks WHERE sha256 = s; "
              "DELETE FROM media_blob_uploads WHERE sha256 = s;")
    # Past `whole_max` the server cannot check that the parts make the video named: only an
    # administrator of an account whose post shows it may send it, and only the login that
    # began the sending adds its parts (a reader — a CNCS reviewer, another area's head —
    # could otherwise plant a false copy first and block the real one).
    sender = (f"IF total > {int(whole_max)} AND redes_person() IS NOT NULL "
              "AND NOT redes_blob_sender(s) THEN RAISE EXCEPTION 'Solo un administrador de la "
              "cuenta envía un video tan grande' USING ERRCODE = 'insufficient_privilege'; "
              "END IF;")
    same_sender = (f"IF up.size_bytes > {int(whole_max)} AND up.started_by <> session_user THEN "
                   "RAISE EXCEPTION 'Este video lo está enviando otra persona' "
                   "USING ERRCODE = 'insufficient_privilege'; END IF;")
    return [
        f"""CREATE OR REPLACE FUNCTION redes_blob_sender(s text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM post_media pm JOIN posts p ON p.id = pm.post_id
                         JOIN account_administrators aa ON aa.account_id = p.account_id
                         WHERE pm.sha256 = s AND aa.person_id = redes_person()
                           AND (aa.until IS NULL OR aa.until >= current_date)) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_blob_complete(s text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM media_blobs WHERE sha256 = s) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_begin_blob(s text, total bigint, csize integer,
          m text) RETURNS integer[]
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        DECLARE
          up record;
        BEGIN
          IF s IS NULL OR s !~ '^[0-9a-f]{{64}}$' THEN
            RAISE EXCEPTION 'La huella SHA-256 del video no es válida'
              USING ERRCODE = 'check_violation';
          END IF;
          IF total IS NULL OR total < 1 OR total > {int(cap)} THEN
            RAISE EXCEPTION 'El video pesa más de lo que acepta cualquier red'
              USING ERRCODE = 'check_violation';
          END IF;
          IF csize IS NULL OR csize < {int(low)} OR csize > {int(high)} THEN
            RAISE EXCEPTION 'El tamaño de las partes del video no es válido'
              USING ERRCODE = 'check_violation';
          END IF;
          {may}
          {sender}
          IF EXISTS (SELECT 1 FROM media_blobs WHERE sha256 = s) THEN RETURN NULL; END IF;
          DELETE FROM media_blob_chunks c USING media_blob_uploads u WHERE c.sha256 = u.sha256
            AND u.updated_at < now() - interval '30 days';
          DELETE FROM media_blob_uploads WHERE updated_at < now() - interval '30 days';
          SELECT * INTO up FROM media_blob_uploads WHERE sha256 = s FOR UPDATE;
          IF FOUND AND (up.size_bytes <> total OR up.chunk_size <> csize
                        OR (total > {int(whole_max)} AND up.started_by <> session_user)) THEN
            {forget}
          ELSIF FOUND THEN
            RETURN (SELECT coalesce(array_agg(idx ORDER BY idx), '{{}}')
                    FROM media_blob_chunks WHERE sha256 = s);
          END IF;
          INSERT INTO media_blob_uploads (sha256, size_bytes, chunk_size, chunk_count, mime_type)
            VALUES (s, total, csize, ((total + csize - 1) / csize)::integer, coalesce(m, ''));
          RETURN '{{}}'::integer[];
        END $$""",
        f"""CREATE OR REPLACE FUNCTION redes_put_chunk(s text, i integer, d bytea, h text)
          RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        DECLARE
          up record;
          expected bigint;
        BEGIN
          {may}
          SELECT * INTO up FROM media_blob_uploads WHERE sha256 = s;
          IF NOT FOUND THEN
            IF EXISTS (SELECT 1 FROM media_blobs WHERE sha256 = s) THEN RETURN false; END IF;
            RAISE EXCEPTION 'No hay un envío en curso de este video'
              USING ERRCODE = 'check_violation';
          END IF;
          {same_sender}
          IF i IS NULL OR i < 0 OR i >= up.chunk_count THEN
            RAISE EXCEPTION USING MESSAGE = 'El video no tiene la parte ' || coalesce(i, -1),
              ERRCODE = 'check_violation';
          END IF;
          expected := CASE WHEN i = up.chunk_count - 1
                           THEN up.size_bytes - i::bigint * up.chunk_size
                           ELSE up.chunk_size END;
          IF d IS NULL OR octet_length(d) <> expected THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
              MESSAGE = 'La parte ' || i || ' del video no tiene el tamaño esperado';
          END IF;
          IF h IS NULL OR encode(sha256(d), 'hex') <> h THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
              MESSAGE = 'La parte ' || i || ' del video llegó dañada';
          END IF;
          INSERT INTO media_blob_chunks (sha256, idx, data, size_bytes, chunk_sha256)
            VALUES (s, i, d, octet_length(d), h) ON CONFLICT (sha256, idx) DO NOTHING;
          IF NOT FOUND THEN RETURN false; END IF;
          UPDATE media_blob_uploads SET updated_at = now() WHERE sha256 = s;
          RETURN true;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION redes_finish_blob(s text) RETURNS text
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        DECLARE
          up record;
          parts integer;
          total bigint;
          whole boolean;
        BEGIN
          {may}
          SELECT * INTO up FROM media_blob_uploads WHERE sha256 = s FOR UPDATE;
          IF NOT FOUND THEN
            IF EXISTS (SELECT 1 FROM media_blobs WHERE sha256 = s) THEN RETURN 'listo'; END IF;
            RETURN 'sin_envio';
          END IF;
          {same_sender}
          SELECT count(*), coalesce(sum(size_bytes), 0) INTO parts, total
            FROM media_blob_chunks WHERE sha256 = s;
          IF parts < up.chunk_count THEN RETURN 'incompleto'; END IF;
          whole := up.size_bytes <= {int(whole_max)};
          IF total <> up.size_bytes OR (whole AND encode(sha256(
               (SELECT string_agg(data, ''::bytea ORDER BY idx) FROM media_blob_chunks
                WHERE sha256 = s)), 'hex') <> s) THEN
            {forget}
            RETURN 'no_corresponde';
          END IF;
          INSERT INTO media_blobs (sha256, data, size_bytes, mime_type, chunk_size, chunk_count,
                                   whole_checked)
            VALUES (s, NULL, up.size_bytes, up.mime_type, up.chunk_size, up.chunk_count, whole)
            ON CONFLICT (sha256) DO NOTHING;
          DELETE FROM media_blob_uploads WHERE sha256 = s;
          RETURN 'listo';
        END $$""",
    ]


VIDEO_FUNCTIONS = ("redes_begin_blob(text, bigint, integer, text)",
                   "redes_put_chunk(text, integer, bytea, text)", "redes_finish_blob(text)")


def video_statements(group: str) -> list[str]:
    """The videos' tables on a database initialised before them, their row-level security and
    grants (`group`: quoted group role). Re-runnable."""
    blobs, chunks, uploads = "media_blobs", "media_blob_chunks", "media_blob_uploads"
    statements = [
        f"ALTER TABLE {blobs} ALTER COLUMN data DROP NOT NULL",
        f"ALTER TABLE {blobs} ADD COLUMN IF NOT EXISTS chunk_size integer NOT NULL DEFAULT 0",
        f"ALTER TABLE {blobs} ADD COLUMN IF NOT EXISTS chunk_count integer NOT NULL DEFAULT 0",
        f"ALTER TABLE {blobs} ADD COLUMN IF NOT EXISTS whole_checked boolean NOT NULL "
        "DEFAULT true",
        f"ALTER TABLE {blobs} DROP CONSTRAINT IF EXISTS media_blobs_bytes",
        f"ALTER TABLE {blobs} ADD CONSTRAINT media_blobs_bytes "
        "CHECK (data IS NOT NULL OR chunk_count > 0)",
        # Who may read a video is asked per part: find its posts without reading them all.
        "CREATE INDEX IF NOT EXISTS ix_post_media_sha256 ON post_media (sha256)",
        f"ALTER TABLE {chunks} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS redes_select ON {chunks}",
        f"CREATE POLICY redes_select ON {chunks} FOR SELECT USING (redes_blob_complete(sha256) "
        "AND (redes_is_reviewer() OR redes_blob_ok(sha256)))",
        f"REVOKE ALL ON {chunks} FROM {group}",
        f"GRANT SELECT ON {chunks} TO {group}",
        f"ALTER TABLE {uploads} ENABLE ROW LEVEL SECURITY",
        f"REVOKE ALL ON {uploads} FROM {group}",
    ]
    for function in VIDEO_FUNCTIONS:
        statements += [f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC",
                       f"GRANT EXECUTE ON FUNCTION {function} TO {group}"]
    return statements


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
