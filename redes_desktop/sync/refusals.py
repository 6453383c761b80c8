"""Changes the shared database refuses, one row at a time.

A batch is one server transaction: a single row the server refuses (another row already holds
the same unique values, a foreign key to a row it does not have, a row-level-security policy or
a guard trigger) would abort every future push. When a batch fails with such an error, the push
retries it in *isolated* mode: every row is written inside its own savepoint, a refused row is
rolled back alone and kept in `sync_conflicts` as "rechazado" (with both versions, shown in
«Conflictos»), and the rest of the batch goes through.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, ProgrammingError

# SQLSTATE classes and codes of errors caused by one row's content or by the person's rights.
_INTEGRITY_CLASS = "23"  # unique_violation, foreign_key_violation, check_violation, not_null…
_REFUSED_CODES = {"42501"}  # insufficient_privilege: row-level security, guard triggers

UNIQUE, FOREIGN_KEY, PRIVILEGE = "23505", "23503", "42501"


def sqlstate(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    return str(getattr(original, "sqlstate", None) or getattr(original, "pgcode", None) or "")


def is_refusal(error: BaseException) -> bool:
    """A per-row refusal (isolating the rows lets the others through), not a broken server."""
    if isinstance(error, IntegrityError):
        return True
    if isinstance(error, ProgrammingError):
        return sqlstate(error) in _REFUSED_CODES
    return False


def is_foreign_key(error: BaseException) -> bool:
    return sqlstate(error) == FOREIGN_KEY or "foreign key" in str(error).lower()


def server_detail(error: BaseException) -> str:
    """The first line of what the server said (or of the error's own text)."""
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


# What the server's media functions raise when they refuse a file (RAISE EXCEPTION, a missing
# privilege, a value too long, a check): the file is refused, the server is fine.
_MEDIA_REFUSALS = {"P0001", "42501", "22001", "23514"}


def is_media_refusal(error: BaseException) -> bool:
    return sqlstate(error) in _MEDIA_REFUSALS


def refusal_reason(error: DBAPIError) -> str:
    """Spanish reason kept with the refused row."""
    code = sqlstate(error)
    if code == UNIQUE:
        what = ("La base compartida ya tiene otro registro con los mismos datos que deben ser "
                "únicos (por ejemplo, la misma nota para la misma ausencia, o el mismo correo).")
    elif code == FOREIGN_KEY or is_foreign_key(error):
        what = ("El registro apunta a otro que la base compartida no tiene (quizá también se "
                "rechazó o se eliminó en otra estación).")
    elif code == PRIVILEGE:
        what = ("La base compartida no le permite este cambio: el registro no corresponde a sus "
                "áreas o a su función.")
    else:
        what = "La base compartida rechazó este cambio."
    return (f"{what} El cambio no se aplicó; el resto de la sincronización siguió. "
            f"(Servidor: {server_detail(error)})")
