"""The Preferencias tabs of the checks and the bitácora: LanguageTool, the institutional
dictionary and official sites (6.vi, 6.ix), each area's published contacts (6.iii) and the
bitácora readers key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.ui.preferences.dialog import (
    MessageLine,
    attempt,
    failure_text,
    in_background,
    show_outcome,
)


def _note(text: str) -> QLabel:
    """An explanation above a tab's fields, wrapped to the dialog's width."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [line for line in edit.toPlainText().splitlines() if line.strip()]


class LanguageToolTab(QWidget):
    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.context = dialog.context
        self.url = QLineEdit(self.context.workspace.settings.languagetool_url)
        self.url.setPlaceholderText("http://servidor:8081")
        self.test_button = QPushButton(self.tr("Probar"))
        self.test_button.clicked.connect(self.test)
        self.save_button = QPushButton(self.tr("Guardar"))
        self.save_button.clicked.connect(self.save)
        self.message = MessageLine()
        layout = QFormLayout(self)
        layout.addRow(_note(self.tr(
            "Un servidor LanguageTool da una segunda opinión de ortografía y gramática (6.xxiv). "
            "Sin él, el diccionario de la estación sigue revisando.")))
        layout.addRow(self.tr("Servidor:"), self.url)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.save_button)
        layout.addRow(row)
        layout.addRow(self.message)

    def save(self) -> None:
        from redes_desktop.actions import preferences as prefs

        ok, _ = attempt(self.message, prefs.apply_languagetool, self.context.workspace,
                        self.url.text())
        if ok:
            self.url.setText(self.context.workspace.settings.languagetool_url)
            self.message.say(self.tr("Servidor guardado; el Redactor lo usa desde su "
                                     "próxima revisión."))
            self.dialog.changed.emit("languagetool")

    def test(self) -> None:
        from redes_desktop.actions import preferences as prefs

        url = self.url.text()
        self.test_button.setEnabled(False)
        self.message.say(self.tr("Probando LanguageTool…"))
        self.dialog.run(lambda: prefs.test_languagetool(url), self._tested)

    def _tested(self, result, error: BaseException | None) -> None:
        self.test_button.setEnabled(True)
        show_outcome(self.message, result, error)


