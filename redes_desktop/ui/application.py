"""Start-up of the window: paint first, then load the data layer off the UI thread.

Order: QApplication → data folder checks and lock (cheap) → main window shown → first paint →
secret store chosen (keyring, or the local vault and its passphrase dialog) → worker thread
imports SQLAlchemy, opens and upgrades the database → identity → sections filled.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from redes_desktop.clock import clock_of
from redes_desktop.context_setup import attach_bitacora
from redes_desktop.errors import UserFacingError
from redes_desktop.gc_tuning import (
    forget_module_sources,
    freeze_long_lived_objects,
    import_forgetting_sources,
)
from redes_desktop.paths import resolve_data_dir
from redes_desktop.resource_files import verify as verify_installed_files
from redes_desktop.ui.i18n import install_app_translations
from redes_desktop.ui.main_window import MainWindow, error_box
from redes_desktop.ui.tasks import run_task
from redes_desktop.workspace import Workspace, open_workspace

if TYPE_CHECKING:  # imported where used: the window paints before the data layer is imported
    from redes_desktop.actions.sign_in import SignInService
    from redes_desktop.context import AppContext
    from redes_desktop.secrets_store import SecretStore
    from redes_desktop.ui.idle_lock import IdleLock
    from redes_desktop.ui.signin_dialog import SignInDialog
    from redes_desktop.ui.sync.controller import SyncController
    from redes_desktop.ui.vault_dialog import VaultDialog

PAINT_MARKER = "redes-desktop: primera pintura"
STARTUP, PERIODIC = "startup", "periodic"
PERIODIC_INTERVAL_MS = 60_000


class Startup:
    """Drives the start-up sequence; `exit_code` is what the process returns."""

    def __init__(self, app: QApplication, workspace: Workspace, quit_after_startup: bool,
                 secrets_options=None, pool=None) -> None:
        self.app = app
        self.workspace = workspace
        self.quit_after_startup = quit_after_startup
        # None: the defaults, made off the UI thread (vault/choice.py is imported after the
        # first paint).
        self.secrets_options = secrets_options
        self.pool = pool  # tests: SynchronousPool for the secrets step
        self.exit_code = 0
        self.context: AppContext | None = None
        self.sync: SyncController | None = None
        self.secrets: SecretStore | None = None
        self.vault_dialog: VaultDialog | None = None
        # Sign-in (issue 14): one service (its throttle lives across attempts), the dialog
        # while it is open, and the idle lock once someone signed in.
        self.signin: SignInService | None = None
        self.signin_dialog: SignInDialog | None = None
        self.idle: IdleLock | None = None
        self.window = MainWindow(str(workspace.paths.root))
        settings = workspace.settings
        self.window.restore_state(
            settings.window_geometry, settings.window_state, settings.last_section
        )
        self.window.first_painted.connect(self._on_first_paint)
        self.window.closing.connect(self._remember_window)
        self.window.switch_user_requested.connect(self._ask_identity)

    def start(self) -> None:
        self.window.show()

    def _on_first_paint(self) -> None:
        if self.quit_after_startup:
            print(f"{PAINT_MARKER} {time.perf_counter():.6f}", flush=True)
        run_task(self._choose_secrets, self._on_secrets_chosen, self.pool)

    # -- secrets (issue 12): the OS keyring, or the local vault opened with its passphrase --------
    def _choose_secrets(self):
        """Off the UI thread (importing keyring costs ~0.3 s): keyring or vault; a damaged or
        foreign vault is refused here; REDES_DESKTOP_PASSPHRASE opens the vault at once."""
        from redes_desktop.vault.choice import (
            SecretsOptions,
            choose_store,
            open_with_passphrase,
        )
        from redes_desktop.vault.store import VaultSecretStore

        options = self.secrets_options or SecretsOptions()
        store = choose_store(self.workspace.paths, options)
        if isinstance(store, VaultSecretStore):
            store.inspect()
            phrase = options.env_passphrase
            if phrase is not None:
                open_with_passphrase(store, phrase)
        forget_module_sources()  # keyring's
        return store

    def _on_secrets_chosen(self, store, error: BaseException | None) -> None:
        if error is not None:
            self._fail(error)
            return
        from redes_desktop.vault.store import VaultSecretStore

        if isinstance(store, VaultSecretStore) and not store.is_open:
            if self.quit_after_startup:  # a smoke run: nobody is there to type the passphrase
                from redes_desktop.secrets_store import SecretsUnavailable
                from redes_desktop.vault.choice import PASSPHRASE_ENV

                self._fail(SecretsUnavailable(
                    f"Este equipo no tiene llavero del sistema y la bóveda de secretos "
                    f"{store.path} necesita su frase de acceso: defina {PASSPHRASE_ENV} para "
                    "una ejecución sin ventana de diálogo."))
                return
            from redes_desktop.ui.vault_dialog import VaultDialog

            self.vault_dialog = dialog = VaultDialog(store, self.window, pool=self.pool)
            dialog.finished.connect(lambda result: self._on_vault_dialog(store, result))
            dialog.open()
            return
        self._secrets_ready(store)

    def _on_vault_dialog(self, store, result: int) -> None:
        dialog, self.vault_dialog = self.vault_dialog, None
        if result:
            self._secrets_ready(store)
        elif dialog is not None and dialog.error is not None:
            self._fail(dialog.error)
        else:  # cancelled: nothing can be read or recorded without the secrets
            from redes_desktop.secrets_store import SecretsUnavailable

            self.exit_code = SecretsUnavailable.exit_code
            self.app.exit(self.exit_code)

    def _secrets_ready(self, store: SecretStore) -> None:
        self.secrets = store
        self.window.set_secret_store(store)
        run_task(lambda: self._load_data_layer(store), self._on_loaded)

    def _load_data_layer(self, secrets: SecretStore) -> AppContext:
        # Imported in steps that each forget the sources Qt's import hook read (gc_tuning).
        import_forgetting_sources("sqlalchemy.orm", "redes_desktop.models",
                                  "redes_desktop.context", "redes_desktop.bitacora")
        from redes_desktop.context import AppContext

        database = self.workspace.open_database()
        context = AppContext(
            workspace=self.workspace, database=database, clock=self.workspace.clock,
            secrets=secrets,
        )
        attach_bitacora(context)
        context.load_identity()
        forget_module_sources()
        return context

    def _on_loaded(self, context, error: BaseException | None) -> None:
        if error is not None:
            self._fail(error)
            return
        self.context = context
        # The person remembered in the settings is only preselected: signing in proves it.
        remembered = context.identity
        context.identity = None
        self.window.set_locked(True)  # no section is built before someone signs in
        self.window.set_context(context)
        freeze_long_lived_objects()  # the data layer lives as long as the window
        alarm = self._show_bitacora_alarm()
        if self.quit_after_startup:
            if alarm:  # the check found the bitácora altered: say so and fail
                from redes_desktop.bitacora import BitacoraBlocked

                print(f"Error: bitácora bloqueada: {alarm}", file=sys.stderr, flush=True)
                self.exit_code = BitacoraBlocked.exit_code
            QTimer.singleShot(0, self.app.quit)
            return
        from redes_desktop.ui.notifications import TrayNotifier

        self.notifier = TrayNotifier(self.window, context=context, pool=self.pool,
                                     button=self.window.notifications_button)
        self.notifier.activated.connect(self._open_notification)
        context.notifier = self.notifier
        self._open_sign_in(preselect=remembered.person_id if remembered else None)
        self._run_jobs(STARTUP)
        self._start_sync(context)
        self._periodic = QTimer(self.window)
        self._periodic.setInterval(PERIODIC_INTERVAL_MS)
        self._periodic.timeout.connect(lambda: self._run_jobs(PERIODIC))
        self._periodic.start()

    def _start_sync(self, context: AppContext) -> None:
        """Background sync with the shared database, when one is configured (issue 7)."""
        from redes_desktop.ui.preferences.wiring import PreferencesOpener, sync_factory
        from redes_desktop.ui.sync.conflicts_dialog import ConflictsDialog
        from redes_desktop.ui.sync.controller import SyncController

        settings = context.workspace.settings
        self.sync = sync = SyncController(context.database.engine, sync_factory(context),
                                          max(settings.sync_interval_seconds, 10) * 1000,
                                          self.window)
        # Archivo → Preferencias, and the sync status's links into it (issue 14).
        self.preferences = PreferencesOpener(self.window, context, sync)
        self.preferences.idle_minutes_changed = self._idle_minutes_changed
        sync.status_changed.connect(self._show_bitacora_alarm)  # the shared comparison
        # What is shown belongs to what is open (issue 15): the open draft is compared with
        # what the sync brought.
        sync.synced.connect(lambda _lines: self.window.shared_data_changed())
        self.window.sync_now_action.triggered.connect(sync.sync_now)
        self.window.conflicts_action.triggered.connect(
            lambda: self.open_conflicts(ConflictsDialog(context, self.window)))
        sync.start()

    def open_conflicts(self, dialog) -> None:
        """Archivo → Conflictos: each resolution recounts the status bar's «N conflictos»
        (issue 15), before the dialog closes."""
        if self.sync is not None:
            dialog.resolved.connect(self.sync.refresh)
        dialog.exec()

    def _open_notification(self, notification) -> None:
        """A click on a tray notification brings the window to the section it is about."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if notification.target:
            section, record_id = notification.target
            self.window.show_section(section)
            if record_id:
                from redes_desktop.ui.notifications import open_target

                open_target(self.window.page(section), record_id)

    def _run_jobs(self, which: str) -> None:
        from redes_desktop import jobs

        specs = jobs.STARTUP_JOBS if which == STARTUP else jobs.PERIODIC_JOBS
        context = self.context
        run_task(lambda: jobs.run_jobs(specs, context), self._on_jobs_done)

    def _show_bitacora_alarm(self, *_args) -> str | None:
        """The red bar while the bitácora is blocked (ui/bitacora/alarm.py); returns the alarm."""
        from redes_desktop.ui.bitacora.alarm import show_bitacora_alarm

        bitacora = getattr(getattr(self.context, "recorder", None), "bitacora", None)
        alarm = getattr(bitacora, "blocked", None)
        show_bitacora_alarm(self.window, alarm, self.context)
        return alarm

    def _on_jobs_done(self, outcome, error: BaseException | None) -> None:
        self._show_bitacora_alarm()
        if error is not None:
            self.window.statusBar().showMessage(str(error), 15_000)
            return
        notifications, errors = outcome
        self.notifier.notify_all(notifications)
        for index in range(self.window.stack.count()):  # e.g. the Redactor's queue (issue 17)
            after_jobs = getattr(self.window.stack.widget(index), "after_jobs", None)
            if callable(after_jobs):
                after_jobs()
        if errors:
            self.window.statusBar().showMessage(" · ".join(errors), 30_000)

    def _ask_identity(self) -> None:
        """«Cambiar de usuario»: the next person signs in (the current one stays until then)."""
        if self.context is None:  # the switch-user action is enabled once the data is loaded
            return
        self._open_sign_in()

    def _open_sign_in(self, *, preselect=None, locked_person=None) -> None:
        from redes_desktop.actions.sign_in import SignInService
        from redes_desktop.ui.signin_dialog import SignInDialog

        context = self.context
        if context is None or self.signin_dialog is not None:
            return
        if self.signin is None:
            self.signin = SignInService.of(context)
        self.signin_dialog = dialog = SignInDialog(
            context, self.signin, self.window, preselect=preselect,
            locked_person=locked_person, pool=self.pool)
        dialog.finished.connect(lambda result: self._on_sign_in_closed(dialog, result))
        dialog.open()

    def _on_sign_in_closed(self, dialog: SignInDialog, result: int) -> None:
        self.signin_dialog = None
        context = self.context
        if not result or dialog.signed_in is None or context is None:
            return  # cancelled: whoever was signed in stays (or the window stays locked)
        same_person = dialog.previous is not None and (
            dialog.previous.person_id == dialog.signed_in.person_id)
        self.window.set_locked(False)
        if same_person:  # back from the lock: the sections stay as they were
            self.window.set_identity(context.identity)
            self._start_idle_lock()
            return
        self.window.set_context(context)
        if self.sync is not None:
            self.sync.forget_engine()  # the next sync connects as the new person
        self._start_idle_lock()
        # The new person's notifications: their list, and the daily reminders of the accounts
        # they answer for (issue 15: nobody is told about accounts that are not theirs).
        self.notifier.refresh()
        self._run_jobs(STARTUP)

    def _start_idle_lock(self) -> None:
        from redes_desktop.signin.idle import IdlePolicy
        from redes_desktop.ui.idle_lock import IdleLock

        if self.idle is None and self.context is not None:
            minutes = self.workspace.settings.idle_lock_minutes
            self.idle = IdleLock(IdlePolicy(minutes, self.context.clock), self.window)
            self.idle.lock_due.connect(self.lock_session)
            self.window.closing.connect(self.idle.stop)
        elif self.idle is not None:
            self.idle.reset()

    def _idle_minutes_changed(self, minutes: int) -> None:
        if self.idle is not None:
            self.idle.set_minutes(minutes)

    def lock_session(self) -> None:
        """Idle too long: record the lock, hide the data, ask the password again."""
        context, service = self.context, self.signin
        identity = context.identity if context is not None else None
        if identity is None or service is None:
            return
        if self.signin_dialog is not None:
            if self.signin_dialog.locked_person is not None:
                return  # already locked
            self.signin_dialog.done(0)  # a «Cambiar de usuario» left open: lock instead
        minutes = self.workspace.settings.idle_lock_minutes
        run_task(lambda: service.record_lock(identity, minutes), self._on_lock_recorded,
                 self.pool)
        self.window.set_locked(True)
        dialog = getattr(getattr(self, "notifier", None), "list_dialog", None)
        if dialog is not None:
            dialog.hide()  # the list names records: hidden while the session is locked
        self._open_sign_in(locked_person=identity.person_id)

    def _on_lock_recorded(self, _result, error: BaseException | None) -> None:
        if error is not None:
            self.window.statusBar().showMessage(str(error), 30_000)

    def _fail(self, error: BaseException) -> None:
        if isinstance(error, UserFacingError):
            message, code = error.message, error.exit_code
        else:
            message = (
                self.window.tr(
                    "Ocurrió un error inesperado al abrir los datos: %s. "
                    "Los datos no se modificaron; informe a soporte técnico."
                )
                % error
            )
            code = 1
        self.exit_code = code
        error_box(self.window, self.window.tr("No se pudieron abrir los datos"), message)
        self.app.exit(code)

    def _remember_window(self) -> None:
        geometry, state, section = self.window.saved_state()
        settings = self.workspace.settings
        settings.window_geometry, settings.window_state, settings.last_section = (
            geometry,
            state,
            section,
        )
        try:
            self.workspace.save_settings()
        except OSError as error:
            print(f"No se pudo guardar la configuración: {error}", file=sys.stderr)


