"""The open draft changed on another workstation (issue 15): what is shown belongs to what is
open. After a sync the Redactor reads the draft as stored now: another workstation's version is
loaded when nothing typed here is unsaved (and the person is told); otherwise both versions are
kept (`conflict`), nothing is saved, and the person chooses — their own (saved over the other
one) or the other (loaded). A save that finds another version stored does the same
(`DraftChangedElsewhere`, actions/save_draft.py).

Functions of a `DraftActions` (draft_actions.py), which delegates to them: they use its
widgets, store, timer and states (`base`, `conflict`, `unsaved`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer

from redes_desktop.ui.composer.store import DraftContent, DraftData
from redes_desktop.ui.tasks import run_task

if TYPE_CHECKING:
    from redes_desktop.ui.composer.draft_actions import DraftActions


def check_shared_version(drafts: DraftActions) -> None:
    """After a sync: read the open draft as stored now. Another workstation's version is
    loaded when nothing typed here is unsaved (and said so); otherwise both versions are
    kept and the person chooses (`conflict_changed`)."""
    post_id = drafts.post_id
    if post_id is None or drafts.base is None or drafts._publishing:
        return
    store = drafts.store
    run_task(lambda: store.load(post_id),
             lambda data, error: on_shared_version(drafts, post_id, data, error), drafts._pool)


def on_shared_version(drafts: DraftActions, post_id: uuid.UUID, data: DraftData | None,
                       error: BaseException | None) -> None:
    if not _alive(drafts) or error is not None or data is None:
        return  # the Redactor closed meanwhile, or the draft was removed: the next save says so
    if post_id != drafts.post_id or drafts.base is None or drafts._publishing:
        return  # another draft was opened meanwhile
    if drafts.saving:  # our own save is being written: look again once it is done
        QTimer.singleShot(200, drafts.check_shared_version)
        return
    if data.content == drafts.base:
        return  # only the details or the bookkeeping changed
    if drafts.unsaved or shown_content(drafts) != drafts.base:
        enter_conflict(drafts, data)
        return
    show_version(drafts, data)
    if data.in_conflicts:  # this workstation's version did not reach the shared database
        drafts.widgets.save_label.setText(QCoreApplication.translate(
            "DraftActions",
            "El borrador cambió en otra estación y esa versión quedó en la base compartida: se "
            "cargó. La suya se conserva en Archivo → Conflictos de sincronización."))
        return
    drafts.widgets.save_label.setText(QCoreApplication.translate(
        "DraftActions", "El borrador cambió en otra estación: se cargó la versión nueva."))


def _alive(drafts: DraftActions) -> bool:
    """The draft actions and the widgets and timer they touch still exist (a read finishing
    after the window closed finds them deleted)."""
    w = drafts.widgets
    return all(shiboken6.isValid(o) for o in (drafts, drafts._save_timer, w.editor,
                                               w.save_label, w.media, w.reply_box))


def shown_content(drafts: DraftActions) -> DraftContent:
    w = drafts.widgets
    return DraftContent.of(w.editor.toPlainText(), w.reply_box.isChecked(), w.media.items())


def show_version(drafts: DraftActions, data: DraftData) -> None:
    """Put `data` in the editor (no save: it is what is stored)."""
    w = drafts.widgets
    drafts._save_timer.stop()
    position = w.editor.textCursor().position()
    drafts.loading = True
    w.editor.setPlainText(data.text)
    w.media.set_items(list(data.media))
    w.reply_box.setChecked(data.is_reply)
    drafts.loading = False
    cursor = w.editor.textCursor()  # the caret stays where the person was, if it can
    cursor.setPosition(min(position, len(w.editor.toPlainText())))
    w.editor.setTextCursor(cursor)
    drafts.base = data.content
    drafts.unsaved = False
    set_conflict(drafts, None)
    drafts.hooks.recheck()


def enter_conflict(drafts: DraftActions, current: DraftData) -> None:
    if current.id != drafts.post_id:
        return
    drafts._save_timer.stop()
    drafts.unsaved = True  # what is in the editor is not stored: never dropped unasked
    set_conflict(drafts, current)
    say_conflict(drafts)


def set_conflict(drafts: DraftActions, current: DraftData | None) -> None:
    changed = (current is None) != (drafts.conflict is None) or current != drafts.conflict
    drafts.conflict = current
    if changed and shiboken6.isValid(drafts):
        drafts.conflict_changed.emit(current)


def say_conflict(drafts: DraftActions) -> None:
    drafts.widgets.save_label.setText(QCoreApplication.translate(
        "DraftActions",
        "No se guardó: el borrador cambió en otra estación. Elija qué versión conservar."))


def mine(drafts: DraftActions) -> DraftContent:
    """What the editor holds now (this workstation's version in a conflict)."""
    return shown_content(drafts)


def keep_mine(drafts: DraftActions, then: Callable[[bool], None] | None = None) -> None:
    """Conflict: keep the editor's text, saved (on the worker) over the other version, which
    the person saw; `then(kept)` once it is written."""
    other = drafts.conflict
    if other is None:
        if then is not None:
            then(False)
        return
    drafts.base = other.content
    set_conflict(drafts, None)

    def saved(changed: bool) -> None:
        kept = drafts.conflict is None and not drafts.unsaved
        if kept:
            drafts.widgets.save_label.setText(QCoreApplication.translate(
                "DraftActions", "Se conservó su versión del borrador."))
        if then is not None:
            then(changed or kept)

    drafts.save_now(saved)


def take_theirs(drafts: DraftActions) -> None:
    """Conflict: show the other workstation's version (already stored: nothing to save)."""
    other = drafts.conflict
    if other is None:
        return
    show_version(drafts, other)
    drafts.widgets.save_label.setText(QCoreApplication.translate(
        "DraftActions", "Se cargó la versión de la otra estación."))
