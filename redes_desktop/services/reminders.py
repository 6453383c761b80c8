"""Daily reminders for the criteria that come due (jobs.py runs them at start-up, after each
sign-in and every minute; each speaks at most once a day to each person at the workstation, like
the overdue passwords), scoped to the accounts the person answers for (alert_scope.py):

* 8.i — accounts whose semestral evaluation is due (to CNCS, and to each area for its own);
* 5.3 — the annual training: CNCS is asked to schedule it and told who has no session this
  year; an administrator without one this year is reminded;
* 5.2 d — published content whose validity ended: update it or withdraw it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from redes_desktop.clock import to_mexico
from redes_desktop.models import Person, Role
from redes_desktop.services.alert_scope import alert_scope
from redes_desktop.services.notifications import Notification


def _marker(context, name: str, person_id: uuid.UUID):
    """The México City date this reminder last spoke to this person at this workstation (one
    file per person: a suplente signing in after the titular is still told, issue 15)."""
    return context.workspace.paths.root / f"aviso-{name}-{person_id}.txt"


def _spoke_today(context, name: str, person_id: uuid.UUID, today: date) -> bool:
    try:
        marker = _marker(context, name, person_id)
        return marker.read_text(encoding="utf-8").strip() == today.isoformat()
    except OSError:
        return False


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:5])
    return shown + (f" y {len(items) - 5} más" if len(items) > 5 else "")


def evaluation_reminders(session, person: Person, today: date) -> list[Notification]:
    from redes_desktop.services.reports import evaluations_due

    scope = alert_scope(session, person, today)
    due = [d for d in evaluations_due(session, today) if scope.includes(d.account_id)]
    if not due:
        return []
    who = ("Aplique la evaluación" if person.has_role(Role.REVISOR_CNCS)
           else "La CNCS debe aplicar la evaluación")
    return [Notification(
        "Evaluaciones semestrales pendientes",
        f"{len(due)} cuenta(s) sin evaluación en los últimos seis meses: "
        f"{_names([d.handle + scope.note(d.account_id) for d in due])}. {who} (criterio "
        "8.i); véalo en Informes.",
        kind="aviso", target=("informes", "evaluaciones"))]


def training_reminders(session, person: Person, today: date) -> list[Notification]:
    from redes_desktop.services.training import sessions_of_year, without_training

    notes: list[Notification] = []
    pending = without_training(session, today)
    if person.has_role(Role.REVISOR_CNCS):
        if not sessions_of_year(session, today.year):
            notes.append(Notification(
                "Capacitación anual",
                f"No hay capacitación programada en {today.year}: la CNCS organiza una al año "
                "con los administradores de las cuentas (criterio 5.3). Prográmela en Informes.",
                kind="aviso", target=("informes", "capacitacion")))
        if pending:
            notes.append(Notification(
                "Administradores sin capacitación",
                f"{len(pending)} administrador(es) sin capacitación este año: "
                f"{_names([p.name for p in pending])} (criterio 5.3).",
                kind="aviso", target=("informes", "capacitacion")))
    elif any(p.person_id == person.id for p in pending):
        notes.append(Notification(
            "Capacitación anual",
            f"Usted no tiene capacitación registrada en {today.year}: la CNCS convoca a los "
            "administradores una vez al año y su área debe enviarle (criterio 5.3).",
            kind="aviso", target=("informes", "capacitacion")))
    return notes


def validity_reminders(session, person: Person, today: date) -> list[Notification]:
    from redes_desktop.services.post_details import expired_posts

    scope = alert_scope(session, person, today)
    if scope.account_ids is not None and not scope.account_ids:
        return []
    expired = expired_posts(session, today, account_ids=scope.account_ids)
    if not expired:
        return []
    accounts = {e.account_id: e.handle + scope.note(e.account_id) for e in expired}
    return [Notification(
        "Contenidos vencidos",
        f"{len(expired)} publicación(es) con la vigencia vencida en "
        f"{_names(sorted(accounts.values()))}: actualícelas o retírelas de la red en "
        "Cuentas › Vigencia (criterio 5.2 d).", kind="aviso",
        target=("cuentas", "vigencia"))]  # the tab where each is updated or withdrawn


Build = Callable[[Session, Person, date], list[Notification]]


def run_daily(context, name: str, build: Build) -> list[Notification]:
    """Run `build` for the person signed in, at most once a day for each person."""
    if context.identity is None:
        return []
    with context.session() as session:
        person = context.current_person(session)
        if person is None:
            return []
        today = to_mexico(context.clock()).date()
        if _spoke_today(context, name, person.id, today):
            return []
        notes = build(session, person, today)
        person_id = person.id
    # Written once the reminder was built: a failed run speaks again on the next minute.
    _marker(context, name, person_id).write_text(today.isoformat() + "\n", encoding="utf-8")
    return notes


def evaluation_job(context) -> list[Notification]:
    return run_daily(context, "evaluaciones", evaluation_reminders)


def training_job(context) -> list[Notification]:
    return run_daily(context, "capacitacion", training_reminders)


def validity_job(context) -> list[Notification]:
    return run_daily(context, "vigencia", validity_reminders)
