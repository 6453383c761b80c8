"""The e-mails of a consultation to CNCS (6.viii): the question, the decision and the expiry.

Plain text in Spanish; times in México's local time. The images go as attachments from the
content-addressed copies in the data folder's `media/` (see consultations.copy_media).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from redes_desktop.checks.images import display_name
from redes_desktop.models import Consultation, ConsultationState, Network
from redes_desktop.services.consultation_rules import format_mexico
from redes_desktop.services.mail import Attachment

REQUEST_KIND = "consulta"
ANSWER_KIND = "consulta_respuesta"


@dataclass(frozen=True)
class MailContent:
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


def _who(consultation: Consultation) -> str:
    account = consultation.account
    return f"{account.handle} ({account.network.label}) — {account.area.name}"


def network_labels(values: list[str]) -> str:
    """«X, Facebook» from the stored values ["x", "facebook"]."""
    return ", ".join(Network(v).label if v in Network._value2member_map_ else v for v in values)


def _snapshot_lines(snapshot: dict) -> list[str]:
    lines = ["Texto de la publicación, tal como se envió:", "", snapshot.get("text", ""), ""]
    networks = network_labels(snapshot.get("networks", []))
    if networks:
        lines.append(f"Redes: {networks}")
    for n, item in enumerate(snapshot.get("media", []), start=1):
        alt = item.get("alt_text") or "(sin texto alternativo)"
        lines.append(f"Imagen {n}: {display_name(item.get('file_path', ''), n)} — {alt} "
                     f"[SHA-256 {item.get('sha256', '')[:16]}…]")
    findings = snapshot.get("findings", [])
    if findings:
        lines += ["", "Observaciones de la revisión automática al enviar:"]
        lines += [f"- {f.get('rule', '')} ({f.get('severity', '')}): {f.get('message', '')}"
                  for f in findings]
    return lines


def request_mail(consultation: Consultation, media_files: list[Path]) -> MailContent:
    """To CNCS: the question, the frozen text, the images and the deadline."""
    author = consultation.author
    deadline = format_mexico(consultation.deadline)
    lines = [
        "Coordinación Nacional de Comunicación Social:",
        "",
        f"{author.name} ({author.email}), administrador(a) de {_who(consultation)}, consulta "
        "si procede la siguiente publicación (criterio 6.viii de los Criterios para el uso "
        "institucional de redes sociales).",
        "",
        "Pregunta:",
        consultation.question,
        "",
        *_snapshot_lines(consultation.snapshot),
        "",
        f"Plazo para responder: {deadline} (hora del centro de México). Sin respuesta en 48 "
        "horas la publicación no procede.",
        "",
        f"Responda desde Redes INE, sección Consultas CNCS (consulta {consultation.id}).",
    ]
    attachments = tuple(
        Attachment(str(path), filename=_attachment_name(n, item, path))
        for n, (item, path) in enumerate(zip(consultation.snapshot.get("media", []),
                                             media_files, strict=False), start=1)
    )
    return MailContent(f"Consulta a CNCS: {consultation.account.handle} — responder antes del "
                       f"{format_mexico(consultation.deadline, long=False)}",
                       "\n".join(lines), attachments)


def _attachment_name(n: int, item: dict, copy: Path) -> str:
    original = Path(item.get("file_path", "")).name
    if not original or display_name(original) != original:  # empty, or stored by hash only
        return f"imagen-{n}{copy.suffix}"
    return original


_DECISION_TITLE = {
    ConsultationState.APROBADA: "aprobada",
    ConsultationState.RECHAZADA: "rechazada",
    ConsultationState.REQUIERE_CAMBIOS: "requiere cambios",
    ConsultationState.NO_PROCEDENTE: "no procedente — sin respuesta en 48 h",
}


def decision_mail(consultation: Consultation) -> MailContent:
    """To the author and the area's titular: the decision of CNCS (or the expiry)."""
    state = consultation.state
    lines = [f"Consulta a la CNCS sobre {_who(consultation)}", ""]
    if state == ConsultationState.NO_PROCEDENTE:
        lines.append(
            f"La CNCS no respondió antes del {format_mexico(consultation.deadline)} (hora del "
            "centro de México). La consulta queda «No procedente — sin respuesta en 48 h»: la "
            "publicación no procede (criterio 6.viii). Si aún es oportuna, envíe una nueva "
            "consulta."
        )
    else:
        reviewer = consultation.reviewer.name if consultation.reviewer else "CNCS"
        when = format_mexico(consultation.decided_at) if consultation.decided_at else ""
        lines.append(f"Decisión: {state.label} — por {reviewer}, {when} (hora de México).")
        if consultation.reasoning:
            lines += ["", "Motivo:", consultation.reasoning]
        if consultation.requested_changes:
            lines += ["", "Cambios que pide la CNCS:", consultation.requested_changes]
        lines.append("")
        lines.append({
            ConsultationState.APROBADA: "La aprobación cubre exactamente el texto y las imágenes "
            "enviados: cualquier cambio requiere una nueva consulta.",
            ConsultationState.RECHAZADA: "La publicación no se puede publicar.",
            ConsultationState.REQUIERE_CAMBIOS: "Haga los cambios y envíe una nueva consulta "
            "antes de publicar.",
        }.get(state, ""))
    lines += ["", "Pregunta enviada:", consultation.question, "",
              *_snapshot_lines(consultation.snapshot)]
    subject = (f"Consulta CNCS {_DECISION_TITLE.get(state, state.label)}: "
               f"{consultation.account.handle}")
    return MailContent(subject, "\n".join(lines))