class DictionaryTab(QWidget):
    def __init__(self, dialog) -> None:
        super().__init__()
        from redes_desktop.actions import preferences_dictionary as dictionary

        self.dialog = dialog
        self.context = dialog.context
        self.message = MessageLine()
        self.words = QListWidget()
        self.words.setAccessibleName(self.tr("Palabras del diccionario institucional"))
        self.new_word = QLineEdit()
        self.new_word.setPlaceholderText(self.tr("Palabra o sigla"))
        self.new_word.returnPressed.connect(self.add)
        add = QPushButton(self.tr("Añadir"))
        add.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Quitar"))
        self.remove_button.clicked.connect(self.remove)
        import_button = QPushButton(self.tr("Importar…"))
        import_button.clicked.connect(self.choose_import)
        words_box = QGroupBox(self.tr("Diccionario institucional"))
        words_layout = QVBoxLayout(words_box)
        words_layout.addWidget(self.words)
        row = QHBoxLayout()
        for widget in (self.new_word, add, self.remove_button, import_button):
            row.addWidget(widget)
        words_layout.addLayout(row)
        self.domains = QPlainTextEdit("\n".join(self.context.workspace.settings.official_domains))
        self.domains.setPlaceholderText("ine.mx\ncentralelectoral.ine.mx")
        save_domains = QPushButton(self.tr("Guardar sitios"))
        save_domains.clicked.connect(self.save_domains)
        sites_box = QGroupBox(self.tr("Sitios oficiales (6.vi y 6.ix), un dominio por línea"))
        sites_layout = QVBoxLayout(sites_box)
        sites_layout.addWidget(self.domains)
        sites_layout.addWidget(save_domains)
        layout = QVBoxLayout(self)
        layout.addWidget(words_box)
        layout.addWidget(sites_box)
        layout.addWidget(self.message)
        ok, words = attempt(self.message, dictionary.read_words, self.context.workspace)
        self._show(words if ok else [])

    def _show(self, words) -> None:
        self.words.clear()
        self.words.addItems(list(words))

    def add(self) -> None:
        from redes_desktop.actions import preferences_dictionary as dictionary

        ok, words = attempt(self.message, dictionary.add_word, self.context.workspace,
                            self.new_word.text())
        if ok:
            self._show(words)
            self.message.say(self.tr("«%s» está en el diccionario.") % self.new_word.text().strip())
            self.new_word.clear()
            self.dialog.changed.emit("diccionario")

    def remove(self) -> None:
        from redes_desktop.actions import preferences_dictionary as dictionary

        item = self.words.currentItem()
        if item is None:
            self.message.say(self.tr("Elija en la lista la palabra que quiere quitar."), ok=False)
            return
        word = item.text()  # the item dies when the list is refilled
        ok, words = attempt(self.message, dictionary.remove_word, self.context.workspace, word)
        if ok:
            self._show(words)
            self.message.say(self.tr("Se quitó «%s» del diccionario.") % word)
            self.dialog.changed.emit("diccionario")

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar palabras"), "", self.tr("Texto (*.txt *.dic);;Todos (*)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        from redes_desktop.actions import preferences_dictionary as dictionary

        ok, outcome = attempt(self.message, dictionary.import_words, self.context.workspace,
                              path)
        if not ok or outcome is None:
            return
        added, refused = outcome
        _ok, words = attempt(self.message, dictionary.read_words, self.context.workspace)
        self._show(words or [])
        text = self.tr("%n palabra(s) nueva(s) importada(s).", "", added)
        if refused:
            text += " " + self.tr("%n línea(s) sin importar porque no es una palabra por "
                                  "línea: %1.", "", len(refused)).replace(
                                      "%1", ", ".join(refused[:5]))
        self.message.say(text)
        self.dialog.changed.emit("diccionario")

    def save_domains(self) -> None:
        from redes_desktop.actions import preferences as prefs

        ok, clean = attempt(self.message, prefs.apply_official_domains,
                            self.context.workspace, _lines(self.domains))
        if ok:
            self.domains.setPlainText("\n".join(clean or []))
            self.message.say(self.tr("Sitios oficiales guardados."))
            self.dialog.changed.emit("diccionario")


