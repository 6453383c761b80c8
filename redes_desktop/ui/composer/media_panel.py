"""Images attached to the post: add (button or drag and drop), thumbnail, alt text, remove."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.checks.images import display_name
from redes_desktop.ui.tasks import SynchronousPool, run_task

THUMB = 96
MEDIA_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".mp4", ".mov", ".m4v"}


def load_thumbnail(path: str, edge: int = THUMB) -> QImage:
    """A small image read at reduced size (a 4000×3000 JPEG never decodes at full size)."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and (size.width() > edge or size.height() > edge):
        reader.setScaledSize(size.scaled(QSize(edge, edge), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString())
    return image


class MediaRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, path: str, alt_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.thumbnail = QLabel(self.tr("Cargando…"))
        self.thumbnail.setFixedSize(THUMB, THUMB)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The name the person chose, never the hash the copy is stored under (issue 15).
        shown = display_name(path)
        self.name_label = name = QLabel(shown)
        name.setToolTip(shown)
        self.alt_edit = QLineEdit(alt_text)
        self.alt_edit.setPlaceholderText(
            self.tr("Texto alternativo (obligatorio): describa la imagen para quien no la ve")
        )
        self.alt_edit.setAccessibleName(self.tr("Texto alternativo de %s") % shown)
        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("Quitar"))
        self.remove_button.setToolTip(self.tr("Quitar esta imagen de la publicación"))

        text_column = QVBoxLayout()
        text_column.addWidget(name)
        text_column.addWidget(self.alt_edit)
        text_column.addStretch(1)
        # Never squeezed below its thumbnail: the alt-text field stays whole (issue 15); more
        # images than fit scroll inside the panel instead.
        self.setMinimumHeight(THUMB)
        self.alt_edit.setMinimumHeight(self.alt_edit.sizeHint().height())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbnail)
        row.addLayout(text_column, 1)
        row.addWidget(self.remove_button)

        self.alt_edit.textChanged.connect(self.changed)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

    @property
    def alt_text(self) -> str:
        return self.alt_edit.text().strip()

    def show_thumbnail(self, image: QImage | None, error: BaseException | None) -> None:
        if image is None or error is not None:
            self.thumbnail.setText(self.tr("Sin vista\nprevia"))
            self.thumbnail.setToolTip(
                self.tr("No se pudo leer la imagen (%s). Revise el archivo o elija otro.")
                % (error or "")
            )
            return
        self.thumbnail.setPixmap(QPixmap.fromImage(image))


class MediaPanel(QWidget):
    changed = Signal()

    def __init__(
        self, pool: QThreadPool | SynchronousPool | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self.rows: list[MediaRow] = []
        # Makes the copy that will be published (EXIF location removed); set by the composer.
        self.importer: Callable[[str], str | os.PathLike[str]] | None = None
        self.setAcceptDrops(True)
        self.add_button = QPushButton(self.tr("Agregar imagen…"))
        self.add_button.setToolTip(
            self.tr("También puede arrastrar imágenes hasta aquí. X y Facebook exigen imagen "
                    "(criterio 6.xxvi).")
        )
        self.hint = QLabel(self.tr("Arrastre imágenes aquí o use «Agregar imagen…»."))
        self.hint.setWordWrap(True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 0, 0)
        self._list_layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.add_button)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        # Room for one whole image row (thumbnail, name, alt text) below the button.
        # Tall enough for its scroll bar too (Qt hides a scroll bar that does not fit), so that
        # the second image is reachable.
        scroll.setMinimumHeight(max(THUMB, scroll.verticalScrollBar().minimumSizeHint().height())
                                + 2 * scroll.frameWidth())
        self.scroll_area = scroll
        self.add_button.clicked.connect(self.choose_files)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            for row in self.rows:
                if row.alt_edit is watched:
                    self.scroll_area.ensureWidgetVisible(row, 0, 0)
        return super().eventFilter(watched, event)

    # -- data --------------------------------------------------------------------------------
    def items(self) -> list[tuple[str, str]]:
        return [(row.path, row.alt_text) for row in self.rows]

    def set_items(self, items: list[tuple[str, str]]) -> None:
        for row in list(self.rows):
            self._drop_row(row)
        for path, alt in items:
            self._add_row(path, alt)
        self.changed.emit()

    def add_files(self, paths: list[str]) -> int:
        added = 0
        for path in paths:
            if not path or any(row.path == path for row in self.rows):
                continue
            row = self._add_row(path, "")
            if self.importer is not None:
                self._import(row, path)
            added += 1
        if added:
            self.changed.emit()
        return added

    def _import(self, row: MediaRow, path: str) -> None:
        """Swap the row to the publication copy (location data removed) once it is made."""
        importer = self.importer
        if importer is None:
            return

        def done(copy, error, row=row):
            if not (shiboken6.isValid(self) and shiboken6.isValid(row) and row in self.rows):
                return
            if error is not None:
                message = getattr(error, "message", None) or str(error)
                row.setToolTip(self.tr("No se pudo preparar la copia para publicar: %s") % message)
                return
            if str(copy) != row.path:
                row.path = str(copy)
                self.changed.emit()

        run_task(lambda: importer(path), done, self._pool)

    def remove(self, row: MediaRow) -> None:
        if row in self.rows:
            self._drop_row(row)
            self.changed.emit()

    # -- internals ---------------------------------------------------------------------------
    def _add_row(self, path: str, alt: str) -> MediaRow:
        row = MediaRow(path, alt)
        self.rows.append(row)
        self._list_layout.insertWidget(self._list_layout.count() - 1, row)
        row.changed.connect(self.changed)
        row.remove_requested.connect(self.remove)
        row.alt_edit.installEventFilter(self)  # focused: scrolled into view whole
        self.hint.setVisible(False)

        def done(image, error, row=row):
            if shiboken6.isValid(self) and shiboken6.isValid(row) and row in self.rows:
                row.show_thumbnail(image, error)

        run_task(lambda: load_thumbnail(path), done, self._pool)
        return row

    def _drop_row(self, row: MediaRow) -> None:
        self.rows.remove(row)
        self._list_layout.removeWidget(row)
        row.deleteLater()
        self.hint.setVisible(not self.rows)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Agregar imágenes"),
            "",
            self.tr("Imágenes y videos (*.png *.jpg *.jpeg *.gif *.webp *.mp4 *.mov);;"
                    "Todos los archivos (*)"),
        )
        self.add_files(paths)

    @staticmethod
    def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls()
                if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in MEDIA_SUFFIXES]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._local_paths(event)
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()
