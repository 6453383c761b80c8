"""Consultas CNCS (issue 4) with 10,000 consultations in the database: the time to open the
queue (rows loaded, model filled, view shown and painted) and the cost of one countdown tick
(dataChanged for the countdown column and the repaint of its visible cells).

Baselines from the same run: the bare SQL query of the queue (what opening costs beyond it is
the model and view), and a tick that would repaint every column (what the column-only tick
saves)."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import (
    Result,
    latency_result,
    limit_result,
    measure_interleaved,
    median,
    use_memory_keyring,
)
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder

COUNT = 10_000
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def _memory_keyring() -> None:
    use_memory_keyring()


def _fill(root: Path):
    """A workspace with 20 offices, a reviewer and COUNT consultations (bulk inserted)."""
    from sqlalchemy import insert

    from redes_desktop.clock import FixedClock
    from redes_desktop.context import AppContext
    from redes_desktop.models import Consultation, ConsultationState, Post, PostStatus
    from redes_desktop.services.directory import Directory
    from redes_desktop.workspace import open_workspace
    from tests.factories import make_office, make_reviewer

    clock = FixedClock(NOW - timedelta(days=60))
    workspace = open_workspace(root, clock=clock)
    database = workspace.open_database()
    rng = random.Random(4)
    states = [ConsultationState.APROBADA, ConsultationState.RECHAZADA,
              ConsultationState.REQUIERE_CAMBIOS, ConsultationState.NO_PROCEDENTE]
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        offices = [make_office(directory, name=f"Junta Local Ejecutiva {n}", state=f"Estado {n}",
                               handle=f"@JLE_{n}_INE", slug=f"e{n}") for n in range(20)]
        reviewer = make_reviewer(directory)
        session.commit()
        posts, consultations = [], []
        for n in range(COUNT):
            office = offices[n % len(offices)]
            post_id = uuid.uuid4()
            pending = n % 4 == 0
            # pending ones have at least 2 h left: no deadline falls during the tick runs
            sent = NOW - timedelta(hours=rng.uniform(0.1, 46.0) if pending
                                   else rng.uniform(48, 24 * 60))
            state = ConsultationState.PENDIENTE if pending else states[n % len(states)]
            posts.append({"id": post_id, "account_id": office.account.id,
                          "network": office.account.network, "author_id": office.titular.id,
                          "text": f"Publicación {n}: ¿procede?",
                          "status": PostStatus.EN_CONSULTA if pending else PostStatus.BORRADOR})
            consultations.append({
                "post_id": post_id, "account_id": office.account.id,
                "author_id": office.titular.id, "question": f"¿Procede la publicación {n}?",
                "snapshot": {"text": f"Publicación {n}: ¿procede?", "networks": ["x"],
                             "media": [], "findings": []},
                "sent_at": sent, "deadline": sent + timedelta(hours=48), "state": state,
                "reviewer_id": None if pending else reviewer.id,
                "decided_at": None if pending else sent + timedelta(hours=5),
            })
        session.execute(insert(Post), posts)
        session.execute(insert(Consultation), consultations)
        session.commit()
        reviewer_id = reviewer.id
    clock.set(NOW)
    context = AppContext(workspace=workspace, database=database, clock=clock,
                         secrets=SecretStore(), recorder=MemoryRecorder())
    context.choose_identity(reviewer_id)
    return workspace, context


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _memory_keyring()
    from PySide6.QtWidgets import QApplication

    from redes_desktop.services.consultation_queue import queue_rows
    from redes_desktop.ui.consultas.queue_view import ConsultasSection
    from redes_desktop.ui.consultas.table_model import ConsultationsTableModel
    from redes_desktop.ui.tasks import SynchronousPool

    app = QApplication.instance() or QApplication([])
    root = Path(tempfile.mkdtemp(prefix="bench-consultas-"))
    workspace, context = _fill(root / "datos")
    try:
        with context.session() as session:
            loaded = len(queue_rows(session))
        assert loaded == COUNT, loaded

        def query() -> None:
            with context.session() as session:
                queue_rows(session)

        def open_queue() -> None:
            section = ConsultasSection(context, pool=SynchronousPool())
            section.resize(1100, 700)
            section.show()
            app.processEvents()  # first paint
            section.timer.stop()
            section.close()
            section.deleteLater()
            app.processEvents()

        repeat = 3 if quick else 10
        base, samples = measure_interleaved(query, open_queue, repeat=repeat, warmup=1)
        opening = replace(
            latency_result("consultas: open queue",
                           f"{COUNT:,} consultations: load, model, view shown and painted",
                           samples, median_max_ms=300.0),
            baseline_name="SQL query of the queue", baseline_median=median(base) * 1000)

        # The same opening in CPU time of this process: on a shared, loaded machine the wall
        # time above includes waiting for a core; this row shows the work itself.
        cpu = []
        for _ in range(repeat):
            start = time.process_time()
            open_queue()
            cpu.append((time.process_time() - start) * 1000)
        opening_cpu = limit_result("consultas: open queue (CPU)",
                                   "the same, CPU time of the process (informational)",
                                   cpu, "ms")

        section = ConsultasSection(context, pool=SynchronousPool())
        section.resize(1100, 700)
        section.show()
        section.timer.stop()
        app.processEvents()
        model = section.model
        last = model.rowCount() - 1
        columns = model.columnCount() - 1

        def tick() -> None:
            context.clock.advance(timedelta(seconds=1))
            section.tick()
            app.processEvents()

        def tick_all_columns() -> None:
            context.clock.advance(timedelta(seconds=1))
            model.dataChanged.emit(model.index(0, 0), model.index(last, columns))
            app.processEvents()

        ticks = 50 if quick else 300
        base_tick, tick_samples = measure_interleaved(tick_all_columns, tick, repeat=ticks,
                                                      warmup=5)
        ticking = replace(
            latency_result("consultas: countdown tick",
                           f"tick over {COUNT:,} rows (countdown column) + repaint",
                           tick_samples, median_max_ms=2.0),
            baseline_name="dataChanged for all rows, all columns",
            baseline_median=median(base_tick) * 1000)
        section.close()
        assert isinstance(model, ConsultationsTableModel)
        return [opening, opening_cpu, ticking]
    finally:
        workspace.close()
        shutil.rmtree(root, ignore_errors=True)
