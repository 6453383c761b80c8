"""Preferencias → Sesión: the minutes without input before the session locks (0: never)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from redes_desktop.ui.preferences.dialog import MessageLine, attempt

if TYPE_CHECKING:
    from redes_desktop.ui.preferences.dialog import PreferencesDialog


class SessionTab(QWidget):
    def __init__(self, dialog: PreferencesDialog) -> None:
        super().__init__()
        from redes_desktop.actions import preferences as prefs

        self.dialog = dialog
        self.context = dialog.context
        self.minutes = QSpinBox()
        self.minutes.setRange(0, prefs.MAX_IDLE_LOCK_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setSpecialValueText(self.tr("Nunca"))
        current = self.context.workspace.settings.idle_lock_minutes
        valid = isinstance(current, int) and not isinstance(current, bool)
        self.minutes.setValue(min(max(current, 0), prefs.MAX_IDLE_LOCK_MINUTES) if valid else 0)
        self.minutes.setAccessibleName(self.tr("Minutos de inactividad antes del bloqueo"))
        explanation = QLabel(self.tr(
            "Tras estos minutos sin usar el teclado ni el ratón, la sesión se bloquea y pide "
            "otra vez la contraseña. 0 = nunca (no recomendado en equipos compartidos)."))
        explanation.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLine()
        layout = QFormLayout(self)
        layout.addRow(explanation)
        layout.addRow(self.tr("Bloquear tras:"), self.minutes)
        layout.addRow(self.save_button)
        layout.addRow(self.message)

    def save(self) -> None:
        from redes_desktop.actions import preferences as prefs

        ok, minutes = attempt(self.message, prefs.apply_idle_lock, self.context.workspace,
                              self.minutes.value())
        if not ok:
            return
        self.message.say(self.tr("La sesión se bloquea tras %n minuto(s) sin actividad.", "",
                                 minutes)
                         if minutes else self.tr("La sesión ya no se bloquea por inactividad."))
        self.dialog.changed.emit("sesion")
