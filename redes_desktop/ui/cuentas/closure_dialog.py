"""«Bajas»: request the closure of an account by oficio (7.vii) and conclude it with the
checklist (7.viii). A closure with items unchecked is refused by the service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import closure_request_problems
from redes_desktop.actions.close_account import (
    ClosureChecklist,
    closable_accounts,
    complete_closure,
    list_closures,
    request_closure,
)
from redes_desktop.clock import to_mexico
from redes_desktop.context import AppContext
from redes_desktop.ui.cuentas.operations import (
    choose_oficio,
    error_text,
    make_error_label,
    person_id,
    procedures,
    run_action,
    show_error,
)
from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.tasks import Reads


class ClosureRequestDialog(QDialog):
    """Account, signed oficio and reason of the closure (7.vii)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.setWindowTitle(self.tr("Solicitar la baja de una cuenta"))
        self.account_combo = QComboBox()
        self.oficio_edit = QLineEdit()
        browse = QPushButton(self.tr("Elegir…"))
        browse.clicked.connect(lambda: self.oficio_edit.setText(choose_oficio(self)
                                                                or self.oficio_edit.text()))
        row = QHBoxLayout()
        row.addWidget(self.oficio_edit, 1)
        row.addWidget(browse)
        self.reason_edit = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Cuenta"), self.account_combo)
        form.addRow(self.tr("Oficio firmado"), row)
        form.addRow(self.tr("Motivo"), self.reason_edit)
        self.error_label = make_error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Solicitar baja"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.reads = Reads(self, pool)  # the accounts one may close, off the UI thread
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._set_ready(False)  # until the accounts arrive
        collaborators, who = procedures(context), person_id(context)
        self.reads.run(lambda: closable_accounts(collaborators, person_id=who),
                       self._show_accounts)

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.account_combo, self.ok_button):
            widget.setEnabled(ready)

    def _show_accounts(self, accounts, error: BaseException | None) -> None:
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        self._set_ready(True)
        for account in accounts:
            self.account_combo.addItem(account.label, account.account_id)
        if self.account_combo.count() == 0:
            show_error(self.error_label, self.tr(
                "No hay cuentas que usted pueda dar de baja: lo hacen el titular del área y el "
                "administrador titular de la cuenta (criterio 7.viii)."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def submit(self) -> None:
        show_error(self.error_label, "")
        account_id = self.account_combo.currentData()
        oficio = self.oficio_edit.text().strip() or None
        reason = self.reason_edit.text()
        problems = closure_request_problems(account_id or "", reason, oficio)
        if mark_problems({"account": self.account_combo, "reason": self.reason_edit,
                          "oficio": self.oficio_edit}, problems, self.error_label):
            return  # every missing field at once, marked (issue 15)
        collaborators, who = procedures(self.context), person_id(self.context)
        run_action(lambda: request_closure(collaborators, account_id, oficio, reason,
                                           person_id=who), self._done, self.pool)

    def _done(self, _result, error: str) -> None:
        if error:
            show_error(self.error_label, error)
        else:
            self.accept()


class ClosureChecklistDialog(QDialog):
    """The checklist of 7.viii; the program retires the password and sends the notice."""

    def __init__(self, context: AppContext, closure_id: str, handle: str,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.closure_id = closure_id
        self.pool = pool
        self.setWindowTitle(self.tr("Concluir la baja de %s") % handle)
        intro = QLabel(self.tr(
            "Marque cada paso. La cuenta queda «cancelada» en los registros (nunca se borra); "
            "al concluir, el programa retira la contraseña del llavero y envía el aviso."))
        intro.setWordWrap(True)
        labels = ClosureChecklist.LABELS
        self.boxes = {name: QCheckBox(labels[name].capitalize()) for name in labels}
        self.error_label = make_error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Concluir baja"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def checklist(self) -> ClosureChecklist:
        return ClosureChecklist(**{name: box.isChecked() for name, box in self.boxes.items()})

    def submit(self) -> None:
        show_error(self.error_label, "")
        checklist = self.checklist()
        collaborators, who, closure_id = (procedures(self.context), person_id(self.context),
                                          self.closure_id)
        run_action(lambda: complete_closure(collaborators, closure_id, checklist,
                                            person_id=who), self._done, self.pool)

    def _done(self, _result, error: str) -> None:
        if error:
            show_error(self.error_label, error)
        else:
            self.accept()


class ClosuresTab(QWidget):
    """A queue: open closures first; `counted` carries how many wait (for the tab title)."""

    counted = Signal(int)

    def __init__(self, context: AppContext, on_change: Callable[[], None] | None = None,
                 parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.on_change = on_change or (lambda: None)
        self.pool = pool
        self.reads = Reads(self, pool)  # the list is read off the UI thread
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Cuenta"), self.tr("Red"), self.tr("Área"),
                                   self.tr("Estado"), self.tr("Solicitada"),
                                   self.tr("Concluida")])
        self.tree.setRootIsDecorated(False)
        self.request_button = QPushButton(self.tr("Solicitar baja…"))
        self.complete_button = QPushButton(self.tr("Concluir baja…"))
        self.request_button.clicked.connect(self.request_closure)
        self.complete_button.clicked.connect(self.complete_selected)
        self.tree.currentItemChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.complete_button)
        buttons.addStretch(1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("detalleBaja")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        self._reasons: dict[int, str] = {}
        self.pending = 0
        self.refresh()

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def refresh(self) -> None:
        database, clock = self.context.database, self.context.clock
        who = person_id(self.context)
        self.reads.run(lambda: list_closures(database, person_id=who, clock=clock), self._show)

    def _show(self, closures, error: BaseException | None) -> None:
        if error is not None:
            self.complete_button.setEnabled(False)
            self.complete_button.setToolTip(error_text(error))
            return
        self.tree.clear()
        self._reasons.clear()
        for row, closure in enumerate(closures):
            done = closure.completed_at
            status = (closure.status_label if closure.recorded
                      else self.tr("En baja, sin oficio registrado"))
            item = QTreeWidgetItem([
                closure.handle, closure.network_label, closure.area_name,
                status, f"{to_mexico(closure.requested_at):%d/%m/%Y}",
                f"{to_mexico(done):%d/%m/%Y}" if done else "",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, closure.id)
            item.setData(1, Qt.ItemDataRole.UserRole, closure.may_complete)
            if closure.waiting:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self._reasons[row] = (self.tr("Motivo del área: %s") % closure.reason
                                  if closure.recorded else self.tr(
                "La cuenta figura «En baja» pero no hay baja registrada: falta el oficio con "
                "que el área informa la cancelación (criterio 7.vii). Pida al área que la "
                "solicite en «Solicitar baja…»; entonces se concluye con la lista de "
                "verificación (7.viii)."))
            self.tree.addTopLevelItem(item)
        self.pending = sum(1 for c in closures if c.waiting)
        from redes_desktop.ui.cuentas.queue_title import show_count

        show_count(self, self.tr("Bajas"), self.pending)
        self.counted.emit(self.pending)
        self._selection_changed()

    def _selection_changed(self, *_args) -> None:
        item = self.tree.currentItem()
        self.complete_button.setEnabled(bool(item and item.data(1, Qt.ItemDataRole.UserRole)))
        row = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        self.detail.setText(self._reasons.get(row, ""))

    def request_closure(self) -> None:
        if ClosureRequestDialog(self.context, self, pool=self.pool).exec():
            self._changed()

    def complete_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        dialog = ClosureChecklistDialog(self.context, item.data(0, Qt.ItemDataRole.UserRole),
                                        item.text(0), self, pool=self.pool)
        if dialog.exec():
            self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.on_change()
