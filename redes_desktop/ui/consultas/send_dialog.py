"""«Consultar a CNCS…» from the Redactor: the administrator writes the question; the draft is
frozen (text, networks, images by content hash, the findings of the moment) and mailed to CNCS
with its 48-hour deadline. The mail leaves off the UI thread."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.list_consultations import format_mexico
from redes_desktop.actions.send_consultation import SendOutcome, deadline_for
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.ui.consultas.store import ConsultationStore, DraftPreview
from redes_desktop.ui.tasks import SynchronousPool, run_task


class SendDialog(QDialog):
    def __init__(self, context: AppContext, post_id: uuid.UUID, networks: Sequence[str] = (),
                 findings: Sequence[dict] = (),
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.post_id = post_id
        self.networks = list(networks)
        self.findings = list(findings)
        self.pool = pool
        self.store = ConsultationStore(context)
        self.outcome: SendOutcome | None = None
        self.setWindowTitle(self.tr("Consultar a la CNCS"))
        self.resize(620, 520)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.question_edit = QPlainTextEdit()
        self.question_edit.setPlaceholderText(
            self.tr("¿Qué duda tiene? Por ejemplo: ¿procede publicar esta imagen en veda?"))
        self.question_edit.setAccessibleName(self.tr("Pregunta para la CNCS"))
        self.deadline_label = QLabel()
        self.deadline_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Enviar consulta"))
        self.send_button.setDefault(True)
        buttons = QDialogButtonBox()
        cancel = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.clicked.connect(self.reject)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.clicked.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "La CNCS verá exactamente este texto y estas imágenes; tiene hasta 48 horas para "
            "responder y, sin respuesta, la publicación no procede (criterio 6.viii).")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.summary_label)
        layout.addWidget(QLabel(self.tr("Pregunta para la CNCS:")))
        layout.addWidget(self.question_edit, 1)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        """Read the draft on a worker; «Enviar» waits until it is shown."""
        self.send_button.setEnabled(False)
        store, post_id = self.store, self.post_id
        run_task(lambda: store.draft_preview(post_id), self._on_loaded, self.pool)

    def _on_loaded(self, draft: DraftPreview | None, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # closed while reading
        if error is not None or draft is None:
            if isinstance(error, UserFacingError):
                self.message_label.setText(error.message)
            else:  # unexpected: said in Spanish, with the detail
                self.message_label.setText(self.tr(
                    "No se pudo leer el borrador por un error inesperado (%s). Cierre esta "
                    "ventana y vuelva a intentarlo; si se repite, informe a soporte técnico.")
                    % error)
            return
        self.send_button.setEnabled(True)
        self.preview.setPlainText(draft.text)
        blocking = sum(1 for f in self.findings if f.get("severity") == "bloquea")
        self.summary_label.setText(
            self.tr("Cuenta %1 · %2 · %3 de la revisión automática (%4).")
            .replace("%1", draft.account)
            .replace("%2", self.tr("%n imagen(es)", "", draft.images))
            .replace("%3", self.tr("%n observación(es)", "", len(self.findings)))
            .replace("%4", self.tr("%n bloquea(n)", "", blocking)))
        self.deadline_label.setText(self.tr(
            "Si la envía ahora, la CNCS tendrá hasta el %s (hora del centro de México).")
            % format_mexico(deadline_for(self.context.clock())))

    def submit(self) -> None:
        question = self.question_edit.toPlainText()
        if not question.strip():
            self.message_label.setText(self.tr(
                "Escriba la pregunta para la CNCS: qué duda tiene sobre esta publicación."))
            self.question_edit.setFocus()
            return
        self.send_button.setEnabled(False)
        self.message_label.setText(self.tr("Enviando la consulta…"))
        run_task(lambda: self.store.send(self.post_id, question, self.networks, self.findings),
                 self._on_sent, self.pool)

    def _on_sent(self, outcome, error: BaseException | None) -> None:
        if error is not None:
            if isinstance(error, UserFacingError):
                message = error.message
            else:
                message = self.tr(
                    "No se pudo enviar la consulta por un error inesperado (%s). La consulta no "
                    "se registró: vuelva a intentarlo y, si se repite, informe a soporte "
                    "técnico.") % error
            self.message_label.setText(message)
            self.send_button.setEnabled(True)
            return
        self.outcome = outcome
        self.message_label.setText(self.result_text())
        self.accept()

    def result_text(self) -> str:
        outcome = self.outcome
        if outcome is None:
            return ""
        if outcome.mail.sent:
            return self.tr("Consulta enviada a la CNCS. Tiene hasta el %s (hora del centro de "
                           "México) para responder.") % outcome.deadline_text
        return self.tr(
            "La consulta quedó registrada (plazo: %s, hora del centro de México), pero el correo "
            "a la CNCS no salió: %s Queda como «correo pendiente» y se reintentará "
            "automáticamente.") % (outcome.deadline_text, outcome.mail.error)
