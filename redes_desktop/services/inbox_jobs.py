"""The window's periodic job for the inbox (see `jobs.py`): poll each connected account whose
turn came (every 2 minutes; longer after errors). The groups of recurring doubts are kept in
the job's state between runs, and so is what was said of an account that stopped bringing
anything (said once, until it polls fine again)."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification


def inbox_job(context: object) -> list[Notification]:
    from redes_desktop.actions.inbox_poll import inbox_poller
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.context import AppContext
    from redes_desktop.services.inbox_polling import DoubtGrouper

    assert isinstance(context, AppContext)
    grouper = context.job_state.get("inbox_grouper")
    if not isinstance(grouper, DoubtGrouper):
        grouper = DoubtGrouper()
        context.job_state["inbox_grouper"] = grouper
    poller = inbox_poller(context.database, clock=context.clock, recorder=context.recorder,
                          secrets=context.secrets,
                          networks=NetworkSettings.of(context.workspace.settings,
                                                      context.secrets),
                          grouper=grouper)
    report = poller.poll()
    notes = list(report.notifications)
    # An account that stopped bringing anything (its authorisation expired, or it keeps
    # failing) is said once — not every poll — until it polls fine again.
    told = context.job_state.setdefault("inbox_failures_told", {})
    for account_id in report.ok:
        told.pop(account_id, None)
    for account_id, message in report.lasting.items():
        if told.get(account_id) != message:
            told[account_id] = message
            notes.append(Notification(
                "El Buzón no recibe de una cuenta",
                f"No llegan comentarios ni mensajes de {message}", "urgente", ("buzon", "")))
    if report.new_items:
        arrived = ("Llegó 1 comentario o mensaje nuevo." if report.new_items == 1 else
                   f"Llegaron {report.new_items} comentarios o mensajes nuevos.")
        notes.insert(0, Notification("Buzón", arrived, "info", ("buzon", "")))
    return notes
