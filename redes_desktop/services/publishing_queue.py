"""The persistent publishing queue (issue 17): scheduled posts go out at their time through the
network's connector, never twice, and never without the criteria.

The guarantees, in the order a job meets them:
- **the criteria where the request leaves**: right before sending, the stored post is checked
  again with `PostService.require_publishable` (no `bloquea` finding; approved by the CNCS for
  this exact version when it was consulted, 6.viii; no open incident, 6.xxx; the person who
  scheduled it may still compose for the account);
- **never twice**: the job is marked *enviando* and committed before the request leaves; a job
  found *enviando* (a crash, or a timeout after the network accepted) is never sent again
  without first asking the network for the account's posts since the attempt began;
- **a hold during an incident**: the jobs of an account with an open incident are *retenida*
  and wait; they go back to the queue when the incident is closed;
- retries with backoff for rate limits and transient errors; permanent refusals are *fallida*
  with the network's reason in Spanish, and a notification.
Everything it does reaches the bitácora."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Person, Post, PostStatus
from redes_desktop.models.publishing import JobState, NetworkConnection, PublishJob
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.errors import NetworkError, RateLimited, TransientNetworkError
from redes_desktop.networks.types import OutgoingMedia, PublishedItem, PublishRequest
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.notifications import Notification
from redes_desktop.services.post_files import MediaNotHere, require_files
from redes_desktop.services.posts import PostChecker, PostService

# The connector of a connected account (None: not connected here).
ConnectorFor = Callable[[NetworkConnection], NetworkConnector]
# The criteria checker for a stored post, built for the moment of sending.
CheckerFor = Callable[[Session, datetime], PostChecker]

BATCH = 20  # jobs handled per tick: the rest wait for the next one
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# An item found on the network this long before the attempt began is another post.
LOOKBACK_SLACK = timedelta(minutes=2)


_WAITING = (JobState.PENDIENTE, JobState.ENVIANDO, JobState.RETENIDA)
_DUE = (select(PublishJob.id)
        .where(PublishJob.state.in_(_WAITING),
               PublishJob.next_attempt_at <= bindparam("now", type_=PublishJob.__table__.c
                                                       .next_attempt_at.type))
        .order_by(PublishJob.next_attempt_at)
        .limit(bindparam("limit")))


@dataclass
class TickReport:
    published: list[uuid.UUID] = field(default_factory=list)
    retried: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)
    held: list[uuid.UUID] = field(default_factory=list)
    notifications: list[Notification] = field(default_factory=list)


@dataclass(frozen=True)
class _Prepared:
    job_id: uuid.UUID
    post_id: uuid.UUID
    connection: NetworkConnection
    request: PublishRequest
    reconcile_since: datetime | None  # set: look on the network before sending


def _backoff(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def request_for(post: Post, connection: NetworkConnection,
                media_dir: Path | None = None) -> PublishRequest:
    """The request for `post`, with this workstation's files of its images and video
    (`media_dir`: the data folder's `media/`, where the sync brings those attached elsewhere);
    raises `MediaNotHere` for one that has not arrived yet."""
    files = require_files(post.media, media_dir)
    return PublishRequest(
        remote_account_id=connection.remote_account_id,
        text=post.text,
        media=tuple(OutgoingMedia(path, m.mime_type, m.alt_text)
                    for path, m in zip(files, post.media, strict=True)),
    )


class PublishingQueue:
    def __init__(self, database: Database, *, clock: Clock, recorder: ActivityRecorder,
                 checker_for: CheckerFor, connector_for: ConnectorFor,
                 media_dir: Path | None = None) -> None:
        """`media_dir`: the data folder's `media/` (a post's files attached elsewhere)."""
        self.database = database
        self.media_dir = media_dir
        self.clock = clock
        self.recorder = recorder
        self.checker_for = checker_for
        self.connector_for = connector_for

    # --- one pass -------------------------------------------------------------------------
    def tick(self, limit: int = BATCH) -> TickReport:
        """Send what is due. Cheap when nothing is: one indexed query on a pooled connection,
        no ORM session (the window runs this every minute)."""
        report = TickReport()
        with self.database.engine.connect() as connection:
            due = list(connection.scalars(_DUE, {"now": self.clock(), "limit": limit}))
        for job_id in due:
            self._handle(job_id, report)
        return report

    def _handle(self, job_id: uuid.UUID, report: TickReport) -> None:
        prepared = self._prepare(job_id, report)
        if prepared is None:
            return
        label = prepared.connection.network.label
        try:
            connector = self.connector_for(prepared.connection)
        except UserFacingError as error:  # no app id, an unsafe address in the settings…
            self._retry_later(prepared, _as_network_error(error, label), report,
                              keep_sending=True)
            return
        if prepared.reconcile_since is not None:
            try:
                found = connector.find_published(prepared.request, prepared.reconcile_since)
            except Exception as error:  # noqa: BLE001 - one job must not stop the queue
                self._retry_later(prepared, _as_network_error(error, label), report,
                                  keep_sending=True)
                return
            if found is not None:
                self._record_sent(prepared, found, report, found_after_doubt=True)
                return
            # Not there: it is sent again, so the criteria are asked again first.
            if not self._recheck_and_mark_sending(prepared, report):
                return
        try:
            item = connector.publish(prepared.request)
        except Exception as caught:  # noqa: BLE001 - one job must not stop the queue
            failure = _as_network_error(caught, label)
            if failure.ambiguous:
                self._retry_later(prepared, failure, report, keep_sending=True)
            elif failure.retryable:
                self._retry_later(prepared, failure, report, keep_sending=False)
            else:
                self._fail(prepared.job_id, failure.message, report)
            return
        self._record_sent(prepared, item, report, found_after_doubt=False)

    def _prepare(self, job_id: uuid.UUID, report: TickReport) -> _Prepared | None:
        now = self.clock()
        with unit_of_work(self.database) as session:
            job = session.get(PublishJob, job_id)
            if job is None:
                return None
            post = session.get(Post, job.post_id)
            if post is None or post.deleted_at is not None \
                    or post.status in (PostStatus.DESCARTADA,):
                job.state = JobState.CANCELADA
                job.last_error = "La publicación fue descartada o eliminada."
                return None
            if post.status == PostStatus.PUBLICADA and job.state != JobState.ENVIANDO:
                job.state = JobState.PUBLICADA  # published by hand meanwhile
                job.url = post.published_url or ""
                return None
            if post.account.compromised:
                if job.state != JobState.RETENIDA:
                    job.state = JobState.RETENIDA
                    job.last_error = (f"La cuenta {post.account.handle} tiene un incidente "
                                      "abierto (criterio 6.xxx): la cola espera a que se cierre.")
                    report.held.append(post.id)
                    self._record(session, job, post, "publicacion_retenida")
                job.next_attempt_at = now + FIRST_RETRY
                return None
            connection = session.scalar(select(NetworkConnection).where(
                NetworkConnection.account_id == post.account_id))
            if connection is None:
                self._fail_in(session, job, post, (
                    f"La cuenta {post.account.handle} no está conectada con la red en esta "
                    "estación. Conéctela en Cuentas › Conexión con la red, o publique a mano y "
                    "pegue el enlace."), report)
                return None
            session.expunge(connection)
            try:
                request = request_for(post, connection, self.media_dir)
            except MediaNotHere as missing:
                # The sync is still bringing it: the job waits, said once.
                if job.last_error != missing.message:
                    report.notifications.append(Notification(
                        "Una publicación programada espera su video o imagen",
                        missing.message, target=("redactor", str(post.id))))
                job.last_error = missing.message
                job.next_attempt_at = now + FIRST_RETRY
                report.retried.append(post.id)
                return None
            if job.state == JobState.ENVIANDO:
                # Sent before and never confirmed: look first (never send twice).
                since = (job.attempt_started_at or job.updated_at) - LOOKBACK_SLACK
                return _Prepared(job.id, post.id, connection, request, since)
            actor = session.get(Person, job.scheduled_by_id)
            try:
                if actor is None:
                    raise UserFacingError("La persona que programó la publicación ya no existe.")
                PostService(session, self.clock, recorder=self.recorder).require_publishable(
                    actor, post, self.checker_for(session, now), verb="enviar a la red")
            except UserFacingError as refusal:
                self._fail_in(session, job, post, refusal.message, report)
                return None
            job.state = JobState.ENVIANDO
            job.attempts += 1
            job.attempt_started_at = now
            job.last_error = ""
            self._record(session, job, post, "publicacion_enviandose")
            return _Prepared(job.id, post.id, connection, request, None)

    def _recheck_and_mark_sending(self, prepared: _Prepared, report: TickReport) -> bool:
        now = self.clock()
        with unit_of_work(self.database) as session:
            job = session.get(PublishJob, prepared.job_id)
            post = session.get(Post, prepared.post_id)
            assert job is not None and post is not None
            actor = session.get(Person, job.scheduled_by_id)
            try:
                if actor is None:
                    raise UserFacingError("La persona que programó la publicación ya no existe.")
                PostService(session, self.clock, recorder=self.recorder).require_publishable(
                    actor, post, self.checker_for(session, now), verb="enviar a la red")
            except UserFacingError as refusal:
                self._fail_in(session, job, post, refusal.message, report)
                return False
            job.attempts += 1
            job.attempt_started_at = now
            return True

    def _record_sent(self, prepared: _Prepared, item: PublishedItem, report: TickReport, *,
                     found_after_doubt: bool) -> None:
        with unit_of_work(self.database) as session:
            job = session.get(PublishJob, prepared.job_id)
            post = session.get(Post, prepared.post_id)
            assert job is not None and post is not None
            job.state = JobState.PUBLICADA
            job.remote_id = item.remote_id
            job.url = item.url
            job.last_error = ""
            post.status = PostStatus.PUBLICADA
            post.published_url = item.url
            post.published_at = item.published_at or self.clock()
            self._record(session, job, post, "publicada", url=item.url,
                         id_en_la_red=item.remote_id, cola=True,
                         **({"confirmada_tras_duda": True} if found_after_doubt else {}))
        report.published.append(prepared.post_id)
        report.notifications.append(Notification(
            "Publicación enviada", f"Se publicó en {prepared.connection.network.label}: "
            f"{item.url}", target=("redactor", str(prepared.post_id))))

    def _retry_later(self, prepared: _Prepared, error: NetworkError, report: TickReport, *,
                     keep_sending: bool) -> None:
        with unit_of_work(self.database) as session:
            job = session.get(PublishJob, prepared.job_id)
            assert job is not None
            # Ambiguous: stays «enviando», so the next pass looks before sending again.
            job.state = JobState.ENVIANDO if keep_sending else JobState.PENDIENTE
            job.last_error = error.message
            wait = _backoff(job.attempts)
            if isinstance(error, RateLimited):
                job.next_attempt_at = max(error.retry_at, self.clock())
            else:
                job.next_attempt_at = self.clock() + wait
        report.retried.append(prepared.post_id)

    def _fail(self, job_id: uuid.UUID, message: str, report: TickReport) -> None:
        with unit_of_work(self.database) as session:
            job = session.get(PublishJob, job_id)
            assert job is not None
            post = session.get(Post, job.post_id)
            assert post is not None
            self._fail_in(session, job, post, message, report)

    def _fail_in(self, session: Session, job: PublishJob, post: Post, message: str,
                 report: TickReport) -> None:
        job.state = JobState.FALLIDA
        job.last_error = message
        report.failed.append(post.id)
        self._record(session, job, post, "publicacion_fallida", motivo=message[:300])
        report.notifications.append(Notification(
            "No se publicó una publicación programada", message, kind="urgente",
            target=("redactor", str(post.id))))

    def _record(self, session: Session, job: PublishJob, post: Post, action: str,
                **details: object) -> None:
        self.recorder.record(ActivityEntry(
            at=self.clock(), actor_id=job.scheduled_by_id, account_id=post.account_id,
            action=action, details={"publicacion": str(post.id), **details}))


def _as_network_error(error: BaseException, label: str) -> NetworkError:
    """A connector's failure as the queue handles it. Anything but a `NetworkError` (an
    answer the connector could not read, a setting missing) may have come after the network
    accepted the post: it is ambiguous, so the job is looked for before it is sent again, and
    the next jobs go on meanwhile."""
    if isinstance(error, NetworkError):
        return error
    if isinstance(error, UserFacingError):
        refusal = NetworkError(error.message, network=label)
        refusal.retryable = True
        refusal.ambiguous = True
        return refusal
    return TransientNetworkError(label, f"respuesta inesperada: {type(error).__name__}",
                                 ambiguous=True)


def cancel_account_jobs(session: Session, account_id: uuid.UUID, reason: str) -> int:
    """Cancel what waits in the queue for an account (closed, 7.viii); what is being sent
    stays, so its outcome is still recorded."""
    jobs = session.scalars(select(PublishJob).where(
        PublishJob.account_id == account_id,
        PublishJob.state.in_((JobState.PENDIENTE, JobState.RETENIDA, JobState.FALLIDA))))
    count = 0
    for job in jobs:
        job.state = JobState.CANCELADA
        job.last_error = reason
        count += 1
    return count
