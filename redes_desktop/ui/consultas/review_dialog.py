"""One consultation: the snapshot exactly as sent (text, networks, images, findings), its
decision, how the draft changed since (a diff), and — for reviewers of CNCS while the term
runs — the decision form. The decision is checked again in the service (role, deadline)."""

from __future__ import annotations

import uuid

import shiboken6
from PySide6.QtCore import QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.consultation_mail import network_labels
from redes_desktop.actions.list_consultations import format_countdown, format_mexico, remaining
from redes_desktop.checks.model import Severity
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import ConsultationState
from redes_desktop.ui.consultas.store import ConsultationDetail, ConsultationStore
from redes_desktop.ui.tasks import SynchronousPool, run_task

S = ConsultationState
THUMB = QSize(220, 160)


def _read_only(text: str, lines: int = 6) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setReadOnly(True)
    edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * (lines + 1) + 12)
    return edit


class ConsultationDialog(QDialog):
    decided = Signal(object)  # the consultation id

    def __init__(self, context: AppContext, consultation_id: uuid.UUID,
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.consultation_id = consultation_id
        self.pool = pool
        self.store = ConsultationStore(context)
        self.detail: ConsultationDetail | None = None
        self.diff_view: QPlainTextEdit | None = None  # when the draft changed since sending
        self.outcome = None
        self.next_id: uuid.UUID | None = None  # the next pending consultation, if any
        self.setWindowTitle(self.tr("Consulta a la CNCS"))
        self._fit_to_screen()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("mensaje")
        # The consultation scrolls; the decision and the buttons stay in view below it.
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.body = QVBoxLayout()
        self._new_body()
        self.decision_area = QVBoxLayout()
        self.decision_area.setContentsMargins(0, 0, 0, 0)
        buttons = QDialogButtonBox()
        self.next_button = buttons.addButton(self.tr("Siguiente consulta"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button.setToolTip(self.tr("Abre la siguiente consulta pendiente de la cola"))
        self.next_button.setEnabled(False)
        self.next_button.clicked.connect(self.show_next)
        close = buttons.addButton(self.tr("Cerrar"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(self.decision_area)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self.decision_box: QGroupBox | None = None
        self.load()

    def _fit_to_screen(self) -> None:
        """760×700 where it fits; never taller or wider than the screen's free area."""
        width, height = 760, 700
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 20), min(height, free.height() - 40)
        self.resize(max(width, 480), max(height, 420))

    def _new_body(self) -> None:
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.scroll_area.setWidget(content)  # the previous contents are deleted

    # -- contents ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read the consultation on a worker (the action opens the database there)."""
        self.message_label.setText(self.tr("Abriendo la consulta…"))
        store, consultation_id = self.store, self.consultation_id
        run_task(lambda: store.detail(consultation_id), self._on_loaded, self.pool)
        run_task(store.rows, self._on_queue, self.pool)

    def _on_queue(self, rows, error: BaseException | None) -> None:
        """The next pending consultation after this one in the queue's order (wrapping)."""
        if not shiboken6.isValid(self) or error is not None or rows is None:
            return
        ids = [r.id for r in rows if r.state == S.PENDIENTE]
        self.next_id = None
        if ids:
            after = ids.index(self.consultation_id) + 1 if self.consultation_id in ids else 0
            candidates = [i for i in ids[after:] + ids[:after] if i != self.consultation_id]
            self.next_id = candidates[0] if candidates else None
        self.next_button.setEnabled(self.next_id is not None)

    def show_next(self) -> None:
        """Open the next pending consultation in this same window."""
        if self.next_id is None:
            return
        self.consultation_id, self.next_id = self.next_id, None
        self.next_button.setEnabled(False)
        self.detail, self.diff_view, self.outcome = None, None, None
        if self.decision_box is not None:
            self.decision_area.removeWidget(self.decision_box)
            self.decision_box.deleteLater()
            self.decision_box = None
        self._new_body()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.load()

    def _on_loaded(self, detail: ConsultationDetail | None,
                   error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return  # closed while reading
        if error is not None or detail is None:
            if isinstance(error, UserFacingError):
                self.message_label.setText(error.message)
            else:  # unexpected: said in Spanish, with the detail
                self.message_label.setText(self.tr(
                    "No se pudo abrir la consulta por un error inesperado (%s). Cierre esta "
                    "ventana y vuelva a intentarlo; si se repite, informe a soporte técnico.")
                    % error)
            return
        self.message_label.clear()
        self.detail = detail
        self._build(detail)

    def _build(self, d: ConsultationDetail) -> None:
        now = self.context.clock()
        head = QFormLayout()
        head.addRow(self.tr("Cuenta:"), QLabel(f"{d.account} — {d.area}"))
        head.addRow(self.tr("Consulta:"), QLabel(f"{d.author} ({d.author_email})"))
        head.addRow(self.tr("Enviada:"), QLabel(self.tr("%s (hora de México)")
                                                % format_mexico(d.sent_at)))
        deadline = format_mexico(d.deadline)
        if d.state == S.PENDIENTE and not d.expired_now:
            deadline += self.tr(" — quedan %s h") % format_countdown(remaining(d.deadline, now))
        head.addRow(self.tr("Vence:"), QLabel(deadline))
        self.state_label = QLabel(self._state_text(d))
        self.state_label.setWordWrap(True)
        head.addRow(self.tr("Estado:"), self.state_label)
        self.body.addLayout(head)

        question = QLabel(d.question)
        question.setWordWrap(True)
        question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(self._group(self.tr("Pregunta"), question))
        self.snapshot_text = _read_only(d.snapshot.get("text", ""), 8)
        networks = network_labels(d.snapshot.get("networks", [])) or "—"
        snap = QWidget()
        snap_layout = QVBoxLayout(snap)
        snap_layout.setContentsMargins(0, 0, 0, 0)
        snap_layout.addWidget(self.snapshot_text)
        snap_layout.addWidget(QLabel(self.tr("Redes: %s · Huella: %s…")
                                     % (networks, d.snapshot_hash[:16])))
        snap_layout.addLayout(self._images(d))
        self.body.addWidget(self._group(self.tr("Publicación tal como se envió"), snap))

        self.findings_list = QListWidget()
        for f in d.snapshot.get("findings", []):
            self.findings_list.addItem(self.tr("%s (%s): %s") % (
                f.get("rule", ""), self._severity_text(f.get("severity", "")),
                f.get("message", "")))
        if not self.findings_list.count():
            self.findings_list.addItem(self.tr("Sin observaciones de la revisión automática."))
        self.findings_list.setMaximumHeight(110)
        self.body.addWidget(self._group(self.tr("Observaciones al enviar"), self.findings_list))

        if d.diff or d.media_changes:
            diff_view = _read_only("\n".join([d.diff, *d.media_changes]).strip(), 10)
            diff_view.setObjectName("diferencias")
            self.body.addWidget(self._group(
                self.tr("Cambios en el borrador desde esta consulta"), diff_view))
            self.diff_view = diff_view
        else:
            self.diff_view = None
        if d.state == S.PENDIENTE and d.can_decide:
            self.decision_area.addWidget(self._decision_form())
        elif d.state == S.PENDIENTE and self.context.identity and self.context.identity.is_reviewer:
            self.message_label.setText(d.decide_refusal)
        self.body.addStretch(1)

    def _severity_text(self, severity: str) -> str:
        if severity == Severity.BLOQUEA:
            return self.tr("bloquea la publicación")
        if severity == Severity.ADVIERTE:
            return self.tr("advertencia")
        return severity or self.tr("sin gravedad")

    def _group(self, title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(widget)
        return box

    def _state_text(self, d: ConsultationDetail) -> str:
        parts = [d.state.label]
        if d.state == S.PENDIENTE and d.expired_now:
            parts = [self.tr("Plazo vencido: No procedente — sin respuesta en 48 h")]
        if d.reviewer and d.decided_at:
            parts.append(self.tr("por %s, %s") % (d.reviewer, format_mexico(d.decided_at)))
        text = " ".join(parts)
        if d.reasoning:
            text += "\n" + self.tr("Motivo: %s") % d.reasoning
        if d.requested_changes:
            text += "\n" + self.tr("Cambios pedidos: %s") % d.requested_changes
        if d.invalidated_at:
            text += "\n" + self.tr("El borrador se editó después de la aprobación (%s): necesita "
                                   "una nueva consulta.") % format_mexico(d.invalidated_at)
        if d.mail_pending:
            text += "\n" + self.tr("Correo pendiente: %s") % (
                d.mail_error or self.tr("se reintentará automáticamente."))
        return text

    def _images(self, d: ConsultationDetail) -> QHBoxLayout:
        """Each image with its alternative text written below it (what the network will
        read aloud, 6.xxii), so the reviewer judges both."""
        row = QHBoxLayout()
        self.image_labels: list[QLabel] = []
        self.alt_labels: list[QLabel] = []
        for n, (alt, path) in enumerate(d.images, start=1):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setMaximumWidth(THUMB.width())
            pixmap = QPixmap()
            if path is not None:
                reader = QImageReader(str(path))
                reader.setAutoTransform(True)
                size = reader.size()
                if size.isValid():
                    reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
                pixmap = QPixmap.fromImage(reader.read())
            if pixmap.isNull():
                label.setText(self.tr("Imagen %d no disponible en esta estación: no llegó con "
                                      "la sincronización o su archivo se movió o se borró.") % n)
            else:
                label.setPixmap(pixmap)
            label.setToolTip(alt or self.tr("(sin texto alternativo)"))
            label.setAccessibleName(alt or self.tr("Imagen %d") % n)
            caption = QLabel(self.tr("Texto alternativo: %s") % alt if alt
                             else self.tr("Sin texto alternativo (6.xxii)"))
            caption.setWordWrap(True)
            caption.setMaximumWidth(THUMB.width())
            caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setObjectName("textoAlternativo")
            cell = QVBoxLayout()
            cell.addWidget(label)
            cell.addWidget(caption)
            cell.addStretch(1)
            self.image_labels.append(label)
            self.alt_labels.append(caption)
            row.addLayout(cell)
        row.addStretch(1)
        return row

    # -- the decision ------------------------------------------------------------------------
    def _decision_form(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decisión de la CNCS"))
        self.decision_box = box
        self.choices = QButtonGroup(self)
        self.approve = QRadioButton(self.tr("Aprobada"))
        self.reject_choice = QRadioButton(self.tr("Rechazada"))
        self.changes_choice = QRadioButton(self.tr("Requiere cambios"))
        line = QHBoxLayout()
        for button, state in ((self.approve, S.APROBADA), (self.reject_choice, S.RECHAZADA),
                              (self.changes_choice, S.REQUIERE_CAMBIOS)):
            button.setProperty("estado", state.value)
            self.choices.addButton(button)
            line.addWidget(button)
        line.addStretch(1)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("Motivo (obligatorio si se rechaza)"))
        self.reason_edit.setMaximumHeight(64)
        self.changes_edit = QPlainTextEdit()
        self.changes_edit.setPlaceholderText(self.tr("Qué debe cambiar el área"))
        self.changes_edit.setMaximumHeight(64)
        self.changes_edit.setEnabled(False)
        self.decide_button = QPushButton(self.tr("Registrar decisión"))
        self.decide_button.setEnabled(False)
        # Compact, so the consultation above keeps most of a 768-pixel screen: the choice and
        # the button on one line, the reason and the requested changes side by side.
        line.addWidget(self.decide_button)
        texts = QHBoxLayout()
        for caption, edit in ((self.tr("Motivo:"), self.reason_edit),
                              (self.tr("Cambios que se piden:"), self.changes_edit)):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(edit)
            column.addWidget(label)
            column.addWidget(edit)
            texts.addLayout(column, 1)
        layout = QVBoxLayout(box)
        layout.addLayout(line)
        layout.addLayout(texts)
        self.choices.buttonToggled.connect(self._on_choice)
        self.decide_button.clicked.connect(self.submit)
        return box

    def _on_choice(self, *_args) -> None:
        self.decide_button.setEnabled(self.choices.checkedButton() is not None)
        self.changes_edit.setEnabled(self.changes_choice.isChecked())

    def chosen_state(self) -> ConsultationState | None:
        button = self.choices.checkedButton() if self.decision_box else None
        return ConsultationState(button.property("estado")) if button else None

    def submit(self) -> None:
        state = self.chosen_state()
        if state is None:
            self.message_label.setText(self.tr("Elija Aprobada, Rechazada o Requiere cambios."))
            return
        reasoning = self.reason_edit.toPlainText()
        changes = self.changes_edit.toPlainText() if state == S.REQUIERE_CAMBIOS else ""
        self.decide_button.setEnabled(False)
        self.message_label.setText(self.tr("Registrando la decisión y avisando por correo…"))
        run_task(lambda: self.store.decide(self.consultation_id, state, reasoning, changes),
                 self._on_decided, self.pool)

    def _on_decided(self, outcome, error: BaseException | None) -> None:
        if error is not None:
            if isinstance(error, UserFacingError):
                message = error.message
            else:
                message = self.tr(
                    "No se pudo registrar la decisión por un error inesperado (%s). La consulta "
                    "sigue pendiente: vuelva a intentarlo y, si se repite, informe a soporte "
                    "técnico.") % error
            self.message_label.setText(message)
            self.decide_button.setEnabled(True)
            return
        self.outcome = outcome
        if outcome.sent:
            text = self.tr("Decisión registrada. Se avisó por correo al administrador y al "
                           "titular del área.")
        else:
            text = self.tr("Decisión registrada. El aviso por correo quedó pendiente y se "
                           "reintentará: %s") % outcome.error
        self.message_label.setText(text)
        if self.decision_box is not None:
            self.decision_box.setEnabled(False)
        self.decided.emit(self.consultation_id)
