"""How X, Facebook and Instagram lay out a post: what text shows (and where it is cut), which
link becomes a card, and how each image is cropped. Qt-free, so the decisions are unit-tested;
`ui/composer/previews.py` only draws them.

The numbers are the networks' feed layouts as observed on their web and mobile apps in 2025
(they publish none of them as a rule, and change them without notice): approximations for a
preview, never a check. The cut at X's limit is not an approximation: it uses the same count
as the checks (`network_limits.fit_offset`, twitter-text v3 weighted length for X), so the
preview and the 6.xxii finding always agree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from redes_desktop.models.enums import Network

PREVIEW_NETWORKS = (Network.X, Network.FACEBOOK, Network.INSTAGRAM)

# X shows a link as its address without the scheme and «www.», cut after this many characters
# with «…» (its `display_url`).
X_DISPLAY_URL_CHARS = 23
# Facebook folds a long post behind «Ver más» after about five lines or this many characters.
FACEBOOK_FOLD_CHARS = 480
FACEBOOK_FOLD_LINES = 5
# Instagram shows the first 125 characters (or two lines) of a caption, then «… más».
INSTAGRAM_FOLD_CHARS = 125
INSTAGRAM_FOLD_LINES = 2
# A single image is shown whole between these aspect ratios (width / height); a taller or
# wider one is cropped to the bound, centred.
SINGLE_IMAGE_ASPECT = {
    Network.X: (3 / 4, 2.0),
    Network.FACEBOOK: (4 / 5, 1.91),
    Network.INSTAGRAM: (4 / 5, 1.91),
}
# X's grids: the aspect of each cell for 2, 3 and 4 images.
X_GRID_ASPECTS = {
    2: (7 / 8, 7 / 8),
    3: (7 / 8, 7 / 4, 7 / 4),
    4: (16 / 9, 16 / 9, 16 / 9, 16 / 9),
}
# The link card's image (when the page offers one) is shown at 1.91:1 on all three.
LINK_CARD_ASPECT = 1.91
SQUARE = 1.0  # Instagram's profile grid shows every post as a square.


@dataclass(frozen=True)
class Crop:
    """The part of an image a network shows: a box in the image's pixels."""

    left: int
    top: int
    width: int
    height: int

    @property
    def aspect(self) -> float:
        return self.width / self.height if self.height else 0.0


@dataclass(frozen=True)
class ImageLayout:
    path: str
    width: int  # the image's own size (0 when unreadable: shown as «imagen no disponible»)
    height: int
    crop: Crop | None  # None when the image could not be read
    cropped: bool  # part of the image is hidden
    alt_text: str = ""


@dataclass(frozen=True)
class LinkCard:
    url: str
    domain: str


@dataclass(frozen=True)
class PreviewLayout:
    """One network's card: the text as it shows, the cut, the link card, the images."""

    network: Network
    shown_text: str  # the text as the network shows it before any cut (links shortened on X)
    visible: str  # the part shown before the cut (or all of it)
    hidden: str  # the part cut off ("" when nothing is)
    cut: str  # "" (nothing cut), "limite" (X refuses the rest), "mas" (folded: «… más»)
    link_card: LinkCard | None = None
    images: tuple[ImageLayout, ...] = ()
    grid_crop: Crop | None = None  # Instagram: the square of the profile grid (first image)
    notes: tuple[str, ...] = ()


