"""Where a workstation keeps an image it received through the sync (sync/media.py): in its
data folder's `media/`, in a folder named by the image's SHA-256, under the file name the
image had where it was attached (`media/<sha256>/foto-consejo.jpg`), so every workstation has
its own path and still shows the name the person chose. Plain paths: no Qt, no database."""

from __future__ import annotations

from pathlib import Path

MAX_NAME = 120


def attached_name(file_path: str) -> str:
    """The file name of a path written on any workstation (Windows or POSIX), made safe to
    use as one file name here."""
    name = file_path.replace("\\", "/").rsplit("/", 1)[-1].strip(" .") or "imagen"
    suffix = Path(name).suffix.lower()
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name


def received_copy(media_dir: Path, sha256: str, file_path: str) -> Path:
    return media_dir / sha256 / attached_name(file_path)


def local_image(media_dir: Path, sha256: str, file_path: str) -> Path | None:
    """This workstation's copy of an image attached elsewhere, if it has one: the received
    copy, or the flat copy a consultation made here (`media/<sha256><ext>`)."""
    if not sha256:
        return None
    for candidate in (received_copy(media_dir, sha256, file_path),
                      media_dir / f"{sha256}{Path(attached_name(file_path)).suffix.lower()}"):
        if candidate.is_file():
            return candidate
    return None


def local_media(media_dir: Path | None, sha256: str, file_path: str) -> Path | None:
    """The file a post's image or video is on this workstation: its copy in the data folder
    (the one the sync checked against its hash), else the path it was attached from when that
    is a file here; None when it has not arrived yet."""
    if media_dir is not None:
        copy = local_image(media_dir, sha256, file_path)
        if copy is not None:
            return copy
    path = Path(file_path) if file_path else None
    return path if path is not None and path.is_file() else None
