"""The files of a post as this workstation has them, for the checks and the publishing queue.

A post prepared on another workstation names its images and video by that workstation's paths;
here they are the copies the sync brought into the data folder (`media_paths.local_media`). A
video takes a while to arrive (`sync/media_chunks.py`): until it does, publishing the post says
so in Spanish, instead of failing with a file that does not exist."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from redes_desktop.errors import ValidationError
from redes_desktop.media_paths import attached_name, local_media


class AttachedFile(Protocol):
    """A `PostMedia` row, as far as this module reads it."""

    @property
    def file_path(self) -> str: ...

    @property
    def sha256(self) -> str: ...


class MediaNotHere(ValidationError):
    """A post's image or video has not arrived at this workstation yet."""


def not_here_message(item: AttachedFile) -> str:
    from redes_desktop.sync.media_chunks import is_video

    name = attached_name(item.file_path)
    if is_video(item.file_path):
        return (f"El video «{name}» todavía no llega a esta estación: sincronice y espere a que "
                "termine de recibirse (el informe de la sincronización dice cuánto lleva); "
                "después vuelva a intentarlo. Si no llega, pida a quien lo adjuntó que "
                "sincronice su estación.")
    return (f"La imagen «{name}» todavía no llega a esta estación: sincronice y espere a que "
            "se reciba; después vuelva a intentarlo. Si no llega, pida a quien la adjuntó que "
            "sincronice su estación.")


def local_path(item: AttachedFile, media_dir: Path | None) -> str:
    """The path to check or send: this workstation's file, or the stored path as it is (the
    checks then say it is missing)."""
    found = local_media(media_dir, item.sha256, item.file_path)
    return str(found) if found is not None else item.file_path


def require_files(media: Iterable[AttachedFile], media_dir: Path | None) -> list[Path]:
    """This workstation's file of each of the post's images and videos, in order; raises
    `MediaNotHere` for the first one that has not arrived."""
    found = []
    for item in media:
        path = local_media(media_dir, item.sha256, item.file_path)
        if path is None:
            raise MediaNotHere(not_here_message(item))
        found.append(path)
    return found
