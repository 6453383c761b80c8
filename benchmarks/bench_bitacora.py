"""Bitácora: durable single append, batch throughput, full verification and opening the viewer
on a large file. Everything runs in a temporary folder with an in-memory keyring."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Result, latency_result, limit_result, measure, use_memory_keyring

BATCH = 10_000


def _memory_keyring() -> None:
    use_memory_keyring()


def _open(root: Path):
    from redes_desktop.bitacora import open_bitacora
    from redes_desktop.clock import system_clock
    from redes_desktop.database import open_local_database
    from redes_desktop.paths import DataPaths
    from redes_desktop.secrets_store import SecretStore

    root.mkdir(parents=True, exist_ok=True)
    database = open_local_database(root / "redes.sqlite3")
    return open_bitacora(DataPaths(root), SecretStore(), database, system_clock), database


def _entries(count: int, start: int = 0):
    from redes_desktop.services.activity import ActivityEntry

    people = [uuid.uuid4() for _ in range(20)]
    accounts = [uuid.uuid4() for _ in range(40)]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    actions = ["borrador_creado", "borrador_editado", "revisado", "publicada", "respuesta"]
    return [
        ActivityEntry(base + timedelta(seconds=n), people[n % 20], accounts[n % 40],
                      actions[n % 5], {"publicacion": str(uuid.UUID(int=n)),
                                       "texto": f"Publicación {n} sobre la jornada electoral",
                                       "caracteres": 120 + n % 160})
        for n in range(start, start + count)
    ]


def _fill(bitacora, total: int) -> float:
    """Batch-append `total` entries; returns entries per second."""
    started = time.perf_counter()
    for start in range(0, total, BATCH):
        bitacora.append_many(_entries(min(BATCH, total - start), start))
    return total / (time.perf_counter() - started)


def _single_append(root: Path, repeat: int) -> Result:
    bitacora, database = _open(root / "single")
    one = _entries(repeat + 5)
    it = iter(one)
    samples = measure(lambda: bitacora.append(next(it)), repeat=repeat, warmup=5)
    bitacora.close()
    database.dispose()
    return latency_result("bitácora: append durable", "one entry, WAL + synchronous=FULL, "
                          "anchored", samples, p95_max_ms=5.0)


def _throughput(bitacora, total: int) -> Result:
    rates = [_fill(bitacora, BATCH) for _ in range(max(1, total // BATCH))]
    rates.sort()
    med = rates[len(rates) // 2]
    return Result("bitácora: append por lotes", f"{BATCH:,} entries per transaction", med,
                  "entradas/s", p95=rates[0], target="≥ 20,000 entradas/s",
                  passed=med >= 20_000, samples=len(rates))


def _verify(bitacora, repeat: int) -> Result:
    samples = measure(lambda: bitacora.verify(), repeat=repeat, warmup=1)
    count = bitacora.head_seq
    return limit_result("bitácora: verificar 100,000", f"full chain check of {count:,} entries",
                        samples, "s", max_median=1.0)


def _viewer(bitacora, repeat: int, total: int) -> Result:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from redes_desktop.bitacora.names import Names
    from redes_desktop.ui.bitacora.viewer import BitacoraSection

    app = QApplication.instance() or QApplication([])

    def until_shown(section) -> None:
        """Process events until the rows in view show their entries (the count and pages
        arrive from worker threads): first paint and the jump each end with real rows."""
        model, table = section.model, section.table
        while True:
            app.processEvents()  # lays out and paints the visible rows (asks for their pages)
            top = table.rowAt(0)
            bottom = table.rowAt(table.viewport().height() - 1)
            bottom = model.rowCount() - 1 if bottom < 0 else bottom
            if model.rowCount() and model.is_loaded(top) and model.is_loaded(bottom):
                return
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def open_viewer():
        section = BitacoraSection(None, bitacora=bitacora, names=Names())
        section.resize(1200, 800)
        section.show()
        until_shown(section)
        section.table.scrollToBottom()
        until_shown(section)
        section.close()
        section.deleteLater()
        app.processEvents()

    samples = measure(open_viewer, repeat=repeat, warmup=1)
    return limit_result("bitácora: abrir el visor", f"{total:,} entries, first paint and a jump "
                        "to the oldest, rows shown", [s * 1000 for s in samples], "ms",
                        max_median=500.0)


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _memory_keyring()
    root = Path(tempfile.mkdtemp(prefix="bench-bitacora-"))
    try:
        results = [_single_append(root, 100 if quick else 400)]
        bitacora, database = _open(root / "grande")
        results.append(_throughput(bitacora, 30_000 if quick else 100_000))
        if bitacora.head_seq < 100_000:
            _fill(bitacora, 100_000 - bitacora.head_seq)
        results.append(_verify(bitacora, 2 if quick else 5))
        total = 200_000 if quick else 1_000_000
        _fill(bitacora, total - bitacora.head_seq)
        results.append(_viewer(bitacora, 3 if quick else 10, total))
        bitacora.close()
        database.dispose()
        return results
    finally:
        shutil.rmtree(root, ignore_errors=True)
