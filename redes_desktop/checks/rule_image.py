"""6.xxvi: every post on X (Twitter) and Facebook carries an image; never text alone.

The media each network requires comes from `resources/checks/networks.json` (`required_media`):
X and Facebook an image (6.xxvi); YouTube a video; Instagram and TikTok an image or a video (those
two cite 6.xxii, the network's own rules). An attached file that is not a usable image counts as
none, and the message says why; so does a file given as a video that is not one
(`videos.inspect_video` sniffs its container).

A reply to a user is not a post: it needs no media. A post on X or Facebook with a real video but
no image is not «sólo texto», and 6.xxii asks for multimedia: it warns (the criterion says
«imagen») instead of blocking; switch X/Facebook to "image_or_video" in the data file to accept it
silently.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from redes_desktop.checks.images import ImageInfo, ImageProblem, inspect_image
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.network_limits import limits_for, load_limits
from redes_desktop.checks.videos import VideoInfo, VideoProblem, inspect_video

_VIDEO_EXTENSIONS: frozenset[str] | None = None


def video_extensions() -> frozenset[str]:
    """Every video extension any network accepts (a file with one of them is a video)."""
    global _VIDEO_EXTENSIONS
    if _VIDEO_EXTENSIONS is None:
        exts: set[str] = set()
        for limits in load_limits().values():
            exts |= limits.video.extensions
        _VIDEO_EXTENSIONS = frozenset(exts)
    return _VIDEO_EXTENSIONS


def is_video(path: Path) -> bool:
    ext = path.suffix.lower().lstrip(".")
    if ext in video_extensions():
        return True
    mime, _ = mimetypes.guess_type(path.name)
    return bool(mime and mime.startswith("video/"))


def split_media(paths: tuple[Path, ...]) -> tuple[list[int], list[int]]:
    """Indexes of videos and of images (everything that is not a video) in `paths`."""
    videos = [i for i, p in enumerate(paths) if is_video(Path(p))]
    video_set = set(videos)
    images = [i for i in range(len(paths)) if i not in video_set]
    return videos, images


def video_paths(item: CheckInput) -> list[Path]:
    """The videos of a post: files given as videos, and attachments with a video extension."""
    videos, _ = split_media(item.images)
    return [Path(item.images[i]) for i in videos] + [Path(p) for p in item.videos]


_WHAT = {
    "image": ("una imagen", "imagen_requerida"),
    "video": ("un video", "video_requerido"),
    "image_or_video": ("una imagen o un video", "multimedia_requerida"),
}


class ImageRequiredRule:
    rule_id = "6.xxvi"

    def check(self, item: CheckInput) -> list[Finding]:
        limits = limits_for(item.network)
        required = limits.required_media
        if required is None or item.is_reply:
            return []  # a reply to a user is not a post: no media required
        _, image_idx = split_media(item.images)
        results = [inspect_image(item.images[i]) for i in image_idx]
        usable = [r for r in results if isinstance(r, ImageInfo)]
        problems: list[ImageProblem | VideoProblem] = [
            r for r in results if isinstance(r, ImageProblem)]
        video_results = [inspect_video(p) for p in video_paths(item)]
        videos = [r for r in video_results if isinstance(r, VideoInfo)]
        problems += [r for r in video_results if isinstance(r, VideoProblem)]
        if required == "image" and usable:
            return []
        if required == "video" and videos:
            return []
        if required == "image_or_video" and (usable or videos):
            return []

        what, code = _WHAT[required]
        net = item.network.label
        if required == "image" and videos:
            return [Finding(
                rule=limits.required_media_rule, severity=Severity.ADVIERTE,
                message=(f"La publicación en {net} lleva un video pero ninguna imagen. No es "
                         "«sólo texto» y el video es contenido multimedia (6.xxii), pero el "
                         "criterio 6.xxvi pide una imagen: considere añadir una (por ejemplo, "
                         "la portada del video)."),
                code="video_sin_imagen")]
        if limits.required_media_rule == "6.xxvi":
            message = (
                f"Toda publicación en {net} debe ir acompañada de {what}; no se debe publicar "
                "sólo texto (criterio 6.xxvi)."
            )
        elif required == "video":
            message = f"{net} es para productos audiovisuales: la publicación necesita {what}."
        else:
            message = f"{net} no admite publicaciones de sólo texto: adjunte {what}."
        if problems:
            message += " Ningún archivo adjunto sirve: " + " ".join(p.message for p in problems)
        else:
            formats = ", ".join(sorted(limits.images.formats))
            hint = (
                f" Adjunte un video ({', '.join(sorted(limits.video.extensions))})."
                if required == "video"
                else f" Formatos de imagen aceptados: {formats}."
            )
            message += hint
        return [
            Finding(
                rule=limits.required_media_rule,
                severity=Severity.BLOQUEA,
                message=message,
                code=code,
            )
        ]
