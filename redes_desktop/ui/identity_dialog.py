"""First start: the user says who they are (person and area), registers, or opens the demo."""

from __future__ import annotations

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

from redes_desktop.context import AppContext
from redes_desktop.errors import NotFound, UserFacingError
from redes_desktop.models import Level, Role
from redes_desktop.services.directory import Directory, fold


class IdentityDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
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
        register_button = QPushButton(self.tr("&Registrarme"))
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
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Entrar"))
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
        self.people_list.clear()
        self.area_combo.clear()
        with self.context.session() as session:
            directory = self.context.directory(session)
            people = directory.people()
            for person in people:
                roles = ", ".join(r.label for r in sorted(person.role_set)) or self.tr("sin rol")
                item = QListWidgetItem(f"{person.name} — {person.area.name} ({roles})")
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setData(
                    Qt.ItemDataRole.UserRole + 1,
                    fold(f"{person.name} {person.area.name} {person.email}"),
                )
                self.people_list.addItem(item)
            for area in directory.areas():
                self.area_combo.addItem(area.name, area.id)
            empty = directory.is_empty()
        self.demo_button.setVisible(empty)
        if self.people_list.count():
            self.people_list.setCurrentRow(0)
        self._apply_filter(self.filter_edit.text())

    def _apply_filter(self, text: str) -> None:
        needle = fold(text)
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1))

    def _open_demo(self) -> None:
        from redes_desktop.services.demo import seed_demo

        try:
            with self.context.session() as session:
                seed_demo(session, self.context.clock)
                session.commit()
        except UserFacingError as error:
            QMessageBox.warning(self, self.tr("Demostración"), error.message)
            return
        self._reload()

    def _register(self) -> None:
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
        try:
            with self.context.session() as session:
                directory = self.context.directory(session)
                from redes_desktop.models import Area

                area = session.get(Area, area_id)
                if area is None:  # removed (e.g. by a sync) after the list was filled
                    raise NotFound(self.tr(
                        "El área elegida ya no está registrada. La lista de áreas se actualizó: "
                        "elija su área de nuevo y vuelva a registrarse."))
                person = directory.register_self(
                    self.name_edit.text(),
                    self.email_edit.text(),
                    Level(self.level_combo.currentData()),
                    area,
                    [Role(self.role_combo.currentData())],
                )
                session.commit()
                person_id = person.id
        except UserFacingError as error:
            QMessageBox.warning(self, self.tr("Registro"), error.message)
            if isinstance(error, NotFound):
                self._reload()  # the name and e-mail typed stay
            return
        self.context.choose_identity(person_id)
        super().accept()

    def selected_person_id(self):
        item = self.people_list.currentItem()
        if item is None or item.isHidden():
            return None
        return item.data(Qt.ItemDataRole.UserRole)

    def accept(self) -> None:
        person_id = self.selected_person_id()
        if person_id is None:
            QMessageBox.information(
                self,
                self.tr("Elija una persona"),
                self.tr("Elija su nombre de la lista, regístrese o abra la demostración."),
            )
            return
        try:
            self.context.choose_identity(person_id)
        except UserFacingError as error:
            QMessageBox.warning(self, self.tr("Identidad"), error.message)
            self._reload()
            return
        super().accept()
