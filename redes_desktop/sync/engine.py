"""The sync engine: one `sync()` pushes what changed here, then pulls what changed elsewhere.

A shared database that cannot be reached raises `SharedUnavailable` (Spanish message) and the
time it was first missed is remembered for the status bar; local work is untouched. Every step
is safe to interrupt: push batches are exactly-once, a pull is one local transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    NoSuchTableError,
    ProgrammingError,
    SQLAlchemyError,
)

from redes_desktop.clock import Clock, system_clock, to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.sync import decision_guards, media, media_chunks
from redes_desktop.sync import pull as pull_module
from redes_desktop.sync import push as push_module
from redes_desktop.sync.bitacora import BitacoraSource, pull_bitacora, push_bitacora
from redes_desktop.sync.media_refs import MediaReport
from redes_desktop.sync.push_types import Actor, PushReport
from redes_desktop.sync.refusals import is_refusal, server_detail
from redes_desktop.sync.server_bookkeeping import (
    LOCK_TIMEOUT,
    LOCK_TIMEOUT_MS,
    SLOW_MESSAGE,
    VERSION,
    OriginTaken,
    busy_message,
    is_timeout,
    lock_holder,
    taken_message,
)
from redes_desktop.sync.shared_schema import sync_server_info
from redes_desktop.sync.state import get_state, set_state, workstation_id

OFFLINE_SINCE = "offline_since"
LAST_SUCCESS = "last_success"


class SharedUnavailable(UserFacingError):
    """The shared database cannot be reached right now."""

    exit_code = 7


class SharedSchemaError(UserFacingError):
    exit_code = 4


class SharedBusy(UserFacingError):
    """The shared database stayed locked (or slow) past the sync's timeouts."""

    exit_code = 7


class SyncFailed(UserFacingError):
    """The shared database answered with an error the sync did not expect."""


@dataclass
class SyncReport:
    push: PushReport = field(default_factory=PushReport)
    pull: pull_module.PullReport = field(default_factory=pull_module.PullReport)
    bitacora_sent: int = 0
    bitacora_received: int = 0
    media_sent: int = 0
    media_received: int = 0
    videos_sent: int = 0
    videos_received: int = 0
    video_bytes: int = 0  # moved either way, finished or not
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how far a long video got

    def lines(self) -> list[str]:
        p, q = self.push, self.pull
        out = [
            f"Enviados: {p.sent} registros, {p.deleted} eliminaciones"
            + (f" ({p.batches} lotes)" if p.batches > 1 else ""),
            f"Recibidos: {q.received} registros, {q.deleted} eliminaciones",
        ]
        if p.merged:
            out.append(f"Combinados por regla de dueño: {p.merged}")
        if p.conflicts:
            out.append(f"Conflictos nuevos: {p.conflicts} (revíselos en «Conflictos»)")
        if p.refused:
            out.append(f"Rechazados por la base compartida: {p.refused} (revíselos en "
                       "«Conflictos»; el resto se sincronizó)")
        if q.refused:
            out.append(f"Recibidos que esta estación no pudo aplicar: {q.refused} (revíselos en "
                       "«Conflictos»)")
        if q.kept_local:
            out.append(f"Cambios locales conservados hasta el próximo envío: {q.kept_local}")
        if self.bitacora_sent or self.bitacora_received:
            out.append(f"Bitácora: {self.bitacora_sent} enviadas, "
                       f"{self.bitacora_received} recibidas")
        if self.media_sent or self.media_received:
            out.append(f"Imágenes: {self.media_sent} enviadas, "
                       f"{self.media_received} recibidas")
        if self.videos_sent or self.videos_received or self.video_bytes:
            out.append(f"Videos: {self.videos_sent} enviados, {self.videos_received} recibidos "
                       f"({media_chunks.megabytes(self.video_bytes)} transferidos)")
        out.extend(self.notes)
        out.extend(q.unverified)
        out.extend(p.warnings)
        out.extend(self.warnings)
        for name, count in sorted({**p.by_table}.items()):
            out.append(f"  enviados en {name}: {count}")
        for name, count in sorted({**q.by_table}.items()):
            out.append(f"  recibidos en {name}: {count}")
        return out


