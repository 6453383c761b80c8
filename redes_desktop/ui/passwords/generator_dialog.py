"""The password generator (5.2 g) as a panel (used by the rotation dialog) and a dialog: choose
length and character types or a Spanish passphrase, see the strength meter (0–4), the time to
crack it and, when it falls short of 5.2 g, each reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.errors import UserFacingError
from redes_desktop.passwords import generator, strength
from redes_desktop.passwords.strength import Strength
from redes_desktop.ui.cuentas.operations import error_text
from redes_desktop.ui.passwords.clipboard import ClipboardGuard
from redes_desktop.ui.tasks import Reads

_METER_COLORS = ("#c62828", "#ef6c00", "#f9a825", "#558b2f", "#2e7d32")


class GeneratorPanel(QWidget):
    """Settings, the password field (editable: a password made elsewhere can be checked too),
    the meter and the verdict. `verdict` holds the last evaluation."""

    changed = Signal()
    words_arrived = Signal(str)  # "" once the account's words are in, else the Spanish error

    def __init__(self, user_inputs: list[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.user_inputs = user_inputs if user_inputs is not None else strength.context_words([])
        self.verdict: Strength | None = None
        self.ready = True  # the words a password must avoid are known
        self.reads: Reads | None = None

        self.characters_mode = QRadioButton(self.tr("Caracteres"))
        self.passphrase_mode = QRadioButton(self.tr("Frase de palabras en español"))
        self.characters_mode.setChecked(True)
        self.length = QSpinBox()
        self.length.setRange(generator.MIN_LENGTH, generator.MAX_LENGTH)
        self.length.setValue(generator.DEFAULT_LENGTH)
        self.lowercase = QCheckBox(self.tr("Minúsculas (a-z)"))
        self.uppercase = QCheckBox(self.tr("Mayúsculas (A-Z)"))
        self.digits = QCheckBox(self.tr("Números (0-9)"))
        self.specials = QCheckBox(self.tr("Caracteres especiales (!#%&&*…)"))
        for box in (self.lowercase, self.uppercase, self.digits, self.specials):
            box.setChecked(True)
        self.look_alike = QCheckBox(self.tr("Evitar caracteres que se confunden (I l 1 | O 0 o)"))
        self.words = QSpinBox()
        self.words.setRange(generator.MIN_WORDS, generator.MAX_WORDS)
        self.words.setValue(generator.DEFAULT_WORDS)

        self.password = QLineEdit()
        self.password.setObjectName("contrasena")
        self.password.setFont(QFont("monospace"))
        self.password.setAccessibleName(self.tr("Contraseña"))
        self.generate_button = QPushButton(self.tr("&Generar"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName(self.tr("Fortaleza"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")

        form = QFormLayout()
        modes = QHBoxLayout()
        modes.addWidget(self.characters_mode)
        modes.addWidget(self.passphrase_mode)
        form.addRow(self.tr("Tipo:"), modes)
        form.addRow(self.tr("Longitud:"), self.length)
        classes = QVBoxLayout()
        for box in (self.lowercase, self.uppercase, self.digits, self.specials, self.look_alike):
            classes.addWidget(box)
        form.addRow(self.tr("Incluir:"), classes)
        form.addRow(self.tr("Palabras:"), self.words)
        row = QHBoxLayout()
        row.addWidget(self.password, 1)
        row.addWidget(self.generate_button)
        form.addRow(self.tr("Contraseña:"), row)
        form.addRow(self.tr("Fortaleza:"), self.meter)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.reasons)
        layout.addWidget(self.error)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.evaluate)
        self.password.textEdited.connect(self._debounce.start)
        self.generate_button.clicked.connect(self.generate)
        self.characters_mode.toggled.connect(self._mode_changed)
        self._mode_changed()

    @property
    def idle(self) -> bool:
        return self.reads is None or self.reads.idle

    def load_words(self, read: Callable[[], list[str]], pool=None) -> None:
        """Read the account's words off the UI thread; the panel stays disabled until they
        arrive, then a password that avoids them is generated."""
        self.ready = False
        self.setEnabled(False)
        self.reads = Reads(self, pool)
        self.reads.run(read, self._show_words)

    def _show_words(self, words: list[str] | None, error: BaseException | None) -> None:
        if error is not None:
            self.words_arrived.emit(error_text(error))
            return
        self.user_inputs = list(words or [])
        self.ready = True
        self.setEnabled(True)
        self.generate()
        self.words_arrived.emit("")

    def _mode_changed(self) -> None:
        characters = self.characters_mode.isChecked()
        for widget in (self.length, self.lowercase, self.uppercase, self.digits, self.specials,
                       self.look_alike):
            widget.setEnabled(characters)
        self.words.setEnabled(not characters)

    def settings(self) -> generator.PasswordSettings | generator.PassphraseSettings:
        if self.passphrase_mode.isChecked():
            return generator.PassphraseSettings(words=self.words.value())
        return generator.PasswordSettings(
            length=self.length.value(), lower=self.lowercase.isChecked(),
            upper=self.uppercase.isChecked(), digits=self.digits.isChecked(),
            specials=self.specials.isChecked(), exclude_look_alike=self.look_alike.isChecked())

    def generate(self) -> None:
        """Generate one password; a few more tries if one happens to contain an account word."""
        settings = self.settings()
        try:
            for _ in range(10):
                if isinstance(settings, generator.PassphraseSettings):
                    candidate = generator.generate_passphrase(settings)
                else:
                    candidate = generator.generate_password(settings)
                verdict = strength.evaluate(candidate, self.user_inputs)
                if verdict.meets_criterion:
                    break
        except UserFacingError as error:
            self.error.setText(error.message)
            return
        self.error.setText("")
        self.password.setText(candidate)
        self._show(verdict)

    def evaluate(self) -> None:
        self._debounce.stop()
        self._show(strength.evaluate(self.password.text(), self.user_inputs))

    def _show(self, verdict: Strength) -> None:
        self.verdict = verdict
        self.meter.setValue(verdict.score)
        self.meter.setFormat(self.tr("%1 de 4 — %2").replace("%1", str(verdict.score))
                             .replace("%2", verdict.label))
        self.meter.setStyleSheet(
            f"QProgressBar::chunk {{ background: {_METER_COLORS[verdict.score]}; }}")
        summary = self.tr("Tiempo estimado para descifrarla: %1.").replace("%1",
                                                                           verdict.crack_time)
        if verdict.truncated:
            summary += " " + self.tr("Solo se evaluaron los primeros 72 caracteres.")
        if verdict.meets_criterion:
            summary += " " + self.tr("Cumple el criterio 5.2 g.")
        self.summary.setText(summary)
        lines = [f"• {r}" for r in verdict.reasons]
        if verdict.warning:
            lines.append(f"• {verdict.warning}")
        lines += [f"• {s}" for s in verdict.suggestions if not verdict.meets_criterion]
        header = self.tr("No cumple el criterio 5.2 g:") if not verdict.meets_criterion else ""
        self.reasons.setText("\n".join([header, *lines]).strip())
        self.changed.emit()


class GeneratorDialog(QDialog):
    """The generator on its own (section button): generate, see the strength, copy."""

    def __init__(self, parent: QWidget | None = None, user_inputs: list[str] | None = None,
                 guard: ClipboardGuard | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Generador de contraseñas"))
        self.panel = GeneratorPanel(user_inputs, self)
        # The section's guard outlives the dialog, so the clipboard is cleared after closing it.
        self.guard = guard or ClipboardGuard(self)
        self.copy_button = QPushButton(self.tr("&Copiar (se borra en 30 s)"))
        self.copy_button.clicked.connect(self.copy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.panel.words_arrived.connect(self._words_arrived)
        self.panel.generate()

    def load_words(self, read: Callable[[], list[str]], pool=None) -> None:
        self.copy_button.setEnabled(False)
        self.panel.load_words(read, pool)

    def _words_arrived(self, error: str) -> None:
        self.message.setText(error)
        self.copy_button.setEnabled(not error)

    def copy(self) -> None:
        if self.panel.ready and self.panel.password.text():
            self.guard.copy(self.panel.password.text())
