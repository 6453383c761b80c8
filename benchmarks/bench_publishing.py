"""The publishing queue's tick (issue 17, target ≤ 2 ms) on a queue of 10,000 jobs — 9,000
already published and 1,000 scheduled for the coming weeks — when nothing is due: what the
window's periodic job costs every minute. Baseline from the same run: the bare indexed query."""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Result, latency_result, limit_result, measure_interleaved
from redes_desktop.services.activity import NullRecorder

JOBS = 10_000
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _fill(root: Path):
    import uuid

    from sqlalchemy import insert

    from redes_desktop.clock import FixedClock
    from redes_desktop.database import open_local_database
    from redes_desktop.models import Post, PostStatus
    from redes_desktop.models.publishing import JobState, PublishJob
    from redes_desktop.services.directory import Directory
    from tests.factories import make_office

    clock = FixedClock(NOW)
    database = open_local_database(root / "redes.sqlite3")
    session = database.session()
    directory = Directory(session, clock, NullRecorder())
    offices = [make_office(directory, name=f"Junta Local {n}", state=f"Estado {n}",
                           handle=f"@JLE_{n}INE", slug=f"e{n}") for n in range(16)]
    session.flush()
    rng = random.Random(17)
    posts, jobs = [], []
    for i in range(JOBS):
        office = rng.choice(offices)
        done = i < JOBS * 9 // 10
        due = NOW - timedelta(hours=rng.randint(1, 2000)) if done \
            else NOW + timedelta(minutes=rng.randint(5, 40_000))
        post_id = uuid.uuid4()
        posts.append({"id": post_id, "account_id": office.account.id, "network": "x",
                      "text": f"Publicación {i}", "created_at": NOW, "updated_at": NOW,
                      "row_version": 1,
                      "status": PostStatus.PUBLICADA if done else PostStatus.BORRADOR})
        jobs.append({"id": uuid.uuid4(), "post_id": post_id, "account_id": office.account.id,
                     "scheduled_by_id": office.titular.id, "due_at": due,
                     "next_attempt_at": due, "created_at": NOW, "updated_at": NOW,
                     "row_version": 1, "attempts": 1 if done else 0, "last_error": "",
                     "remote_id": "", "url": "",
                     "state": JobState.PUBLICADA if done else JobState.PENDIENTE})
    session.execute(insert(Post), posts)
    session.execute(insert(PublishJob), jobs)
    session.commit()
    session.close()
    return database, clock


def run(quick: bool) -> list[Result]:
    from sqlalchemy import select

    from redes_desktop.models.publishing import JobState, PublishJob
    from redes_desktop.services.publishing_queue import PublishingQueue

    repeat = 50 if quick else 300
    root = Path(tempfile.mkdtemp(prefix="bench-cola-"))
    try:
        database, clock = _fill(root)

        def unused(*_args: object) -> object:
            raise AssertionError("nothing is due: no check, no connector")

        queue = PublishingQueue(database, clock=clock, recorder=NullRecorder(),
                                checker_for=unused,  # type: ignore[arg-type]
                                connector_for=unused)  # type: ignore[arg-type]

        def bare_query() -> None:
            with database.session() as session:
                session.scalars(select(PublishJob.id).where(
                    PublishJob.state.in_((JobState.PENDIENTE, JobState.ENVIANDO,
                                          JobState.RETENIDA)),
                    PublishJob.next_attempt_at <= clock()).limit(20)).all()

        def tick() -> None:
            report = queue.tick()
            assert not report.published and not report.failed

        base, full = measure_interleaved(bare_query, tick, repeat=repeat, warmup=5)

        def cpu_tick() -> float:  # the work itself: preemption on a busy machine adds nothing
            start = time.thread_time()
            tick()
            return time.thread_time() - start

        cpu = [cpu_tick() for _ in range(repeat)]
        database.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    tick_row = limit_result(
        "cola de publicación: tick", f"{JOBS} trabajos, nada vence (el trabajo periódico de "
        "la ventana)", [s * 1000 for s in full], "ms", max_p95=2.0,
        baseline_name="la misma consulta con una sesión ORM",
        baseline_samples=[s * 1000 for s in base])
    return [
        latency_result("cola de publicación: sesión ORM", f"{JOBS} trabajos, nada vence: "
                       "la consulta con una sesión (base)", base),
        tick_row,
        latency_result("cola de publicación: tick (CPU)", "el mismo tick, tiempo de CPU del "
                       "hilo (sin las pausas del sistema en una máquina ocupada)", cpu,
                       p95_max_ms=2.0),
    ]
