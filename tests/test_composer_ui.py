"""The Redactor under pytest-qt with a small fake-rule CheckEngine (fast, deterministic) and the
real QThreadPool: underlines at UTF-16 positions, stale results dropped, quick fixes, images,
counters, autosave, publishing refused while a finding blocks, and who may compose."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.spelling import InstitutionalDictionary
from redes_desktop.context import AppContext
from redes_desktop.models import Network, Post, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer import composer_view, draft_actions, mark_published
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.ui.composer.offsets import OffsetMapper
from redes_desktop.workspace import open_workspace
from tests.composer_support import opened, ready, saved
from tests.factories import make_office, make_reviewer
from tests.pools import HeldPool


# -- fake rules ----------------------------------------------------------------------------------
class FakeSpelling:
    """Flags "publicacion" (6.xxiv, advierte) unless the dictionary accepts it."""

    rule_id = "6.xxiv"

    def __init__(self, dictionary: InstitutionalDictionary) -> None:
        self.dictionary = dictionary

    def check(self, item: CheckInput) -> list[Finding]:
        return [
            Finding("6.xxiv", Severity.ADVIERTE, f'"{m.group()}" no está en el diccionario.',
                    m.start(), m.end(), ("publicación",), "ortografia")
            for m in re.finditer(r"\bpublicacion\b", item.text)
            if m.group() not in self.dictionary
        ]


class FakePersonalData:
    rule_id = "6.iii"

    def check(self, item: CheckInput) -> list[Finding]:
        return [
            Finding("6.iii", Severity.BLOQUEA, "Hay un teléfono personal: quítelo.",
                    m.start(), m.end(), ("",), "telefono")
            for m in re.finditer(r"\b\d{10}\b", item.text)
        ]


class FakeImageRequired:
    rule_id = "6.xxvi"

    def check(self, item: CheckInput) -> list[Finding]:
        if item.network == Network.X and not item.images:
            return [Finding("6.xxvi", Severity.BLOQUEA, "En X toda publicación lleva imagen.",
                            code="falta_imagen")]
        return []


class FakeAltText:
    rule_id = "6.xxii"

    def check(self, item: CheckInput) -> list[Finding]:
        return [Finding("6.xxii", Severity.ADVIERTE, "Falta el texto alternativo de la imagen.",
                        code="falta_texto_alternativo")
                for alt in item.alt_texts if not alt.strip()]


def fake_length(text: str, network: Network) -> tuple[int, int]:
    return len(text), 280 if network == Network.X else 2200


@pytest.fixture
def engine(tmp_path) -> CheckEngine:
    dictionary = InstitutionalDictionary(tmp_path / "diccionario.txt", builtin_path=None)
    return CheckEngine(
        text_rules=[FakeSpelling(dictionary), FakePersonalData()],
        network_rules=[FakeImageRequired(), FakeAltText()],
        length_of=fake_length,
    )


@pytest.fixture
def context(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        office = make_office(directory)
        reviewer = make_reviewer(directory)
        session.commit()
        ids = {"titular": office.titular.id, "suplente": office.suplente.id,
               "reviewer": reviewer.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.ids = ids
    ctx.choose_identity(ids["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


@pytest.fixture
def view(qtbot, context, engine):
    section = ComposerSection(context, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def png(tmp_path):
    from PIL import Image

    path = tmp_path / "cartel.png"
    Image.new("RGB", (1600, 900), (200, 30, 90)).save(path)
    return path


def wait_checked(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view.outcome is not None and view.scheduler.is_current, timeout=5000)


def rules_listed(view) -> list[str]:
    return [row.finding.rule for row in view.findings.rows]


class Boxes(QMessageBox):
    """Records the static message boxes instead of opening modal dialogs."""

    shown: list[tuple[str, str]] = []

    @staticmethod
    def warning(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("warning", text))
        return QMessageBox.StandardButton.Ok

    @staticmethod
    def information(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("information", text))
        return QMessageBox.StandardButton.Ok

    @staticmethod
    def question(_parent, _title, text, *args, **kwargs):
        Boxes.shown.append(("question", text))
        return QMessageBox.StandardButton.Yes


@pytest.fixture
def boxes(monkeypatch):
    Boxes.shown = []
    monkeypatch.setattr(composer_view, "QMessageBox", Boxes)
    monkeypatch.setattr(draft_actions, "QMessageBox", Boxes)
    monkeypatch.setattr(mark_published, "QMessageBox", Boxes)
    return Boxes.shown


# -- tests ---------------------------------------------------------------------------------------
def test_typing_accented_text_underlines_finding_after_emoji(qtbot, context, engine, typer):
    release = threading.Event()

    def slow_factory():
        release.wait(5)
        return engine

    view = ComposerSection(context, engine_factory=slow_factory)
    qtbot.addWidget(view)
    ready(qtbot, view)
    typer(view.editor, "😀 Nuestra publicacion está lista")
    qtbot.waitUntil(lambda: "Preparando revisión" in view.findings.summary_label.text())
    release.set()
    wait_checked(qtbot, view)

    selections = view.editor.extraSelections()
    assert len(selections) == 1
    cursor = selections[0].cursor
    # the emoji is two UTF-16 units: "😀 Nuestra " is 11 units long
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (11, 22)
    assert cursor.selectedText() == "publicacion"
    assert "6.xxiv" in rules_listed(view)
    item = view.findings.tree.topLevelItem(rules_listed(view).index("6.xxiv"))
    assert "no está en el diccionario" in item.text(1)
    assert "Criterio 6.xxiv" in view.editor.tooltip_at(15)
    QThreadPool.globalInstance().waitForDone()


def test_offset_mapper_handles_emoji_and_decomposed_text():
    mapper = OffsetMapper("👍🏽 ok")
    assert mapper.span(3, 5) == (5, 7)
    decomposed = OffsetMapper("publicacio\u0301n x")  # NFC "publicación x"
    assert decomposed.span(12, 13) == (13, 14)


def test_stale_results_are_dropped(qtbot, view, typer):
    typer(view.editor, "Una publicacion")
    wait_checked(qtbot, view)
    old_revision, old_outcome = view.scheduler.revision, view.outcome
    typer(view.editor, " nueva")
    assert view.scheduler.deliver(old_revision, old_outcome) is False
    wait_checked(qtbot, view)
    assert view.outcome is not old_outcome
    assert view.outcome.request.text == "Una publicacion nueva"


def test_suggestion_replaces_the_span(qtbot, view, typer):
    typer(view.editor, "La publicacion de hoy")
    wait_checked(qtbot, view)
    menu = QMenu()
    actions = {a.text(): a for a in view.editor.finding_actions(5, menu)}
    assert "Agregar «publicacion» al diccionario institucional" in actions
    actions["Cambiar por «publicación»"].trigger()
    assert view.editor.toPlainText() == "La publicación de hoy"
    wait_checked(qtbot, view)
    assert "6.xxiv" not in rules_listed(view)
    view.editor.undo()
    assert view.editor.toPlainText() == "La publicacion de hoy"


def test_context_menu_puts_the_quick_fixes_first(qtbot, view, typer):
    """The right-click menu: the finding's fixes, a separator, then Qt's own entries."""
    from PySide6.QtGui import QContextMenuEvent

    typer(view.editor, "La publicacion de hoy")
    wait_checked(qtbot, view)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    shown: list[list[str]] = []

    def read_and_close() -> None:  # runs inside the menu's own event loop
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.append(["-" if a.isSeparator() else a.text() for a in menu.actions()])
        menu.close()

    QTimer.singleShot(0, read_and_close)
    cursor = view.editor.textCursor()
    cursor.setPosition(5)
    point = view.editor.cursorRect(cursor).center()
    view.editor.contextMenuEvent(QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.editor.mapToGlobal(point)))
    [entries] = shown
    separator = entries.index("-")
    assert "Cambiar por «publicación»" in entries[:separator]
    assert len(entries) > separator + 1  # Qt's entries (undo, copy, paste…) follow


def test_quick_fix_removes_personal_data(qtbot, view, typer):
    typer(view.editor, "Llame al 3312345678 hoy")
    wait_checked(qtbot, view)
    menu = QMenu()
    actions = {a.text(): a for a in view.editor.finding_actions(12, menu)}
    actions["Quitar el dato personal"].trigger()
    assert view.editor.toPlainText() == "Llame al  hoy"


def test_add_word_to_institutional_dictionary(qtbot, view, typer, engine, tmp_path):
    typer(view.editor, "La publicacion")
    wait_checked(qtbot, view)
    menu = QMenu()
    [add] = [a for a in view.editor.finding_actions(4, menu) if "diccionario" in a.text()]
    add.trigger()
    wait_checked(qtbot, view)
    assert "6.xxiv" not in rules_listed(view)
    assert "publicacion" in (tmp_path / "diccionario.txt").read_text(encoding="utf-8")


def test_selecting_a_finding_selects_its_span(qtbot, view, typer):
    typer(view.editor, "Hola, publicacion")
    wait_checked(qtbot, view)
    view.findings.select_row(rules_listed(view).index("6.xxiv"))
    assert view.editor.textCursor().selectedText() == "publicacion"
    view.findings.show_criterion()
    assert view.findings.criterion_label.text().startswith("Criterio 6.xxiv")


def test_image_requirement_disappears_after_adding_an_image(qtbot, view, typer, png):
    typer(view.editor, "Aviso")
    wait_checked(qtbot, view)
    assert "6.xxvi" in rules_listed(view)
    assert "No publicable: 1 problema que bloquea" in view.findings.summary_label.text()
    assert not view.publish_action.isEnabled()

    view.media.add_files([str(png)])
    wait_checked(qtbot, view)
    assert "6.xxvi" not in rules_listed(view)
    assert "6.xxii" in rules_listed(view)  # the alt text is still empty
    assert "Publicable" in view.findings.summary_label.text()
    row = view.media.rows[0]
    qtbot.waitUntil(lambda: row.thumbnail.pixmap() is not None
                    and not row.thumbnail.pixmap().isNull())
    assert row.thumbnail.pixmap().width() <= 96

    row.alt_edit.setText("Cartel de la jornada electoral")
    wait_checked(qtbot, view)
    assert "6.xxii" not in rules_listed(view)
    assert view.outcome.request.alt_texts == ("Cartel de la jornada electoral",)


def test_counters_show_remaining_and_turn_red_when_over(qtbot, view, typer):
    typer(view.editor, "Hola México")
    wait_checked(qtbot, view)
    label = view.counters.labels[Network.X]
    assert label.text() == "X: 11 / 280 (quedan 269)"
    assert not label.property("over")

    view.editor.setPlainText("palabra " * 40)  # 320 characters
    wait_checked(qtbot, view)
    assert label.text() == "X: 320 / 280 (sobran 40)"
    assert label.property("over")
    qtbot.waitUntil(lambda: view.previews.current, timeout=5000)
    x_card = view.previews.cards[Network.X]
    assert len(x_card.visible_part()) <= 280
    assert x_card.visible_part().startswith("palabra palabra")


def test_other_networks_can_be_checked_too(qtbot, view, typer):
    view.network_boxes[Network.FACEBOOK].setChecked(True)
    typer(view.editor, "Aviso")
    wait_checked(qtbot, view)
    assert set(view.outcome.results) == {Network.X, Network.FACEBOOK}
    assert view.counters.labels[Network.FACEBOOK].text() == "Facebook: 5 / 2200 (quedan 2195)"


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


def test_reviewer_sees_an_explanation_instead_of_accounts(qtbot, context, engine):
    context.choose_identity(context.ids["reviewer"])
    view = ready(qtbot, ComposerSection(context, engine_factory=lambda: engine))
    qtbot.addWidget(view)
    assert view.pages.currentIndex() == 0
    assert view.account_combo.count() == 0
    assert "CNCS" in view.explanation.text()


def test_suplente_not_covering_is_told_why(qtbot, context, engine):
    context.choose_identity(context.ids["suplente"])
    view = ready(qtbot, ComposerSection(context, engine_factory=lambda: engine))
    qtbot.addWidget(view)
    assert view.pages.currentIndex() == 0
    assert "ausencia" in view.explanation.text()


def test_closing_the_main_window_saves_the_draft_being_typed(qtbot, tmp_path):
    """The autosave waits a second; closing the window must not lose that second."""
    from redes_desktop.ui.main_window import MainWindow

    calls = []

    class Page(QWidget):
        def save_now(self):
            calls.append("saved")
            return True

    window = MainWindow("x")
    qtbot.addWidget(window)
    window._pages["redactor"] = Page()
    window.close()
    assert calls == ["saved"]


def test_added_image_is_replaced_by_a_copy_without_location(qtbot, view, tmp_path):
    from PIL import Image

    from redes_desktop.checks.images import has_gps

    original = tmp_path / "con-gps.jpg"
    image = Image.new("RGB", (800, 600), (10, 120, 10))
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (19.0, 25.0, 57.0)
    image.save(original, exif=exif)
    view.media.add_files([str(original)])
    qtbot.waitUntil(lambda: view.media.items()[0][0] != str(original), timeout=5000)
    copy = view.media.items()[0][0]
    assert "media" in copy and not has_gps(copy)
    assert has_gps(original)


class DownLanguageTool:
    """A spelling rule whose LanguageTool server is down: the dictionary keeps working."""

    rule_id = "6.xxiv"
    languagetool_status = "LanguageTool no disponible: no se pudo conectar con el servidor."

    def check(self, item):
        return []


def test_languagetool_outage_reaches_the_window_status_bar(qtbot, context, typer):
    from redes_desktop.ui.main_window import MainWindow

    window = MainWindow(str(context.workspace.paths.root))
    qtbot.addWidget(window)
    section = ComposerSection(context, engine_factory=lambda: CheckEngine(
        text_rules=[DownLanguageTool()], network_rules=[], length_of=fake_length))
    ready(qtbot, section)
    section.status_message.connect(window._show_service_status)
    with qtbot.waitSignal(section.status_message, timeout=5000):
        typer(section.editor, "Hola")
    assert "LanguageTool no disponible" in window.statusBar().currentMessage()
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


class ManyFindings:
    """Flags every word: with 5,000 words, 5,000 findings (the engine's own cap aside)."""

    rule_id = "6.xxiv"

    def check(self, item: CheckInput) -> list[Finding]:
        return [Finding("6.xxiv", Severity.ADVIERTE, "Palabra marcada.", m.start(), m.end(),
                        (), "ortografia") for m in re.finditer(r"\w+", item.text)]


def test_thousands_of_findings_are_capped_in_the_list_and_the_underlines(qtbot, context):
    from redes_desktop.ui.composer.findings_panel import FindingsPanel
    from redes_desktop.ui.composer.post_editor import PostEditor

    # The engine's own per-rule cap is off: this test floods the UI itself.
    view = ComposerSection(context, engine_factory=lambda: CheckEngine(
        text_rules=[ManyFindings()], network_rules=[], length_of=fake_length,
        max_findings_per_rule=None))
    qtbot.addWidget(view)
    ready(qtbot, view)
    view.resize(1100, 700)
    view.show()
    view.editor.setPlainText("\n".join(f"palabra{i:04d}" for i in range(5000)))
    wait_checked(qtbot, view)

    panel = view.findings
    assert len(panel.rows) == FindingsPanel.MAX_LISTED and panel.unlisted == 4500
    assert panel.tree.topLevelItemCount() == FindingsPanel.MAX_LISTED + 1
    more = panel.tree.topLevelItem(FindingsPanel.MAX_LISTED)
    assert "y 4500 más" in more.text(1)
    panel.tree.setCurrentItem(more)
    assert panel.current_finding() is None  # the «más» row is not a finding

    editor = view.editor
    assert len(editor.marks) == 5000  # tooltips and quick fixes still know every finding
    selections = editor.extraSelections()
    assert 0 < len(selections) <= PostEditor.MAX_SELECTIONS
    assert {s.cursor.selectedText() for s in selections} >= {"palabra0000"}
    first, last = editor.visible_range()
    assert all(first <= s.cursor.selectionEnd() and s.cursor.selectionStart() <= last
               for s in selections)
    # Scrolling to the end draws the underlines there instead.
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    texts = {s.cursor.selectedText() for s in editor.extraSelections()}
    assert "palabra4999" in texts and "palabra0000" not in texts
    view.save_now()
    QThreadPool.globalInstance().waitForDone()


def test_finding_tooltip_goes_through_tr(qapp):
    from redes_desktop.ui.composer.post_editor import finding_tooltip
    from tests.test_notifications_ui import pseudo_translated

    finding = Finding("6.xxiv", Severity.ADVIERTE, "Revise la palabra.", 0, 3)
    assert "Criterio 6.xxiv: " in finding_tooltip(finding)
    with pseudo_translated():
        tooltip = finding_tooltip(finding)
    assert tooltip.startswith("Revise la palabra.\n\n⟦Criterio 6.xxiv: ")
    assert tooltip.endswith("⟧")


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
