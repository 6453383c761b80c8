"""The Organización section (issue 14): the areas and the people of the institution, with the
buttons the CNCS reviewers use to add and edit them, grant and revoke roles, remove people and
import the directory from CSV; and the accounts with their administrators, changed with the
same dialog as Cuentas (`ui/cuentas/administrators_dialog.py`, 5.1 and 7.iv). Actions run off
the UI thread (`ui/tasks.py`) and report back through callbacks: each change takes an optional
`then(answer)`; refusals show their Spanish reason in the status line and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.actions import organization as actions
from redes_desktop.actions.procedures import Procedures
from redes_desktop.context import AppContext
from redes_desktop.errors import UserFacingError
from redes_desktop.models import Role
from redes_desktop.ui.organizacion.dialogs import AreaDialog, ImportDialog, PersonDialog
from redes_desktop.ui.tasks import Reads, run_task

Then = Callable[[bool], None]


def _nothing(_answer: bool) -> None:
    pass


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class OrganizacionSection(QWidget):
    changed = Signal()  # the lists were reloaded

    def __init__(self, context: AppContext, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.context = context
        self.pool = pool
        self.view: actions.OrganizationView | None = None
        self._reads = Reads(self, pool)  # the lists: the newest read only
        self.areas_table = _table((self.tr("Área"), self.tr("Siglas"), self.tr("Tipo"),
                                   self.tr("Entidad"), self.tr("Titular"), self.tr("Personas")))
        self.areas_table.setAccessibleName(self.tr("Áreas"))
        self.people_table = _table((self.tr("Nombre"), self.tr("Correo"), self.tr("Nivel"),
                                    self.tr("Área"), self.tr("Roles")))
        self.people_table.setAccessibleName(self.tr("Personas"))
        self.add_area_button = QPushButton(self.tr("Nueva á&rea…"))
        self.add_area_button.clicked.connect(self.ask_area)
        self.add_person_button = QPushButton(self.tr("Nueva &persona…"))
        self.add_person_button.clicked.connect(self.ask_person)
        self.edit_person_button = QPushButton(self.tr("&Modificar…"))
        self.edit_person_button.clicked.connect(self.ask_edit_person)
        self.roles_button = QPushButton(self.tr("R&oles"))
        menu = QMenu(self.roles_button)
        self.role_actions = {}
        for role, grant, text in (
                (Role.TITULAR_AREA, True, self.tr("Designar titular de su área")),
                (Role.REVISOR_CNCS, True, self.tr("Otorgar rol de revisor CNCS")),
                (Role.REVISOR_CNCS, False, self.tr("Retirar rol de revisor CNCS")),
                (Role.CONSEJERO_ELECTORAL, True,
                 self.tr("Registrar como Consejera o Consejero Electoral (7.vi)")),
                (Role.CONSEJERO_ELECTORAL, False,
                 self.tr("Retirar el registro de Consejera o Consejero Electoral"))):
            action = menu.addAction(text)
            action.triggered.connect(lambda _=False, r=role, g=grant: self.set_role(r, g))
            self.role_actions[(role, grant)] = action
        self.roles_button.setMenu(menu)
        self.remove_button = QPushButton(self.tr("Dar de &baja"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button = QPushButton(self.tr("&Importar CSV…"))
        self.import_button.clicked.connect(self.ask_import)
        self.accounts: tuple[actions.AccountAdminRow, ...] = ()
        self.accounts_table = _table((self.tr("Cuenta"), self.tr("Red"), self.tr("Área"),
                                      self.tr("Estado"), self.tr("Titular"),
                                      self.tr("Suplente")))
        self.accounts_table.setAccessibleName(self.tr("Cuentas y administradores"))
        self.admins_button = QPushButton(self.tr("Cambiar &administradores…"))
        self.admins_button.setToolTip(self.tr(
            "Designar al titular y al suplente de la cuenta elegida (criterio 5.1); se avisa "
            "a la CNCS y al Comité de Gestión (criterio 7.iv)."))
        self.admins_button.clicked.connect(self.ask_administrators)
        # The open «Cambiar administradores» dialog, if any.
        self.admins_dialog: QDialog | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)

        area_tab = QWidget()
        area_layout = QVBoxLayout(area_tab)
        area_buttons = QHBoxLayout()
        area_buttons.addWidget(self.add_area_button)
        area_buttons.addStretch(1)
        area_layout.addLayout(area_buttons)
        area_layout.addWidget(self.areas_table, 1)
        people_tab = QWidget()
        people_layout = QVBoxLayout(people_tab)
        people_buttons = QHBoxLayout()
        for button in (self.add_person_button, self.edit_person_button, self.roles_button,
                       self.remove_button, self.import_button):
            people_buttons.addWidget(button)
        people_buttons.addStretch(1)
        people_layout.addLayout(people_buttons)
        people_layout.addWidget(self.people_table, 1)
        accounts_tab = QWidget()
        accounts_layout = QVBoxLayout(accounts_tab)
        accounts_buttons = QHBoxLayout()
        accounts_buttons.addWidget(self.admins_button)
        accounts_buttons.addStretch(1)
        accounts_layout.addLayout(accounts_buttons)
        accounts_layout.addWidget(self.accounts_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(area_tab, self.tr("Áreas"))
        self.tabs.addTab(people_tab, self.tr("Personas"))
        self.tabs.addTab(accounts_tab, self.tr("Administradores de cuentas"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.refresh()

    # -- plumbing ----------------------------------------------------------------------------
    def procedures(self) -> Procedures:
        return Procedures.of(self.context)

    def person_id(self):
        return self.context.identity.person_id if self.context.identity else None

    def _run(self, fn: Callable[[], Any], done: str = "",
             then: Callable[[Any], None] | None = None) -> None:
        """Run an action off the UI thread; `then(result)` on the UI thread with its result
        (True when it returns nothing), or `then(None)` when it was refused: the refusal goes
        to the status line."""

        def finished(result: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return  # the section was closed meanwhile
            if error is not None:
                self.status.setText(error.message if isinstance(error, UserFacingError)
                                    else self.tr("No se pudo completar por un error "
                                                 "inesperado (%1). No se cambió nada; "
                                                 "vuelva a intentarlo.")
                                    .replace("%1", type(error).__name__))
                if then is not None:
                    then(None)
                return
            self.status.setText(done)
            self.refresh(keep_status=True)
            if then is not None:
                then(result if result is not None else True)

        run_task(fn, finished, self.pool)

    def refresh(self, keep_status: bool = False) -> None:
        """Read the areas and the people off the UI thread, then show them."""
        procedures, who = self.procedures(), self.person_id()

        def read() -> tuple[actions.OrganizationView, tuple[actions.AccountAdminRow, ...]]:
            return (actions.organization_view(procedures, person_id=who),
                    actions.account_administrators(procedures))

        self._reads.run(read, lambda lists, error: self._show(lists, error, keep_status))

    def _show(self, lists: tuple[actions.OrganizationView,
                                 tuple[actions.AccountAdminRow, ...]] | None,
              error: BaseException | None, keep_status: bool) -> None:
        if error is not None or lists is None:
            self.status.setText(error.message if isinstance(error, UserFacingError) else
                                self.tr("No se pudo leer la organización (%1). Vuelva a "
                                        "intentarlo.").replace("%1", type(error).__name__))
            return
        view, self.accounts = lists
        self.view = view
        _fill(self.areas_table, [(a.name, a.acronym, a.kind_label, a.state,
                                  a.titular or self.tr("(sin titular)"), str(a.people))
                                 for a in view.areas])
        _fill(self.people_table, [(p.name, p.email, p.level_label, p.area_name, p.roles_label)
                                  for p in view.people])
        none = self.tr("(sin designar)")
        _fill(self.accounts_table, [(a.handle, a.network_label, a.area_name, a.status_label,
                                     a.titular or none, a.suplente or none)
                                    for a in self.accounts])
        if view.initial_setup:
            self.notice.setText(self.tr(
                "Instalación nueva: aún no hay revisores de la CNCS. Registre las áreas y a las "
                "personas, y otorgue el rol de revisor CNCS a quien administrará la "
                "organización; después solo los revisores harán cambios."))
        elif not view.may_manage:
            self.notice.setText(view.reason)
        else:
            self.notice.setText("")
        for widget in (self.add_area_button, self.add_person_button, self.edit_person_button,
                       self.roles_button, self.remove_button, self.import_button,
                       self.admins_button):
            widget.setEnabled(view.may_manage)
        if not keep_status:
            self.status.setText("")
        self.changed.emit()

    def selected_person(self) -> actions.PersonRow | None:
        row = self.people_table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.people):
            self.status.setText(self.tr("Elija primero a una persona de la lista."))
            return None
        return self.view.people[row]

    # -- changes (callable from tests without dialogs) ----------------------------------------
    @staticmethod
    def _done(then: Then | None) -> Callable[[Any], None]:
        answer = then or _nothing
        return lambda result: answer(bool(result))

    def add_area(self, values: dict, then: Then | None = None) -> None:
        procedures, who = self.procedures(), self.person_id()
        self._run(lambda: actions.add_area(procedures, person_id=who, **values),
                  self.tr("Área registrada."), self._done(then))

    def add_person(self, values: dict, then: Then | None = None) -> None:
        procedures, who = self.procedures(), self.person_id()
        self._run(lambda: actions.add_person(procedures, person_id=who, **values),
                  self.tr("Persona registrada."), self._done(then))

    def edit_person(self, values: dict, then: Then | None = None) -> None:
        procedures, who = self.procedures(), self.person_id()
        self._run(lambda: actions.edit_person(procedures, person_id=who, **values),
                  self.tr("Cambios guardados."), self._done(then))

    def set_role(self, role: Role, grant: bool, then: Then | None = None) -> None:
        person = self.selected_person()
        if person is None:
            (then or _nothing)(False)
            return
        procedures, who = self.procedures(), self.person_id()
        self._run(lambda: actions.set_role(
            procedures, person_id=who, email=person.email, role=role, grant=grant),
            self.tr("Rol actualizado."), self._done(then))

    def remove_selected(self, then: Then | None = None) -> None:
        person = self.selected_person()
        if person is None:
            (then or _nothing)(False)
            return
        procedures, who = self.procedures(), self.person_id()
        self._run(lambda: actions.remove_person(
            procedures, person_id=who, email=person.email),
            self.tr("%1 quedó dada de baja.").replace("%1", person.name), self._done(then))

    def import_file(self, path: Path, *, confirm: Callable[[Any], tuple[bool, bool]],
                    then: Then | None = None) -> None:
        """Preview `path` off the UI thread; `confirm(preview)` answers (import?, only the
        valid lines?); then import off the UI thread. `then(imported)` at the end."""
        answer = then or _nothing
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.status.setText(self.tr("No se pudo leer «%1» (%2).").replace("%1", str(path))
                                .replace("%2", error.strerror or str(error)))
            answer(False)
            return
        procedures, who = self.procedures(), self.person_id()

        def previewed(preview: Any) -> None:
            if preview is None:
                answer(False)
                return
            go, only_valid = confirm(preview)
            if not go or not shiboken6.isValid(self):
                answer(False)
                return
            self._run(lambda: actions.import_directory(
                procedures, person_id=who, data=data, only_valid=only_valid),
                then=imported)

        def imported(result: Any) -> None:
            if not result:
                answer(False)
                return
            self.status.setText(
                self.tr("Importación terminada: %1, %2, %3, %4.")
                .replace("%1", self.tr("%n nueva(s)", "", result.created))
                .replace("%2", self.tr("%n actualizada(s)", "", result.updated))
                .replace("%3", self.tr("%n sin cambios", "", result.unchanged))
                .replace("%4", self.tr("%n línea(s) omitida(s)", "", result.skipped)))
            answer(True)

        self._run_quiet(lambda: actions.preview_import(procedures, data), previewed)

    def _run_quiet(self, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """A read off the UI thread: `then(result)`, or the refusal on the status line and
        `then(None)`; nothing is reloaded."""

        def finished(result: Any, error: BaseException | None) -> None:
            if not shiboken6.isValid(self):
                return
            if error is not None:
                self.status.setText(error.message if isinstance(error, UserFacingError)
                                    else self.tr("No se pudo leer el archivo (%1).")
                                    .replace("%1", type(error).__name__))
                then(None)
                return
            then(result)

        run_task(fn, finished, self.pool)

    def selected_account(self) -> actions.AccountAdminRow | None:
        row = self.accounts_table.currentRow()
        if not 0 <= row < len(self.accounts):
            self.status.setText(self.tr("Elija primero una cuenta de la lista."))
            return None
        return self.accounts[row]

    def select_account(self, account_id: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.id == str(account_id):
                self.accounts_table.setCurrentCell(row, 0)
                return

    def ask_administrators(self):
        """«Cambiar administradores…» for the chosen account: the dialog of Cuentas (the
        change, its rules and its notices are one action, `actions/change_administrators`)."""
        from redes_desktop.ui.cuentas.administrators_dialog import AdministratorsDialog

        account = self.selected_account()
        if account is None or self.admins_dialog is not None:
            return None
        self.admins_dialog = dialog = AdministratorsDialog(self.context, account.id, self,
                                                           pool=self.pool)
        dialog.finished.connect(lambda result: self._administrators_done(dialog, result))
        dialog.open()
        return dialog

    def _administrators_done(self, dialog, result: int) -> None:
        self.admins_dialog = None
        if result:
            self.refresh(keep_status=True)
            self.status.setText(dialog.result_text())

    # -- dialogs -----------------------------------------------------------------------------
    def _area_choices(self) -> list[tuple[str, str]]:
        return [(a.id, a.name) for a in (self.view.areas if self.view else ())]

    def ask_area(self) -> None:
        dialog = AreaDialog(self)
        if dialog.exec():
            self.add_area(dialog.values())

    def ask_person(self) -> None:
        if not self._area_choices():
            self.status.setText(self.tr("Registre primero un área."))
            return
        dialog = PersonDialog(self._area_choices(), self)
        if dialog.exec():
            self.add_person(dialog.values())

    def ask_edit_person(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        dialog = PersonDialog(self._area_choices(), self, email=person.email, name=person.name,
                              level=person.level, area_id=person.area_id)
        if dialog.exec():
            self.edit_person(dialog.values())

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar directorio"), "",
            self.tr("Archivos CSV (*.csv);;Todos los archivos (*)"))
        if not path:
            return

        def confirm(preview) -> tuple[bool, bool]:
            dialog = ImportDialog(preview, self)
            return bool(dialog.exec()), dialog.only_valid

        self.import_file(Path(path), confirm=confirm)
