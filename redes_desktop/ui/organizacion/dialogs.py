"""Dialogs of the Organización section: a new area, a new or edited person, and the import of
the institution's directory with its line-by-line preview. They only collect plain values; the
section runs the actions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions.check_form import area_problems, person_problems
from redes_desktop.models import AreaKind, Level
from redes_desktop.ui.form_marks import mark_problems


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _finish_form(dialog: QDialog, form: QFormLayout) -> QLabel:
    """The end of a form dialog: its problems line (returned), then Aceptar and Cancelar."""
    label = _error_label()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(label)
    form.addRow(buttons)
    return label


class AreaDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nueva área"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Nombre del área"))
        self.acronym = QLineEdit()
        self.kind = QComboBox()
        for kind in AreaKind:
            self.kind.addItem(kind.label, kind.value)
        self.state = QLineEdit()
        self.district = QSpinBox()
        self.district.setRange(0, 300)
        self.district.setSpecialValueText(self.tr("(ninguno)"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Nombre:"), self.name)
        form.addRow(self.tr("&Siglas:"), self.acronym)
        form.addRow(self.tr("&Tipo:"), self.kind)
        form.addRow(self.tr("&Entidad federativa:"), self.state)
        form.addRow(self.tr("&Distrito:"), self.district)
        self.error_label = _finish_form(self, form)

    def accept(self) -> None:
        """Every missing field at once, marked; the dialog stays open (issue 15)."""
        problems = area_problems(self.name.text(), self.kind.currentData(), self.state.text(),
                                 self.district.value() or None)
        if mark_problems({"name": self.name, "state": self.state, "district": self.district},
                         problems, self.error_label):
            return
        super().accept()

    def values(self) -> dict:
        return dict(name=self.name.text(), acronym=self.acronym.text(),
                    kind=AreaKind(self.kind.currentData()),
                    state=self.state.text().strip() or None,
                    district=self.district.value() or None)


class PersonDialog(QDialog):
    """A new person, or (with `email` given) a change of name, level or area."""

    def __init__(self, areas: list[tuple[str, str]], parent: QWidget | None = None, *,
                 email: str = "", name: str = "", level: str = "", area_id: str = "") -> None:
        super().__init__(parent)
        self.editing = bool(email)
        self.setWindowTitle(self.tr("Modificar persona") if email else self.tr("Nueva persona"))
        self.name = QLineEdit(name)
        self.name.setAccessibleName(self.tr("Nombre completo"))
        self.email = QLineEdit(email)
        self.email.setPlaceholderText("nombre.apellido@ine.mx")
        self.email.setReadOnly(self.editing)
        self.level = QComboBox()
        for item in Level:
            self.level.addItem(item.label, item.value)
        if level:
            self.level.setCurrentIndex(self.level.findData(level))
        self.area = QComboBox()
        for key, area_name in areas:
            self.area.addItem(area_name, key)
        if area_id:
            self.area.setCurrentIndex(max(0, self.area.findData(area_id)))
        form = QFormLayout(self)
        form.addRow(self.tr("&Nombre:"), self.name)
        form.addRow(self.tr("&Correo institucional:"), self.email)
        form.addRow(self.tr("N&ivel:"), self.level)
        form.addRow(self.tr("Á&rea:"), self.area)
        self.error_label = _finish_form(self, form)

    def accept(self) -> None:
        """Every missing field at once, marked; the dialog stays open (issue 15)."""
        problems = person_problems(self.name.text(), self.email.text(),
                                   self.area.currentData() or "")
        if mark_problems({"name": self.name, "email": self.email, "area": self.area},
                         problems, self.error_label):
            return
        super().accept()

    def values(self) -> dict:
        return dict(name=self.name.text(), email=self.email.text(),
                    level=Level(self.level.currentData()), area=self.area.currentData() or "")


class ImportDialog(QDialog):
    """The preview of an import: one row per line of the file with its problems. Accepting
    with `only_valid` set imports only the clean lines."""


    def __init__(self, preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_valid = False
        self.setWindowTitle(self.tr("Importar directorio"))
        self.resize(900, 500)
        summary = QLabel()
        summary.setWordWrap(True)
        if preview.clean:
            summary.setText(self.tr("El archivo no tiene problemas: %n línea(s) lista(s) para "
                                    "importar.", "", len(preview.lines)))
        else:
            summary.setText(
                " ".join(preview.file_problems) + " " + self.tr(
                    "%n problema(s). No se importa nada hasta que el archivo esté limpio, o "
                    "importe solo las líneas sin problemas.", "", preview.problem_count))
        headers = [self.tr("Línea"), self.tr("Nombre"), self.tr("Correo"), self.tr("Nivel"),
                   self.tr("Área"), self.tr("Resultado"), self.tr("Problemas")]
        self.table = QTableWidget(len(preview.lines), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, line in enumerate(preview.lines):
            for column, value in enumerate((str(line.number), line.name, line.email,
                                            line.level_text, line.area_text, line.status.value,
                                            " ".join(line.problems))):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.import_all = QPushButton(self.tr("&Importar"))
        self.import_all.setEnabled(preview.clean and bool(preview.lines))
        self.import_all.clicked.connect(self.accept)
        self.import_valid = QPushButton(self.tr("Importar solo las líneas &válidas"))
        self.import_valid.setEnabled(not preview.clean and bool(preview.valid_lines)
                                     and not preview.file_problems)
        self.import_valid.clicked.connect(self._accept_valid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.import_all, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.import_valid, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _accept_valid(self) -> None:
        self.only_valid = True
        self.accept()
