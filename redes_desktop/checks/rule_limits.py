"""6.xxii: the post fits the network it is for (text length, hashtags, media, alt text).

Blocks what the network would refuse (text over the limit, too many images, a format, weight or
size it does not take, alt text over its limit); warns about what it would accept but change or
what accessibility asks for (missing alt text, an aspect ratio Instagram will crop, a file whose
extension names another format than its content). Limits come from `networks.json`.
"""

from __future__ import annotations

import re
from pathlib import Path

from redes_desktop.checks.images import ImageInfo, ImageProblem, display_name, inspect_image
from redes_desktop.checks.model import CheckInput, Finding, Severity
from redes_desktop.checks.network_limits import NetworkLimits, fit_offset, limits_for, text_units
from redes_desktop.checks.rule_image import split_media, video_paths
from redes_desktop.checks.videos import (
    CONTAINER_EXTENSIONS,
    VideoInfo,
    format_duration,
    inspect_video,
)
from redes_desktop.models.enums import Network

RULE = "6.xxii"
# A hashtag: '#' not glued to a word, then word characters with at least one non-digit.
HASHTAG_RE = re.compile(r"(?<![\w&])[#＃](?=\w*[^\W\d])\w+")
_MAX_CHAR_FINDINGS = 20


def text_limit_status(text: str, network: Network) -> tuple[int, int]:
    """(used, limit) for the composer's counter and the CLI JSON (`weighted_length`, `limit`)."""
    limits = limits_for(network)
    return text_units(text, limits.text_counting), limits.text_limit


def _mb(n: int) -> str:
    value = n / (1 << 20)
    return f"{value:.1f}".rstrip("0").rstrip(".") + " MB"


def _unit_words(counting: str) -> str:
    if counting == "twitter":
        return "caracteres (los enlaces cuentan 23 y los emojis 2)"
    if counting == "utf8":
        return "bytes (las letras acentuadas y la ñ ocupan 2, los emojis 4)"
    return "caracteres"


def _article(label: str) -> str:
    return "El" if label.startswith("mensaje") else "La"


def _text_findings(item: CheckInput, limits: NetworkLimits) -> list[Finding]:
    out: list[Finding] = []
    text, net = item.text, item.network.label
    limit, counting, label = limits.text_limit, limits.text_counting, limits.text_label
    if item.is_direct and limits.direct_message is not None:
        direct = limits.direct_message  # a private answer: the network's message limits
        limit, counting, label = direct.limit, direct.counting, direct.label
    used = text_units(text, counting)
    if used > limit:
        start = fit_offset(text, limit, counting)
        over = used - limit
        out.append(
            Finding(
                rule=RULE,
                severity=Severity.BLOQUEA,
                message=(
                    f"{_article(label)} {label} excede el límite de {net}: mide {used} "
                    f"{_unit_words(counting)} y el máximo es {limit}. "
                    f"Sobran {over}: acorte el texto marcado."
                ),
                start=start,
                end=len(text),
                code="texto_excede_limite",
            )
        )
    if limits.forbidden_chars:
        count = 0
        for i, ch in enumerate(text):
            if ch in limits.forbidden_chars and count < _MAX_CHAR_FINDINGS:
                count += 1
                out.append(
                    Finding(
                        rule=RULE,
                        severity=Severity.BLOQUEA,
                        message=f"{net} no admite el carácter «{ch}» en la {limits.text_label}. "
                        "Quítelo o sustitúyalo.",
                        start=i,
                        end=i + 1,
                        code="caracter_no_permitido",
                    )
                )
    if limits.max_hashtags is not None and not item.is_direct:
        tags = list(HASHTAG_RE.finditer(text))
        if len(tags) > limits.max_hashtags:
            extra = len(tags) - limits.max_hashtags
            out.append(
                Finding(
                    rule=RULE,
                    severity=Severity.BLOQUEA,
                    message=(
                        f"{net} admite como máximo {limits.max_hashtags} etiquetas (#) y esta "
                        f"{limits.text_label} tiene {len(tags)}. Quite {extra}."
                    ),
                    start=tags[limits.max_hashtags].start(),
                    end=tags[-1].end(),
                    code="demasiadas_etiquetas",
                )
            )
    return out


