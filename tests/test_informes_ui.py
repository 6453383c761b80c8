"""The Informes section under pytest-qt: the quarterly report (8.iv) with its pickers, totals
and export, and the evaluations tab (8.i) where only a CNCS reviewer records evaluations."""

from __future__ import annotations

import csv
import shutil
from datetime import datetime

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog

from redes_desktop.clock import mexico_tz
from redes_desktop.context import AppContext
from redes_desktop.models import Evaluation, Post, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.informes import section_view
from redes_desktop.ui.informes.section_view import InformesSection
from redes_desktop.ui.sections import default_sections
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool

POOL = SynchronousPool()


@pytest.fixture
def context(data_dir, clock, migrated_template):
    shutil.copy(migrated_template, data_dir / "redes.sqlite3")
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        other = make_office(directory, name="Junta Local Ejecutiva en Yucatán",
                            state="Yucatán", handle="@JLE_YucatanINE", slug="yuc")
        reviewer = make_reviewer(directory)
        office.account.purposes = ["3.i"]
        for day in (1, 8, 15):  # Q4 2025, the last complete quarter on 10 March 2026
            session.add(Post(account_id=office.account.id, network=office.account.network,
                             status=PostStatus.PUBLICADA, is_reply=day == 8,
                             published_at=datetime(2025, 12, day, 10, tzinfo=mexico_tz())))
        session.commit()
        ids = {"head": office.head.id, "reviewer": reviewer.id, "account": office.account.id,
               "other": other.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    ctx.ids = ids
    ctx.choose_identity(ids["reviewer"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def section(qtbot, context):
    widget = InformesSection(context, pool=POOL)
    qtbot.addWidget(widget)
    return widget


def test_defaults_to_the_last_complete_quarter(section, qtmodeltester):
    assert section.selected_quarter() == (2025, 4)
    assert section.report_model.rowCount() == 2
    rows = {section.report_model.row_at(r).handle: section.report_model.row_at(r)
            for r in range(2)}
    assert (rows["@JLE_JaliscoINE"].posts, rows["@JLE_JaliscoINE"].replies) == (3, 1)
    assert "01/10/2025 al 31/12/2025" in section.period.text()
    assert "Todas las cuentas" in section.period.text()
    assert "Total: 2 cuentas; 3 mensajes (1 respuesta)" in section.totals.text()
    qtmodeltester.check(section.report_model)
    qtmodeltester.check(section.due_model)
    assert section.due_model.rowCount() == 2  # never evaluated (8.i)


def test_a_head_sees_only_the_accounts_of_the_area(qtbot, context):
    context.choose_identity(context.ids["head"])
    widget = InformesSection(context, pool=POOL)
    qtbot.addWidget(widget)
    assert [widget.report_model.row_at(r).handle
            for r in range(widget.report_model.rowCount())] == ["@JLE_JaliscoINE"]
    assert "CNCS ve todas" in widget.period.text()


def test_quarter_choice_loads_off_the_ui_thread(qtbot, context):
    widget = InformesSection(context)  # the real thread pool
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.report is not None, timeout=5000)
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        widget.year.setValue(2026)  # 2026-Q4: not begun on 10 March 2026
    assert widget.report is None and widget.report_model.rowCount() == 0
    assert "aún no comienza" in widget.period.text()
    assert not widget.export_button.isEnabled()
    with qtbot.waitSignal(widget.loaded, timeout=5000):
        widget.quarter.setCurrentIndex(0)  # 2026-Q1, still running
    assert "aún en curso" in widget.period.text()
    assert widget.export_button.isEnabled()


@pytest.mark.parametrize("name, fmt", [("informe.csv", "csv"), ("informe.html", "html")])
def test_export(section, monkeypatch, tmp_path, name, fmt):
    target = tmp_path / name
    monkeypatch.setattr(section_view.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    section.export_button.click()
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert rows[-1]["Área"] == "Total" and rows[-1]["Mensajes"] == "3"
    else:
        assert text.startswith("<!DOCTYPE html>") and "dato no disponible" in text
    assert str(target) in section.status.text()


def test_export_when_the_quarter_changed_meanwhile_says_so(section, monkeypatch, tmp_path):
    """While the file dialog is open the quarter may become one not begun: no report, no
    traceback, nothing written."""
    target = tmp_path / "informe.csv"

    def choose_file(*_args, **_kwargs):
        section.year.setValue(2026)  # 2026-Q4 has not begun: the report goes away
        return str(target), ""

    monkeypatch.setattr(section_view.QFileDialog, "getSaveFileName", choose_file)
    section.export_button.click()
    assert section.report is None
    assert not target.exists()
    assert "No hay informe que exportar" in section.status.text()


def test_a_reviewer_records_an_evaluation(section, context, typer):
    section.tabs.setCurrentIndex(1)
    assert not section.evaluate_button.isEnabled()  # nothing chosen yet
    section.select_due(context.ids["account"])
    assert section.evaluate_button.isEnabled()
    dialog = section.evaluation_dialog()
    assert dialog.period_end.date().toPython().isoformat() == "2026-03-10"
    dialog.score.setValue(9)
    typer(dialog.findings, "Publica con regularidad y atiende a los usuarios; añadir más "
                           "contenido multimedia.")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with context.session() as session:
        saved = session.query(Evaluation).one()
        assert (saved.score, saved.evaluator_id) == (9, context.ids["reviewer"])
        assert "multimedia" in saved.findings
    assert [e.action for e in context.recorder.entries] == ["evaluacion_registrada"]
    assert section.due_model.rowCount() == 1  # only Yucatán is still due
    assert "registrada" in section.message.text()


def test_a_non_reviewer_is_refused(qtbot, context, typer):
    context.choose_identity(context.ids["head"])
    widget = InformesSection(context, pool=POOL)
    qtbot.addWidget(widget)
    widget.select_due(context.ids["account"])
    assert not widget.evaluate_button.isEnabled()
    assert "Solo un revisor de CNCS" in widget.evaluate_button.toolTip()
    dialog = widget.evaluation_dialog()  # forced: the service still refuses
    typer(dialog.findings, "Intento de evaluación")
    dialog.save_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Solo un revisor de CNCS" in dialog.message.text()
    with context.session() as session:
        assert session.query(Evaluation).count() == 0
    assert context.recorder.entries == []


def test_section_factory_builds_the_informes_section(qtbot, context):
    spec = next(s for s in default_sections() if s.key == "informes")
    widget = spec.factory(context)
    qtbot.addWidget(widget)
    assert isinstance(widget, InformesSection)
    qtbot.waitUntil(lambda: widget.report is not None, timeout=5000)


def test_the_evaluation_is_written_off_the_ui_thread(section, context, typer):
    section.select_due(context.ids["account"])
    dialog = section.evaluation_dialog()
    dialog.pool = HeldPool()
    typer(dialog.findings, "Cumple su periodicidad.")
    dialog.save_button.click()
    # The click only handed the work to the pool: nothing written yet, dialog still open.
    with context.session() as session:
        assert session.query(Evaluation).count() == 0
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.save_button.isEnabled()
    [work] = dialog.pool.held
    work.run()
    with context.session() as session:
        assert session.query(Evaluation).count() == 1
    assert dialog.result() == QDialog.DialogCode.Accepted
