"""The manual (F1): Spanish HTML pages shipped in `resources/help/`, one per section, shown in a
QTextBrowser opened at the page of the section in use (issue 15)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.resource_files import resource_path

# Section key (ui/sections.py, plus the dialogs that have a page) → page of the manual.
PAGES = {
    "inicio": "help/index.html",
    "redactor": "help/redactor.html",
    "consultas": "help/consultas.html",
    "bitacora": "help/bitacora.html",
    "contrasenas": "help/contrasenas.html",
    "cuentas": "help/cuentas.html",
    "informes": "help/informes.html",
    "organizacion": "help/organizacion.html",
    "buzon": "help/buzon.html",
    "preferencias": "help/preferencias.html",
}


def page_url(key: str) -> QUrl:
    return QUrl.fromLocalFile(str(resource_path(PAGES.get(key, PAGES["inicio"]))))


class HelpWindow(QDialog):
    """Non-modal: the manual stays open beside the window while the person works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manual de Redes INE"))
        self.setModal(False)
        self.resize(900, 620)
        self.contents = QListWidget()
        self.contents.setAccessibleName(self.tr("Contenido del manual"))
        titles = {
            "inicio": self.tr("Inicio"), "redactor": self.tr("Redactor"),
            "consultas": self.tr("Consultas CNCS"), "bitacora": self.tr("Bitácora"),
            "contrasenas": self.tr("Contraseñas"), "cuentas": self.tr("Cuentas"),
            "informes": self.tr("Informes"), "organizacion": self.tr("Organización"),
            "buzon": self.tr("Buzón"), "preferencias": self.tr("Preferencias"),
        }
        for key in PAGES:
            item = QListWidgetItem(titles[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.contents.addItem(item)
        self.contents.setMaximumWidth(200)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(resource_path("help"))])
        self.back_button = QPushButton(self.tr("Atrás"))
        self.back_button.setEnabled(False)
        close = QPushButton(self.tr("Cerrar"))
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addLayout(buttons)
        self.contents.currentRowChanged.connect(self._on_contents)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.clicked.connect(self.browser.backward)
        close.clicked.connect(self.close)
        self.key = ""

    def show_page(self, key: str) -> None:
        key = key if key in PAGES else "inicio"
        self.key = key
        self.contents.blockSignals(True)
        self.contents.setCurrentRow(list(PAGES).index(key))
        self.contents.blockSignals(False)
        self.browser.setSource(page_url(key))
        self.show()
        self.raise_()
        self.activateWindow()

    def _on_contents(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.key = list(PAGES)[row]
            self.browser.setSource(page_url(self.key))
