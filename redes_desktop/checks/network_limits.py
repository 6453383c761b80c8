"""What each network accepts: loaded from `resources/checks/networks.json` (criterion 6.xxii).

Also the text counters for every counting mode (`text_units`, `fit_offset`), so a rule and the
composer's counter agree on how many "characters" a text has.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from redes_desktop.models.enums import Network
from redes_desktop.resource_files import resource_path

NETWORKS_FILE = resource_path("checks/networks.json")
COUNTING_MODES = ("twitter", "utf16", "codepoints", "utf8")
MEDIA_REQUIREMENTS = (None, "image", "video", "image_or_video")


@dataclass(frozen=True)
class ImageLimits:
    formats: frozenset[str]  # Pillow format names
    max_bytes: int
    max_bytes_by_format: Mapping[str, int]
    min_width: int
    min_height: int
    max_width: int
    max_height: int
    min_aspect: float | None  # width / height; outside the range is warned (cropped), not blocked
    max_aspect: float | None
    max_count: int

    def max_bytes_for(self, fmt: str) -> int:
        return self.max_bytes_by_format.get(fmt, self.max_bytes)


@dataclass(frozen=True)
class VideoLimits:
    extensions: frozenset[str]  # lower case, without the dot
    max_bytes: int
    max_count: int
    max_seconds: float | None = None  # None: duration not limited here


@dataclass(frozen=True)
class DirectMessageLimits:
    """A private message's text (issue 17: the answer to a direct message)."""

    limit: int
    counting: str  # one of COUNTING_MODES
    label: str  # «mensaje directo», «mensaje»


@dataclass(frozen=True)
class NetworkLimits:
    network: Network
    text_limit: int
    text_counting: str  # one of COUNTING_MODES
    text_label: str  # Spanish word for the text on this network: "publicación", "descripción"
    max_hashtags: int | None
    forbidden_chars: str
    alt_text_limit: int | None  # None: the network has no alt text
    alt_text_required: bool
    required_media: str | None  # one of MEDIA_REQUIREMENTS
    required_media_rule: str
    images: ImageLimits
    video: VideoLimits
    direct_message: DirectMessageLimits | None = None  # None: no private messages sent there


class LimitsError(ValueError):
    """The networks file is missing a field or has a wrong value."""


def _image_limits(raw: Mapping[str, Any]) -> ImageLimits:
    return ImageLimits(
        formats=frozenset(str(f).upper() for f in raw["formats"]),
        max_bytes=int(raw["max_bytes"]),
        max_bytes_by_format={str(k).upper(): int(v) for k, v in raw["max_bytes_by_format"].items()},
        min_width=int(raw["min_width"]),
        min_height=int(raw["min_height"]),
        max_width=int(raw["max_width"]),
        max_height=int(raw["max_height"]),
        min_aspect=None if raw["min_aspect"] is None else float(raw["min_aspect"]),
        max_aspect=None if raw["max_aspect"] is None else float(raw["max_aspect"]),
        max_count=int(raw["max_count"]),
    )


def _network_limits(network: Network, raw: Mapping[str, Any]) -> NetworkLimits:
    text = raw["text"]
    counting = str(text["counting"])
    if counting not in COUNTING_MODES:
        raise LimitsError(f"{network.value}: unknown counting {counting!r}")
    required = raw["required_media"]
    if required not in MEDIA_REQUIREMENTS:
        raise LimitsError(f"{network.value}: unknown required_media {required!r}")
    alt = raw["alt_text"]
    video = raw["video"]
    direct = raw.get("direct_message")
    if direct is not None and direct["counting"] not in COUNTING_MODES:
        raise LimitsError(f"{network.value}: unknown counting {direct['counting']!r}")
    return NetworkLimits(
        network=network,
        text_limit=int(text["limit"]),
        text_counting=counting,
        text_label=str(text["label"]),
        max_hashtags=None if raw["max_hashtags"] is None else int(raw["max_hashtags"]),
        forbidden_chars=str(raw.get("forbidden_chars", "")),
        alt_text_limit=None if alt is None else int(alt["limit"]),
        alt_text_required=bool(alt and alt["required"]),
        required_media=required,
        required_media_rule=str(raw["required_media_rule"]),
        images=_image_limits(raw["images"]),
        video=VideoLimits(
            extensions=frozenset(str(e).lower().lstrip(".") for e in video["extensions"]),
            max_bytes=int(video["max_bytes"]),
            max_count=int(video["max_count"]),
            max_seconds=None if video.get("max_seconds") is None else float(
                video["max_seconds"]),
        ),
        direct_message=None if direct is None else DirectMessageLimits(
            int(direct["limit"]), str(direct["counting"]), str(direct["label"])),
    )


def load_limits(path: Path = NETWORKS_FILE) -> dict[Network, NetworkLimits]:
    """Parse the networks file; every `Network` must be described."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        raw_networks = data["networks"]
        result = {n: _network_limits(n, raw_networks[n.value]) for n in Network}
    except (OSError, json.JSONDecodeError) as exc:
        raise LimitsError(f"cannot read {path}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, LimitsError):
            raise
        raise LimitsError(f"{path}: missing or wrong field: {exc!r}") from exc
    return result


_cache: dict[Network, NetworkLimits] | None = None
_cache_lock = threading.Lock()


def limits_for(network: Network) -> NetworkLimits:
    """The limits of `network` from the shipped file (read once)."""
    global _cache
    if _cache is None:
        with _cache_lock:
            if _cache is None:
                _cache = load_limits()
    return _cache[network]


# --- counting -----------------------------------------------------------------------------------


def _unit(ch: str, counting: str) -> int:
    if counting == "utf16":
        return 2 if ord(ch) > 0xFFFF else 1
    if counting == "utf8":
        return len(ch.encode("utf-8", "surrogatepass"))
    return 1


@lru_cache(maxsize=64)
def text_units(text: str, counting: str) -> int:
    """How long `text` (NFC) is for a network counting in `counting`.

    Cached: the limits rule and the counters ask for the same text in one check."""
    if counting == "twitter":
        from redes_desktop.checks.weighted_length import weighted_length

        return weighted_length(text)
    if counting == "utf16":
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    if counting == "utf8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text)


def fit_offset(text: str, limit: int, counting: str) -> int:
    """Code-point offset into `text` (NFC) where the longest prefix within `limit` ends."""
    if counting == "twitter":
        from redes_desktop.checks.weighted_length import fit_prefix

        return fit_prefix(text, limit)
    if counting == "codepoints":
        return min(len(text), limit)
    used = 0
    for i, ch in enumerate(text):
        used += _unit(ch, counting)
        if used > limit:
            return i
    return len(text)
