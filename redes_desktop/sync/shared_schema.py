"""Objects that exist only on the shared PostgreSQL database, created by `shared-db init`.

* `sync_log` (table_name, row_id) -> server_seq: one global sequence numbers every change; a
  statement-level trigger on each synced table writes it, under a transaction advisory lock so
  positions become visible in order (a pull never skips a change committed late).
* `sync_applied`: per workstation, the last local change seq applied (pushes are exactly-once).
* `bitacora_entries`: the shared, append-only bitácora (origin, seq, metadata, payload, mac).
* `db_logins`: database role -> person; row-level security reads it through `session_user`.
* `media_blobs`: the images' bytes keyed by SHA-256 (`media.py`), and the videos' manifests
  with their parts in `media_blob_chunks` (`media_chunks.py`; who reads and adds them:
  `access_rules.py`).
* `sync_origins`, and who reads or writes the bookkeeping above: `server_bookkeeping.py`.
* roles, grants and policies: area administrators see and change only their areas' accounts
  and the rows that hang from them; who decides or expires a consultation, and what of it
  never changes: `decision_guards.py`; the bitácora only grows, each entry marked with the login
  that inserted it; absences, notes, training and the directory's powers: `access_rules.py`.

Everything is re-runnable: `init` after an upgrade adds triggers and policies to new tables.
"""

from __future__ import annotations

import re

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Sequence,
    String,
    Table,
    Text,
    Uuid,
    text,
)

from redes_desktop.sync import (
    access_rules,
    decision_guards,
    media,
    media_chunks,
    server_bookkeeping,
)
from redes_desktop.sync.policies import AREA_PATHS, synced_tables

SERVER_METADATA = MetaData()
SERVER_SEQ = Sequence("sync_server_seq", metadata=SERVER_METADATA)