class SyncEngine:
    def __init__(
        self,
        local: Engine,
        shared: Engine,
        *,
        person_id: uuid.UUID | None = None,
        is_reviewer: bool | None = None,
        clock: Clock = system_clock,
        bitacora: BitacoraSource | None = None,
        batch_size: int = 2000,
        lock_timeout_ms: int = LOCK_TIMEOUT_MS,
        media_dir: Path | None = None,
        video: media_chunks.VideoSettings | None = None,
    ) -> None:
        """`media_dir`: the data folder's `media/`; when given, the images' and videos' bytes
        travel with the rows (sync/media.py, sync/media_chunks.py; `video`: how videos move)."""
        self.local = local
        self.shared = shared
        self.person_id = person_id
        self._is_reviewer = is_reviewer
        self.clock = clock
        self.bitacora = bitacora
        self.batch_size = batch_size
        self.lock_timeout_ms = lock_timeout_ms
        self.media_dir = media_dir
        self._media = (media.MediaSync(local, media_dir, person_id=person_id,
                                       today=lambda: to_mexico(self.clock()).date(),
                                       video=video)
                       if media_dir is not None else None)
        self._schema_checked = False
        self._origin_checked = False
        with local.begin() as conn:
            self.origin = workstation_id(conn)

    # -- public --------------------------------------------------------------------------
    @property
    def progress(self) -> media_chunks.Progress | None:
        """Told how far a long video got while it travels («Video «x»: 12,0 de 64,0 MB
        enviados»), from the thread that runs the sync."""
        return self._media.progress if self._media is not None else None

    @progress.setter
    def progress(self, callback: media_chunks.Progress | None) -> None:
        if self._media is not None:
            self._media.progress = callback

    def sync(self) -> SyncReport:
        report = SyncReport()
        try:
            self._check_schema()
            self.push(report)
            self.pull(report)
        except DBAPIError as error:
            if is_timeout(error):
                raise self._busy(error) from error
            if _is_local(error):
                raise SyncFailed(
                    "La sincronización falló en la base de datos local de esta estación "
                    f"({server_detail(error)}). No se envió ni recibió nada a medias; vuelva a "
                    "intentarlo y, si se repite, avise a soporte técnico."
                ) from error
            if _is_connection_error(error):
                self._mark_offline()
                raise SharedUnavailable(
                    "No se pudo conectar con la base de datos compartida "
                    f"({self._hide(server_detail(error))}). Se sigue trabajando en local; los "
                    "cambios se enviarán en la próxima sincronización."
                ) from error
            raise _failed(self._hide(server_detail(error))) from error
        except SQLAlchemyError as error:
            raise _failed(self._hide(server_detail(error))) from error
        with self.local.begin() as conn:
            set_state(conn, OFFLINE_SINCE, None)
            set_state(conn, LAST_SUCCESS, self.clock().isoformat())
        return report

    def push(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        self._check_origin()
        actor = Actor(self.origin, self.person_id, self.is_reviewer, self.clock(),
                                  self.lock_timeout_ms)
        limit: int | None = self.batch_size
        isolate = False
        while True:
            seqs, pending = push_module.read_batch(self.local, limit)
            if not seqs:
                break
            if self._media is not None:
                self._media.queue([(p.table_name, p.local) for p in pending])
            attempt = PushReport()
            try:
                settled = push_module.push_batch(self.shared, actor, seqs, pending, attempt,
                                                 isolate=isolate,
                                                 sent_upto=self._record_sent(max(seqs)))
            except OriginTaken as taken:
                actor.origin = self._new_origin()
                report.push.warnings.append(taken_message(taken.holder, actor.origin))
                continue
            except (IntegrityError, ProgrammingError) as error:
                if isolate or not is_refusal(error):
                    raise
                if limit is not None:
                    # Perhaps a row points at one captured later: push everything at once.
                    limit = None
                else:
                    # The server refuses some rows: retry row by row, keep the refused aside.
                    isolate = True
                continue
            report.push.add(attempt)
            push_module.settle_locally(self.local, seqs, settled)
            isolate = False
        if self._media is not None:
            sent = MediaReport()
            try:
                self._media.upload(self.shared, sent)
            finally:
                _add_media(report, sent)
        if self.bitacora is not None:
            with self.shared.begin() as conn:
                report.bitacora_sent = push_bitacora(conn, self.bitacora, self._bitacora_origin,
                                                     report.warnings, self.lock_timeout_ms)
        return report

    def _record_sent(self, top: int) -> int | None:
        """Remember, before sending, the highest change seq ever sent under this origin;
        returns the value before this batch (None: not known, an older workstation)."""
        name = f"push_sent:{self.origin}"
        with self.local.begin() as conn:
            previous = get_state(conn, name)
            set_state(conn, name, str(max(int(previous or 0), top)))
        return int(previous) if previous else None

    def _new_origin(self) -> str:
        from redes_desktop.sync.state import WORKSTATION

        with self.local.begin() as conn:
            set_state(conn, WORKSTATION, None)
            self.origin = workstation_id(conn)
        return self.origin

    def _busy(self, error: DBAPIError) -> SharedBusy:
        if is_timeout(error) != LOCK_TIMEOUT:
            return SharedBusy(SLOW_MESSAGE)
        try:
            with self.shared.connect() as conn:
                holder = lock_holder(conn)
        except SQLAlchemyError:
            holder = None
        return SharedBusy(busy_message(holder, self.lock_timeout_ms))

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        report = report or SyncReport()
        report.pull = pull_module.pull(self.shared, self.local, self.origin,
                                      clock=self.clock)
        if self._media is not None:
            received = MediaReport()
            try:
                self._media.download(self.shared, report.pull.media_rows, received,
                                     changed=bool(report.pull.received))
            finally:
                _add_media(report, received)
        if self.bitacora is not None:
            with self.local.connect() as lconn:
                after = int(get_state(lconn, "bitacora_pulled_seq") or 0)
            with self.shared.connect() as conn:
                pulled = pull_bitacora(conn, self.bitacora, self._bitacora_origin, after)
            report.bitacora_received = pulled.received
            report.warnings.extend(pulled.problems)
            with self.local.begin() as lconn:
                set_state(lconn, "bitacora_pulled_seq", str(pulled.position))
        return report

    def _hide(self, message: str) -> str:
        """Never show the shared database's password, even if a driver message carries it."""
        password = getattr(self.shared.url, "password", None)
        return message.replace(password, "***") if password else message

    @property
    def _bitacora_origin(self) -> str:
        """The bitácora's own chain id when it has one, else this workstation's id."""
        return str(getattr(self.bitacora, "origin", None) or self.origin)

    @property
    def is_reviewer(self) -> bool:
        if self._is_reviewer is None:
            self._is_reviewer = False
            if self.person_id is not None:
                from redes_desktop.models import Person

                with self.local.connect() as conn:
                    roles = conn.execute(
                        select(Person.roles).where(Person.id == self.person_id)
                    ).scalar()
                self._is_reviewer = "revisor_cncs" in (roles or [])
        return self._is_reviewer

    # -- checks --------------------------------------------------------------------------
    def _check_schema(self) -> None:
        if self._schema_checked:
            return
        from redes_desktop.database import check_not_newer, current_revision, head_revision

        revision = current_revision(self.shared)
        check_not_newer(revision, "La base de datos compartida")
        try:
            with self.shared.connect() as conn:
                info = dict(conn.execute(
                    select(sync_server_info.c.name, sync_server_info.c.value).where(
                        sync_server_info.c.name.in_(
                            ("initialized_revision", "decision_guards", "bookkeeping",
                             media.INFO_KEY)))
                ).all())
        except (ProgrammingError, NoSuchTableError):
            info = {}
        initialized = info.get("initialized_revision")
        if (revision != head_revision() or initialized != revision
                or info.get("decision_guards") != decision_guards.VERSION
                or info.get("bookkeeping") != VERSION
                or info.get(media.INFO_KEY) != media.VERSION):
            raise SharedSchemaError(
                "La base de datos compartida no está preparada para esta versión del programa "
                f"(esquema «{revision or 'vacío'}»). Pida a quien la administra ejecutar "
                "«redes-desktop shared-db init» y vuelva a sincronizar; se sigue trabajando "
                "en local."
            )
        self._schema_checked = True

    def _check_origin(self) -> None:
        """A local database restored from a backup would reuse change seqs the shared database
        already applied: it then takes a new workstation id, so nothing is skipped."""
        from sqlalchemy import func

        from redes_desktop.sync.shared_schema import sync_applied

        if self._origin_checked:
            return
        self._origin_checked = True
        with self.shared.connect() as conn:
            applied = conn.execute(
                select(func.max(sync_applied.c.last_seq)).where(
                    sync_applied.c.origin == self.origin)
            ).scalar()
        if not applied:
            return
        with self.local.begin() as conn:
            used = conn.exec_driver_sql(
                "SELECT seq FROM sqlite_sequence WHERE name = 'sync_changes'"
            ).scalar() or 0
            if used < applied:
                from redes_desktop.sync.state import WORKSTATION

                set_state(conn, WORKSTATION, None)
                self.origin = workstation_id(conn)

    def _mark_offline(self) -> None:
        with self.local.begin() as conn:
            if get_state(conn, OFFLINE_SINCE) is None:
                set_state(conn, OFFLINE_SINCE, self.clock().isoformat())


def _add_media(report: SyncReport, moved: MediaReport) -> None:
    report.media_sent += moved.sent
    report.media_received += moved.received
    report.videos_sent += moved.videos_sent
    report.videos_received += moved.videos_received
    report.video_bytes += moved.video_bytes_sent + moved.video_bytes_received
    report.warnings.extend(moved.warnings)
    report.notes.extend(moved.notes)


def _is_local(error: DBAPIError) -> bool:
    """An error of this workstation's SQLite file, not of the shared database. (A lock held by
    another program never gets here: the local engine raises LocalDatabaseBusy itself.)"""
    import sqlite3

    return isinstance(getattr(error, "orig", None), sqlite3.Error)


def _is_connection_error(error: DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


def _failed(detail: str) -> SyncFailed:
    detail = detail.rstrip(".")
    return SyncFailed(f"La sincronización falló: {detail}. Se reintentará; ningún cambio local "
                      "se perdió.")



def offline_since(local: Engine) -> datetime | None:
    with local.connect() as conn:
        value = get_state(conn, OFFLINE_SINCE)
    return datetime.fromisoformat(value) if value else None


def ping(shared: Engine) -> None:
    with shared.connect() as conn:
        conn.execute(text("SELECT 1"))