def _image_findings(info: ImageInfo, limits: NetworkLimits, net: str) -> list[Finding]:
    lim = limits.images
    name = display_name(info.path)
    out: list[Finding] = []

    def block(code: str, message: str) -> None:
        out.append(Finding(rule=RULE, severity=Severity.BLOQUEA, message=message, code=code))

    def warn(code: str, message: str) -> None:
        out.append(Finding(rule=RULE, severity=Severity.ADVIERTE, message=message, code=code))

    if info.format not in lim.formats:
        accepted = ", ".join(sorted(lim.formats))
        block(
            "formato_no_aceptado",
            f"La imagen «{name}» es {info.format} y {net} sólo acepta {accepted}. "
            "Conviértala a uno de esos formatos.",
        )
    max_bytes = lim.max_bytes_for(info.format)
    if info.size_bytes > max_bytes:
        block(
            "imagen_muy_pesada",
            f"La imagen «{name}» pesa {_mb(info.size_bytes)} y {net} acepta hasta "
            f"{_mb(max_bytes)}. Comprímala o reduzca sus dimensiones.",
        )
    if info.width > lim.max_width or info.height > lim.max_height:
        block(
            "imagen_muy_grande",
            f"La imagen «{name}» mide {info.width} × {info.height} píxeles y {net} acepta "
            f"hasta {lim.max_width} × {lim.max_height}. Redúzcala.",
        )
    if info.width < lim.min_width or info.height < lim.min_height:
        block(
            "imagen_muy_chica",
            f"La imagen «{name}» mide {info.width} × {info.height} píxeles y {net} pide al "
            f"menos {lim.min_width} × {lim.min_height}. Use una imagen más grande.",
        )
    ratio = info.width / info.height if info.height else 0.0
    if (lim.min_aspect is not None and ratio < lim.min_aspect) or (
        lim.max_aspect is not None and ratio > lim.max_aspect
    ):
        warn(
            "proporcion_recortada",
            f"La proporción de «{name}» ({info.width} × {info.height}) está fuera de lo que "
            f"{net} muestra completo (de {lim.min_aspect} a {lim.max_aspect} de ancho por alto): "
            "la red la recortará. Revise el encuadre.",
        )
    if info.extension_mismatch:
        wanted = info.format.lower().replace("jpeg", "jpg")
        warn(
            "extension_no_coincide",
            f"«{name}» en realidad es una imagen {info.format} aunque su extensión diga "
            f"«.{info.extension}». Cámbiele la extensión a «.{wanted}» para evitar rechazos.",
        )
    return out


def _media_findings(item: CheckInput, limits: NetworkLimits) -> list[Finding]:
    out: list[Finding] = []
    net = item.network.label
    _, image_idx = split_media(item.images)
    videos = video_paths(item)
    if len(image_idx) > limits.images.max_count:
        out.append(
            Finding(
                rule=RULE,
                severity=Severity.BLOQUEA,
                message=(
                    f"Se adjuntaron {len(image_idx)} imágenes y {net} admite como máximo "
                    f"{limits.images.max_count}. Quite {len(image_idx) - limits.images.max_count}."
                ),
                code="demasiadas_imagenes",
            )
        )
    if len(videos) > limits.video.max_count:
        out.append(
            Finding(
                rule=RULE,
                severity=Severity.BLOQUEA,
                message=(
                    f"Se adjuntaron {len(videos)} videos y {net} admite como máximo "
                    f"{limits.video.max_count}."
                ),
                code="demasiados_videos",
            )
        )
    results = {i: inspect_image(item.images[i]) for i in image_idx}
    usable = [r for r in results.values() if isinstance(r, ImageInfo)]
    usable_videos = [v for v in videos if isinstance(inspect_video(v), VideoInfo)]
    # With no usable media where some is required, rule_image (6.xxvi) already says why.
    covered = (not usable and not usable_videos and limits.required_media is not None
               and not item.is_reply)
    for path in videos:
        out.extend(_video_findings(path, limits, net, covered))

    for i in image_idx:
        result = results[i]
        if isinstance(result, ImageProblem):
            if not covered:
                out.append(
                    Finding(RULE, Severity.BLOQUEA, result.message, code="imagen_inutilizable")
                )
            continue
        out.extend(_image_findings(result, limits, net))
        out.extend(_alt_findings(item, i, display_name(result.path, i + 1), limits, net))
    return out


