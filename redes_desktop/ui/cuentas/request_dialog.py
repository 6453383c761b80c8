"""The form of a request for a new account (7.i, 7.ii). The service validates; the dialog shows
its Spanish message and stays open until the request is recorded."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import account_request_problems
from redes_desktop.actions.request_account import (
    CENTRAL_ACCOUNTS_REMINDER,
    AccountRequestInput,
    purposes,
    request_account,
    requestable_areas,
)
from redes_desktop.context import AppContext
from redes_desktop.models import Network
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


class RequestDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.reads = Reads(self, pool)  # the areas one may request for, off the UI thread
        self.request_id: uuid.UUID | None = None
        self.setWindowTitle(self.tr("Solicitar una cuenta institucional"))
        self.setMinimumWidth(640)

        reminder = QLabel(CENTRAL_ACCOUNTS_REMINDER)
        reminder.setWordWrap(True)
        reminder.setStyleSheet("background: #fff6d5; padding: 6px;")

        self.area_combo = QComboBox()
        self.network_combo = QComboBox()
        for network in Network:
            self.network_combo.addItem(network.label, network.value)
        self.name_edit = QLineEdit()
        self.handle_edit = QLineEdit()
        self._network_changed()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(self.tr("cuenta@ine.mx"))
        self.purposes_list = QListWidget()
        for pid, text in purposes():
            item = QListWidgetItem(f"{pid}. {text}")
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setToolTip(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.purposes_list.addItem(item)
        self.purposes_list.setMinimumHeight(140)
        self.justification_edit = QPlainTextEdit()
        self.justification_edit.setPlaceholderText(
            self.tr("Programas y actividades institucionales del área que justifican la cuenta")
        )
        self.titular_combo = QComboBox()
        self.suplente_combo = QComboBox()
        self.rhythm_combo = QComboBox()
        self.rhythm_combo.addItem(self.tr("Diaria"), "diaria")
        self.rhythm_combo.addItem(self.tr("Semanal"), "semanal")
        self.oficio_edit = QLineEdit()
        self.oficio_edit.setPlaceholderText(self.tr("PDF o imagen del oficio firmado (7.ii)"))
        browse = QPushButton(self.tr("Elegir…"))
        browse.clicked.connect(self._browse)
        oficio_row = QHBoxLayout()
        oficio_row.addWidget(self.oficio_edit, 1)
        oficio_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Área"), self.area_combo)
        form.addRow(self.tr("Red"), self.network_combo)
        form.addRow(self.tr("Nombre propuesto"), self.name_edit)
        form.addRow(self.tr("Usuario"), self.handle_edit)
        form.addRow(self.tr("Correo (ine.mx)"), self.email_edit)
        form.addRow(self.tr("Fines (sección 3)"), self.purposes_list)
        form.addRow(self.tr("Justificación"), self.justification_edit)
        form.addRow(self.tr("Administrador titular"), self.titular_combo)
        form.addRow(self.tr("Administrador suplente"), self.suplente_combo)
        form.addRow(self.tr("Periodicidad"), self.rhythm_combo)
        form.addRow(self.tr("Oficio firmado"), oficio_row)

        self.error_label = make_error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Presentar solicitud")
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(reminder)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._people_by_area: dict[str, list[tuple[str, str]]] = {}
        self.area_combo.currentIndexChanged.connect(self._fill_people)
        self.network_combo.currentIndexChanged.connect(self._network_changed)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._form_widgets = (self.area_combo, self.titular_combo, self.suplente_combo,
                              self.ok_button)
        self._set_ready(False)  # until the areas arrive
        self._fill_people()
        self._load_choices()

    @property
    def idle(self) -> bool:
        return self.reads.idle

    def _set_ready(self, ready: bool) -> None:
        for widget in self._form_widgets:
            widget.setEnabled(ready)

    def _load_choices(self) -> None:
        database, clock, who = self.context.database, self.context.clock, person_id(self.context)
        self.reads.run(lambda: requestable_areas(database, clock=clock, person_id=who),
                       self._show_choices)

    def _show_choices(self, areas, error: BaseException | None) -> None:
        if error is not None:
            show_error(self.error_label, error_text(error))
            return
        self._set_ready(True)
        for area in areas:
            self._people_by_area[area.area_id] = list(area.people)
            self.area_combo.addItem(area.name, area.area_id)
        self._fill_people()
        if self.area_combo.count() == 0:
            show_error(
                self.error_label,
                self.tr(
                    "Usted no puede solicitar cuentas: lo hacen el titular del área y sus "
                    "administradores (criterio 5.1)."
                ),
            )
            self.ok_button.setEnabled(False)

    def _fill_people(self) -> None:
        people = self._people_by_area.get(self.area_combo.currentData(), [])
        for combo in (self.titular_combo, self.suplente_combo):
            combo.clear()
            combo.addItem(self.tr("(elija a una persona)"), "")
            for label, pid in people:
                combo.addItem(label, pid)

    def _browse(self) -> None:
        path = choose_oficio(self)
        if path:
            self.oficio_edit.setText(path)

    def set_purposes(self, ids: list[str]) -> None:
        for row in range(self.purposes_list.count()):
            item = self.purposes_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_purposes(self) -> list[str]:
        return [
            self.purposes_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.purposes_list.count())
            if self.purposes_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _fields(self) -> dict[str, QWidget]:
        return {"area": self.area_combo, "name": self.name_edit, "handle": self.handle_edit,
                "email": self.email_edit, "purposes": self.purposes_list,
                "justification": self.justification_edit, "titular": self.titular_combo,
                "suplente": self.suplente_combo, "oficio": self.oficio_edit}

    def _network_changed(self, _index: int = 0) -> None:
        network = Network(self.network_combo.currentData())
        self.handle_edit.setPlaceholderText(
            self.tr("@JLE_JaliscoINE (en X termina en «INE»)") if network == Network.X
            else self.tr("@JLE_Jalisco_INE"))

    def submit(self) -> None:
        """Every missing field is reported at once, each marked (issue 15); the service then
        checks what needs the database."""
        show_error(self.error_label, "")
        network = Network(self.network_combo.currentData())
        problems = account_request_problems(
            area_id=self.area_combo.currentData() or "", network=network,
            name=self.name_edit.text(), handle=self.handle_edit.text(),
            email=self.email_edit.text(), purposes=self.chosen_purposes(),
            justification=self.justification_edit.toPlainText(),
            titular_id=self.titular_combo.currentData() or "",
            suplente_id=self.suplente_combo.currentData() or "",
            oficio=self.oficio_edit.text().strip() or None)
        if mark_problems(self._fields(), problems, self.error_label):
            return
        form = AccountRequestInput(
            area_id=self.area_combo.currentData() or "",
            network=Network(self.network_combo.currentData()),
            name=self.name_edit.text(),
            handle=self.handle_edit.text(),
            email=self.email_edit.text(),
            purposes=tuple(self.chosen_purposes()),
            justification=self.justification_edit.toPlainText(),
            titular_id=self.titular_combo.currentData(),
            suplente_id=self.suplente_combo.currentData(),
            oficio=self.oficio_edit.text().strip() or None,
            rhythm=self.rhythm_combo.currentData(),
        )
        collaborators, who = procedures(self.context), person_id(self.context)
        self.buttons.setEnabled(False)
        run_action(lambda: request_account(collaborators, form, person_id=who), self._done,
                   self.pool)

    def _done(self, request_id, error: str) -> None:
        self.buttons.setEnabled(True)
        if error:
            show_error(self.error_label, error)
            return
        self.request_id = request_id
        self.accept()
