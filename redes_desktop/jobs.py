"""Background jobs the window runs off the UI thread: once after the data layer loads and after
each sign-in (`STARTUP_JOBS`) and every minute (`PERIODIC_JOBS`). Each entry names a function
`job(context) -> list[Notification]`; what it returns is shown as tray notifications.
Qt-free, so the same jobs run from the command line and the tests."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from redes_desktop.services.notifications import Notification

Job = Callable[[object], list[Notification]]

STARTUP_JOBS: list[str] = [
    "redes_desktop.services.mail_jobs:send_pending_mail",
    "redes_desktop.services.publishing_jobs:publishing_job",
    "redes_desktop.services.inbox_jobs:inbox_job",
    "redes_desktop.services.password_service:overdue_passwords_job",
    "redes_desktop.services.consultation_jobs:run_consultation_jobs",
    "redes_desktop.services.absence_notes:absence_job",
    "redes_desktop.services.account_health:health_job",
    # Once a day each: 8.i evaluations, 5.3 training, 5.2 d expired content.
    "redes_desktop.services.reminders:evaluation_job",
    "redes_desktop.services.reminders:training_job",
    "redes_desktop.services.reminders:validity_job",
    # Last: the whole chain, which takes seconds on a large bitácora.
    "redes_desktop.bitacora.jobs:verify_bitacora",
]

PERIODIC_JOBS: list[str] = [
    "redes_desktop.services.mail_jobs:send_pending_mail",
    # Scheduled posts whose time came (issue 17); one indexed query when none is due.
    "redes_desktop.services.publishing_jobs:publishing_job",
    # Comments, mentions and messages of the connected accounts (issue 17), incremental.
    "redes_desktop.services.inbox_jobs:inbox_job",
    "redes_desktop.services.password_service:overdue_passwords_job",
    "redes_desktop.services.consultation_jobs:run_consultation_jobs",
    "redes_desktop.services.absence_notes:absence_job",
    # Once a day per person: whoever signs in later in the day is told too (issue 15).
    "redes_desktop.services.account_health:health_job",
    "redes_desktop.services.reminders:evaluation_job",
    "redes_desktop.services.reminders:training_job",
    "redes_desktop.services.reminders:validity_job",
    # Verifies the whole chain only when it is due (bitacora/jobs.py: FULL_VERIFY_INTERVAL).
    "redes_desktop.bitacora.jobs:verify_bitacora",
]


def resolve(spec: str) -> Job:
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def run_jobs(specs: list[str], context) -> tuple[list[Notification], list[str]]:
    """Run each job; a failing job is reported (Spanish) and does not stop the others."""
    notifications: list[Notification] = []
    errors: list[str] = []
    for spec in specs:
        try:
            notifications.extend(resolve(spec)(context) or [])
        except Exception as error:  # noqa: BLE001 - one job must not stop the rest
            message = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
            errors.append(f"La tarea {spec.rpartition(':')[2]} falló: {message}")
    return notifications, errors
