"""The Redactor's «Vista previa»: the post as X, Facebook and Instagram lay it out (issue 15).

What each card shows — the text and where it is cut, the link card, each image's crop — is
decided by `redes_desktop.previews` (Qt-free, unit-tested); this module only draws it. The pane
waits `DEBOUNCE_MS` after the last edit, then lays the post out and decodes the cropped images
on the worker pool; only the newest answer is shown.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redes_desktop.models.enums import Network
from redes_desktop.previews import PREVIEW_NETWORKS, Crop, PreviewLayout, layout_all
from redes_desktop.ui.tasks import Reads, SynchronousPool

DEBOUNCE_MS = 300
IMAGE_WIDTH = 300  # the width of a card's image area, in pixels
AVATAR = 36
HIDDEN_SHOWN = 300  # characters of the cut-off part drawn struck through
STRUCK = "background: rgba(211, 47, 47, 0.25); text-decoration: line-through;"


@dataclass(frozen=True)
class RenderedPreviews:
    layouts: dict[Network, PreviewLayout]
    images: dict[tuple[Network, int], QImage]


@lru_cache(maxsize=48)
def _cropped(path: str, stamp: float, crop: Crop, width: int) -> QImage:
    """The `crop` of the image at `path` scaled to `width` (decoded at that size: a large JPEG
    never decodes whole). `stamp` (the file's time) renews the cache when the file changes."""
    del stamp
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    height = max(1, round(width * crop.height / crop.width)) if crop.width else width
    if size.isValid() and crop.width > 0:
        # Scale the whole image first (JPEG then decodes at 1/2, 1/4 or 1/8 of its size:
        # ~10 times faster than clipping at full size), then cut the crop out of it.
        factor = width / crop.width
        reader.setScaledSize(QSize(max(1, round(size.width() * factor)),
                                   max(1, round(size.height() * factor))))
        reader.setScaledClipRect(QRect(round(crop.left * factor), round(crop.top * factor),
                                       width, height))
    else:
        reader.setClipRect(QRect(crop.left, crop.top, crop.width, crop.height))
        reader.setScaledSize(QSize(width, height))
    image = reader.read()
    if image.isNull():
        # Some formats cannot clip while decoding: decode, then cut.
        whole = QImage(path)
        if whole.isNull():
            return QImage()
        image = whole.copy(QRect(crop.left, crop.top, crop.width, crop.height)).scaled(
            QSize(width, height), Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
    return image


def render(text: str, media: Sequence[tuple[str, str]]) -> RenderedPreviews:
    """Lay the post out and decode the crops (runs on the worker)."""
    layouts = layout_all(text, media)
    images: dict[tuple[Network, int], QImage] = {}
    for network, layout in layouts.items():
        count = len(layout.images)
        width = IMAGE_WIDTH if count == 1 or network == Network.INSTAGRAM else IMAGE_WIDTH // 2
        for index, image in enumerate(layout.images[:4]):
            if image.crop is None:
                continue
            try:
                stamp = os.path.getmtime(image.path)
            except OSError:
                continue
            images[(network, index)] = _cropped(image.path, stamp, image.crop, width)
    return RenderedPreviews(layouts, images)


def _avatar(name: str, colour: QColor) -> QPixmap:
    """A round avatar with the account's initials (the real picture stays on the network)."""
    pixmap = QPixmap(AVATAR, AVATAR)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, AVATAR, AVATAR)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    painter.setFont(font)
    initials = "".join(word[0] for word in name.split()[:2] if word).upper() or "?"
    painter.drawText(QRect(0, 0, AVATAR, AVATAR), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return pixmap


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class PreviewCard(QFrame):
    """One network's card: header (avatar, name, handle), text, link card, images, notes."""

    COLOURS = {Network.X: "#0f1419", Network.FACEBOOK: "#1877f2", Network.INSTAGRAM: "#c13584"}

    def __init__(self, network: Network, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.network = network
        self.layout_data: PreviewLayout | None = None
        self.setObjectName("tarjeta")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.avatar = QLabel()
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setAccessibleName(self.tr("Texto en la vista previa de %s")
                                          % network.label)
        self.link_card = QLabel()
        self.link_card.setWordWrap(True)
        self.link_card.setObjectName("tarjeta_enlace")
        self.link_card.setStyleSheet("QLabel#tarjeta_enlace { border: 1px solid #cfd9de; "
                                     "border-radius: 8px; padding: 6px; }")
        self.images_box = QWidget()
        self.images_layout = QHBoxLayout(self.images_box)
        self.images_layout.setContentsMargins(0, 0, 0, 0)
        self.image_labels: list[QLabel] = []
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #536471;")

        header = QHBoxLayout()
        header.addWidget(self.avatar)
        header.addWidget(self.name_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        if network == Network.INSTAGRAM:  # the image first, the caption under it
            layout.addWidget(self.images_box)
            layout.addWidget(self.text_label)
        else:
            layout.addWidget(self.text_label)
            layout.addWidget(self.link_card)
            layout.addWidget(self.images_box)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.set_account("", "")
        self.text_label.setText(self.tr("<i>Escriba la publicación para ver aquí cómo la "
                                        "mostrará %s.</i>") % network.label)
        for widget in (self.link_card, self.images_box, self.notes):
            widget.hide()

    # -- what tests and people read ----------------------------------------------------------
    def visible_part(self) -> str:
        """The text the network shows before its cut (plain)."""
        return self.layout_data.visible if self.layout_data is not None else ""

    def set_account(self, name: str, handle: str) -> None:
        shown = name or self.tr("Cuenta institucional")
        self.avatar.setPixmap(_avatar(shown, QColor(self.COLOURS[self.network])))
        if self.network == Network.X:
            line = f"<b>{html.escape(shown)}</b> <span style='color:#536471'>" \
                   f"{html.escape(handle or '@cuenta')}</span>"
        elif self.network == Network.FACEBOOK:
            line = f"<b>{html.escape(shown)}</b><br><span style='color:#65676b'>" + \
                   self.tr("Ahora · Público") + "</span>"
        else:
            line = f"<b>{html.escape((handle or '@cuenta').lstrip('@'))}</b>"
        self.name_label.setText(line)
        self._handle = handle

    def show_layout(self, layout: PreviewLayout, images: dict[int, QImage]) -> None:
        self.layout_data = layout
        body = _html(layout.visible)
        if layout.cut == "limite":
            # Only the start of what X cuts off: a very long text must not stall the layout.
            hidden = layout.hidden[:HIDDEN_SHOWN]
            body += f"<span style='{STRUCK}'>{_html(hidden)}</span>"
            if len(layout.hidden) > HIDDEN_SHOWN:
                body += html.escape(self.tr(" … (%d caracteres más)")
                                    % (len(layout.hidden) - HIDDEN_SHOWN))
        elif layout.cut == "mas":
            more = self.tr("… más") if self.network == Network.INSTAGRAM else self.tr("… Ver más")
            body += f" <span style='color:#65676b'>{html.escape(more)}</span>"
        if self.network == Network.INSTAGRAM and (layout.visible or layout.hidden):
            handle = html.escape((self._handle or "@cuenta").lstrip("@"))
            body = f"<b>{handle}</b> {body}"
        if not (layout.visible or layout.hidden):
            body = self.tr("<i>Escriba la publicación para ver aquí cómo la mostrará %s.</i>") \
                % self.network.label
        self.text_label.setText(body)

        card = layout.link_card
        self.link_card.setVisible(card is not None)
        if card is not None:
            self.link_card.setText(
                f"<span style='color:#536471'>{html.escape(card.domain)}</span><br>"
                + self.tr("Tarjeta del enlace: la red muestra el título y la imagen de la página "
                          "%s") % html.escape(card.url))
        self._show_images(layout, images)
        self.notes.setText(self._notes(layout))
        self.notes.setVisible(bool(self.notes.text()))

    def _show_images(self, layout: PreviewLayout, images: dict[int, QImage]) -> None:
        for label in self.image_labels:
            self.images_layout.removeWidget(label)
            label.deleteLater()
        self.image_labels = []
        shown = layout.images if self.network != Network.INSTAGRAM else layout.images[:1]
        for index, image in enumerate(shown[:4]):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            decoded = images.get(index)
            if decoded is None or decoded.isNull():
                label.setText(self.tr("Imagen %d no disponible") % (index + 1))
                label.setStyleSheet("border: 1px dashed #999; padding: 12px;")
            else:
                label.setPixmap(QPixmap.fromImage(decoded))
            label.setToolTip(image.alt_text or self.tr("Sin texto alternativo"))
            self.images_layout.addWidget(label)
            self.image_labels.append(label)
        self.images_box.setVisible(bool(self.image_labels))

    def _notes(self, layout: PreviewLayout) -> str:
        lines = []
        if layout.cut == "limite":
            lines.append(self.tr("X no mostrará lo marcado en rojo: acorte el texto (6.xxii)."))
        cropped = [i + 1 for i, image in enumerate(layout.images) if image.cropped]
        if cropped:
            numbers = ", ".join(str(n) for n in cropped)
            lines.append(self.tr("Recortada al mostrarse: imagen %s. Revise que no se pierda "
                                 "nada importante.") % numbers)
        if self.network == Network.INSTAGRAM and len(layout.images) > 1:
            lines.append(self.tr("Carrusel de %d imágenes: todas con la proporción de la "
                                 "primera.") % len(layout.images))
        if self.network == Network.INSTAGRAM and layout.grid_crop is not None:
            lines.append(self.tr("En la cuadrícula del perfil se ve un cuadrado del centro de "
                                 "la primera imagen."))
        if "instagram_sin_enlaces" in layout.notes:
            lines.append(self.tr("Instagram no convierte en vínculos los enlaces de la "
                                 "descripción: nadie podrá abrirlos desde ahí."))
        if "x_mas_de_cuatro" in layout.notes:
            lines.append(self.tr("X muestra a lo más cuatro imágenes por publicación."))
        if "con_video" in layout.notes:
            lines.append(self.tr("Lleva video: la vista previa no lo muestra."))
        elif self.network == Network.X and not layout.images and layout.link_card is None:
            lines.append(self.tr("Sin imagen: en X toda publicación lleva imagen (6.xxvi)."))
        return "\n".join(lines)


class PreviewPane(QTabWidget):
    """One tab per network; `update_post` is called on every edit (debounced here)."""

    def __init__(self, pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Vista previa por red"))
        self.cards: dict[Network, PreviewCard] = {}
        for network in PREVIEW_NETWORKS:
            card = PreviewCard(network)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(card)
            scroll.setMinimumHeight(60)
            self.addTab(scroll, network.label)
            self.cards[network] = card
        self._reads = Reads(self, pool)
        self._pending: tuple[str, tuple[tuple[str, str], ...]] | None = None
        self.revision = 0  # posts asked for
        self.shown_revision = 0  # posts shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._render)

    def set_account(self, name: str, handle: str, network: Network | None = None) -> None:
        """The account's name on every card; its own network's card comes to the front."""
        for card in self.cards.values():
            card.set_account(name, handle)
        if network in self.cards:
            self.setCurrentIndex(list(self.cards).index(network))

    def update_post(self, text: str, media: Sequence[tuple[str, str]]) -> None:
        self.revision += 1
        self._pending = (text, tuple(media))
        self._timer.start()

    @property
    def current(self) -> bool:
        """True when what is shown is the last post asked for."""
        return self.shown_revision == self.revision and self._reads.idle

    def _render(self) -> None:
        if self._pending is None:
            return
        text, media = self._pending
        revision = self.revision
        self._reads.run(lambda: render(text, media),
                        lambda result, error: self._show(revision, result, error))

    def _show(self, revision: int, result: RenderedPreviews | None,
              error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None or result is None:
            for card in self.cards.values():
                card.notes.setText(self.tr("No se pudo preparar la vista previa (%s).") % error)
                card.notes.setVisible(True)
            self.shown_revision = revision
            return
        for network, layout in result.layouts.items():
            images = {i: img for (n, i), img in result.images.items() if n == network}
            self.cards[network].show_layout(layout, images)
        self.shown_revision = revision
