"""What the media sync moves (sync/media.py, sync/media_chunks.py): the reference to an image
or video a synced row shows, and the report of a sync's transfers. Both modules use them; kept
apart so neither imports the other for them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redes_desktop.checks.network_limits import NetworkLimits

SizeOf = Callable[["NetworkLimits"], int]


def valid_sha256(sha: str) -> bool:
    return len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)


@dataclass(frozen=True)
class MediaRef:
    """An image or video a synced row shows: its content hash, the path it had where it was
    attached, and the networks it is meant for (their size limits apply)."""

    sha256: str
    file_path: str
    networks: tuple[str, ...] = ()
    alt_text: str = ""

    @property
    def suffix(self) -> str:
        return Path(self.file_path).suffix.lower()

    @property
    def name(self) -> str:
        """What a person recognises: the file's name, unless it is a content-addressed copy
        (named by its hash), then its alternative text."""
        path = Path(self.file_path.replace("\\", "/"))
        if path.name and not valid_sha256(path.stem):
            return path.name
        alt = " ".join(self.alt_text.split())
        if alt:
            return alt if len(alt) <= 60 else alt[:59] + "…"
        return f"sin descripción ({self.suffix.lstrip('.') or 'imagen'})"


@dataclass
class MediaReport:
    sent: int = 0  # images
    received: int = 0
    warnings: list[str] = field(default_factory=list)
    videos_sent: int = 0
    videos_received: int = 0
    video_bytes_sent: int = 0
    video_bytes_received: int = 0
    notes: list[str] = field(default_factory=list)  # how far a long transfer got


def networks_limit(names: Iterable[str], size_of: SizeOf, *, strictest: bool
                   ) -> tuple[int, str] | None:
    """Of the networks named, the smallest (`strictest`) or the largest size `size_of` gives,
    with that network's label; None when none of them is known (6.xxii, networks.json)."""
    from redes_desktop.checks.network_limits import limits_for
    from redes_desktop.models.enums import Network

    best: tuple[int, str] | None = None
    for value in names:
        try:
            network = Network(value)
            limit = size_of(limits_for(network))
        except (ValueError, KeyError):
            continue
        if best is None or (limit < best[0] if strictest else limit > best[0]):
            best = (limit, network.label)
    return best


def largest_of_all(size_of: SizeOf) -> int:
    """The largest size any network accepts: the shared database refuses anything heavier."""
    from redes_desktop.checks.network_limits import limits_for
    from redes_desktop.models.enums import Network

    sizes = []
    for network in Network:
        try:
            sizes.append(size_of(limits_for(network)))
        except KeyError:
            continue
    return max(sizes)
