"""The Redactor's drafts under pytest-qt: autosave, new, reopen, discard, and every read and
write on the worker pool with the next step in a callback (ui/composer/draft_actions.py)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThreadPool

from redes_desktop.models import Post, PostStatus
from redes_desktop.ui.composer.composer_view import ComposerSection
from tests import composer_world
from tests.composer_support import opened, ready, saved
from tests.composer_world import wait_checked
from tests.pools import HeldPool

# The fixtures of tests/composer_world.py these tests take by name.
boxes = composer_world.boxes
context = composer_world.context
engine = composer_world.engine
png = composer_world.png
view = composer_world.view


def test_autosave_creates_a_post_and_same_text_is_a_no_op(qtbot, view, typer, context):
    typer(view.editor, "Jornada de credencialización")
    qtbot.waitUntil(lambda: view.post_id is not None, timeout=5000)
    with context.session() as session:
        post = session.get(Post, view.post_id)
        assert post.text == "Jornada de credencialización"
        assert post.status == PostStatus.BORRADOR
    assert saved(qtbot, view) is False
    qtbot.waitUntil(lambda: view.drafts_combo.count() == 2, timeout=5000)


def test_new_draft_and_reopen(qtbot, view, typer):
    typer(view.editor, "Primer borrador")
    assert saved(qtbot, view) is True
    first = view.post_id
    view.new_action.trigger()  # saves first, on the worker, then empties the editor
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "" and view.post_id is None,
                    timeout=5000)
    assert view.new_action.shortcut().toString() == "Ctrl+N"
    assert view.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert opened(qtbot, view, first)
    assert view.editor.toPlainText() == "Primer borrador"
    assert view.post_id == first


def test_a_reopened_draft_names_its_image_as_chosen(qtbot, view, typer, png):
    """Issue 15: the copy is content-addressed, but the draft shows «cartel.png», never the
    hash, and so do the findings about it."""
    view.media.add_files([str(png)])
    qtbot.waitUntil(lambda: view.media.rows[0].path != str(png), timeout=5000)  # the copy
    typer(view.editor, "Cartel de la jornada")
    assert saved(qtbot, view) is True
    first = view.post_id
    view.new_action.trigger()
    qtbot.waitUntil(lambda: view.post_id is None, timeout=5000)
    assert view.media.rows == []
    assert opened(qtbot, view, first)
    qtbot.waitUntil(lambda: len(view.media.rows) == 1, timeout=5000)
    row = view.media.rows[0]
    digest = Path(row.path).parent.name
    assert row.name_label.text() == "cartel.png" and digest not in row.name_label.toolTip()
    wait_checked(qtbot, view)
    tree = view.findings.tree
    assert all(digest not in tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount()))


def test_discard_and_consult(qtbot, view, typer, context, boxes):
    typer(view.editor, "Para descartar")
    saved(qtbot, view)
    post_id = view.post_id
    view.discard_action.trigger()  # runs on a worker; the editor empties when it is done
    qtbot.waitUntil(lambda: view.post_id is None, timeout=5000)
    with context.session() as session:
        assert session.get(Post, post_id).status == PostStatus.DESCARTADA
    view.consult_action.trigger()
    assert "próxima versión" in boxes[-1][1]


def test_autosave_records_the_findings_of_the_saved_text(qtbot, view, typer, context):
    """8.iii: the bitácora says what the checks found when the draft was saved."""
    from redes_desktop.services.activity import MemoryRecorder

    context.recorder = MemoryRecorder()
    typer(view.editor, "La publicacion de hoy")
    wait_checked(qtbot, view)
    assert saved(qtbot, view) is True
    written = [e for e in context.recorder.entries
               if e.action in ("borrador_creado", "borrador_editado")]
    assert written and written[-1].details.get("revisada") is True
    rules = {item["regla"] for item in written[-1].details["hallazgos"]}
    assert "6.xxiv" in rules


def test_autosave_writes_off_the_ui_thread(qtbot, view, typer, monkeypatch):
    """Typing never waits for the database: the timer's save runs on the worker."""
    import threading

    threads = []
    original = view.store.save

    def recording(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    typer(view.editor, "Primera versión")
    qtbot.waitUntil(lambda: view.post_id is not None, timeout=5000)
    monkeypatch.setattr(view.store, "save", recording)
    typer(view.editor, " y segunda")
    qtbot.waitUntil(lambda: threads != [], timeout=5000)
    assert threads == [False]
    qtbot.waitUntil(lambda: not view.drafts.saving, timeout=5000)
    assert saved(qtbot, view) is False  # already saved by the worker


def test_a_save_ending_after_the_section_is_deleted_changes_nothing(
    qtbot, context, engine, typer, monkeypatch
):
    """The draft actions are a child of the section: deleted with it, a save that ends later on
    the worker touches no deleted widget (and the row is still written)."""
    import shiboken6

    section = ready(qtbot, ComposerSection(context, engine_factory=lambda: engine))
    typer(section.editor, "Texto que se guarda al cerrar")
    gate = threading.Event()
    original = section.store.create

    def slow_create(*args, **kwargs):
        gate.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(section.store, "create", slow_create)
    drafts = section.drafts
    drafts.autosave()
    assert drafts.saving
    shiboken6.delete(section)
    assert not shiboken6.isValid(drafts)
    gate.set()
    qtbot.waitUntil(lambda: not drafts.saving, timeout=5000)
    QThreadPool.globalInstance().waitForDone()
    with context.session() as session:
        texts = [p.text for p in session.query(Post).all()]
    assert texts == ["Texto que se guarda al cerrar"]


def test_saving_opening_and_discarding_run_off_the_ui_thread(qtbot, view, typer, boxes,
                                                             monkeypatch):
    """Issue 13: the Redactor's actions open the database on the worker, never on the UI
    thread, even when the caller waits for the result (save before opening another draft)."""
    on_ui_thread: dict[str, list[bool]] = {}

    def spy(name):
        original = getattr(view.store, name)

        def wrapped(*args, **kwargs):
            is_main = threading.current_thread() is threading.main_thread()
            on_ui_thread.setdefault(name, []).append(is_main)
            return original(*args, **kwargs)

        monkeypatch.setattr(view.store, name, wrapped)

    for name in ("create", "save", "drafts", "load", "discard", "recent_posts",
                 "composable_accounts"):
        spy(name)
    typer(view.editor, "Primer borrador")
    assert saved(qtbot, view) is True
    first = view.post_id
    view.new_action.trigger()
    qtbot.waitUntil(lambda: view.post_id is None, timeout=5000)
    assert opened(qtbot, view, first) and view.editor.toPlainText() == "Primer borrador"
    view.editor.insertPlainText(" cambiado")
    assert saved(qtbot, view) is True
    reloaded: list[bool] = []
    view.reload_identity(lambda: reloaded.append(True))
    qtbot.waitUntil(lambda: reloaded == [True], timeout=5000)
    assert opened(qtbot, view, first)
    view.discard_action.trigger()
    qtbot.waitUntil(lambda: view.post_id is None, timeout=5000)
    assert set(on_ui_thread) == {"create", "save", "drafts", "load", "discard",
                                 "recent_posts", "composable_accounts"}
    assert all(flag is False for flags in on_ui_thread.values() for flag in flags), \
        on_ui_thread


def test_a_step_that_needs_the_draft_saved_continues_in_a_callback(qtbot, context, engine):
    """Issue 13: no step of the Redactor waits in a local event loop. Saving returns at once
    with the save on the pool; what needs it (here a second save, then opening a draft) runs
    when it ends, in order; while a draft is read the editor takes no typing."""
    pool = HeldPool()
    view = ComposerSection(context, engine_factory=lambda: engine, pool=pool)
    qtbot.addWidget(view)
    assert not view.ready  # the accounts are on their way
    pool.run_all()
    assert view.ready and view.current_account() is not None
    view.editor.setPlainText("Primer borrador")
    answers: list[object] = []
    view.save_now(answers.append)
    assert answers == [] and view.drafts.saving  # returned at once: the save is held
    view.save_now(answers.append)  # waits for the first, never runs beside it
    assert len(pool.held) == 1 or answers == []
    pool.run_all()
    assert answers == [True, False]
    first = view.post_id
    assert first is not None

    view.drafts.clear()
    pool.run_all()
    view.editor.setPlainText("Segundo borrador")
    view.open_draft(first, answers.append)  # saves the second, then reads the first
    pool.run_all()
    assert answers[-1] is True and view.editor.toPlainText() == "Primer borrador"
    assert view.post_id == first and not view.editor.isReadOnly()

    view.open_draft(first, answers.append)
    while pool.held and not view.drafts._opening:
        pool.finish()
    assert view.drafts._opening and view.editor.isReadOnly()  # the draft is being read
    pool.run_all()
    assert answers[-1] is True and not view.editor.isReadOnly()
    with context.session() as session:
        assert {p.text for p in session.query(Post).all()} == {"Primer borrador",
                                                               "Segundo borrador"}
