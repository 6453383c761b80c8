# ruff: noqa: F811  (pytest fixtures imported from other test modules)
"""What is shown belongs to what is open (issue 15): two workstations sync a draft through the
real PostgreSQL while the Redactor (pytest-qt) has it open on one of them. The editor never
overwrites the version that arrived: it reloads it when nothing typed is unsaved (and says so),
and otherwise shows both versions and lets the person choose."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.models import Post
from redes_desktop.sync.engine import SyncEngine
from tests import test_sync_support as _support
from tests.composer_support import saved
from tests.composer_world import context, engine, view  # noqa: F401  (fixtures)
from tests.test_sync_support import make_station

pytestmark = pytest.mark.postgres
shared_engine = _support.shared_engine  # fixture


@pytest.fixture
def two(view, context, shared_engine, tmp_path, typer, qtbot):
    """The Redactor on workstation A with a saved draft «Versión de A»; workstation B has
    pulled it, changed it to «Versión de B» and pushed; A has pulled that (the editor has not
    been told yet)."""
    a = SyncEngine(context.database.engine, shared_engine, clock=context.clock)
    b = make_station(tmp_path, "b", shared_engine)
    typer(view.editor, "Versión de A")
    saved(qtbot, view)
    post_id = view.post_id
    assert post_id is not None
    a.sync()
    b.sync()
    with b.db.session() as s:
        s.get(Post, post_id).text = "Versión de B"
        s.commit()
    b.sync()
    a.sync()
    with context.session() as s:
        assert s.get(Post, post_id).text == "Versión de B"  # pulled under the open editor
    assert view.editor.toPlainText() == "Versión de A"
    yield a, b, post_id
    QThreadPool.globalInstance().waitForDone()
    b.db.dispose()


def _stored(context, post_id) -> str:
    with context.session() as s:
        return s.get(Post, post_id).text


def _shared(shared_engine, post_id) -> str:
    from sqlalchemy import select

    from redes_desktop.sync.policies import table

    posts = table("posts")
    with shared_engine.connect() as conn:
        return conn.execute(select(posts.c.text).where(posts.c.id == post_id)).scalar_one()


def test_the_next_keystroke_does_not_overwrite_the_version_that_arrived(
        qtbot, view, context, two, typer, shared_engine):
    a, _b, post_id = two
    typer(view.editor, " y más")
    assert saved(qtbot, view) is False
    assert _stored(context, post_id) == "Versión de B"
    assert view.editor.toPlainText() == "Versión de A y más"  # nothing typed is lost
    assert view.conflict_bar.isVisible()
    assert "otra estación" in view.save_label.text()
    # The autosave keeps out of it too while the person has not chosen.
    view.drafts.autosave()
    qtbot.waitUntil(lambda: not view.drafts.saving, timeout=5000)
    assert _stored(context, post_id) == "Versión de B"
    a.sync()
    assert _shared(shared_engine, post_id) == "Versión de B"


def test_unchanged_editor_reloads_the_version_that_arrived_and_says_so(
        qtbot, view, context, two, typer):
    _a, _b, post_id = two
    view.shared_data_changed()  # what the window does after every sync
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "Versión de B", timeout=5000)
    assert "otra estación" in view.save_label.text()
    assert not view.conflict_bar.isVisible()
    assert not view.drafts.unsaved
    typer(view.editor, " y más")
    assert saved(qtbot, view) is True
    assert _stored(context, post_id) == "Versión de B y más"


def test_unsaved_text_shows_both_versions_and_the_person_keeps_theirs(
        qtbot, view, context, two, typer, shared_engine):
    a, _b, post_id = two
    view.drafts.SAVE_DELAY_MS = 60_000
    view.drafts._save_timer.setInterval(60_000)
    typer(view.editor, " y más")
    view.shared_data_changed()
    qtbot.waitUntil(lambda: view.conflict_bar.isVisible(), timeout=5000)
    assert view.editor.toPlainText() == "Versión de A y más"
    dialog = view.conflict_bar.compare_versions()
    assert dialog is not None
    assert dialog.mine_view.toPlainText() == "Versión de A y más"
    assert dialog.theirs_view.toPlainText() == "Versión de B"
    dialog.keep_button.click()
    assert not view.conflict_bar.isVisible()
    qtbot.waitUntil(lambda: "Se conservó" in view.save_label.text(), timeout=5000)
    assert _stored(context, post_id) == "Versión de A y más"
    a.sync()  # the choice is an ordinary edit on top of B's version: no sync conflict
    assert _shared(shared_engine, post_id) == "Versión de A y más"


def test_unsaved_text_the_person_takes_the_other_version(qtbot, view, context, two, typer):
    _a, _b, post_id = two
    view.drafts._save_timer.setInterval(60_000)
    typer(view.editor, " y más")
    view.shared_data_changed()
    qtbot.waitUntil(lambda: view.conflict_bar.isVisible(), timeout=5000)
    view.conflict_bar.take_button.click()
    assert view.editor.toPlainText() == "Versión de B"
    assert not view.conflict_bar.isVisible() and not view.drafts.unsaved
    assert _stored(context, post_id) == "Versión de B"


def test_leaving_a_draft_in_conflict_asks_first(qtbot, view, two, typer, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from redes_desktop.ui.composer import draft_actions

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(draft_actions.QMessageBox, "question", question)
    typer(view.editor, " y más")
    saved(qtbot, view)
    view.new_action.trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert view.editor.toPlainText() == "Versión de A y más"


def test_neither_publishing_nor_consulting_uses_a_version_the_editor_does_not_show(
        qtbot, view, context, two, typer, monkeypatch):
    from redes_desktop.ui.composer import composer_view, draft_actions

    told: list[str] = []

    def information(_parent, _title, text, *args, **kwargs):
        told.append(text)

    monkeypatch.setattr(draft_actions.QMessageBox, "information", information)
    monkeypatch.setattr(composer_view.QMessageBox, "information", information)
    consulted: list = []
    view.consult_handler = consulted.append
    typer(view.editor, " y más")
    saved(qtbot, view)
    assert view.conflict_bar.isVisible()
    view.scheduler.schedule(view.build_request())
    qtbot.waitUntil(lambda: view.scheduler.engine is not None and not view.scheduler.busy,
                    timeout=5000)
    assert view.mark_published() is False
    view.consult()
    assert consulted == [] and len(told) == 2
    assert all("elija primero qué versión" in text for text in told)


def test_a_saved_version_that_lost_the_race_is_pointed_to_in_conflicts(
        qtbot, view, context, shared_engine, tmp_path, typer):
    """A saved here but not yet pushed while B pushed first: the sync keeps B's version
    (the first to reach the server) and A's in Conflictos; the editor says where A's went."""
    a = SyncEngine(context.database.engine, shared_engine, clock=context.clock)
    b = make_station(tmp_path, "b", shared_engine)
    try:
        typer(view.editor, "Versión de A")
        saved(qtbot, view)
        post_id = view.post_id
        a.sync()
        b.sync()
        with b.db.session() as s:
            s.get(Post, post_id).text = "Versión de B"
            s.commit()
        b.sync()
        typer(view.editor, " (editada)")
        assert saved(qtbot, view) is True  # saved here; not pushed yet
        a.sync()  # pushes (conflict: B was first) and pulls B's version back
        assert _stored(context, post_id) == "Versión de B"
        view.shared_data_changed()
        qtbot.waitUntil(lambda: view.editor.toPlainText() == "Versión de B", timeout=5000)
        assert "Conflictos de sincronización" in view.save_label.text()
        assert not view.conflict_bar.isVisible()
    finally:
        QThreadPool.globalInstance().waitForDone()
        b.db.dispose()


def test_the_details_that_arrived_are_shown_when_not_being_edited(
        qtbot, view, context, two, shared_engine):
    a, b, post_id = two
    with b.db.session() as s:
        s.get(Post, post_id).topic = "Credencial para votar"
        s.commit()
    b.sync()
    a.sync()
    view.shared_data_changed()
    qtbot.waitUntil(lambda: view.details_panel.topic_edit.text() == "Credencial para votar",
                    timeout=5000)
