"""The inbox (issue 17) with 50,000 items of one account:
- opening the Buzón: the first page into its table model (`list_inbox`, 200 rows and the
  total, then the cells of the 30 rows on screen), target ≤ 300 ms; baseline from the same
  run: the bare indexed query of 200 rows;
- grouping a new question with the recurring doubts (6.xviii), target ≤ 20 ms, against 5,000
  groups already formed; baseline: normalising the text alone."""

from __future__ import annotations

import random
import shutil
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Result, latency_result, limit_result, measure_interleaved
from redes_desktop.services.activity import NullRecorder

ITEMS = 50_000
GROUPS = 5_000
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
_TOPICS = ["credencial", "casilla", "votar", "trámite", "módulo", "cita", "domicilio",
           "extranjero", "elección", "consulta", "resultados", "conteo", "boleta", "padrón",
           "lista", "nominal", "reposición", "vigencia", "actualización", "registro"]
_PLACES = ["Guadalajara", "Zapopan", "Tlaquepaque", "Tonalá", "Puerto Vallarta", "Ocotlán",
           "Lagos", "Tepatitlán", "Autlán", "Ameca", "Chapala", "Arandas"]


def _question(rng: random.Random, n: int) -> str:
    a, b = rng.sample(_TOPICS, 2)
    return (f"¿Dónde hago {a} y {b} en {rng.choice(_PLACES)}? caso {n} "
            f"{rng.choice(_TOPICS)}{n % 97}")


def _fill(root: Path):
    from sqlalchemy import insert

    from redes_desktop.clock import FixedClock
    from redes_desktop.database import open_local_database
    from redes_desktop.models.inbox import DoubtGroup, InboxItem, doubt_group_id, inbox_item_id
    from redes_desktop.services.directory import Directory
    from redes_desktop.services.recurring_doubts import signature_text, stems
    from tests.factories import make_office

    clock = FixedClock(NOW)
    database = open_local_database(root / "redes.sqlite3")
    session = database.session()
    office = make_office(Directory(session, clock, NullRecorder()))
    session.flush()
    account = office.account.id
    rng = random.Random(17)
    states = ["nuevo"] * 3 + ["respondido"] * 5 + ["ignorado", "asignado"]
    groups, rows = [], []
    for i in range(ITEMS):
        item_id = inbox_item_id(account, str(10_000_000 + i))
        text = _question(rng, i)
        group = None
        if i < GROUPS:
            group = doubt_group_id(account, item_id)
            groups.append({"id": group, "account_id": account, "sample_text": text,
                           "signature": signature_text(stems(text)), "created_at": NOW,
                           "updated_at": NOW, "row_version": 1})
        state = rng.choice(states)
        received = NOW - timedelta(minutes=rng.randint(1, 200_000))
        rows.append({"id": item_id, "account_id": account, "network": "x",
                     "remote_id": str(10_000_000 + i), "kind": "mencion",
                     "author_name": f"Persona {i}", "author_handle": f"persona{i}",
                     "text": text, "url": "", "parent_remote_id": None,
                     "received_at": received, "state": state, "tags": ["pregunta"],
                     "reply_url": "", "escalation_note": "", "doubt_group_id": group,
                     "replied_at": received + timedelta(hours=3) if state == "respondido"
                     else None, "created_at": NOW, "updated_at": NOW, "row_version": 1})
    session.execute(insert(DoubtGroup), groups)
    for start in range(0, ITEMS, 10_000):
        session.execute(insert(InboxItem), rows[start:start + 10_000])
    session.commit()
    titular = office.titular.id
    session.close()
    return database, clock, titular, account


def run(quick: bool) -> list[Result]:
    from sqlalchemy import select

    from redes_desktop.actions.inbox_list import list_inbox
    from redes_desktop.models.inbox import DoubtGroup, InboxItem
    from redes_desktop.services.recurring_doubts import DoubtIndex, is_question, stems

    repeat = 10 if quick else 40
    root = Path(tempfile.mkdtemp(prefix="bench-buzon-"))
    try:
        database, clock, titular, account = _fill(root)

        def bare_page() -> None:
            with database.session() as session:
                session.scalars(select(InboxItem).where(InboxItem.account_id == account)
                                .order_by(InboxItem.received_at).limit(200)).all()

        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from redes_desktop.ui.buzon.table_model import InboxTableModel

        _app = QApplication.instance() or QApplication([])
        model = InboxTableModel()

        def first_page() -> None:
            # What the Buzón does when it opens: the first page, into its table model, and
            # the cells of the rows on screen.
            page = list_inbox(database, clock=clock, person_id=titular, limit=200)
            model.start(page, lambda _after, _deliver: None)
            for row in range(30):
                for column in range(model.columnCount()):
                    model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            assert page.total == ITEMS and model.rowCount() == 200 and model.canFetchMore()

        base_open, full_open = measure_interleaved(bare_page, first_page, repeat=repeat,
                                                   warmup=2)
        with database.session() as session:
            index = DoubtIndex.of((r[0], r[1]) for r in session.execute(
                select(DoubtGroup.id, DoubtGroup.signature)
                .where(DoubtGroup.account_id == account)))
        rng = random.Random(5)
        texts = [_question(rng, ITEMS + n) for n in range(2000)]
        cursor = iter(range(10**9))

        def normalise() -> None:
            stems(texts[next(cursor) % len(texts)])

        def group() -> None:
            text = texts[next(cursor) % len(texts)]
            if is_question(text):
                signature = stems(text)
                if index.match(signature) is None:
                    index.add(uuid.uuid4(), signature)

        base_group, full_group = measure_interleaved(normalise, group, repeat=repeat * 25,
                                                     warmup=5)
        database.dispose()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    def ms(samples: list[float]) -> list[float]:
        return [x * 1000 for x in samples]

    open_row = limit_result("buzón: abrir (primera página)", f"{ITEMS} elementos: "
                            "200 filas y el total en el modelo, 30 filas leídas",
                            ms(full_open), "ms",
                            max_p95=300.0, baseline_name="la consulta de 200 filas sola",
                            baseline_samples=ms(base_open))
    group_row = limit_result("buzón: agrupar una duda nueva", f"{GROUPS} grupos: índice "
                             "invertido de raíces", ms(full_group), "ms", max_p95=20.0,
                             baseline_name="normalizar el texto solo",
                             baseline_samples=ms(base_group))
    return [
        latency_result("buzón: consulta sola", f"{ITEMS} elementos, 200 filas (base)",
                       base_open),
        open_row,
        latency_result("buzón: normalizar", "raíces de una pregunta (base)", base_group),
        group_row,
    ]
