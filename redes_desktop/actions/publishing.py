"""Run the publishing queue: from the window's periodic job and from `redes-desktop publicar
pendientes` (a scheduled task for when the program is closed). Builds what the queue needs —
the connector of each connected account, with its tokens from this workstation's secret store,
and the criteria checker, built only when something is due (the dictionaries are slow)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from redes_desktop.actions.network_connection import NetworkSettings, connectors
from redes_desktop.actions.stored_post_check import stored_post_checker
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.posts import PostChecker
from redes_desktop.services.publishing_queue import PublishingQueue, TickReport

if TYPE_CHECKING:
    from redes_desktop.context import AppContext


class LazyEngine:
    """The check engine, built the first time a due post needs it, then kept."""

    def __init__(self, build: Callable[[], CheckEngine]) -> None:
        self._build = build
        self._engine: CheckEngine | None = None

    def __call__(self) -> CheckEngine:
        if self._engine is None:
            self._engine = self._build()
        return self._engine


def engine_builder(data_dir: Path, official_domains: tuple[str, ...],
                   languagetool_url: str) -> Callable[[], CheckEngine]:
    def build() -> CheckEngine:
        from redes_desktop.checks.engine import build_engine

        return build_engine(user_dictionary=data_dir / "diccionario-institucional.txt",
                            official_domains=official_domains,
                            languagetool_url=languagetool_url)

    return build


def job_engine(context: AppContext) -> LazyEngine:
    """The check engine the background jobs share (publishing queue, inbox replies): built
    once per running program, and only when something needs a check."""
    engine = context.job_state.get("check_engine")
    if not isinstance(engine, LazyEngine):
        settings = context.workspace.settings
        engine = LazyEngine(engine_builder(context.workspace.paths.root,
                                           tuple(settings.official_domains),
                                           settings.languagetool_url))
        context.job_state["check_engine"] = engine
    return engine


def publishing_queue(
    database: Database, *, clock: Clock, recorder: ActivityRecorder, secrets: SecretStore,
    networks: NetworkSettings, engine: Callable[[], CheckEngine],
    area_contacts: Mapping[str, Any] | None, media_dir: Path | None = None,
) -> PublishingQueue:
    """`media_dir`: the data folder's `media/`, where the files of posts attached on another
    workstation arrive (checked and sent from there)."""
    def checker_for(session: Session, now: datetime) -> PostChecker:
        return stored_post_checker(engine(), session, now, area_contacts, media_dir)

    return PublishingQueue(database, clock=clock, recorder=recorder, checker_for=checker_for,
                           connector_for=connectors(clock=clock, secrets=secrets,
                                                    networks=networks), media_dir=media_dir)


# One queue run at a time in this process: the window's periodic job and «Publicar ahora en la
# red» run on worker threads and would otherwise race for the same job (the loser would meet
# the row-version check and fail with an unexpected error instead of waiting).
_RUN_LOCK = threading.Lock()


def run_due(queue: PublishingQueue, *, rounds: int = 50) -> TickReport:
    """Tick until nothing more is due now (bounded), merging the reports."""
    with _RUN_LOCK:
        return _run_due(queue, rounds)


def _run_due(queue: PublishingQueue, rounds: int) -> TickReport:
    total = TickReport()
    for _ in range(rounds):
        report = queue.tick()
        for name in ("published", "retried", "failed", "held", "notifications"):
            getattr(total, name).extend(getattr(report, name))
        if not (report.published or report.failed):
            break
    return total
