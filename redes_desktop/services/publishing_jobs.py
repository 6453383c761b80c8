"""The window's periodic job for the publishing queue (see `jobs.py`)."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification


def publishing_job(context: object) -> list[Notification]:
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.actions.publishing import job_engine, publishing_queue, run_due
    from redes_desktop.context import AppContext

    assert isinstance(context, AppContext)
    settings = context.workspace.settings
    engine = job_engine(context)
    queue = publishing_queue(
        context.database, clock=context.clock, recorder=context.recorder,
        secrets=context.secrets,
        networks=NetworkSettings.of(settings, context.secrets),
        engine=engine, area_contacts=settings.area_contacts,
        media_dir=context.workspace.paths.media)
    return run_due(queue).notifications
