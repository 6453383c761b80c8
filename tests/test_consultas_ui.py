"""The Consultas CNCS section under pytest-qt: the queue model (qtmodeltester), the countdown
column and its colours, filters and sorting, review mode with the real SMTP server, the send
dialog and the composer's «Consultar a CNCS…»."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.context import AppContext
from redes_desktop.models import Consultation, ConsultationState, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.consultation_queue import queue_rows
from redes_desktop.services.consultation_rules import CONSULTATION_TERM
from redes_desktop.services.consultations import ConsultationService
from redes_desktop.services.posts import PostService
from redes_desktop.ui.consultas import composer_link
from redes_desktop.ui.consultas.queue_view import ConsultasSection
from redes_desktop.ui.consultas.review_dialog import ConsultationDialog
from redes_desktop.ui.consultas.send_dialog import SendDialog
from redes_desktop.ui.consultas.table_model import ConsultationsTableModel
from redes_desktop.ui.tasks import SynchronousPool
from redes_desktop.workspace import open_workspace
from tests.test_consultations_support import make_world

S = ConsultationState
SYNC = SynchronousPool()
Role = Qt.ItemDataRole


@pytest.fixture
def context(data_dir, clock, smtp_server):
    host, port, inbox = smtp_server
    workspace = open_workspace(data_dir, clock=clock)
    settings = workspace.settings
    settings.smtp_host, settings.smtp_port, settings.smtp_security = host, port, "none"
    database = workspace.open_database()
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     recorder=MemoryRecorder(), secrets=SecretStore())
    clock.advance(-timedelta(days=3))  # designated before the consultations sent "earlier"
    with database.session() as session:
        world = make_world(session, clock)
        ctx.ids = {"titular": world.office.titular.id, "reviewer": world.reviewer.id,
                   "account": world.office.account.id, "head": world.office.head.id}
    clock.advance(timedelta(days=3))
    ctx.inbox = inbox
    ctx.choose_identity(ctx.ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def consult(ctx, text="Texto de la publicación", hours_ago=0.0, decide=None, **extra):
    """A consultation sent `hours_ago` before the clock's current time, optionally decided."""
    clock = ctx.clock
    start = clock()
    clock.advance(-timedelta(hours=hours_ago))
    with ctx.session() as session:
        directory = ctx.directory(session)
        titular = directory.person(ctx.ids["titular"])
        posts = PostService(session, clock, recorder=NullRecorder())
        post = posts.create_draft(titular, directory.account(ctx.ids["account"]), text)
        service = ConsultationService.from_context(ctx, session)
        outcome = service.send(titular, post, "¿Procede publicar esto?")
        if decide is not None:
            service.decide(directory.person(ctx.ids["reviewer"]), service.get(
                outcome.consultation_id), decide, **extra)
        session.commit()
    clock.set(start)
    return outcome.consultation_id


def rows(ctx):
    with ctx.session() as session:
        return queue_rows(session)


def cell(model, row, column, role=Role.DisplayRole):
    return model.data(model.index(row, column), role)


