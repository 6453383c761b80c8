"""The Redactor's live check under pytest-qt with a small fake-rule CheckEngine (fast,
deterministic) and the real QThreadPool: underlines at UTF-16 positions, stale results dropped,
quick fixes, images, counters, the findings list, and who may compose (tests/composer_world.py
builds the world; the drafts and publishing have their own test modules)."""

from __future__ import annotations

import re
import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMenu, QWidget

from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.models import Network
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.ui.composer.offsets import OffsetMapper
from tests import composer_world
from tests.composer_support import ready
from tests.composer_world import fake_length, rules_listed, wait_checked

# The fixtures of tests/composer_world.py these tests take by name.
context = composer_world.context
engine = composer_world.engine
png = composer_world.png
view = composer_world.view


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
