"""What the Redactor shows and does about consultations, attached from outside the composer:

* `install(section, context)` sets the composer's `consult_handler` («Consultar a CNCS…») and
  puts a line above the editor saying where the draft's consultation stands (pending with its
  deadline, approved, approved for another version — with the diff —, rejected, changes
  requested, or no procedente).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QBoxLayout, QLabel, QMessageBox

from redes_desktop.actions.list_consultations import (
    format_countdown,
    format_mexico,
    is_expired,
    remaining,
)
from redes_desktop.context import AppContext
from redes_desktop.models import ConsultationState
from redes_desktop.ui.consultas.review_dialog import ConsultationDialog
from redes_desktop.ui.consultas.send_dialog import SendDialog
from redes_desktop.ui.consultas.store import ConsultationStore, PostConsultation
from redes_desktop.ui.tasks import SynchronousPool, run_task

if TYPE_CHECKING:  # only for the annotation: the composer imports the check engine
    from redes_desktop.ui.composer.composer_view import ComposerSection

S = ConsultationState
BADGE_REFRESH_MS = 5_000


def findings_of(outcome) -> list[dict]:
    """The composer's latest findings as plain dicts for the snapshot (one per network)."""
    if outcome is None:
        return []
    return [
        {"network": network.value, "rule": f.rule, "severity": f.severity.value,
         "message": f.message, "start": f.start, "end": f.end}
        for network, result in outcome.results.items() for f in result.findings
    ]


class ConsultationBadge(QLabel):
    """A line above the editor about the open draft's latest consultation."""

    def __init__(self, context: AppContext, section: ComposerSection,
                 pool: QThreadPool | SynchronousPool | None = None) -> None:
        super().__init__(section)
        self.context = context
        self.section = section
        self.pool = pool
        self.store = ConsultationStore(context)
        self.current: PostConsultation | None = None
        self._post_id: uuid.UUID | None = None
        self.setWordWrap(True)
        self.setObjectName("estado_consulta")
        self.linkActivated.connect(self._open)
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(BADGE_REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        # Another draft opened (or a new one): the previous draft's line goes at once, never
        # shown over a draft it does not belong to (issue 15).
        drafts = getattr(section, "drafts", None)
        if drafts is not None and hasattr(drafts, "post_changed"):
            drafts.post_changed.connect(self._on_post_changed)

    def _on_post_changed(self, _post_id: object) -> None:
        self.current = None
        self.hide()
        self.refresh()

    def refresh(self) -> None:
        """Read the open draft's latest consultation on a worker, then show it."""
        post_id = self.section.post_id
        self._post_id = post_id
        if post_id is None:
            self._show(None, None)
            return
        store = self.store
        run_task(lambda: store.for_post(post_id), self._show, self.pool)

    def _show(self, current: PostConsultation | None, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if self.section.post_id != self._post_id:
            return  # another draft was opened meanwhile: its own refresh follows
        self.current = None if error is not None else current
        if self.current is None:
            self.hide()
            return
        self.setText(self.describe(self.current))
        self.show()

    def describe(self, c: PostConsultation) -> str:
        now = self.context.clock()
        link = f' <a href="{c.consultation_id}">{self.tr("Ver consulta")}</a>'
        if c.state == S.PENDIENTE and not is_expired(c.deadline, now):
            return self.tr("En consulta con la CNCS: vence el %s (quedan %s h). No se puede "
                           "publicar sin su respuesta.") % (
                format_mexico(c.deadline), format_countdown(remaining(c.deadline, now))) + link
        if c.state in (S.PENDIENTE, S.NO_PROCEDENTE):
            return self.tr("Consulta «No procedente — sin respuesta en 48 h»: no procede "
                           "publicar. Envíe una nueva consulta si aún es oportuno.") + link
        if c.state == S.APROBADA and c.changed_since:
            return self.tr("La CNCS aprobó otra versión: el borrador cambió después de la "
                           "aprobación y necesita una nueva consulta.") + (
                f' <a href="{c.consultation_id}">{self.tr("Ver diferencias")}</a>')
        if c.state == S.APROBADA:
            return self.tr("Aprobada por la CNCS: la aprobación cubre exactamente este texto y "
                           "estas imágenes.") + link
        if c.state == S.RECHAZADA:
            return self.tr("Rechazada por la CNCS: %s") % c.reasoning + link
        return self.tr("La CNCS pide cambios: %s Haga los cambios y envíe una nueva consulta.") % (
            c.requested_changes) + link

    def _open(self, href: str) -> None:
        try:
            consultation_id = uuid.UUID(href)
        except ValueError:
            return
        ConsultationDialog(self.context, consultation_id, self.pool, self.section).exec()


def install(section: ComposerSection, context: AppContext,
            pool: QThreadPool | SynchronousPool | None = None) -> ConsultationBadge:
    """Wire «Consultar a CNCS…» of a ComposerSection and add the consultation line."""
    badge = ConsultationBadge(context, section, pool)
    layout = section.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(0, badge)
    title = section.tr("Consultar a CNCS")

    def handler(post_id: uuid.UUID | None) -> None:
        if post_id is None:
            QMessageBox.information(section, title, section.tr(
                "Escriba la publicación antes de consultar a la CNCS."))
            return
        networks = [n.value for n in section.selected_networks()]
        dialog = make_send_dialog(context, post_id, networks, findings_of(section.outcome),
                                  pool, section)
        if dialog.exec() and dialog.outcome is not None:
            QMessageBox.information(section, title, dialog.result_text())
            section.drafts.clear()  # the draft is now frozen «en consulta»
        badge.refresh()

    section.consult_handler = handler
    section.consultation_badge = badge
    return badge


def make_send_dialog(context, post_id, networks, findings, pool, parent) -> SendDialog:
    """Separate so tests can replace the modal dialog."""
    return SendDialog(context, post_id, networks, findings, pool, parent)