# -- crops ------------------------------------------------------------------------------------
def centre_crop(width: int, height: int, aspect: float) -> Crop:
    """The largest box of `aspect` (width / height) centred in a `width`×`height` image."""
    if width <= 0 or height <= 0 or aspect <= 0:
        return Crop(0, 0, max(width, 0), max(height, 0))
    if width / height > aspect:  # too wide: keep the full height
        new_width = max(1, min(width, round(height * aspect)))
        return Crop((width - new_width) // 2, 0, new_width, height)
    new_height = max(1, min(height, round(width / aspect)))
    return Crop(0, (height - new_height) // 2, width, new_height)


def clamp_crop(width: int, height: int, low: float, high: float) -> Crop:
    """The image whole when its aspect is within [low, high]; else cropped to the bound."""
    if width <= 0 or height <= 0:
        return Crop(0, 0, max(width, 0), max(height, 0))
    aspect = width / height
    if aspect < low:
        return centre_crop(width, height, low)
    if aspect > high:
        return centre_crop(width, height, high)
    return Crop(0, 0, width, height)


def instagram_bounds() -> tuple[float, float]:
    """Instagram's aspect bounds from the networks file, the ones the 6.xxii image rule warns
    about («se recortará»), so the preview crops exactly what the check announces."""
    from redes_desktop.checks.network_limits import limits_for

    images = limits_for(Network.INSTAGRAM).images
    default_low, default_high = SINGLE_IMAGE_ASPECT[Network.INSTAGRAM]
    return (images.min_aspect or default_low, images.max_aspect or default_high)


def instagram_crops(sizes: Sequence[tuple[int, int]]) -> tuple[list[Crop], Crop | None]:
    """Instagram's feed crops every image of a post (a carousel too) to the first image's
    aspect, kept within 4:5 (portrait) and 1.91:1 (landscape); its profile grid shows the first
    image as a centred square. Unreadable images ((0, 0)) get an empty crop."""
    if not sizes:
        return [], None
    low, high = instagram_bounds()
    first_w, first_h = sizes[0]
    target = min(max(first_w / first_h, low), high) if first_w > 0 and first_h > 0 else SQUARE
    crops = [centre_crop(w, h, target) if w > 0 and h > 0 else Crop(0, 0, 0, 0)
             for w, h in sizes]
    grid = centre_crop(first_w, first_h, SQUARE) if first_w > 0 and first_h > 0 else None
    return crops, grid


def _crops_for(network: Network, sizes: Sequence[tuple[int, int]]) -> list[Crop]:
    if not sizes:
        return []
    if network == Network.INSTAGRAM:
        return instagram_crops(sizes)[0]
    if len(sizes) == 1 or network != Network.X:
        low, high = SINGLE_IMAGE_ASPECT[network]
        return [clamp_crop(w, h, low, high) for w, h in sizes]
    shown = sizes[:4]  # X shows at most four
    aspects = X_GRID_ASPECTS[len(shown)]
    return [centre_crop(w, h, a) for (w, h), a in zip(shown, aspects, strict=True)]


# -- text -------------------------------------------------------------------------------------
def _links(text: str) -> list[tuple[int, int]]:
    from redes_desktop.checks.text_tokens import x_link_spans

    return x_link_spans(text)


def display_url(url: str) -> str:
    """X's display form: no scheme, no «www.», at most X_DISPLAY_URL_CHARS characters + «…»."""
    shown = url
    for prefix in ("https://", "http://"):
        if shown.lower().startswith(prefix):
            shown = shown[len(prefix):]
            break
    if shown.lower().startswith("www."):
        shown = shown[4:]
    if len(shown) > X_DISPLAY_URL_CHARS:
        shown = shown[:X_DISPLAY_URL_CHARS] + "…"
    return shown


def _domain(url: str) -> str:
    candidate = url if "://" in url else f"https://{url}"
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        host = ""
    return host[4:] if host.startswith("www.") else host


def _fold(text: str, max_chars: int, max_lines: int) -> int | None:
    """Where a «ver más» fold cuts `text` (a code-point offset at a word boundary), or None
    when it shows whole."""
    lines = text.split("\n")
    if len(text) <= max_chars and len(lines) <= max_lines:
        return None
    limit = min(len(text), max_chars)
    if len(lines) > max_lines:
        limit = min(limit, len("\n".join(lines[:max_lines])))
    cut = limit
    if cut < len(text) and not text[cut].isspace():
        space = max(text.rfind(" ", 0, cut), text.rfind("\n", 0, cut))
        if space > max_chars // 2:
            cut = space
    return max(cut, 1)


def _x_shown(text: str, cut: int) -> tuple[str, str]:
    """The visible and hidden parts of `text` cut at `cut` (never inside a link: the count
    never splits one), each link written as X displays it."""
    visible: list[str] = []
    hidden: list[str] = []
    position = 0
    for start, end in _links(text):
        _split_into(text[position:start], position, cut, visible, hidden)
        (visible if start < cut else hidden).append(display_url(text[start:end]))
        position = end
    _split_into(text[position:], position, cut, visible, hidden)
    return "".join(visible), "".join(hidden)


def _split_into(part: str, start: int, cut: int, visible: list[str], hidden: list[str]) -> None:
    if not part:
        return
    if start + len(part) <= cut:
        visible.append(part)
    elif start >= cut:
        hidden.append(part)
    else:
        visible.append(part[:cut - start])
        hidden.append(part[cut - start:])


def layout_text(network: Network, text: str) -> tuple[str, str, str, str]:
    """(shown_text, visible, hidden, cut kind) for `network`; `text` is NFC-normalised first,
    as the checks do."""
    from redes_desktop.checks.network_limits import fit_offset, limits_for

    nfc = unicodedata.normalize("NFC", text)
    if network == Network.X:
        limits = limits_for(Network.X)
        end = fit_offset(nfc, limits.text_limit, limits.text_counting)
        visible, hidden = _x_shown(nfc, end)
        return visible + hidden, visible, hidden, "limite" if end < len(nfc) else ""
    if network == Network.FACEBOOK:
        fold = _fold(nfc, FACEBOOK_FOLD_CHARS, FACEBOOK_FOLD_LINES)
    else:
        fold = _fold(nfc, INSTAGRAM_FOLD_CHARS, INSTAGRAM_FOLD_LINES)
    if fold is None:
        return nfc, nfc, "", ""
    return nfc, nfc[:fold].rstrip(), nfc[fold:].lstrip(), "mas"


# -- the whole card ---------------------------------------------------------------------------
def image_size(path: str) -> tuple[int, int]:
    """The pixel size of the image at `path` (read from its header), or (0, 0)."""
    try:
        from PIL import Image, ImageOps

        with Image.open(path) as image:
            oriented = ImageOps.exif_transpose(image) if image.getexif().get(0x0112) else image
            return oriented.size
    except Exception:  # noqa: BLE001 - any unreadable file is simply not shown
        return 0, 0


def layout_post(network: Network, text: str, media: Sequence[tuple[str, str]],
                sizes: Sequence[tuple[int, int]] | None = None) -> PreviewLayout:
    """The card of `text` with `media` ((path, alt text) pairs; images only are shown) on
    `network`. `sizes` (the images' pixel sizes) is read from the files when not given."""
    images = [(path, alt) for path, alt in media if _is_image(path)]
    videos = len(media) - len(images)
    if sizes is None:
        sizes = [image_size(path) for path, _alt in images]
    shown, visible, hidden, cut = layout_text(network, text)
    nfc = unicodedata.normalize("NFC", text)
    links = [nfc[s:e] for s, e in _links(nfc)]
    notes: list[str] = []
    card: LinkCard | None = None
    if links and not images and network != Network.INSTAGRAM:
        # X builds the card from the last link, Facebook from the first.
        url = links[-1] if network == Network.X else links[0]
        card = LinkCard(url=url, domain=_domain(url))
    if links and network == Network.INSTAGRAM:
        notes.append("instagram_sin_enlaces")
    crops = _crops_for(network, list(sizes))
    laid: list[ImageLayout] = []
    for (path, alt), (width, height), crop in zip(images, sizes, crops, strict=False):
        readable = width > 0 and height > 0
        laid.append(ImageLayout(
            path=path, width=width, height=height, crop=crop if readable else None,
            cropped=readable and (crop.width, crop.height) != (width, height), alt_text=alt))
    if network == Network.X and len(images) > 4:
        notes.append("x_mas_de_cuatro")
    if videos:
        notes.append("con_video")
    grid = instagram_crops(list(sizes))[1] if network == Network.INSTAGRAM else None
    return PreviewLayout(network=network, shown_text=shown, visible=visible, hidden=hidden,
                         cut=cut, link_card=card, images=tuple(laid), grid_crop=grid,
                         notes=tuple(notes))


def layout_all(text: str, media: Sequence[tuple[str, str]]) -> dict[Network, PreviewLayout]:
    """The three cards, the image sizes read once."""
    sizes = [image_size(path) for path, _alt in media if _is_image(path)]
    return {n: layout_post(n, text, media, sizes) for n in PREVIEW_NETWORKS}


_VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".avi", ".wmv", ".mkv", ".webm")


def _is_image(path: str) -> bool:
    return not path.lower().endswith(_VIDEO_SUFFIXES)
