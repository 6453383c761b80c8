"""First start: the user says who they are (person and area), registers, or opens the demo.

Every read and write is an action (`actions/choose_identity.py`) run off the UI thread; the
dialog keeps plain data and its buttons are disabled while one is on its way."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.choose_identity import (
    IdentityChoices,
    Registration,
    choose_identity,
    identity_choices,
    open_demo,
    register_person,
)
from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound
from redes_desktop.models import Level, Role
from redes_desktop.services.directory import Directory, fold
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.tasks import Reads, run_task


class IdentityDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool  # None: the global thread pool; tests may hold or run inline
        self.loaded = False  # the people and areas have arrived at least once
        self._busy = False
        self.reads = Reads(self, pool)  # the people and areas, newest answer only
        self.setWindowTitle(self.tr("¿Quién usa esta estación de trabajo?"))
        self.resize(560, 620)

        intro = QLabel(
            self.tr(
                "Elija su nombre. Sus permisos dependen de sus designaciones: solo los "
                "administradores de una cuenta y el titular de su área tienen acceso a ella "
                "(criterio 5.1)."
            )
        )
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Buscar por nombre, área o correo…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.people_list = QListWidget()
        self.people_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.demo_button = QPushButton(self.tr("Abrir la &demostración"))
        self.demo_button.setToolTip(
            self.tr(
                "Llena esta carpeta de datos con una institución de ejemplo "
                "para explorar el programa."
            )
        )
        self.demo_button.clicked.connect(self._open_demo)

        register_box = QGroupBox(self.tr("¿No aparece? Regístrese"))
        form = QFormLayout(register_box)
        self.name_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("nombre.apellido@ine.mx")
        self.level_combo = QComboBox()
        for level in Level:
            self.level_combo.addItem(level.label, level)
        self.area_combo = QComboBox()
        self.role_combo = QComboBox()
        # Only the roles one may give oneself; the others are granted (the service enforces it).
        for role in Directory.SELF_REGISTRATION_ROLES:
            self.role_combo.addItem(role.label, role)
        self.role_combo.setToolTip(
            self.tr(
                "Titular de área y Revisor CNCS no se eligen aquí: los asigna el titular del "
                "área o la CNCS."
            )
        )
        self.register_button = register_button = QPushButton(self.tr("&Registrarme"))
        register_button.clicked.connect(self._register)
        form.addRow(self.tr("Nombre:"), self.name_edit)
        form.addRow(self.tr("Correo institucional:"), self.email_edit)
        form.addRow(self.tr("Nivel:"), self.level_combo)
        form.addRow(self.tr("Área:"), self.area_combo)
        form.addRow(self.tr("Rol:"), self.role_combo)
        form.addRow(register_button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.enter_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.enter_button.setText(self.tr("&Entrar"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.demo_button)
        layout.addWidget(register_box)
        layout.addWidget(buttons)
        self._reload()

    def _reload(self) -> None:
        """Read the people and areas again, off the UI thread."""
        context = self.context
        self._set_busy(True)
        self.reads.run(lambda: identity_choices(context.database, clock=context.clock),
                       self._on_choices)

    def _on_choices(self, choices: IdentityChoices | None,
                    error: BaseException | None) -> None:
        self._set_busy(False)
        if error is not None:
            QMessageBox.warning(self, self.tr("Identidad"), error_text(error))
            return
        if choices is None:
            return
        self.loaded = True
        chosen_area = self.area_combo.currentData()
        self.people_list.clear()
        self.area_combo.clear()
        for person in choices.people:
            roles = person.roles or self.tr("sin rol")
            item = QListWidgetItem(f"{person.name} — {person.area_name} ({roles})")
            item.setData(Qt.ItemDataRole.UserRole, person.person_id)
            item.setData(Qt.ItemDataRole.UserRole + 1,
                         fold(f"{person.name} {person.area_name} {person.email}"))
            self.people_list.addItem(item)
        for area_id, name in choices.areas:
            self.area_combo.addItem(name, area_id)
        if chosen_area is not None and self.area_combo.findData(chosen_area) >= 0:
            self.area_combo.setCurrentIndex(self.area_combo.findData(chosen_area))
        self.demo_button.setVisible(choices.empty)
        if self.people_list.count():
            self.people_list.setCurrentRow(0)
        self._apply_filter(self.filter_edit.text())

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.demo_button, self.register_button, self.enter_button):
            button.setEnabled(not busy)

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1))

    def _open_demo(self) -> None:
        if self._busy:
            return
        context = self.context
        bitacora = getattr(context.recorder, "bitacora", None)  # the demo's past weeks
        self._set_busy(True)
        run_task(lambda: open_demo(context.database, clock=context.clock, bitacora=bitacora),
                 self._on_demo, self.pool)

    def _on_demo(self, _people, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            QMessageBox.warning(self, self.tr("Demostración"), error_text(error))
            return
        self._reload()

    def _register(self) -> None:
        if self._busy:
            return
        area_id = self.area_combo.currentData()
        if area_id is None:
            QMessageBox.warning(
                self,
                self.tr("Registro"),
                self.tr(
                    "No hay áreas registradas todavía. Abra la demostración o pida "
                    "al titular de su "
                    "área que la registre."
                ),
            )
            return
        form = Registration(name=self.name_edit.text(), email=self.email_edit.text(),
                            level=Level(self.level_combo.currentData()), area_id=area_id,
                            role=Role(self.role_combo.currentData()))
        context = self.context
        self._set_busy(True)
        run_task(lambda: register_person(context.database, form, clock=context.clock,
                                         recorder=context.recorder),
                 self._on_registered, self.pool)

    def _on_registered(self, identity, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            QMessageBox.warning(self, self.tr("Registro"), error_text(error))
            if isinstance(error, NotFound):
                self._reload()  # the name and e-mail typed stay
            return
        self.context.remember_identity(identity)
        super().accept()

    def selected_person_id(self):
        item = self.people_list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def accept(self) -> None:
        if self._busy:
            return
        person_id = self.selected_person_id()
        if person_id is None:
            QMessageBox.information(
                self,
                self.tr("Elija una persona"),
                self.tr("Elija su nombre de la lista, regístrese o abra la demostración."),
            )
            return
        context = self.context
        self._set_busy(True)
        run_task(lambda: choose_identity(context.database, person_id, clock=context.clock),
                 self._on_chosen, self.pool)

    def _on_chosen(self, identity, error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        if error is not None:
            QMessageBox.warning(self, self.tr("Identidad"), error_text(error))
            self._reload()
            return
        self.context.remember_identity(identity)
        super().accept()
