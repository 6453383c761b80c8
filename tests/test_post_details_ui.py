"""The Redactor's «Detalles» (6.i, 6.iv, 6.x, 6.xxvii, 5.2 d): the values reach the check, are
stored on the draft once it exists, come back when the draft is reopened, and bad values are
refused with a Spanish message and never crash."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QThreadPool

from redes_desktop.actions.post_details import load_post_details
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.rule_purpose import PurposeRule
from redes_desktop.checks.rule_source import SourceRule
from redes_desktop.context import AppContext
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import opened, ready, saved
from tests.factories import make_office


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        office = make_office(Directory(session, clock, NullRecorder()))
        session.commit()
        titular = office.titular.id
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(),
                     secrets=SecretStore())
    ctx.choose_identity(titular)
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def view(qtbot, context):
    engine = CheckEngine(text_rules=[PurposeRule(), SourceRule()],
                         length_of=lambda text, _n: (len(text), 280))
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


def rules(qtbot, view) -> list[str]:
    qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current,
                    timeout=5000)
    return sorted(row.finding.rule for row in view.findings.rows)


def test_details_reach_the_check(qtbot, view):
    view.editor.setPlainText("Se registraron 350 observadores.")
    assert rules(qtbot, view) == ["6.i", "6.iv"]
    panel = view.details_panel
    panel.purpose_combo.setCurrentIndex(panel.purpose_combo.findData("3.iv"))
    assert rules(qtbot, view) == ["6.iv"]
    panel.source_edit.setText("Sistema de Observadores Electorales")
    assert rules(qtbot, view) == []


def test_details_are_stored_on_the_draft_and_come_back(qtbot, view, context):
    panel = view.details_panel
    panel.purpose_combo.setCurrentIndex(panel.purpose_combo.findData("3.xi"))
    panel.topic_edit.setText("Voto en el extranjero")
    panel.expires_box.setChecked(True)
    panel.valid_until.setDate(QDate(2026, 4, 30))
    view.editor.setPlainText("Regístrate para votar desde el extranjero.")
    assert saved(qtbot, view)
    post_id = view.post_id
    qtbot.waitUntil(lambda: panel.post_id == post_id, timeout=3000)
    panel.save()
    stored = load_post_details(context.database, post_id)
    assert (stored.purpose, stored.topic, stored.valid_until) == (
        "3.xi", "Voto en el extranjero", date(2026, 4, 30))
    # A new draft clears the form; reopening the first brings its details back.
    view.drafts.new_draft()
    qtbot.waitUntil(lambda: panel.post_id is None, timeout=3000)
    assert panel.details().purpose == ""
    assert opened(qtbot, view, post_id)
    qtbot.waitUntil(lambda: panel.details().purpose == "3.xi", timeout=3000)
    assert panel.details().valid_until == date(2026, 4, 30)


def test_refused_details_show_a_spanish_message(qtbot, view, context, monkeypatch):
    from redes_desktop.services import post_details

    view.editor.setPlainText("Texto")
    assert saved(qtbot, view)
    panel = view.details_panel
    qtbot.waitUntil(lambda: panel.post_id == view.post_id, timeout=3000)
    monkeypatch.setattr(post_details, "MAX_TOPIC", 2)
    panel.topic_edit.setText("Tema largo")
    assert not panel.save()
    assert "No se guardaron los detalles" in panel.error_label.text()
    assert "El tema tiene más de 2 caracteres" in panel.error_label.text()
    assert load_post_details(context.database, view.post_id).topic == ""