class ContactsTab(QWidget):
    def __init__(self, dialog) -> None:
        super().__init__()
        from redes_desktop.actions import preferences as prefs

        self.dialog = dialog
        self.context = dialog.context
        self.message = MessageLine()
        self.area = QComboBox()
        ok, areas = attempt(self.message, prefs.list_areas, self.context.database)
        for area_id, name in (areas or []) if ok else []:
            self.area.addItem(name, area_id)
        self.phones, self.emails, self.addresses = (QPlainTextEdit(), QPlainTextEdit(),
                                                    QPlainTextEdit())
        self.save_button = QPushButton(self.tr("Guardar contactos del área"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(self.area.count() > 0)
        layout = QFormLayout(self)
        layout.addRow(_note(self.tr(
            "Los teléfonos, correos y domicilios institucionales que el área publica a "
            "propósito: la revisión de datos personales (6.iii) los deja pasar. Uno por línea.")))
        layout.addRow(self.tr("Área:"), self.area)
        layout.addRow(self.tr("Teléfonos:"), self.phones)
        layout.addRow(self.tr("Correos:"), self.emails)
        layout.addRow(self.tr("Domicilios:"), self.addresses)
        layout.addRow(self.save_button)
        layout.addRow(self.message)
        self.area.currentIndexChanged.connect(self._load)
        self._load()

    def _load(self, *_args) -> None:
        from redes_desktop.actions import preferences as prefs

        area_id = self.area.currentData()
        found = (prefs.area_contacts_of(self.context.workspace.settings, area_id)
                 if area_id else prefs.AreaContacts())
        self.phones.setPlainText("\n".join(found.phones))
        self.emails.setPlainText("\n".join(found.emails))
        self.addresses.setPlainText("\n".join(found.addresses))

    def save(self) -> None:
        from redes_desktop.actions import preferences as prefs

        contacts = prefs.AreaContacts(_lines(self.phones), _lines(self.emails),
                                      _lines(self.addresses))
        ok, _ = attempt(self.message, prefs.apply_area_contacts, self.context.workspace,
                        self.area.currentData(), contacts)
        if ok:
            self._load()
            self.message.say(self.tr("Contactos de %s guardados.") % self.area.currentText())
            self.dialog.changed.emit("contactos")


class BitacoraTab(QWidget):
    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.context = dialog.context
        self.message = MessageLine()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.create_button = QPushButton(self.tr("Crear la clave de lectores (CNCS)"))
        self.create_button.clicked.connect(self.create_key)
        self.install_button = QPushButton(self.tr("Instalar desde un archivo…"))
        self.install_button.clicked.connect(self.choose_install)
        self.created = QPlainTextEdit()
        self.created.setReadOnly(True)
        self.created.setVisible(False)
        self.save_created = QPushButton(self.tr("Guardar la clave en un archivo…"))
        self.save_created.setVisible(False)
        self.save_created.clicked.connect(self.choose_save_created)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "La clave de lectores protege las entradas de la bitácora mientras viajan a la base "
            "compartida. La CNCS la crea una vez y la entrega por un canal seguro; cada estación "
            "autorizada la instala desde el archivo recibido.")))
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.create_button)
        row.addWidget(self.install_button)
        layout.addLayout(row)
        layout.addWidget(self.created)
        layout.addWidget(self.save_created)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.refresh()

    def refresh(self, then: str = "") -> None:
        """Whether the key is installed, asked off the UI thread (the keyring may block);
        `then` is said once known."""
        from redes_desktop.actions import preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.readers_key_installed(secrets),
                      lambda installed, error: self._refreshed(installed, error, then),
                      self.tr("Cargando…"), writes=False)

    def _refreshed(self, installed, error: BaseException | None, then: str) -> None:
        ok = error is None
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
        elif then:
            self.message.say(then)
        if ok and installed:
            self.status.setText(self.tr("Esta estación tiene la clave de lectores (en %s): la "
                                        "bitácora se comparte.") % self.context.secrets.location)
        elif ok:
            self.status.setText(self.tr("Esta estación no tiene la clave de lectores: su "
                                        "bitácora no se comparte con la base compartida."))
        identity = self.context.identity
        reviewer = bool(identity is not None and identity.is_reviewer)
        self.create_button.setEnabled(reviewer and ok and not installed)
        self.create_button.setToolTip("" if reviewer else self.tr(
            "Solo un revisor de la CNCS crea la clave; las demás estaciones la instalan."))
        self.install_button.setEnabled(ok and not installed)

    def create_key(self) -> None:
        from redes_desktop.actions import preferences as prefs

        secrets, identity = self.context.secrets, self.context.identity
        in_background(self, lambda: prefs.create_readers_key(secrets, identity), self._created,
                      self.tr("Creando la clave…"))

    def _created(self, key, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
            return
        self.created.setPlainText(str(key))
        self.created.setVisible(True)
        self.save_created.setVisible(True)
        self.refresh(self.tr("Clave creada y guardada en esta estación. Guárdela en un "
                             "archivo y entréguela solo por un canal seguro: no se "
                             "volverá a mostrar."))
        self.dialog.changed.emit("bitacora")

    def choose_save_created(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Guardar la clave de lectores"),
                                              "clave-lectores.txt", self.tr("Texto (*.txt)"))
        if path:
            self.save_created_to(Path(path))

    def save_created_to(self, path: Path) -> None:
        from redes_desktop.actions import preferences as prefs

        ok, _ = attempt(self.message, prefs.save_readers_key_file, path,
                        self.created.toPlainText())
        if ok:
            self.message.say(self.tr("Clave guardada en %s.") % path)

    def choose_install(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Instalar la clave de lectores"),
                                              "", self.tr("Texto (*.txt);;Todos (*)"))
        if path:
            self.install_from(Path(path))

    def install_from(self, path: Path) -> None:
        from redes_desktop.actions import preferences as prefs

        secrets = self.context.secrets
        in_background(self, lambda: prefs.install_readers_key(secrets, path), self._installed,
                      self.tr("Instalando la clave…"))

    def _installed(self, text, error: BaseException | None) -> None:
        if error is not None:
            self.message.say(failure_text(self.message, error), ok=False)
            return
        self.refresh(str(text))
        self.dialog.changed.emit("bitacora")