def _video_findings(path: Path, limits: NetworkLimits, net: str,
                    covered: bool = False) -> list[Finding]:
    info = inspect_video(path)
    if not isinstance(info, VideoInfo):
        return [] if covered else [
            Finding(RULE, Severity.BLOQUEA, info.message, code="video_inutilizable")]
    accepted = limits.video.extensions
    if not (CONTAINER_EXTENSIONS[info.container] | {info.extension}) & accepted:
        return [
            Finding(
                RULE,
                Severity.BLOQUEA,
                f"El video «{display_name(path)}» es {info.container} y {net} acepta videos "
                f"{', '.join(sorted(accepted))}. Conviértalo a uno de esos formatos.",
                code="video_no_aceptado",
            )
        ]
    out: list[Finding] = []
    if info.size_bytes > limits.video.max_bytes:
        out.append(Finding(
            RULE, Severity.BLOQUEA,
            f"El video «{display_name(path)}» pesa {_mb(info.size_bytes)} y {net} acepta hasta "
            f"{_mb(limits.video.max_bytes)}. Comprímalo.", code="video_muy_pesado"))
    longest = limits.video.max_seconds
    if longest is not None and info.duration_seconds is not None \
            and info.duration_seconds > longest:
        out.append(Finding(
            RULE, Severity.BLOQUEA,
            f"El video «{display_name(path)}» dura {format_duration(info.duration_seconds)} y "
            f"{net} "
            f"acepta hasta {format_duration(longest)}. Recórtelo.", code="video_muy_largo"))
    if info.extension_mismatch or info.extension not in accepted:
        wanted = sorted(CONTAINER_EXTENSIONS[info.container] & accepted)[0]
        out.append(Finding(
            RULE, Severity.ADVIERTE,
            f"«{display_name(path)}» en realidad es un video {info.container} aunque su "
            "extensión diga "
            f"«.{info.extension}». Cámbiele la extensión a «.{wanted}» para evitar rechazos.",
            code="extension_no_coincide"))
    return out


def _alt_findings(
    item: CheckInput, index: int, name: str, limits: NetworkLimits, net: str
) -> list[Finding]:
    if limits.alt_text_limit is None:
        return []
    alt = item.alt_texts[index] if index < len(item.alt_texts) else ""
    if not alt.strip():
        if not limits.alt_text_required:
            return []
        return [
            Finding(
                RULE,
                Severity.ADVIERTE,
                f"La imagen «{name}» no tiene texto alternativo. Es obligatorio por "
                "accesibilidad: describa lo que muestra para quienes usan lector de pantalla.",
                code="falta_texto_alternativo",
            )
        ]
    if len(alt) > limits.alt_text_limit:
        return [
            Finding(
                RULE,
                Severity.BLOQUEA,
                f"El texto alternativo de «{name}» tiene {len(alt)} caracteres y {net} admite "
                f"hasta {limits.alt_text_limit}. Resúmalo.",
                code="texto_alternativo_largo",
            )
        ]
    return []


class NetworkLimitsRule:
    rule_id = RULE

    def check(self, item: CheckInput) -> list[Finding]:
        limits = limits_for(item.network)
        return _text_findings(item, limits) + _media_findings(item, limits)
