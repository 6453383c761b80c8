"""Attach an image or a video to a post: the post carries a copy, in this workstation's media
folder, without the location data the camera wrote (6.iii: no personal data published)."""

from __future__ import annotations

import os
from pathlib import Path


def import_for_publication(source: str | os.PathLike[str], media_dir: Path) -> Path:
    """Copy `source` into `media_dir` without location data; the copy's path (a file already in
    `media_dir` is used as it is). Slow on large images: run it off the UI thread."""
    from redes_desktop.services.media_library import import_for_publication as copy

    return copy(source, media_dir)
