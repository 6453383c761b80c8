# ruff: noqa: F811  (pytest fixtures imported from other test modules)
"""Nothing typed is lost, and what is shown belongs to the draft that is open (issue 15):
an account with an open incident is read-only before anything is typed, text that could not
be saved is never thrown away without asking, and the consultation line of the previous draft
goes as soon as another draft is opened."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.models import Account, ConsultationState
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.posts import PostService
from redes_desktop.ui.composer import draft_actions
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.ui.consultas import composer_link
from redes_desktop.ui.tasks import SynchronousPool
from tests.composer_support import opened, ready, saved
from tests.composer_world import context, engine, view  # noqa: F401  (fixtures)
from tests.test_consultas_ui import consult
from tests.test_consultas_ui import context as consultas_context  # noqa: F401

SYNC = SynchronousPool()


def _set_compromised(ctx, value: bool = True) -> None:
    with ctx.session() as session:
        for account in session.query(Account):
            account.compromised = value
        session.commit()


class Answers:
    """Records the questions asked and answers each with `answer`."""

    def __init__(self, monkeypatch, answer):
        self.asked: list[str] = []
        self.answer = answer
        monkeypatch.setattr(draft_actions.QMessageBox, "question", self._question)

    def _question(self, _parent, _title, text, *args, **kwargs):
        self.asked.append(text)
        return self.answer


def test_an_account_with_an_open_incident_says_so_before_typing(qtbot, context, engine):
    _set_compromised(context)
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.show()
    ready(qtbot, section)
    assert section.editor.isReadOnly()
    assert section.account_banner.isVisible()
    assert "incidente abierto" in section.account_banner.text()
    assert "6.xxx" in section.account_banner.text()
    QThreadPool.globalInstance().waitForDone()


def test_an_account_without_incident_has_no_banner(qtbot, view):
    assert not view.editor.isReadOnly()
    assert not view.account_banner.isVisible()


def test_new_draft_asks_before_dropping_text_that_was_not_saved(qtbot, view, context,
                                                               monkeypatch, typer):
    # The incident is reported from another workstation after the Redactor was opened.
    _set_compromised(context)
    typer(view.editor, "Texto importante")
    assert saved(qtbot, view) is False
    assert "No se guardó" in view.save_label.text()
    answers = Answers(monkeypatch, QMessageBox.StandardButton.No)
    view.new_action.trigger()  # the save is tried first, on the worker; then it asks
    qtbot.waitUntil(lambda: len(answers.asked) == 1, timeout=5000)
    assert "sin guardar" in answers.asked[0]
    QThreadPool.globalInstance().waitForDone()
    assert view.editor.toPlainText() == "Texto importante"
    answers.answer = QMessageBox.StandardButton.Yes
    view.new_action.trigger()
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "", timeout=5000)


def test_new_draft_does_not_ask_when_the_text_is_saved(qtbot, view, monkeypatch, typer):
    typer(view.editor, "Texto guardado")
    answers = Answers(monkeypatch, QMessageBox.StandardButton.No)
    view.new_action.trigger()
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "", timeout=5000)
    assert answers.asked == []


def test_opening_a_draft_asks_before_dropping_text_that_was_not_saved(
        qtbot, view, context, monkeypatch, typer):
    typer(view.editor, "Primer borrador")
    saved(qtbot, view)
    first = view.post_id
    view.new_action.trigger()
    qtbot.waitUntil(lambda: view.post_id is None and view.editor.toPlainText() == "",
                    timeout=5000)
    _set_compromised(context)
    typer(view.editor, "Segundo sin guardar")
    answers = Answers(monkeypatch, QMessageBox.StandardButton.No)
    assert opened(qtbot, view, first) is False
    assert len(answers.asked) == 1
    assert view.editor.toPlainText() == "Segundo sin guardar"


def test_the_previous_drafts_consultation_line_goes_with_it(qtbot, consultas_context):  # noqa: F811
    ctx = consultas_context
    consult(ctx, "Publicación aprobada", decide=ConsultationState.APROBADA)
    with ctx.session() as session:
        directory = ctx.directory(session)
        other = PostService(session, ctx.clock, recorder=NullRecorder()).create_draft(
            directory.person(ctx.ids["titular"]), directory.account(ctx.ids["account"]),
            "Otra publicación sin consulta").id
        session.commit()
    [approved] = [row.post_id for row in _rows(ctx)]
    section = ComposerSection(ctx, engine_factory=lambda: CheckEngine(), pool=SYNC)
    qtbot.addWidget(section)
    badge = composer_link.install(section, ctx, pool=SYNC)
    assert opened(qtbot, section, approved)
    badge.refresh()
    assert "Aprobada por la CNCS" in badge.text() and not badge.isHidden()
    assert opened(qtbot, section, other)
    # No timer tick in between: the line about the approved draft is gone already.
    assert badge.isHidden() or "Aprobada" not in badge.text()
    QThreadPool.globalInstance().waitForDone()


def _rows(ctx):
    from redes_desktop.services.consultation_queue import queue_rows

    with ctx.session() as session:
        return queue_rows(session)
