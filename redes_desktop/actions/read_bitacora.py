"""Read the bitácora (8.iii): what the person may read, searched and filtered, exported for an
audit, and the chain verified.

`bitacora_scope` resolves the person once and loads, in one unit of work, the names the entries
point to and what that person may read (bitacora/access.py); every other action here takes that
scope and applies it itself, so a view cannot widen it by the filters it passes. The command
line reads as an auditor (`audit_scope`: everything, no person chosen), as documented in
`redes-desktop bitacora export`.

The bitácora is its own encrypted file (not the main database): the actions open a reader on
their own connection and close it, so they can run off the UI thread. The viewer's pages go
through `BitacoraPages`, which keeps one connection for one viewer and reads on it one call at
a time from whichever worker thread runs it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.bitacora.access import EVERYTHING, Visibility
from redes_desktop.bitacora.names import Names, names_from
from redes_desktop.bitacora.query import Filters

if TYPE_CHECKING:
    from redes_desktop.bitacora.query import BitacoraReader, EntryView
    from redes_desktop.bitacora.service import Bitacora
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database


@dataclass(frozen=True)
class BitacoraScope:
    """What one reader may see, and how to name it: plain data a view keeps on the UI thread."""

    names: Names
    visibility: Visibility
    actions: tuple[str, ...]  # the actions present in the bitácora, for the filter

    def filters(self, filters: Filters) -> Filters:
        """`filters` narrowed to what this reader may read."""
        return self.visibility.apply(filters)

    def accounts(self) -> list[tuple[str, str]]:
        """(id, name) of the accounts this reader may filter by, by name."""
        return sorted(((key, label) for key, label in self.names.accounts.items()
                       if self.visibility.shows_account(key)), key=lambda item: item[1])


@dataclass(frozen=True)
class Integrity:
    ok: bool  # every entry verifies and no anchor is absent or disagrees
    checked: int
    problems: tuple[str, ...]  # Spanish messages, the first bad entry first
    blocked: str | None  # the anchor alarm when the chain verifies but an anchor does not


@dataclass(frozen=True)
class ExportOutcome:
    count: int
    problem: str | None  # the Spanish message naming the first bad entry, or None


def _actions(bitacora: Bitacora) -> tuple[str, ...]:
    reader = bitacora.reader()
    try:
        return tuple(sorted(reader.actions()))
    finally:
        reader.close()


def bitacora_scope(bitacora: Bitacora, database: Database, *, clock: Clock,
                   person_id: uuid.UUID | None) -> BitacoraScope:
    """What the person using this workstation may read; `NoIdentity` when nobody is chosen."""
    from redes_desktop.bitacora.access import visibility_for

    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        visibility = visibility_for(session, clock, person)
        names = names_from(session)
    return BitacoraScope(names, visibility, _actions(bitacora))


def audit_scope(bitacora: Bitacora, database: Database | None) -> BitacoraScope:
    """Everything, named from `database` when the folder has one: the command line's export,
    read by auditors with the readers key and no person chosen (bitacora/access.py)."""
    names = Names()
    if database is not None:
        with unit_of_work(database) as session:
            names = names_from(session)
    return BitacoraScope(names, EVERYTHING, _actions(bitacora))


def whole_scope(bitacora: Bitacora, names: Names) -> BitacoraScope:
    """Everything, with names already at hand (a viewer opened on a bare bitácora file)."""
    return BitacoraScope(names, EVERYTHING, _actions(bitacora))


def account_id_for(database: Database | None, key: str) -> uuid.UUID:
    """The account an export is filtered by: an id as is (the account may no longer exist),
    or the @handle of an account in the database."""
    from redes_desktop.errors import UsageError
    from redes_desktop.services.accounts_lookup import find_account

    try:
        return uuid.UUID(key)
    except ValueError:
        pass
    if database is None:
        raise UsageError("No hay base de datos en la carpeta: no se puede usar --account.")
    with unit_of_work(database) as session:
        found = find_account(session, key)
        if found is None:
            raise UsageError(f"No existe la cuenta «{key}». Use su id o su @usuario.")
        return found.id


@dataclass(frozen=True)
class FirstPage:
    """How many entries a viewer shows for its filters, and the newest of them."""

    count: int
    entries: tuple[EntryView, ...]


class BitacoraPages:
    """The pages one viewer shows, newest first, decrypted only when read: plain data for the
    view's table model, read off the UI thread.

    Every read applies the reader's scope itself, so a view cannot widen it by the filters it
    passes. One connection for the viewer (opened on first use, reopened after `close`); reads
    on it are serialized, so any worker thread may run them. Positions stay stable between
    counts: `first` counts and fixes the newest entry shown until the next `first`.
    """

    def __init__(self, bitacora: Bitacora) -> None:
        self._bitacora = bitacora
        self._lock = threading.Lock()
        self._reader: BitacoraReader | None = None

    def _open(self) -> BitacoraReader:
        if self._reader is None:
            self._reader = self._bitacora.reader()
        return self._reader

    def first(self, scope: BitacoraScope, filters: Filters, limit: int) -> FirstPage:
        """The count of the entries `scope` may read that match `filters`, and the first
        `limit` of them (one read for a viewer's first paint)."""
        filters = scope.filters(filters)
        with self._lock:
            reader = self._open()
            count = reader.count(filters)
            rows = reader.page(filters, 0, limit) if count else []
            return FirstPage(count, tuple(reader.decode(row) for row in rows))

    def page(self, scope: BitacoraScope, filters: Filters, start: int,
             limit: int) -> tuple[EntryView, ...]:
        """Entries `start`..`start+limit` (newest first) that `scope` may read."""
        filters = scope.filters(filters)
        with self._lock:
            reader = self._open()
            return tuple(reader.decode(row) for row in reader.page(filters, start, limit))

    def entries(self, ids: Sequence[int]) -> tuple[EntryView, ...]:
        """The entries with these ids, in that order (a search's matches, already scoped)."""
        if not ids:
            return ()
        with self._lock:
            reader = self._open()
            return tuple(reader.decode(row) for row in reader.by_ids(ids))

    def close(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None


def search_bitacora(bitacora: Bitacora, scope: BitacoraScope, filters: Filters, text: str,
                    emit: Callable[[list[int]], None],
                    should_stop: Callable[[], bool] = lambda: False) -> int:
    """Stream the ids (newest first) of the entries this reader may read whose details contain
    `text`; returns how many matched."""
    reader = bitacora.reader()
    try:
        return reader.search(scope.filters(filters), text, emit, should_stop)
    finally:
        reader.close()


def export_bitacora(bitacora: Bitacora, scope: BitacoraScope, filters: Filters, out: TextIO,
                    fmt: str, header: dict, search: str = "") -> ExportOutcome:
    """Verify the whole chain, then write the entries this reader may read that match
    `filters` (and the viewer's `search` text, if any), in chain order, each marked in the
    `verificacion` column."""
    from redes_desktop.bitacora.export import chain_order, export_verified
    from redes_desktop.bitacora.query import fold, matches

    needle = fold(search.strip())
    reader = bitacora.reader()
    try:
        views = chain_order(view for view in reader.iterate(scope.filters(filters),
                                                            newest_first=False)
                            if not needle or matches(view, needle))
    finally:
        reader.close()
    count, problem = export_verified(bitacora, views, out, fmt, scope.names, header)
    return ExportOutcome(count, problem)


def export_bitacora_to(path: str, bitacora: Bitacora, scope: BitacoraScope, filters: Filters,
                       fmt: str, header: dict, search: str = "") -> ExportOutcome:
    """`export_bitacora` into the file at `path`; a Spanish message when it cannot be written.
    A CSV file starts with the UTF-8 byte order mark, so spreadsheet programs open it with its
    accents («Área», «Contraseña»); its separator is always the comma."""
    from redes_desktop.bitacora.export import file_encoding
    from redes_desktop.errors import UserFacingError

    try:
        with open(path, "w", encoding=file_encoding(fmt), newline="") as out:
            return export_bitacora(bitacora, scope, filters, out, fmt, header, search)
    except OSError as error:
        raise UserFacingError(
            f"No se pudo escribir «{path}» ({error.strerror or error}). Elija otra carpeta o "
            "revise los permisos y vuelva a exportar.") from error


def verify_bitacora(bitacora: Bitacora) -> Integrity:
    report = bitacora.verify()
    problems = tuple(p.message for p in report.problems)
    blocked = bitacora.blocked
    return Integrity(ok=not problems and not blocked, checked=report.checked,
                     problems=problems, blocked=blocked)