def _install_qt_spanish(app: QApplication) -> None:
    """Qt's own texts (standard buttons, file dialogs, context menus) in Spanish."""
    from PySide6.QtCore import QLibraryInfo, QLocale

    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_es", path):
        app.installTranslator(translator)
    else:
        print(f"No se encontró la traducción de Qt al español en {path}: los diálogos de Qt "
              "se verán en inglés.", file=sys.stderr)
    # Installed last, asked first: México's usage over qtbase_es (issue 15).
    app.installTranslator(MexicanQtTexts(app))
    # The program's own catalogue: its plural forms («1 cuenta», «2 cuentas»).
    install_app_translations(app)


class MexicanQtTexts(QTranslator):
    """Qt's Spanish (from Spain) where México says it differently: keyboard shortcuts read
    «Ctrl+1» as printed on the keys, not «Control+1»; files are «archivos», not «ficheros»."""

    OVERRIDES = {
        ("QShortcut", "Ctrl"): "Ctrl",
        ("QFileDialog", "Files of type:"): "Archivos de tipo:",
        ("QFileDialog", "File &name:"): "&Nombre del archivo:",
        ("QFileDialog", "Look in:"): "Buscar en:",
    }

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return self.OVERRIDES.get((context, source))  # None: ask the next translator

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def run_gui(args) -> int:
    existing = QApplication.instance()  # typed as the QCoreApplication base
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Redes INE")
    app.setOrganizationName("INE")
    app.setApplicationDisplayName("Redes INE")
    _install_qt_spanish(app)
    try:
        verify_installed_files()
        workspace = open_workspace(resolve_data_dir(args.data_dir), clock=clock_of(args))
    except UserFacingError as error:
        error_box(None, "Redes INE", error.message)
        return error.exit_code
    startup = Startup(app, workspace, quit_after_startup=args.quit_after_startup)
    startup.start()
    code = app.exec()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    if startup.sync is not None:
        startup.sync.stop()
    if startup.context is not None:
        startup.context.close()
    workspace.close()
    return startup.exit_code or code
