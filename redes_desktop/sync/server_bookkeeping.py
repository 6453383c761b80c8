"""Who owns the sync's bookkeeping on the shared database, who reads it, and who holds the lock.

* `sync_origins`: each origin (a workstation id, or a bitácora chain id) belongs to the login
  that first wrote under it. Only SECURITY DEFINER functions write it; identity is always
  `session_user`, so `SET ROLE` to the group role changes nobody's identity.
* `sync_applied` (the last change applied per workstation): a login reads and writes only the
  rows of its own origins, so nobody can make another workstation's changes look applied.
* `bitacora_entries`: inserted only under the login's own origins, with `inserted_by` equal to
  the session user; read by CNCS reviewers, by the login that wrote them, and by the people of
  the area of the origin's owner (and by whoever covers that person in an absence). Visibility
  is per origin, not per entry: a chain verifies only whole, so a reader gets all of it or none.
* `sync_log`: a login reads the entry of a row it may read (row-level security of the row's own
  table), deletions (an id and a time, nothing else), and everything if it is a CNCS reviewer.
  The global top position is read through `redes_sync_high()`, so a sync with nothing to do
  stays one index lookup whatever the other areas wrote.
* `redes_lock_holder()` names who holds the sync lock (login, person, since when); the lock
  function and the new functions are callable only by the group role, not by PUBLIC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

ORIGINS = "sync_origins"
# Bumped when these objects change: the sync refuses a server initialised without them.
VERSION = "1"
# The sync connection waits this long for the sync lock (held by another sync, or by a login
# that left a transaction open), and a statement runs at most this long.
LOCK_TIMEOUT_MS = 15_000
STATEMENT_TIMEOUT_MS = 120_000
# A login's own transaction left open (a hand-written SQL client) is ended after this.
IDLE_IN_TRANSACTION = "5min"
LOCK_TIMEOUT, STATEMENT_TIMEOUT = "55P03", "57014"
# Functions only the group role (the people's logins) may call.
GROUP_FUNCTIONS = (
    "redes_sync_lock()", "redes_sync_touch(text, uuid[])", "redes_origin_mine(text)",
    "redes_claim_origin(text)", "redes_origin_holder(text)", "redes_readable_origins()",
    "redes_lock_holder()", "redes_sync_high()", "redes_my_accounts()",
    "redes_row_owner(text, uuid)",
)


def functions(path: str, schema: str, lock_key: str) -> list[str]:
    """SQL (re)creating the table and functions (`path`: the SET search_path clause)."""
    return [
        f"""CREATE TABLE IF NOT EXISTS {ORIGINS} (
          origin varchar(64) PRIMARY KEY,
          login varchar(128) NOT NULL,
          registered_at timestamptz NOT NULL DEFAULT now())""",
        f"""CREATE OR REPLACE FUNCTION redes_origin_mine(o text) RETURNS boolean LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT EXISTS (SELECT 1 FROM {ORIGINS} WHERE origin = o AND login = session_user) $$""",
        # Registers the origin for this login when nobody has it yet; true when it is theirs.
        f"""CREATE OR REPLACE FUNCTION redes_claim_origin(o text) RETURNS boolean
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER {path} AS $$
        BEGIN
          INSERT INTO {ORIGINS} (origin, login) VALUES (o, session_user)
            ON CONFLICT (origin) DO NOTHING;
          RETURN EXISTS (SELECT 1 FROM {ORIGINS} WHERE origin = o AND login = session_user);
        END $$""",
        # NULL when the origin is free or this login's; else who has it («nombre (login)»).
        f"""CREATE OR REPLACE FUNCTION redes_origin_holder(o text) RETURNS text LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT coalesce(p.name || ' (' || s.login || ')', s.login)
          FROM {ORIGINS} s LEFT JOIN db_logins d ON d.role_name = s.login
          LEFT JOIN people p ON p.id = d.person_id
          WHERE s.origin = o AND s.login <> session_user $$""",
        # Origins whose bitácora this login may read: its own, those of people of its areas,
        # and those of people it covers (or covered) in an absence.
        f"""CREATE OR REPLACE FUNCTION redes_readable_origins() RETURNS text[] LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT coalesce(array_agg(s.origin), '{{}}') FROM {ORIGINS} s
          LEFT JOIN db_logins d ON d.role_name = s.login
          LEFT JOIN people p ON p.id = d.person_id
          WHERE s.login = session_user OR p.area_id = ANY(redes_areas())
             OR p.id IN (SELECT person_id FROM absence_periods
                         WHERE covering_person_id = redes_person()) $$""",
        f"""CREATE OR REPLACE FUNCTION redes_my_accounts() RETURNS uuid[] LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT coalesce(array_agg(id), '{{}}') FROM accounts WHERE area_id = ANY(redes_areas())
        $$""",
        f"""CREATE OR REPLACE FUNCTION redes_sync_high() RETURNS bigint LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$ SELECT max(server_seq) FROM sync_log $$""",
        f"""CREATE OR REPLACE FUNCTION redes_lock_holder()
        RETURNS TABLE (login text, person text, since timestamptz) LANGUAGE sql
        STABLE SECURITY DEFINER {path} AS $$
          SELECT a.usename::text, p.name::text, a.xact_start
          FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          LEFT JOIN db_logins d ON d.role_name = a.usename
          LEFT JOIN people p ON p.id = d.person_id
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext({lock_key!r})::bigint
            AND a.pid <> pg_backend_pid()
          LIMIT 1 $$""",
    ]


# How a row reaches the areas that read it, by its table's read check (shared_schema._row_check):
# (SQL giving the row's owner from its id `r`, the set the owner must be in).
_AREAS = "(SELECT unnest(redes_areas()))"
_ACCOUNTS = "(SELECT unnest(redes_my_accounts()))"
_OWNERS = {
    "id = ANY(redes_areas())": ("r", _AREAS),
    "area_id = ANY(redes_areas())": ("(SELECT area_id FROM {t} WHERE id = r)", _AREAS),
    "(area_id IS NULL OR area_id = ANY(redes_areas()))":
        ("(SELECT area_id FROM {t} WHERE id = r)", _AREAS),
    "redes_account_ok(account_id)": ("(SELECT account_id FROM {t} WHERE id = r)", _ACCOUNTS),
    "redes_post_ok(post_id)": ("(SELECT p.account_id FROM {t} x JOIN posts p ON p.id = x.post_id "
                               "WHERE x.id = r)", _ACCOUNTS),
    "redes_consultation_ok(consultation_id)":
        ("(SELECT c.account_id FROM {t} x JOIN consultations c ON c.id = x.consultation_id "
         "WHERE x.id = r)", _ACCOUNTS),
}


def _log_statements(path: str, checks: dict[str, str | None],
                    read_all: frozenset[str]) -> tuple[list[str], str]:
    """The function giving a row's owner, and the SQL boolean: may the login read this
    `sync_log` entry? Tables whose read check is a plain area or account path are decided from
    the owner against the login's areas or accounts (computed once per query); the others
    through their own row-level security (EXISTS on the row)."""
    owners, cases = [], []
    for name, check in sorted(checks.items()):
        if name in read_all:
            continue
        quoted = '"' + name + '"'
        known = _OWNERS.get(check) if check is not None else None
        if check is None or known is None:
            cases.append(f"WHEN '{name}' THEN EXISTS (SELECT 1 FROM {quoted} x "
                         "WHERE x.id = sync_log.row_id)")
            continue
        owner, allowed = known
        owners.append(f"WHEN '{name}' THEN {owner.format(t=quoted)}")
        test = f"redes_row_owner(table_name, row_id) IN {allowed}"
        if check.startswith("(area_id IS NULL"):
            test = f"coalesce({test}, true)"
        cases.append(f"WHEN '{name}' THEN {test}")
    function = f"""CREATE OR REPLACE FUNCTION redes_row_owner(t text, r uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
          SELECT CASE t {' '.join(owners) or "WHEN '' THEN NULL"} END $$"""
    everyone = ", ".join(f"'{name}'" for name in sorted(read_all)) or "''"
    read = (f"(SELECT redes_is_reviewer()) OR deleted OR table_name IN ({everyone}) "
            f"OR CASE table_name {' '.join(cases)} ELSE false END")
    return [function], read


def table_statements(group: str, path: str, checks: dict[str, str | None],
                     read_all: frozenset[str]) -> list[str]:
    """Row-level security on the bookkeeping tables, grants, and what init backfills.
    `checks`: per synced table, its read check (None when others read it too)."""
    log_functions, log_read = _log_statements(path, checks, read_all)
    statements = [
        *log_functions,
        f"INSERT INTO {ORIGINS} (origin, login) SELECT DISTINCT ON (origin) origin, inserted_by "
        "FROM bitacora_entries ORDER BY origin, seq ON CONFLICT (origin) DO NOTHING",
        f"ALTER TABLE {ORIGINS} ENABLE ROW LEVEL SECURITY",
        f"REVOKE ALL ON {ORIGINS} FROM PUBLIC",
        "ALTER TABLE bitacora_entries ALTER COLUMN inserted_by SET DEFAULT session_user",
    ]
    policies = {
        "sync_applied": [
            "redes_select FOR SELECT USING (redes_origin_mine(origin))",
            "redes_insert FOR INSERT WITH CHECK (redes_claim_origin(origin))",
            "redes_update FOR UPDATE USING (redes_origin_mine(origin)) "
            "WITH CHECK (redes_origin_mine(origin))",
        ],
        "bitacora_entries": [
            "redes_select FOR SELECT USING ((SELECT redes_is_reviewer()) "
            "OR inserted_by = session_user "
            "OR origin IN (SELECT unnest(redes_readable_origins())))",
            "redes_insert FOR INSERT WITH CHECK (inserted_by = session_user "
            "AND redes_claim_origin(origin))",
        ],
        "sync_log": [f"redes_select FOR SELECT USING ({log_read})"],
    }
    for name, rules in policies.items():
        statements.append(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
        for policy in ("redes_select", "redes_insert", "redes_update", "redes_delete"):
            statements.append(f"DROP POLICY IF EXISTS {policy} ON {name}")
        statements += [f"CREATE POLICY {rule.split(' ', 1)[0]} ON {name} {rule.split(' ', 1)[1]}"
                       for rule in rules]
    for function in GROUP_FUNCTIONS:
        statements += [f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC",
                       f"GRANT EXECUTE ON FUNCTION {function} TO {group}"]
    return statements


def login_statements(role: str) -> list[str]:
    """For each person's login: a transaction left open does not hold the others forever."""
    return [f"ALTER ROLE {role} SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION}'"]


def transaction_settings(lock_timeout_ms: int = LOCK_TIMEOUT_MS,
                         statement_timeout_ms: int = STATEMENT_TIMEOUT_MS) -> str:
    """SQL select-list setting this transaction's timeouts (joined into a statement it runs)."""
    return (f"set_config('lock_timeout', '{int(lock_timeout_ms)}ms', true), "
            f"set_config('statement_timeout', '{int(statement_timeout_ms)}ms', true)")


class OriginTaken(Exception):
    """This workstation's id is registered on the shared database to another login."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


def claim_sql(lock_timeout_ms: int) -> str:
    """One statement opening a push transaction: timeouts, origin, and the origin's claim
    (its last column is true when the origin is this login's)."""
    return (f"SELECT {transaction_settings(lock_timeout_ms)}, "
            "set_config('redes.origin', :o, true), redes_claim_origin(:o)")


# -- what the sync tells the person -------------------------------------------------------------
@dataclass(frozen=True)
class LockHolder:
    login: str
    person: str | None
    since: datetime | None

    def describe(self) -> str:
        who = f"{self.person} ({self.login})" if self.person else f"el usuario {self.login}"
        if self.since is not None:
            who += f", desde las {self.since.astimezone():%H:%M}"
        return who


def lock_holder(conn: Connection) -> LockHolder | None:
    row = conn.execute(text("SELECT login, person, since FROM redes_lock_holder()")).first()
    return LockHolder(row.login, row.person, row.since) if row else None


def busy_message(holder: LockHolder | None, waited_ms: int = LOCK_TIMEOUT_MS) -> str:
    seconds = max(1, round(waited_ms / 1000))
    who = (f"la tiene ocupada {holder.describe()}" if holder else
           "otra conexión la tiene ocupada")
    return (f"La sincronización esperó {seconds} s a la base compartida y no pudo seguir: "
            f"{who} con una sincronización o una transacción abierta. Se reintentará; ningún "
            "cambio local se perdió. Si sigue así, pida a esa persona que cierre su programa o "
            "su sesión, o a quien administra la base compartida que termine esa conexión.")


SLOW_MESSAGE = ("La base compartida tardó demasiado en responder y la sincronización se "
                "detuvo. Se reintentará; ningún cambio local se perdió. Si sigue así, avise a "
                "quien administra la base compartida.")


def is_timeout(error: DBAPIError) -> str | None:
    """LOCK_TIMEOUT or STATEMENT_TIMEOUT when the error is one of ours, else None."""
    from redes_desktop.sync.refusals import sqlstate

    code = sqlstate(error)
    return code if code in (LOCK_TIMEOUT, STATEMENT_TIMEOUT) else None


def taken_message(holder: str, new_origin: str) -> str:
    return (f"El identificador de esta estación ya estaba registrado en la base compartida a "
            f"nombre de otro usuario ({holder}); se le asignó uno nuevo ({new_origin[:8]}) y "
            "sus cambios se enviaron con él. Avise a quien administra la base compartida.")


def ahead_message(applied: int, sent: int) -> str:
    return (f"La base compartida registraba como aplicados los cambios de esta estación hasta "
            f"el número {applied}, pero esta estación solo ha enviado hasta el {sent}: los "
            "cambios pendientes se volvieron a enviar para que no se pierda ninguno. Avise a "
            "quien administra la base compartida (alguien alteró el registro de "
            "sincronización).")
