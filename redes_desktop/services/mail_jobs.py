"""Job: retry the outbox's pending mail."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification


def send_pending_mail(context) -> list[Notification]:
    with context.session() as session:
        sent, pending = context.outbox(session).send_due()
        session.commit()
    if sent:
        return [Notification("Correo enviado",
                             f"Se enviaron {sent} correo(s) que estaban pendientes.")]
    return []
