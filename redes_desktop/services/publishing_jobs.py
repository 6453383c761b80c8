"""The window's periodic job for the publishing queue (see `jobs.py`)."""

from __future__ import annotations

from redes_desktop.services.notifications import Notification


def publishing_job(context: object) -> list[Notification]:
    from redes_desktop.actions.network_connection import NetworkSettings
    from redes_desktop.actions.publishing import (
        LazyEngine,
        engine_builder,
        publishing_queue,
        run_due,
    )
    from redes_desktop.context import AppContext

    assert isinstance(context, AppContext)
    settings = context.workspace.settings
    engine = context.job_state.get("publishing_engine")
    if not isinstance(engine, LazyEngine):
        engine = LazyEngine(engine_builder(context.workspace.paths.root,
                                           tuple(settings.official_domains),
                                           settings.languagetool_url))
        context.job_state["publishing_engine"] = engine
    queue = publishing_queue(
        context.database, clock=context.clock, recorder=context.recorder,
        secrets=context.secrets,
        networks=NetworkSettings.of(settings, context.secrets),
        engine=engine, area_contacts=settings.area_contacts)
    return run_due(queue).notifications
