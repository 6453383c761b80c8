"""«Marcar como publicada» in the Redactor (ui/composer/mark_published.py): refused while a
finding blocks, then accepted; the publishing check runs off the UI thread with the draft
locked; an unexpected error is shown in Spanish."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckInput, Finding
from redes_desktop.models import Post, PostStatus
from redes_desktop.ui.composer import mark_published
from redes_desktop.ui.composer.composer_view import ComposerSection
from tests import composer_world
from tests.composer_support import ready
from tests.composer_world import fake_length, wait_checked

# The fixtures of tests/composer_world.py these tests take by name.
boxes = composer_world.boxes
context = composer_world.context
engine = composer_world.engine
png = composer_world.png
view = composer_world.view


def test_mark_published_refused_while_blocked_then_accepted(
    qtbot, view, typer, png, context, boxes, monkeypatch
):
    monkeypatch.setattr(mark_published, "ask_url", lambda *a, **k: "https://x.com/JLE_JaliscoINE/status/1")
    typer(view.editor, "Aviso importante")
    wait_checked(qtbot, view)
    assert not view.publish_action.isEnabled()
    assert view.mark_published() is True  # started; the service refuses it on the worker
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    assert boxes[-1][0] == "warning"
    assert "No se puede marcar como publicada" in boxes[-1][1]
    assert not view.publish_action.isEnabled()
    assert not view.editor.isReadOnly()

    view.media.add_files([str(png)])
    view.media.rows[0].alt_edit.setText("Cartel")
    wait_checked(qtbot, view)
    assert view.publish_action.isEnabled()
    post_id = view.post_id
    assert view.mark_published() is True
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    assert boxes[-1] == ("information", "La publicación quedó registrada como publicada.")
    with context.session() as session:
        post = session.get(Post, post_id)
        assert post.status == PostStatus.PUBLICADA
        assert post.published_url == "https://x.com/JLE_JaliscoINE/status/1"
    assert view.post_id is None and view.editor.toPlainText() == ""


class GatedRule:
    """A network rule that, once armed, waits for the test to open the gate: a slow check."""

    rule_id = "6.xxvi"

    def __init__(self) -> None:
        self.gate: threading.Event | None = None
        self.threads: list[threading.Thread] = []

    def check(self, item: CheckInput) -> list[Finding]:
        if self.gate is not None:
            self.threads.append(threading.current_thread())
            self.gate.wait(5)
        return []


def test_publishing_check_runs_off_the_ui_thread_with_the_action_disabled(
    qtbot, context, boxes, monkeypatch, typer
):
    monkeypatch.setattr(mark_published, "ask_url", lambda *a, **k: "https://x.com/JLE_JaliscoINE/status/9")
    gated = GatedRule()
    engine = CheckEngine(text_rules=[], network_rules=[gated], length_of=fake_length)
    view = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(view)
    ready(qtbot, view)
    typer(view.editor, "Aviso de la jornada")
    wait_checked(qtbot, view)
    assert view.publish_action.isEnabled()
    gated.gate = threading.Event()
    try:
        assert view.mark_published() is True  # returns at once: the check waits on a worker
        assert view.publishing
        qtbot.waitUntil(lambda: view.post_id is not None, timeout=5000)  # saved first
        post_id = view.post_id
        assert not view.publish_action.isEnabled()
        assert view.editor.isReadOnly() and not view.discard_action.isEnabled()
        assert view.mark_published() is False  # no second run meanwhile
        qtbot.waitUntil(lambda: bool(gated.threads), timeout=5000)
        assert gated.threads[0] is not threading.main_thread()
    finally:
        gated.gate.set()
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    assert boxes[-1][0] == "information"
    with context.session() as session:
        assert session.get(Post, post_id).status == PostStatus.PUBLICADA
    assert view.post_id is None and not view.editor.isReadOnly()
    QThreadPool.globalInstance().waitForDone()


def test_unexpected_publishing_error_is_shown_in_spanish(
    qtbot, view, typer, boxes, monkeypatch, png
):
    monkeypatch.setattr(mark_published, "ask_url", lambda *a, **k: "https://x.com/a/status/1")

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(view.store, "mark_published", broken)
    view.media.add_files([str(png)])
    view.media.rows[0].alt_edit.setText("Cartel")
    typer(view.editor, "Aviso")
    wait_checked(qtbot, view)
    assert view.mark_published() is True
    qtbot.waitUntil(lambda: not view.publishing, timeout=5000)
    kind, text = boxes[-1]
    assert kind == "warning"
    assert text.startswith("No se pudo marcar como publicada") and "(disk I/O error)" in text
    assert view.post_id is not None
    # The draft stays publishable: the action comes back once the check that re-enabling the
    # widgets may start has delivered (under load that takes a moment).
    qtbot.waitUntil(view.publish_action.isEnabled, timeout=10000)


def test_the_details_are_stored_before_the_publishing_check_reads_them(
        qtbot, context, boxes, monkeypatch):
    """The details' save runs on the worker too: «Marcar como publicada» starts the check and
    the recording only once it has ended (the pool runs the newest work first, so a check
    started beside the save would run before it), and the check reads the purpose shown."""
    from redes_desktop.actions.post_details import load_post_details
    from tests.pools import HeldPool

    monkeypatch.setattr(mark_published, "ask_url", lambda *a, **k: "https://x.com/JLE/status/5")
    engine = CheckEngine(text_rules=[], network_rules=[], length_of=fake_length)
    pool = HeldPool()
    view = ComposerSection(context, engine_factory=lambda: engine, pool=pool)
    qtbot.addWidget(view)
    pool.run_all()
    assert view.ready
    view.drafts._save_timer.setInterval(60_000)  # no autosave: the publishing saves
    view.details_panel._save_timer.setInterval(60_000)
    order: list[tuple[str, str]] = []
    save_details, publish = view.store.save_post_details, view.store.mark_published

    def saving(post_id, details):
        order.append(("details", details.purpose))
        return save_details(post_id, details)

    def publishing(post_id, url, check):
        order.append(("publish", load_post_details(context.database, post_id).purpose))
        return publish(post_id, url, check)

    monkeypatch.setattr(view.store, "save_post_details", saving)
    monkeypatch.setattr(view.store, "mark_published", publishing)
    view.editor.setPlainText("Aviso de la jornada")
    panel = view.details_panel
    panel.purpose_combo.setCurrentIndex(panel.purpose_combo.findData("3.iv"))
    qtbot.waitUntil(lambda: pool.run_all() or (view.scheduler.is_current
                                               and view.outcome is not None), timeout=5000)
    assert view.post_id is None and view.publish_action.isEnabled()
    assert view.mark_published() is True
    while pool.held:
        pool.finish(-1)
    assert order == [("details", "3.iv"), ("publish", "3.iv")]
    assert boxes[-1] == ("information", "La publicación quedó registrada como publicada.")
    assert not view.publishing
