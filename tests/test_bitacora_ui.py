"""The Bitácora section: windowed model, filters, streamed search, details and export."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.actions.read_bitacora import BitacoraPages, whole_scope
from redes_desktop.bitacora import open_bitacora
from redes_desktop.bitacora.names import Names
from redes_desktop.bitacora.query import Filters
from redes_desktop.paths import DataPaths
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.ui.bitacora.table_model import BitacoraTableModel
from redes_desktop.ui.bitacora.viewer import BitacoraSection
from redes_desktop.ui.tasks import SynchronousPool
from tests.pools import HeldPool

PERSON = uuid.UUID("11111111-1111-4111-8111-111111111111")
ACCOUNTS = [uuid.UUID(f"2222222{n}-2222-4222-8222-222222222222") for n in range(2)]


@pytest.fixture
def bitacora(data_dir, database, clock):
    b = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    entries = []
    for n in range(450):
        action = "publicada" if n % 3 == 0 else "borrador_editado"
        text = "Sesión del Consejo General" if n % 50 == 0 else f"aviso {n}"
        entries.append(ActivityEntry(clock(), PERSON, ACCOUNTS[n % 2], action,
                                     {"n": n, "texto": text}))
        clock.advance(timedelta(hours=1))
    b.append_many(entries)
    yield b
    QThreadPool.globalInstance().waitForDone()
    b.close()


@pytest.fixture
def names():
    return Names(people={str(PERSON): "Titular Jalisco"},
                 accounts={str(a): f"@cuenta{n} (X)" for n, a in enumerate(ACCOUNTS)})


@pytest.fixture
def section(qtbot, bitacora, names):
    widget = BitacoraSection(None, bitacora=bitacora, names=names)
    qtbot.addWidget(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone()


class RecordingPages(BitacoraPages):
    """The read action, noting which thread ran each read and which pages were read."""

    def __init__(self, bitacora) -> None:
        super().__init__(bitacora)
        self.threads: list[threading.Thread] = []
        self.starts: list[int] = []

    def first(self, scope, filters, limit):
        self.threads.append(threading.current_thread())
        return super().first(scope, filters, limit)

    def page(self, scope, filters, start, limit):
        self.threads.append(threading.current_thread())
        self.starts.append(start)
        return super().page(scope, filters, start, limit)


def _model(bitacora, names, pool, pages=None) -> BitacoraTableModel:
    return BitacoraTableModel(pages or BitacoraPages(bitacora), whole_scope(bitacora, names),
                              pool=pool)


def _shown(model, row: int, column: int = 0):
    return model.data(model.index(row, column))


def test_model_pages_newest_first(qtmodeltester, bitacora, names):
    model = _model(bitacora, names, SynchronousPool())
    model.set_filters(Filters())
    qtmodeltester.check(model)
    assert model.rowCount() == 450
    assert model.entry_at(0).details["n"] == 449
    assert model.entry_at(449).details["n"] == 0
    assert model.entry_at(250).details["n"] == 199
    assert model.data(model.index(0, 1)) == "Titular Jalisco"
    model.set_filters(Filters(account=ACCOUNTS[1], action="publicada"))
    assert model.rowCount() == 75
    assert all(model.entry_at(r).action == "publicada" for r in range(75))
    qtmodeltester.check(model)
    model.pages.close()


def test_pages_are_read_off_the_ui_thread_and_show_loading_rows_meanwhile(qtbot, bitacora,
                                                                          names):
    pages = RecordingPages(bitacora)
    model = _model(bitacora, names, None, pages)  # the global pool: real worker threads
    model.set_filters(Filters())
    assert model.rowCount() == 0  # nothing was read on the UI thread
    qtbot.waitUntil(lambda: model.rowCount() == 450, timeout=5000)
    assert model.entry_at(0).details["n"] == 449  # the newest page came with the count
    assert _shown(model, 449) == "Cargando…"  # the oldest page is on its way
    assert _shown(model, 449, 4) is None
    with qtbot.waitSignal(model.dataChanged, timeout=5000) as arrived:
        pass
    assert arrived.args[0].row() == 400 and arrived.args[1].row() == 449
    assert _shown(model, 449) != "Cargando…"
    assert model.entry_at(449).details["n"] == 0 and _shown(model, 449, 4) == "Publicada"
    assert pages.threads and threading.main_thread() not in pages.threads
    QThreadPool.globalInstance().waitForDone()
    pages.close()


def test_a_fast_scroll_reads_the_newest_pages_it_asked_for_and_skips_the_rest(bitacora, names):
    pool = HeldPool()
    pages = RecordingPages(bitacora)
    model = _model(bitacora, names, pool, pages)
    model.PAGE = 10  # 45 pages of 10 rows
    model.set_filters(Filters())
    pool.finish()
    assert model.rowCount() == 450 and pool.held == []
    for page_no in (5, 10, 15, 20, 25, 30, 35):  # a scroll passing seven pages
        assert _shown(model, page_no * 10) == "Cargando…"
    assert len(pool.held) == 1  # one page read at a time
    while pool.held:
        pool.finish()
    # Page 5 was on its way; of the six asked for after it only the last four are read,
    # newest first. Pages 10 and 15 were passed by: never read.
    assert pages.starts == [50, 350, 300, 250, 200]
    assert model.entry_at(350).details["n"] == 99 and model.entry_at(200).details["n"] == 249
    assert not model.is_loaded(100) and not model.is_loaded(150)
    pages.close()


def test_only_the_newest_count_is_shown(bitacora, names):
    pool = HeldPool()
    model = _model(bitacora, names, pool)
    model.set_filters(Filters(account=ACCOUNTS[0]))
    model.set_filters(Filters(account=ACCOUNTS[1], action="publicada"))
    pool.finish(1)  # the newer answer arrives first
    assert model.rowCount() == 75
    pool.finish(0)  # the older, late answer is dropped
    assert model.rowCount() == 75 and model.filters.account == ACCOUNTS[1]
    assert all(model.entry_at(r).action == "publicada" for r in range(75))
    model.pages.close()


def test_a_page_asked_for_again_after_new_filters_is_read_for_them(bitacora, names):
    """A read for the old filters still on its way does not stop the same page from being
    read for the new ones: no row stays «Cargando…»."""
    pool = HeldPool()
    model = _model(bitacora, names, pool)
    model.set_filters(Filters())
    pool.finish()
    assert _shown(model, 249) == "Cargando…"  # page 1 of everything: held
    model.set_filters(Filters(account=ACCOUNTS[1]))
    pool.finish(1)  # the new count arrives while that read is still on its way
    assert model.rowCount() == 225
    assert _shown(model, 224) == "Cargando…"  # page 1 of the new filters: asked for
    pool.run_all()
    assert model.is_loaded(224)
    assert model.entry_at(224).details["n"] == 1  # the oldest entry of that account
    model.pages.close()


def test_a_page_that_cannot_be_read_says_so_and_nothing_crashes(qtbot, bitacora, names):
    class Broken(BitacoraPages):
        def page(self, scope, filters, start, limit):
            raise OSError("disk")

    model = _model(bitacora, names, SynchronousPool(), Broken(bitacora))
    model.set_filters(Filters())
    with qtbot.waitSignal(model.failed) as failed:
        assert model.entry_at(449) is None
    assert "No se pudo leer la bitácora (OSError)" in failed.args[0]
    assert _shown(model, 449) == "No se pudo leer"
    assert model.entry_at(0).details["n"] == 449  # the rest still shows
    model.pages.close()


def test_filters_and_details_on_selection(qtbot, section):
    model = section.model
    qtbot.waitUntil(lambda: model.rowCount() == 450, timeout=5000)
    assert "450" in section.status.text()
    section.account_box.setCurrentIndex(section.account_box.findData(str(ACCOUNTS[0])))
    qtbot.waitUntil(lambda: model.rowCount() == 225, timeout=5000)
    section.action_box.setCurrentIndex(section.action_box.findData("publicada"))
    qtbot.waitUntil(lambda: model.rowCount() == 75, timeout=5000)
    section.table.selectRow(0)
    text = section.details.toPlainText()
    assert "Publicada" in text and "@cuenta0" in text and "  Texto: " in text
    assert '"texto"' not in text  # labelled fields, not JSON (issue 15)


def test_details_are_labelled_fields_with_names_and_local_times(qtbot, data_dir, database,
                                                                 clock, names):
    """No internal identifiers on screen: ids become names, UTC times México City's time,
    digests and unknown ids a pointer to the export; the export keeps the raw values."""
    from datetime import UTC, datetime

    unknown = uuid.UUID("33333333-3333-4333-8333-333333333333")
    area = uuid.UUID("44444444-4444-4444-8444-444444444444")
    names.areas[str(area)] = "Junta Local de Jalisco"
    b = open_bitacora(DataPaths(data_dir), SecretStore(), database, clock)
    b.append_many([ActivityEntry(
        datetime(2026, 12, 3, 18, 30, tzinfo=UTC), PERSON, ACCOUNTS[0], "consulta_enviada",
        {"publicacion": str(unknown), "persona": str(PERSON), "area": str(area),
         "vence": "2026-12-05T18:30:00+00:00", "periodo": "2026-07-01/2026-12-31",
         "sha256": "ab" * 32, "fuente": True, "eliminados_enviados": 2})])
    section = BitacoraSection(None, bitacora=b, names=names)
    qtbot.addWidget(section)
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=5000)  # read off the UI
    section.table.selectRow(0)
    text = section.details.toPlainText()
    for expected in ("Fecha: 03/12/2026 12:30:00 (hora de la Ciudad de México)",
                     "Acción: Consulta enviada", "Persona: Titular Jalisco",
                     "Cuenta: @cuenta0 (X)", "  Persona: Titular Jalisco",
                     "  Área: Junta Local de Jalisco", "  Vence: 05/12/2026 12:30",
                     "  Periodo: del 01/07/2026 al 31/12/2026", "  Fuente: Sí",
                     "  Eliminados enviados: 2",
                     "  Publicación: (registro interno: véalo en la exportación)"):
        assert expected in text
    for internal in (str(unknown), str(PERSON), str(area), "ab" * 32, "{", "T18:30"):
        assert internal not in text
    cell = section.model.data(section.model.index(0, 5))
    assert "Persona: Titular Jalisco" in cell and str(PERSON) not in cell
    path = data_dir / "export.json"
    section.export_to(str(path), "json")
    qtbot.waitUntil(lambda: section.export_button.isEnabled(), timeout=5000)
    assert str(unknown) in path.read_text(encoding="utf-8")  # the raw record stays there
    QThreadPool.globalInstance().waitForDone()
    b.close()


def test_details_of_a_row_whose_page_is_on_its_way_show_when_it_arrives(qtbot, section):
    model = section.model
    qtbot.waitUntil(lambda: model.rowCount() == 450, timeout=5000)
    assert not model.is_loaded(449)
    section.table.selectRow(449)
    assert section.details.toPlainText() == ""  # the oldest page is on its way
    qtbot.waitUntil(lambda: "Sesión del Consejo General" in section.details.toPlainText(),
                    timeout=5000)  # entry 0's text


def test_search_streams_matches_off_the_ui_thread(qtbot, section, typer):
    typer(section.search_edit, "sesión")
    section.apply_filters()
    qtbot.waitUntil(lambda: section._task is None, timeout=5000)
    assert section.model.searching
    assert section.model.rowCount() == 9
    qtbot.waitUntil(lambda: all(section.model.entry_at(r) is not None for r in range(9)),
                    timeout=5000)
    assert all("Consejo" in section.model.entry_at(r).details["texto"] for r in range(9))
    assert "9" in section.status.text()


def test_export_from_the_viewer(qtbot, section, bitacora, tmp_path):
    from redes_desktop.bitacora.export import verify_export

    section.action_box.setCurrentIndex(section.action_box.findData("publicada"))
    path = tmp_path / "auditoria.csv"
    section.export_to(str(path), "csv")
    qtbot.waitUntil(lambda: section.export_button.isEnabled(), timeout=5000)
    result = verify_export(path, bitacora.chain_key)
    assert result.ok and result.checked == 150


def test_verify_button_reports_integrity(qtbot, section):
    section.verify()
    qtbot.waitUntil(lambda: section.verify_button.isEnabled(), timeout=5000)
    assert "íntegra" in section.status.text()


def test_a_count_arriving_late_does_not_cover_the_verification(qtbot, section):
    """Under load the entries' count (read off the UI thread) came after the verification and
    replaced «Bitácora íntegra…» by «450 entradas» (a CI run saw it)."""
    section.verify()
    qtbot.waitUntil(lambda: section.verify_button.isEnabled(), timeout=5000)
    section.model.counted.emit(section.model.rowCount())  # the late count
    assert "íntegra" in section.status.text()
    section.apply_filters()  # a new reading shows its count again
    qtbot.waitUntil(lambda: "entradas" in section.status.text()
                    and "íntegra" not in section.status.text(), timeout=5000)


def test_export_honours_filter_and_search_and_opens_in_spreadsheets(qtbot, section, bitacora,
                                                                     tmp_path, typer):
    """Issue 15: what the viewer shows is what is exported (filters and search text); the CSV
    starts with the UTF-8 BOM, is comma-separated with a Spanish header; JSON beside it."""
    import csv
    import json

    from redes_desktop.bitacora.export import verify_export

    section.action_box.setCurrentIndex(section.action_box.findData("publicada"))
    typer(section.search_edit, "sesión")  # accent- and case-blind, as the viewer searches
    path = tmp_path / "auditoría.csv"
    section.export_to(str(path), "csv")
    qtbot.waitUntil(lambda: section.export_button.isEnabled(), timeout=5000)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(",")[:8] == ["origen", "secuencia", "fecha_utc", "persona", "cuenta",
                                     "area", "accion", "detalles"]
    assert ";" not in header
    rows = list(csv.DictReader(text.splitlines()))
    # «Sesión…» every 50 entries and «publicada» every 3: 0, 150, 300.
    assert [json.loads(r["detalles"])["n"] for r in rows] == [0, 150, 300]
    assert {r["accion"] for r in rows} == {"publicada"}
    assert {r["verificacion"] for r in rows} == {"íntegra"}
    assert "Sesión del Consejo General" in text  # accents intact
    assert verify_export(path, bitacora.chain_key).ok
    assert "3 entradas" in section.status.text()

    json_path = tmp_path / "auditoria.json"
    section.export_to(str(json_path), "json")
    qtbot.waitUntil(lambda: section.export_button.isEnabled(), timeout=5000)
    assert not json_path.read_bytes().startswith(b"\xef\xbb\xbf")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert [e["secuencia"] for e in data["entradas"]] == [int(r["secuencia"]) for r in rows]