sync_log = Table(
    "sync_log", SERVER_METADATA,
    Column("table_name", String(64), primary_key=True),
    Column("row_id", Uuid, primary_key=True),
    Column("server_seq", BigInteger, nullable=False),
    Column("origin", String(64)),
    Column("deleted", Boolean, nullable=False, default=False),
    Index("ix_sync_log_server_seq", "server_seq", unique=True),
)
sync_applied = Table(
    "sync_applied", SERVER_METADATA,
    Column("origin", String(64), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
)
db_logins = Table(
    "db_logins", SERVER_METADATA,
    Column("role_name", String(128), primary_key=True),
    Column("person_id", Uuid, nullable=False),
)
bitacora_entries = Table(
    "bitacora_entries", SERVER_METADATA,
    Column("origin", String(64), primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("server_seq", BigInteger, SERVER_SEQ, nullable=False,
           server_default=SERVER_SEQ.next_value()),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("metadata", JSON, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("mac", String(128), nullable=False),
    # The login that inserted the entry; row-level security refuses any other value.
    Column("inserted_by", String(128), nullable=False, server_default=text("session_user")),
    Index("ix_bitacora_entries_server_seq", "server_seq", unique=True),
)
# Images and videos, content-addressed (sync/media.py, sync/media_chunks.py): written only
# through redes_put_blob (an image, whole in `data`) or redes_begin_blob / redes_put_chunk /
# redes_finish_blob (a video: `data` NULL, its parts in media_blob_chunks; the row exists only
# once every part arrived and was checked, so a half-sent video is never readable).
media_blobs = Table(
    "media_blobs", SERVER_METADATA,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary),
    Column("size_bytes", BigInteger, nullable=False),
    Column("mime_type", String(100), nullable=False, server_default=""),
    Column("uploaded_by", String(128), nullable=False, server_default=text("session_user")),
    Column("uploaded_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("chunk_size", Integer, nullable=False, server_default="0"),
    Column("chunk_count", Integer, nullable=False, server_default="0"),
    # Whether the server hashed the whole content (a video larger than WHOLE_CHECK_MAX is
    # checked part by part; only the receiving workstation can hash it whole).
    Column("whole_checked", Boolean, nullable=False, server_default=text("true")),
    CheckConstraint("data IS NOT NULL OR chunk_count > 0", name="media_blobs_bytes"),
)
# A video being sent (its manifest until redes_finish_blob): nobody reads it directly.
media_blob_uploads = Table(
    "media_blob_uploads", SERVER_METADATA,
    Column("sha256", String(64), primary_key=True),
    Column("size_bytes", BigInteger, nullable=False),
    Column("chunk_size", Integer, nullable=False),
    Column("chunk_count", Integer, nullable=False),
    Column("mime_type", String(100), nullable=False, server_default=""),
    Column("started_by", String(128), nullable=False, server_default=text("session_user")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
)
# A video's parts, readable only once its media_blobs row exists (and by who may read it).
media_blob_chunks = Table(
    "media_blob_chunks", SERVER_METADATA,
    Column("sha256", String(64), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("chunk_sha256", String(64), nullable=False),
)
sync_server_info = Table(
    "sync_server_info", SERVER_METADATA,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

DEFAULT_GROUP_ROLE = "redes_personas"
_IDENT = re.compile(r"^[A-Za-z0-9_@.+-]{1,63}$")


def quote_ident(name: str) -> str:
    if not _IDENT.match(name):
        raise ValueError(f"identificador no válido: {name!r}")
    return '"' + name.replace('"', '""') + '"'


def lock_sql(schema: str) -> str:
    return f"pg_advisory_xact_lock(hashtext('redes_sync:{schema}'))"


def _log_function(name: str, transition: str, *, deleted: bool, path: str, lock: str) -> str:
    """A statement trigger that numbers the touched rows in `sync_log` (inserted or updated
    rows from `new_rows`, deleted ones from `old_rows`)."""
    flag = "true" if deleted else "false"
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER {path} AS $$
        BEGIN
          PERFORM {lock};
          INSERT INTO sync_log AS l (table_name, row_id, server_seq, origin, deleted)
          SELECT TG_TABLE_NAME, r.id, nextval('sync_server_seq'),
                 nullif(current_setting('redes.origin', true), ''), {flag}
          FROM (SELECT DISTINCT id FROM {transition}) r
          ON CONFLICT (table_name, row_id) DO UPDATE
            SET server_seq = EXCLUDED.server_seq, origin = EXCLUDED.origin, deleted = {flag};
          RETURN NULL;
        END $$"""


def _functions(schema: str) -> list[str]:
    path = f"SET search_path = {quote_ident(schema)}, pg_temp"
    lock = lock_sql(schema)
    return [
        f"""CREATE OR REPLACE FUNCTION redes_sync_lock() RETURNS void LANGUAGE plpgsql
        {path} AS $$ BEGIN PERFORM {lock}; END $$""",
        _log_function("redes_sync_log_new", "new_rows", deleted=False, path=path, lock=lock),
        _log_function("redes_sync_log_old", "old_rows", deleted=True, path=path, lock=lock),
        f"""CREATE OR REPLACE FUNCTION redes_sync_touch(t text, ids uuid[]) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
        BEGIN
          PERFORM {lock};
          UPDATE sync_log SET server_seq = nextval('sync_server_seq'), origin = NULL
          WHERE table_name = t AND row_id = ANY(ids);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION redes_person() RETURNS uuid LANGUAGE sql STABLE
        SECURITY DEFINER {path} AS $$
          SELECT person_id FROM db_logins WHERE role_name = session_user $$""",
        f"""CREATE OR REPLACE FUNCTION redes_is_reviewer() RETURNS boolean LANGUAGE sql STABLE
        SECURITY DEFINER {path} AS $$
          SELECT coalesce((SELECT roles::jsonb ? 'revisor_cncs' FROM people
                           WHERE id = redes_person()), false) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_areas() RETURNS uuid[] LANGUAGE sql STABLE
        SECURITY DEFINER {path} AS $$
          WITH me AS (SELECT redes_person() AS pid),
          direct AS (
            SELECT p.area_id AS id FROM people p, me WHERE p.id = me.pid
            UNION SELECT a.id FROM areas a, me WHERE a.titular_id = me.pid
            UNION SELECT ac.area_id FROM account_administrators aa
              JOIN accounts ac ON ac.id = aa.account_id, me
              WHERE aa.person_id = me.pid AND (aa.until IS NULL OR aa.until >= current_date))
          SELECT coalesce(array_agg(DISTINCT x.id), '{{}}') FROM (
            SELECT id FROM direct
            UNION SELECT a.id FROM areas a WHERE a.parent_id IN (SELECT id FROM direct)) x $$""",
        f"""CREATE OR REPLACE FUNCTION redes_account_ok(acc uuid) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM accounts WHERE id = acc AND area_id = ANY(redes_areas()))
        $$""",
        f"""CREATE OR REPLACE FUNCTION redes_post_ok(p uuid) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM posts WHERE id = p AND redes_account_ok(account_id)) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_consultation_ok(c uuid) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM consultations WHERE id = c
                         AND redes_account_ok(account_id)) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_append_only() RETURNS trigger LANGUAGE plpgsql
        {path} AS $$
        BEGIN
          RAISE EXCEPTION 'La bitácora solo admite entradas nuevas: no se modifica ni se borra.'
            USING ERRCODE = 'insufficient_privilege';
        END $$""",
        *access_rules.functions(path),
        *access_rules.media_functions(path, media.server_cap()),
        *access_rules.video_functions(path, media_chunks.server_cap(), media_chunks.WHOLE_CHECK_MAX,
                                      (media_chunks.MIN_CHUNK, media_chunks.MAX_CHUNK)),
        *server_bookkeeping.functions(path, schema, f"redes_sync:{schema}"),
    ]


def _row_check(table: Table) -> str:
    """SQL boolean: may the connected person change this row?"""
    name = table.name
    if name in access_rules.ROW_CHECKS:
        return access_rules.ROW_CHECKS[name]
    path = AREA_PATHS.get(name)
    columns = set(table.columns.keys())
    if path == "self":
        return "id = ANY(redes_areas())"
    if path:
        return f"{path} = ANY(redes_areas())"
    if "account_id" in columns:
        return "redes_account_ok(account_id)"
    if "post_id" in columns:
        return "redes_post_ok(post_id)"
    if "consultation_id" in columns:
        return "redes_consultation_ok(consultation_id)"
    if "area_id" in columns:
        return "(area_id IS NULL OR area_id = ANY(redes_areas()))"
    return "true"


# Directory tables everybody reads (each person still changes only their own areas' rows).
READ_ALL = frozenset({"areas", "people", "training_sessions", "council_sessions"})


def _table_statements(table: Table, group: str) -> list[str]:
    t = quote_ident(table.name)
    check = _row_check(table)
    if table.name in access_rules.REVIEWER_WRITES:
        check = f"redes_is_reviewer() OR {check}"
    read = "true" if table.name in READ_ALL else f"redes_is_reviewer() OR {check}"
    if table.name in access_rules.EXTRA_READERS:
        read = f"{read} OR {access_rules.EXTRA_READERS[table.name]}"
    update_using = check
    if table.name == "consultations":
        update_using = f"redes_is_reviewer() OR {check}"
    statements = [
        f"DROP TRIGGER IF EXISTS redes_sync_ins ON {t}",
        f"DROP TRIGGER IF EXISTS redes_sync_upd ON {t}",
        f"DROP TRIGGER IF EXISTS redes_sync_del ON {t}",
        f"CREATE TRIGGER redes_sync_ins AFTER INSERT ON {t} REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION redes_sync_log_new()",
        f"CREATE TRIGGER redes_sync_upd AFTER UPDATE ON {t} REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION redes_sync_log_new()",
        f"CREATE TRIGGER redes_sync_del AFTER DELETE ON {t} REFERENCING OLD TABLE AS old_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION redes_sync_log_old()",
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
    ]
    for policy in ("redes_select", "redes_insert", "redes_update", "redes_delete"):
        statements.append(f"DROP POLICY IF EXISTS {policy} ON {t}")
    statements += [
        f"CREATE POLICY redes_select ON {t} FOR SELECT USING ({read})",
        f"CREATE POLICY redes_insert ON {t} FOR INSERT WITH CHECK ({check})",
        f"CREATE POLICY redes_update ON {t} FOR UPDATE USING ({update_using}) "
        f"WITH CHECK ({update_using})",
        f"CREATE POLICY redes_delete ON {t} FOR DELETE USING ({check})",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {t} TO {quote_ident(group)}",
    ]
    if table.name in access_rules.GUARDED_TABLES:
        statements += access_rules.guard_statements(t)
    return statements


def current_schema(conn: Connection) -> str:
    return conn.execute(text("SELECT current_schema()")).scalar_one()


def init_shared_database(engine: Engine, group_role: str = DEFAULT_GROUP_ROLE) -> str:
    """Create or upgrade the shared schema, its server objects, the group role and the policies.
    Returns the schema revision."""
    from redes_desktop.database import current_revision, upgrade

    upgrade(engine)
    revision = current_revision(engine) or ""
    group = quote_ident(group_role)
    with engine.begin() as conn:
        schema = current_schema(conn)
        SERVER_METADATA.create_all(conn)
        for statement in _functions(schema):
            conn.exec_driver_sql(statement)
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group_role}
        ).first()
        if not exists:
            conn.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {quote_ident(schema)} TO {group}")
        for table in synced_tables():
            for statement in _table_statements(table, group_role):
                conn.exec_driver_sql(statement)
        decision_guards.install(conn, f"SET search_path = {quote_ident(schema)}, pg_temp", group)
        b = "bitacora_entries"
        for statement in access_rules.bitacora_statements(b):
            conn.exec_driver_sql(statement)
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS redes_append_only ON {b}")
        conn.exec_driver_sql(
            f"CREATE TRIGGER redes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {b} "
            "FOR EACH STATEMENT EXECUTE FUNCTION redes_append_only()"
        )
        for statement in (*access_rules.media_statements("media_blobs", group),
                          *access_rules.video_statements(group)):
            conn.exec_driver_sql(statement)
        for statement in (
            f"GRANT SELECT ON alembic_version, sync_log, sync_server_info TO {group}",
            f"GRANT SELECT, INSERT, UPDATE ON sync_applied TO {group}",
            f"GRANT SELECT, INSERT ON {b} TO {group}",
            f"GRANT USAGE, SELECT ON SEQUENCE sync_server_seq TO {group}",
        ):
            conn.exec_driver_sql(statement)
        checks = {t.name: None if t.name in access_rules.EXTRA_READERS else _row_check(t)
                  for t in synced_tables()}
        path = f"SET search_path = {quote_ident(schema)}, pg_temp"
        for statement in server_bookkeeping.table_statements(group, path, checks, READ_ALL):
            conn.exec_driver_sql(statement)
        for name, value in (("initialized_revision", revision), ("group_role", group_role),
                            ("bookkeeping", server_bookkeeping.VERSION),
                            (media.INFO_KEY, media.VERSION)):
            conn.execute(
                text(
                    "INSERT INTO sync_server_info (name, value) VALUES (:n, :v) "
                    "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
                ),
                {"n": name, "v": value},
            )
    return revision


def grant_person(engine: Engine, email: str, password: str | None = None) -> str:
    """Create (or update) the login role of the person with this e-mail, mapped to their id."""
    with engine.begin() as conn:
        person_id = conn.execute(
            text("SELECT id FROM people WHERE lower(email) = lower(:e)"), {"e": email}
        ).scalar()
        if person_id is None:
            from redes_desktop.errors import NotFound

            raise NotFound(
                f"No hay ninguna persona con el correo «{email}» en la base compartida. "
                "Sincronice primero la estación donde se dio de alta."
            )
        group = conn.execute(
            text("SELECT value FROM sync_server_info WHERE name = 'group_role'")
        ).scalar() or DEFAULT_GROUP_ROLE
        role = email.lower()
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
        ).first()
        verb = "ALTER" if exists else "CREATE"
        conn.exec_driver_sql(f"{verb} ROLE {quote_ident(role)} LOGIN")
        if password:
            literal = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar()
            conn.exec_driver_sql(f"ALTER ROLE {quote_ident(role)} PASSWORD {literal}")
        conn.exec_driver_sql(f"GRANT {quote_ident(group)} TO {quote_ident(role)}")
        for statement in server_bookkeeping.login_statements(quote_ident(role)):
            conn.exec_driver_sql(statement)
        conn.execute(
            text(
                "INSERT INTO db_logins (role_name, person_id) VALUES (:r, :p) "
                "ON CONFLICT (role_name) DO UPDATE SET person_id = EXCLUDED.person_id"
            ),
            {"r": role, "p": person_id},
        )
    return role
