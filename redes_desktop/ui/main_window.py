"""The main window: navigation, the stacked sections and the status bar. Layout only; what to
show comes from the AppContext given by `set_context`."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop import __version__
from redes_desktop.ui.find_bar import FindBar
from redes_desktop.ui.fit import compact_combos
from redes_desktop.ui.placeholder import PlaceholderSection
from redes_desktop.ui.sections import SectionSpec, default_sections
from redes_desktop.ui.status_bar import ElidingStatusBar

if TYPE_CHECKING:  # the manual is imported on F1, not before the first paint
    from redes_desktop.ui.help_window import HelpWindow

_ICONS = {
    "redactor": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "consultas": QStyle.StandardPixmap.SP_MessageBoxQuestion,
    "bitacora": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "contrasenas": QStyle.StandardPixmap.SP_DialogApplyButton,
    "cuentas": QStyle.StandardPixmap.SP_DirHomeIcon,
    "informes": QStyle.StandardPixmap.SP_FileDialogInfoView,
    "organizacion": QStyle.StandardPixmap.SP_DirLinkIcon,
    "buzon": QStyle.StandardPixmap.SP_DriveNetIcon,
}


class _FirstPaintWatcher(QObject):
    painted = Signal()

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._done = False
        target.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            obj.removeEventFilter(self)
            self.painted.emit()
        return False


class MainWindow(QMainWindow):
    first_painted = Signal()
    switch_user_requested = Signal()

    def __init__(self, data_location: str, sections: list[SectionSpec] | None = None) -> None:
        super().__init__()
        self.setWindowTitle(
            # Qt appends the application display name («Redes INE»): not repeated here.
            self.tr("Criterios para el uso institucional de redes sociales")
        )
        self.resize(1180, 760)
        self._specs = sections or default_sections()
        self._pages: dict[str, QWidget] = {}
        self._built: set[str] = set()
        self._context = None
        self._review_mode = False
        self._locked = False

        self.nav = QListWidget()
        self.nav.setObjectName("navegacion")
        self.nav.setMinimumWidth(170)
        self.nav.setMaximumWidth(240)
        self.nav.setAccessibleName(self.tr("Secciones"))
        self.stack = QStackedWidget()
        style = self.style()
        for spec in self._specs:
            item = QListWidgetItem(
                style.standardIcon(_ICONS.get(spec.key, QStyle.StandardPixmap.SP_FileIcon)),
                spec.title,
            )
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title} ({spec.shortcut})")
            self.nav.addItem(item)
            page = PlaceholderSection(spec.title, spec.description)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._on_section_changed)

        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 990])
        splitter.setChildrenCollapsible(False)
        # Ctrl+F in a section without its own search line (ui/find_bar.py).
        self.find_bar = FindBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(splitter, 1)
        central_layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.help_window: HelpWindow | None = None

        self.user_label = QLabel(self.tr("Cargando…"))
        self.role_label = QLabel("")
        # The folder's path is long: elided in the middle so the labels after it stay whole.
        data_text = self.tr("Datos: %s") % data_location
        self.data_label = QLabel(self.fontMetrics().elidedText(
            data_text, Qt.TextElideMode.ElideMiddle, 260))
        self.data_label.setToolTip(data_location)
        self.sync_label = QLabel(self.tr("Sincronización: sin configurar"))
        self.sync_label.setToolTip(
            self.tr("La base de datos compartida aún no está configurada: se trabaja en local.")
        )
        # «Avisos (N)»: the notification list and its unread count (ui/notifications.py).
        self.notifications_button = QToolButton()
        self.notifications_button.setText(self.tr("Avisos"))
        self.notifications_button.setEnabled(False)
        # A long passing message (a reminder, a Buzón failure) is cut with «…», whole in the
        # tooltip (Qt cut it without a sign).
        bar = ElidingStatusBar(self)
        self.setStatusBar(bar)
        bar.addWidget(self.user_label)
        bar.addWidget(self.role_label)
        self.secrets_label = QLabel(self.tr("Secretos: …"))
        bar.addPermanentWidget(self.notifications_button)
        bar.addPermanentWidget(self.data_label)
        bar.addPermanentWidget(self.secrets_label)
        bar.addPermanentWidget(self.sync_label)

        self._build_menus()
        # A suplente covering an absence sees whom and until when (5.1), above the sections.
        from redes_desktop.ui.coverage_banner import install as install_banner

        self.coverage_banner = install_banner(self)
        self.nav.setCurrentRow(0)
        self._watcher = _FirstPaintWatcher(self)
        self._watcher.painted.connect(self.first_painted)

    # -- menus and shortcuts -----------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Archivo"))
        self.switch_user_action = QAction(self.tr("Cambiar de &usuario…"), self)
        self.switch_user_action.setEnabled(False)
        self.switch_user_action.triggered.connect(self.switch_user_requested)
        file_menu.addAction(self.switch_user_action)
        # Sync (issue 7): the SyncController connects to these actions' `triggered`.
        self.sync_now_action = QAction(self.tr("Sincronizar a&hora"), self)
        self.sync_now_action.setShortcut(QKeySequence("F5"))
        self.conflicts_action = QAction(self.tr("&Conflictos de sincronización…"), self)
        file_menu.addAction(self.sync_now_action)
        file_menu.addAction(self.conflicts_action)
        file_menu.addSeparator()
        # Issue 14: the application opens ui/preferences/dialog.py on `triggered`.
        self.preferences_action = QAction(self.tr("&Preferencias…"), self)
        # The platform's own key (empty on most Linux desktops) and Ctrl+, everywhere.
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        comma = QKeySequence("Ctrl+,")
        self.preferences_action.setShortcuts(
            [*[key for key in keys if key != comma], comma])
        self.preferences_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.preferences_action.setEnabled(False)
        file_menu.addAction(self.preferences_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Salir"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&Ver"))
        self.section_actions: dict[str, QAction] = {}
        for spec in self._specs:
            action = QAction(spec.title, self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_section(key))
            view_menu.addAction(action)
            self.addAction(action)
            self.section_actions[spec.key] = action

        # Ctrl+F: search in the section in use (each section its own way, see find_in_section()).
        self.find_action = QAction(self.tr("&Buscar en la sección…"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.find_in_section)
        view_menu.addSeparator()
        view_menu.addAction(self.find_action)
        self.addAction(self.find_action)

        help_menu = self.menuBar().addMenu(self.tr("Ay&uda"))
        # F1: the manual, at the page of the section in use (issue 15).
        self.help_action = QAction(self.tr("&Manual de la sección"), self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.help_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.help_action.triggered.connect(lambda: self.show_help())
        help_menu.addAction(self.help_action)
        about = QAction(self.tr("&Acerca de Redes INE"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def show_help(self, key: str | None = None) -> HelpWindow:
        """Open (or bring forward) the manual at `key`'s page; by default the page of the
        window in use (a dialog with a `help_page`, e.g. Preferencias) or of the section."""
        if key is None:
            active = QApplication.activeWindow()
            key = getattr(active, "help_page", None) or self.current_section()
        if self.help_window is None:
            from redes_desktop.ui.help_window import HelpWindow

            self.help_window = HelpWindow(self)
        self.help_window.show_page(key)
        return self.help_window

    def find_in_section(self) -> None:
        """Ctrl+F: the section's own search line if it has one, else the window's find bar
        over the section's tables and lists."""
        page = self._pages[self.current_section()]
        own = getattr(page, "focus_search", None)
        if callable(own) and own() is not False:  # False: no search line right now
            self.find_bar.hide()
        else:
            self.find_bar.open_for(page)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Acerca de Redes INE"),
            self.tr(
                "<b>Redes INE</b> %s<br>Cliente editorial para las cuentas institucionales de "
                "redes sociales del Instituto Nacional Electoral, conforme a los <i>Criterios para "
                "el uso institucional de redes sociales</i>."
            )
            % __version__,
        )

    # -- sections ----------------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return [spec.key for spec in self._specs]

    def current_section(self) -> str:
        return self._specs[self.nav.currentRow()].key

    def page(self, key: str) -> QWidget:
        self._ensure_built(key)
        return self._pages[key]

    def show_section(self, key: str) -> None:
        keys = self.section_keys()
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def set_context(self, context) -> None:
        """The data layer is loaded: sections are built from now on, each on its first visit
        (a fast start: a section's libraries load when it is first opened). Called again after
        a change of user, it rebuilds the sections already built."""
        self._context = context
        built = list(self._built)
        self._built.clear()
        for key in built:
            self._replace_page(key, PlaceholderSection(*self._placeholder_texts(key)))
        self.switch_user_action.setEnabled(True)
        self.preferences_action.setEnabled(True)
        self.set_identity(context.identity)
        self._ensure_built(self.current_section())

    def _placeholder_texts(self, key: str) -> tuple[str, str]:
        spec = self._spec(key)
        return spec.title, spec.description

    def _spec(self, key: str) -> SectionSpec:
        return next(spec for spec in self._specs if spec.key == key)

    def _ensure_built(self, key: str) -> None:
        spec = self._spec(key)
        if (self._context is None or spec.factory is None or key in self._built
                or self._locked):
            return  # locked: a section is built once someone has signed in
        self._built.add(key)
        page = spec.factory(self._context)
        compact_combos(page)  # issue 15: a long name in a combo must not widen the window
        status_message = getattr(page, "status_message", None)
        if status_message is not None:
            status_message.connect(self._show_service_status)
        self._replace_page(key, page)

    def _replace_page(self, key: str, page: QWidget) -> None:
        index = self.section_keys().index(key)
        old = self._pages[key]
        _flush(old)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self._pages[key] = page
        self.stack.setCurrentIndex(self.nav.currentRow())

    def shared_data_changed(self) -> None:
        """A sync brought changes: each built section that shows shared records looks again
        (the Redactor compares the open draft with what arrived, issue 15)."""
        for key in list(self._built):
            refresh = getattr(self._pages.get(key), "shared_data_changed", None)
            if callable(refresh):
                refresh()

    def _on_section_changed(self, row: int) -> None:
        if 0 <= row < len(self._specs):
            self._ensure_built(self._specs[row].key)
        self.stack.setCurrentIndex(row)

    def _show_service_status(self, message: str) -> None:
        if message:
            self.statusBar().showMessage(message, 60_000)
        else:
            self.statusBar().clearMessage()

    def set_secret_store(self, store) -> None:
        """Say which store holds the secrets (issue 12: never a silent fallback)."""
        self.secrets_label.setText(self.tr("Secretos: %s") % store.description)
        path = getattr(store, "path", None)
        self.secrets_label.setToolTip(
            self.tr("Bóveda cifrada con su frase de acceso: %s") % path if path is not None
            else self.tr("Las contraseñas y claves están en el llavero del sistema operativo."))

    def set_identity(self, identity) -> None:
        """Who is signed in (issue 14: «Sesión: Nombre — Rol»); review mode only for a
        signed-in CNCS reviewer (`identity` comes from a sign-in on the UI path)."""
        if identity is None:
            self._review_mode = False
            self.user_label.setText(self.tr("Sin sesión iniciada"))
            self.role_label.setText("")
            self.show_coverage(())
            return
        self.user_label.setText(self.tr("Sesión: %s (%s)") % (identity.name, identity.area_name))
        self.role_label.setText(self.tr("— %s") % identity.role_label)
        self._review_mode = identity.is_reviewer
        self.refresh_coverage()
        if identity.is_reviewer:
            self.role_label.setText(self.tr("— %s — modo revisión CNCS") % identity.role_label)
            self.show_section("consultas")

    def refresh_coverage(self) -> None:
        """Read, off the UI thread, whom the signed-in person covers today (5.1)."""
        context = self._context
        identity = getattr(context, "identity", None)
        if context is None or identity is None:
            self.show_coverage(())
            return
        from redes_desktop.actions.coverage_status import coverage_status
        from redes_desktop.ui.tasks import run_task

        database, clock, person = context.database, context.clock, identity.person_id
        run_task(lambda: coverage_status(database, clock=clock, person_id=person),
                 lambda found, error: self.show_coverage(() if error else found),
                 getattr(self, "pool", None))

    def show_coverage(self, coverages) -> None:
        """The banner: «Cubre a Nombre (vacaciones) en @cuenta hasta el 17 de marzo»."""
        from redes_desktop.spanish_dates import spanish_date

        lines = [self.tr("Cubre a %s (%s) en %s hasta el %s, inclusive (criterio 5.1).")
                 % (c.titular_name, c.kind_label.lower(), ", ".join(c.handles),
                    spanish_date(c.ends_on, weekday=True)) for c in coverages]
        self.coverage_banner.setText("\n".join(lines))
        self.coverage_banner.setVisible(bool(lines))
        self.coverage_banner.setToolTip(self.tr(
            "Mientras cubre la ausencia tiene los derechos del titular sobre esas cuentas: sus "
            "borradores, consultas y contraseñas aparecen en sus listas.") if coverages else "")

    def set_locked(self, locked: bool) -> None:
        """Nothing of the data shows while no one is signed in or the session is locked."""
        self._locked = locked
        central = self.centralWidget()
        if central is not None:
            central.setVisible(not locked)
        for action in (*self.section_actions.values(), self.conflicts_action):
            action.setEnabled(not locked)  # the conflicts dialog shows records too
        self.notifications_button.setEnabled(not locked)  # the list names records too
        if locked:
            self.user_label.setText(self.tr("Sesión bloqueada"))
        elif self._nav_ready():
            self._ensure_built(self.current_section())

    def _nav_ready(self) -> bool:
        return 0 <= self.nav.currentRow() < len(self._specs)

    @property
    def locked(self) -> bool:
        return self._locked

    @property
    def review_mode(self) -> bool:
        return self._review_mode and not self.locked

    # -- geometry ----------------------------------------------------------------------------
    def restore_state(self, geometry: str | None, state: str | None, section: str | None) -> None:
        # A damaged settings.json must not stop the start-up: bad values are ignored and the
        # window keeps its default size and layout.
        geometry_bytes = _decode_saved(geometry)
        if geometry_bytes is not None:
            self.restoreGeometry(QByteArray(geometry_bytes))
        state_bytes = _decode_saved(state)
        if state_bytes is not None:
            self.restoreState(QByteArray(state_bytes))
        if section:
            self.show_section(section)

    def saved_state(self) -> tuple[str, str, str]:
        geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode("ascii")
        state = base64.b64encode(bytes(self.saveState().data())).decode("ascii")
        return geometry, state, self.current_section()

    closing = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        for page in self._pages.values():
            _flush(page)
        self.closing.emit()
        super().closeEvent(event)


def _decode_saved(value: object) -> bytes | None:
    """The bytes of a base64 value saved by `saved_state`, or None when it is missing or bad."""
    if not value or not isinstance(value, str):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None


def _flush(page: QWidget) -> None:
    """Let a section save what it holds (e.g. the composer's last seconds of typing)."""
    save_now = getattr(page, "save_now", None)
    if callable(save_now):
        save_now()


def error_box(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent
    )
    if QApplication.instance() is not None and QApplication.platformName() == "offscreen":
        # Nobody can click it: say it on stderr and move on.
        import sys

        print(f"{title}: {message}", file=sys.stderr)
        return
    box.exec()
