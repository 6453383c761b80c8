"""What the consultation actions need to mail CNCS and the areas (6.viii): the outbox, the
CNCS address and the folder where the images sent are kept. Required by every action that
sends, decides or expires a consultation: none falls back to "no mail" silently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from redes_desktop.clock import Clock
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.consultation_mail import network_labels as network_labels
from redes_desktop.services.consultations import MailOutcome as MailOutcome

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.context import AppContext
    from redes_desktop.services.consultations import ConsultationService
    from redes_desktop.services.mail import Outbox


@dataclass(frozen=True)
class ConsultationMail:
    # The outbox of a unit of work (None: this station has no mail server configured, and
    # the consultation is kept with its "correo pendiente" mark).
    outbox: Callable[[Session], Outbox | None]
    cncs_email: str
    media_dir: Path

    @classmethod
    def of(cls, context: AppContext) -> ConsultationMail:
        """This workstation's outbox and settings, read now (so a change in Preferencias
        applies to the next action)."""
        return cls(context.outbox, context.workspace.settings.cncs_email,
                   context.workspace.paths.media)


def consultation_service(session: Session, *, clock: Clock, recorder: ActivityRecorder,
                         mail: ConsultationMail) -> ConsultationService:
    from redes_desktop.services.consultations import ConsultationService

    return ConsultationService(session, clock, outbox=mail.outbox(session),
                               cncs_email=mail.cncs_email, media_dir=mail.media_dir,
                               recorder=recorder)