# -- the model -------------------------------------------------------------------------------
def test_model_passes_qtmodeltester_sorted_and_filtered(qtmodeltester, context):
    consult(context, hours_ago=1)
    consult(context, hours_ago=40)
    consult(context, hours_ago=3, decide=S.APROBADA)
    model = ConsultationsTableModel(context.clock)
    model.set_rows(rows(context))
    qtmodeltester.check(model)
    model.sort(ConsultationsTableModel.COUNTDOWN, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    model.set_filter(S.PENDIENTE)
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_countdown_colours_and_only_that_column_repaints(context):
    consult(context, hours_ago=1)  # 47 h left
    consult(context, hours_ago=37)  # 11 h left: under 12 h
    consult(context, hours_ago=46.5)  # 1:30 left: under 2 h
    consult(context, hours_ago=2, decide=S.APROBADA)
    model = ConsultationsTableModel(context.clock)
    model.set_rows(rows(context))
    model.sort(ConsultationsTableModel.COUNTDOWN, Qt.SortOrder.DescendingOrder)
    col = ConsultationsTableModel.COUNTDOWN
    assert [cell(model, r, col) for r in range(4)] == ["—", "47:00", "11:00", "01:30"]
    assert cell(model, 1, col, Role.BackgroundRole) is None
    assert cell(model, 2, col, Role.BackgroundRole).color().name() == "#fff1c2"
    assert cell(model, 3, col, Role.BackgroundRole).color().name() == "#b3261e"
    assert "hora del centro de México" in cell(model, 3, col, Role.ToolTipRole)

    changes = []
    model.dataChanged.connect(lambda a, b, roles: changes.append((a.column(), b.column(),
                                                                  a.row(), b.row())))
    context.clock.advance(timedelta(minutes=1))
    assert model.tick() is False
    assert changes == [(col, col, 0, 3)]
    assert cell(model, 3, col) == "01:29"
    context.clock.advance(timedelta(hours=1, minutes=29))
    assert model.tick() is True  # a deadline came: the view applies the 48-hour rule
    assert cell(model, 3, col) == "vencida"


def test_section_filters_sorts_and_expires_by_itself(qtbot, context):
    consult(context, hours_ago=47.99)
    consult(context, hours_ago=5, decide=S.RECHAZADA, reasoning="No procede.")
    section = ConsultasSection(context, pool=SYNC)
    qtbot.addWidget(section)
    section.show()
    model = section.model
    assert model.rowCount() == 2
    assert "2 de 2 consultas; 1 pendiente." == section.count_label.text()
    section.state_filter.setCurrentIndex(section.state_filter.findData(S.RECHAZADA))
    assert model.rowCount() == 1 and model.row_at(0).state == S.RECHAZADA
    section.state_filter.setCurrentIndex(0)
    assert section.area_filter.count() == 2 and section.account_filter.count() == 2
    section.account_filter.setCurrentIndex(1)
    assert model.rowCount() == 2
    section.table.sortByColumn(ConsultationsTableModel.STATE, Qt.SortOrder.AscendingOrder)
    assert [model.row_at(r).state for r in range(2)] == [S.PENDIENTE, S.RECHAZADA]

    changes = []
    model.dataChanged.connect(lambda a, b, _roles: changes.append((a.column(), b.column())))
    section.tick()  # nothing due yet: only the countdown cells on screen repaint
    assert changes == [(model.COUNTDOWN, model.COUNTDOWN)]
    context.clock.advance(timedelta(minutes=1))
    section.tick()  # the deadline passed: expired and reloaded without waiting for the job
    states = {model.row_at(r).state for r in range(2)}
    assert states == {S.NO_PROCEDENTE, S.RECHAZADA}
    assert section.timer.interval() == 30_000


# -- review mode -----------------------------------------------------------------------------
def test_reviewer_sees_the_snapshot_and_rejects_with_a_reason(qtbot, context, typer):
    consultation_id = consult(context, text="Año electoral: ¿publicamos la encuesta?")
    context.choose_identity(context.ids["reviewer"])
    section = ConsultasSection(context, pool=SYNC)
    qtbot.addWidget(section)
    assert section.review_mode and "Modo revisión CNCS" in section.mode_label.text()
    dialog = section.dialog_for(consultation_id)
    qtbot.addWidget(dialog)
    assert dialog.snapshot_text.toPlainText() == "Año electoral: ¿publicamos la encuesta?"
    assert dialog.decision_box is not None and not dialog.decide_button.isEnabled()

    dialog.reject_choice.setChecked(True)
    dialog.submit()
    assert "motivo del rechazo" in dialog.message_label.text()  # from the service
    typer(dialog.reason_edit, "Difunde una encuesta en periodo de veda.")
    dialog.submit()
    assert "Decisión registrada" in dialog.message_label.text()
    assert not dialog.decision_box.isEnabled()
    with context.session() as session:
        consultation = session.get(Consultation, consultation_id)
        assert consultation.state == S.RECHAZADA
        assert consultation.reasoning == "Difunde una encuesta en periodo de veda."
        assert consultation.post.status == PostStatus.RECHAZADA
    answer = context.inbox.messages[-1]
    assert "Difunde una encuesta en periodo de veda." in answer.get_body(("plain",)).get_content()
    assert section.model.row_at(0).state == S.RECHAZADA  # the queue refreshed


def test_reviewer_cannot_decide_after_the_deadline(qtbot, context):
    consultation_id = consult(context, hours_ago=48)
    context.choose_identity(context.ids["reviewer"])
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    assert dialog.decision_box is None
    assert "venció" in dialog.message_label.text()
    assert "Plazo vencido" in dialog.state_label.text()


def test_administrator_sees_decision_and_diff_after_editing_an_approved_draft(qtbot, context):
    consultation_id = consult(context, text="Versión aprobada\nsegunda línea", decide=S.APROBADA)
    with context.session() as session:
        post = session.get(Consultation, consultation_id).post
        titular = context.directory(session).person(context.ids["titular"])
        PostService(session, context.clock, recorder=NullRecorder()).save_draft(titular, post,
                                                       "Versión editada\nsegunda línea")
        session.commit()
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    assert dialog.decision_box is None  # administrators do not decide
    assert "Aprobada por Revisora CNCS" in dialog.state_label.text()
    assert "necesita una nueva consulta" in dialog.state_label.text()
    diff = dialog.diff_view.toPlainText()
    assert "-Versión aprobada" in diff and "+Versión editada" in diff


# -- sending from the composer ---------------------------------------------------------------
def test_send_dialog_requires_a_question_and_reports_the_deadline(qtbot, context, typer):
    with context.session() as session:
        directory = context.directory(session)
        post = PostService(session, context.clock, recorder=NullRecorder()).create_draft(
            directory.person(context.ids["titular"]), directory.account(context.ids["account"]),
            "Jornada de credencialización")
        session.commit()
        post_id = post.id
    dialog = SendDialog(context, post_id, ["x"], [], pool=SYNC)
    qtbot.addWidget(dialog)
    assert "jueves 12 de marzo de 2026, 12:00 h" in dialog.deadline_label.text()
    dialog.submit()
    assert "Escriba la pregunta" in dialog.message_label.text() and dialog.outcome is None
    typer(dialog.question_edit, "¿Procede mencionar el módulo de atención?")
    dialog.submit()
    assert dialog.outcome is not None and dialog.result() == SendDialog.DialogCode.Accepted
    assert "Consulta enviada a la CNCS" in dialog.result_text()
    assert "¿Procede mencionar el módulo" in context.inbox.messages[-1].get_body(
        ("plain",)).get_content()


def test_composer_consult_action_sends_and_shows_the_state(qtbot, context, monkeypatch, typer):
    from redes_desktop.ui.composer.composer_view import ComposerSection

    shown = []
    monkeypatch.setattr(composer_link.QMessageBox, "information",
                        lambda *args: shown.append(args[2]) or QMessageBox.StandardButton.Ok)

    def auto_dialog(*args):
        dialog = SendDialog(*args)
        dialog.question_edit.setPlainText("¿Procede?")
        dialog.exec = lambda: (dialog.submit(), dialog.result())[1]
        return dialog

    monkeypatch.setattr(composer_link, "make_send_dialog", auto_dialog)
    section = ComposerSection(context, engine_factory=lambda: CheckEngine(), pool=SYNC)
    qtbot.addWidget(section)
    badge = composer_link.install(section, context, pool=SYNC)
    section.consult()
    assert shown == ["Escriba la publicación antes de consultar a la CNCS."]
    typer(section.editor, "Publicación en duda")
    section.consult()
    assert "Consulta enviada a la CNCS" in shown[-1]
    assert section.post_id is None  # the draft is frozen «en consulta»; the editor is clear
    [row] = rows(context)
    assert row.state == S.PENDIENTE
    section.post_id = row.post_id
    badge.refresh()
    assert "En consulta con la CNCS" in badge.text() and "quedan 48:00 h" in badge.text()
    context.clock.advance(CONSULTATION_TERM)
    badge.refresh()
    assert "No procedente" in badge.text()
    QThreadPool.globalInstance().waitForDone()


# -- Spanish everywhere ------------------------------------------------------------------------
def _consult_with_findings(ctx):
    with ctx.session() as session:
        directory = ctx.directory(session)
        titular = directory.person(ctx.ids["titular"])
        post = PostService(session, ctx.clock, recorder=NullRecorder()).create_draft(
            titular, directory.account(ctx.ids["account"]), "Llame al 3312345678")
        outcome = ConsultationService.from_context(ctx, session).send(
            titular, post, "¿Procede?", networks=["x"], findings=[
                {"rule": "6.iii", "severity": "bloquea", "message": "Hay un teléfono personal."},
                {"rule": "6.xxii", "severity": "advierte", "message": "Falta texto alternativo."},
            ])
        session.commit()
    return outcome.consultation_id


def test_snapshot_findings_are_listed_in_spanish_through_tr(qtbot, context):
    from tests.test_notifications_ui import pseudo_translated

    consultation_id = _consult_with_findings(context)
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    items = [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]
    assert "6.iii (bloquea la publicación): Hay un teléfono personal." in items
    assert "6.xxii (advertencia): Falta texto alternativo." in items
    with pseudo_translated():
        translated = ConsultationDialog(context, consultation_id, pool=SYNC)
        qtbot.addWidget(translated)
        first = translated.findings_list.item(0).text()
    assert first.startswith("⟦") and "⟦bloquea la publicación⟧" in first


def test_unexpected_errors_are_said_in_spanish(qtbot, context, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    consultation_id = consult(context)
    context.choose_identity(context.ids["reviewer"])
    dialog = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog.store, "decide", broken)
    dialog.approve.setChecked(True)
    dialog.submit()
    text = dialog.message_label.text()
    assert text.startswith("No se pudo registrar la decisión por un error inesperado")
    assert "(database is locked)" in text and dialog.decide_button.isEnabled()

    context.choose_identity(context.ids["titular"])
    with context.session() as session:
        directory = context.directory(session)
        post = PostService(session, context.clock, recorder=NullRecorder()).create_draft(
            directory.person(context.ids["titular"]), directory.account(context.ids["account"]),
            "Otra publicación")
        session.commit()
        post_id = post.id
    send = SendDialog(context, post_id, ["x"], [], pool=SYNC)
    qtbot.addWidget(send)
    monkeypatch.setattr(send.store, "send", broken)
    send.question_edit.setPlainText("¿Procede?")
    send.submit()
    text = send.message_label.text()
    assert text.startswith("No se pudo enviar la consulta por un error inesperado")
    assert "(database is locked)" in text and send.send_button.isEnabled()

    from redes_desktop.ui.consultas.store import ConsultationStore

    monkeypatch.setattr(ConsultationStore, "detail", broken)
    opened = ConsultationDialog(context, consultation_id, pool=SYNC)
    qtbot.addWidget(opened)
    assert opened.message_label.text().startswith("No se pudo abrir la consulta por un error")
    monkeypatch.setattr(ConsultationStore, "draft_preview", broken)
    preview = SendDialog(context, post_id, ["x"], [], pool=SYNC)
    qtbot.addWidget(preview)
    assert preview.message_label.text().startswith("No se pudo leer el borrador por un error")
    assert not preview.send_button.isEnabled()
