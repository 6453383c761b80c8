"""Errors the user sees. Each carries a Spanish message that says what happened and what to do."""

from __future__ import annotations


class UserFacingError(Exception):
    """Base class: `str(error)` is a complete Spanish sentence for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserFacingError):
    """Input breaks a rule of the criteria; `criterion` names it (e.g. "7.v")."""

    def __init__(self, message: str, criterion: str | None = None, field: str | None = None):
        super().__init__(message)
        self.criterion = criterion
        self.field = field


class PermissionDenied(UserFacingError):
    """The current person's roles do not allow the action."""


class NotFound(UserFacingError):
    """A record the user named does not exist."""


class DataFolderError(UserFacingError):
    """The data folder cannot be created, written or locked."""

    exit_code = 3


class DatabaseError(UserFacingError):
    """The local database cannot be used as it is (corrupt, newer, unreadable)."""

    exit_code = 4


class AlreadyRunning(UserFacingError):
    """Another instance holds the same data folder."""

    exit_code = 5


class UsageError(UserFacingError):
    """The command line was used wrongly (exit 2, like argparse's own errors)."""

    exit_code = 2


class LocalDatabaseBusy(DatabaseError):
    """Another program holds the local SQLite database locked (a backup, an antivirus…)."""

    exit_code = 10


class SignInNeeded(UserFacingError):
    """A command that changes something could not prove who runs it (no password given, a
    wrong one, nobody named): exit 12, nothing changed."""

    exit_code = 12
