"""Preferencias → Redes (issue 17): the Institute's app id with each network, YouTube's desktop
client secret (to the secret store only) and, behind «Avanzado», other addresses of each
network's API and OAuth endpoints (a proxy). Checked whole before anything is stored; the
networks read the settings at each use, so it applies without a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from redes_desktop.ui.form_marks import mark_problems
from redes_desktop.ui.preferences.dialog import (
    MessageLine,
    failure_text,
    in_background,
    password_field,
)

if TYPE_CHECKING:
    from redes_desktop.ui.preferences.dialog import PreferencesDialog


class NetworksTab(QWidget):
    def __init__(self, dialog: PreferencesDialog) -> None:
        super().__init__()
        from redes_desktop.actions import network_preferences as prefs

        self.dialog = dialog
        self.context = dialog.context
        form = prefs.NetworksForm.of(self.context.workspace.settings)
        self.endpoints = form.endpoints  # kept per network while another is shown
        explanation = QLabel(self.tr(
            "El Instituto registra su aplicación con cada red; escriba aquí el identificador "
            "que la red le dio (lo entrega el área que la registró). Con él, cada titular "
            "conecta sus cuentas en Cuentas › Conexión con la red."))
        explanation.setWordWrap(True)
        self.client_ids: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        layout.addRow(explanation)
        for network in prefs.NETWORKS:
            edit = QLineEdit(form.client_ids.get(network.value, ""))
            edit.setPlaceholderText(self.tr("Identificador de la aplicación (client id)"))
            edit.setAccessibleName(self.tr("Identificador de la aplicación en %s")
                                   % network.label)
            self.client_ids[network.value] = edit
            layout.addRow(network.label + ":", edit)
        self.youtube_secret = password_field("")
        self.youtube_secret.setAccessibleName(self.tr("Secreto de cliente de YouTube"))
        self.youtube_secret.setToolTip(self.tr(
            "Google entrega a las aplicaciones de escritorio un «secreto de cliente» que no es "
            "confidencial; aun así se guarda sólo en el almacén de secretos."))
        layout.addRow(self.tr("Secreto de cliente de YouTube:"), self.youtube_secret)

        self.advanced_button = QPushButton(self.tr("Avanzado…"))
        self.advanced_button.setCheckable(True)
        self.advanced_button.toggled.connect(self._toggle_advanced)
        layout.addRow(self.advanced_button)
        self.advanced = QGroupBox(self.tr("Direcciones de la red (sólo con un proxy)"))
        advanced_layout = QFormLayout(self.advanced)
        self.endpoint_network = QComboBox()
        for network in prefs.NETWORKS:
            self.endpoint_network.addItem(network.label, network.value)
        self.endpoint_edits: dict[str, QLineEdit] = {}
        advanced_layout.addRow(self.tr("Red:"), self.endpoint_network)
        titles = {"api": self.tr("API:"), "authorize": self.tr("Autorización:"),
                  "token": self.tr("Claves (token):"), "revoke": self.tr("Revocación:"),
                  "upload": self.tr("Subida de videos:")}
        for key in prefs.ENDPOINT_KEYS:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("la dirección oficial de la red"))
            self.endpoint_edits[key] = edit
            advanced_layout.addRow(titles[key], edit)
        self._shown_network = self.endpoint_network.currentData()
        self.endpoint_network.currentIndexChanged.connect(self._network_chosen)
        self._fill_endpoints()
        self.advanced.setVisible(any(bool(v) for v in self.endpoints.values()))
        self.advanced_button.setChecked(self.advanced.isVisible())
        layout.addRow(self.advanced)

        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLine()
        layout.addRow(self.save_button)
        layout.addRow(self.message)
        self.load()

    def load(self) -> None:
        """Whether YouTube's secret is stored, asked off the UI thread (the keyring may block)."""
        from redes_desktop.actions import network_preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.youtube_secret_stored(secrets), self._loaded,
                      self.tr("Cargando…"), writes=False)

    def _loaded(self, stored, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
        self.youtube_secret.setPlaceholderText(self._secret_hint(bool(stored)))

    def _secret_hint(self, stored: bool) -> str:
        if stored:
            return self.tr("guardado en el almacén de secretos (escriba para cambiarlo)")
        return self.tr("sin guardar")

    def _toggle_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)

    def _keep_endpoints(self) -> None:
        self.endpoints[self._shown_network] = {
            key: edit.text().strip() for key, edit in self.endpoint_edits.items()
            if edit.text().strip()}

    def _fill_endpoints(self) -> None:
        given = self.endpoints.get(self._shown_network) or {}
        for key, edit in self.endpoint_edits.items():
            edit.setText(given.get(key, ""))
        self.endpoint_edits["upload"].setEnabled(self._shown_network == "youtube")

    def _network_chosen(self, _index: int) -> None:
        self._keep_endpoints()
        self._shown_network = self.endpoint_network.currentData()
        self._fill_endpoints()

    def form(self):
        from redes_desktop.actions import network_preferences as prefs

        self._keep_endpoints()
        secret = self.youtube_secret.text()
        return prefs.NetworksForm(
            {key: edit.text() for key, edit in self.client_ids.items()},
            {key: dict(value) for key, value in self.endpoints.items()},
            secret if secret else None)

    def _fields(self) -> dict[str, QWidget]:
        fields: dict[str, QWidget] = {f"client_id:{k}": e for k, e in self.client_ids.items()}
        fields["youtube_secret"] = self.youtube_secret
        for key, edit in self.endpoint_edits.items():
            fields[f"endpoint:{self._shown_network}:{key}"] = edit
        return fields

    def _show_endpoint_problem(self, problems) -> None:
        """An address is wrong: open «Avanzado» on its network, so the marked field is the one
        the message names (only the network shown has its fields on screen)."""
        networks = [p.field.split(":")[1] for p in problems if p.field.startswith("endpoint:")]
        if not networks:
            return
        self.advanced_button.setChecked(True)
        if self._shown_network not in networks:
            self.endpoint_network.setCurrentIndex(self.endpoint_network.findData(networks[0]))

    def save(self) -> None:
        from redes_desktop.actions import network_preferences as prefs

        workspace, secrets, form = self.context.workspace, self.context.secrets, self.form()

        def write() -> bool:
            prefs.apply_networks(workspace, secrets, form)
            return prefs.youtube_secret_stored(secrets)

        in_background(self, write, self._saved, self.tr("Guardando…"))

    def _saved(self, stored, error: BaseException | None) -> None:
        from redes_desktop.actions.check_form import FormProblems

        if isinstance(error, FormProblems):
            self._show_endpoint_problem(error.problems)
            mark_problems(self._fields(), error.problems)
            self.message.say(error.message, ok=False)
            return
        if error is not None:  # what was typed stays in the form
            self.message.say(failure_text(self.message, error), ok=False)
            return
        mark_problems(self._fields(), [])
        self.youtube_secret.clear()
        self.youtube_secret.setPlaceholderText(self._secret_hint(bool(stored)))
        self.message.say(self.tr("Guardado. Ya puede conectar las cuentas en Cuentas › "
                                 "Conexión con la red."))
        self.dialog.changed.emit("redes")
