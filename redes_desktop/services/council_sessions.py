"""The calendar of Consejo General sessions, entered by CNCS (6.xxvii), and what the composer
needs while one runs: the session and the account's other posts published or scheduled in it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from redes_desktop.checks.model import CouncilContext
from redes_desktop.clock import Clock, mexico_tz
from redes_desktop.errors import NotFound, PermissionDenied, ValidationError
from redes_desktop.models import CouncilSession, Person, Post, PostStatus, Role
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder

MAX_SESSION = timedelta(hours=24)


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime


def _require_cncs(actor: Person) -> None:
    if not actor.has_role(Role.REVISOR_CNCS):
        raise PermissionDenied("Solo la Coordinación Nacional de Comunicación Social registra "
                               "las sesiones del Consejo General.")


def add_session(session: Session, clock: Clock, actor: Person, *, title: str,
                starts_at: datetime, ends_at: datetime, recorder: ActivityRecorder
                ) -> CouncilSession:
    _require_cncs(actor)
    name = " ".join((title or "").split())
    if not name:
        raise ValidationError("Escriba el nombre de la sesión, por ejemplo «Sesión "
                              "extraordinaria del Consejo General».", criterion="6.xxvii",
                              field="titulo")
    if len(name) > 200:
        raise ValidationError("El nombre de la sesión tiene más de 200 caracteres.",
                              criterion="6.xxvii", field="titulo")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError("Indique la hora con su zona horaria.", criterion="6.xxvii",
                              field="horario")
    if ends_at <= starts_at:
        raise ValidationError("La sesión termina antes de empezar: corrija el horario.",
                              criterion="6.xxvii", field="horario")
    if ends_at - starts_at > MAX_SESSION:
        raise ValidationError("Una sesión dura menos de 24 horas: registre cada día aparte.",
                              criterion="6.xxvii", field="horario")
    row = CouncilSession(title=name, starts_at=starts_at, ends_at=ends_at)
    session.add(row)
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=None,
                                  action="sesion_consejo_registrada",
                                  details={"sesion": str(row.id), "titulo": name}))
    return row


def remove_session(session: Session, clock: Clock, actor: Person, session_id: uuid.UUID | str,
                   *, recorder: ActivityRecorder) -> None:
    _require_cncs(actor)
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        raise NotFound(f"«{session_id}» no es el identificador de una sesión; consulte la "
                       "lista de sesiones.") from None
    row = session.get(CouncilSession, key)
    if row is None or row.deleted_at is not None:
        raise NotFound("La sesión ya no está en el calendario; actualice la lista.")
    row.deleted_at = clock()
    session.flush()
    recorder.record(ActivityEntry(at=clock(), actor_id=actor.id, account_id=None,
                                  action="sesion_consejo_eliminada",
                                  details={"sesion": str(row.id)}))


def local_times(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """The start and end of a session held on `day` from `start` to `end`, Mexico City time
    (what CNCS types), as aware datetimes. A session past midnight is entered day by day."""
    zone = mexico_tz()
    return (datetime.combine(day, start, tzinfo=zone), datetime.combine(day, end, tzinfo=zone))


def sessions(session: Session, *, since: datetime | None = None) -> list[SessionRow]:
    query = select(CouncilSession).where(CouncilSession.deleted_at.is_(None))
    if since is not None:
        query = query.where(CouncilSession.ends_at >= since)
    return [SessionRow(r.id, r.title, r.starts_at, r.ends_at)
            for r in session.scalars(query.order_by(CouncilSession.starts_at))]


def session_at(session: Session, moment: datetime) -> CouncilSession | None:
    return session.scalars(
        select(CouncilSession)
        .where(CouncilSession.deleted_at.is_(None), CouncilSession.starts_at <= moment,
               CouncilSession.ends_at > moment)
        .order_by(CouncilSession.starts_at)).first()


def council_context(session: Session, account_id: uuid.UUID, moment: datetime, *,
                    exclude: uuid.UUID | None = None) -> CouncilContext | None:
    """The session `moment` falls in (the post's scheduled time, or now) with the account's
    other posts published or scheduled during it; None outside every session."""
    found = session_at(session, moment)
    if found is None:
        return None
    start, end = found.starts_at, found.ends_at
    query = (select(Post.text, Post.topic)
             .where(Post.account_id == account_id, Post.deleted_at.is_(None),
                    or_((Post.status == PostStatus.PUBLICADA) & (Post.published_at >= start)
                        & (Post.published_at < end),
                        (Post.status != PostStatus.DESCARTADA)
                        & (Post.status != PostStatus.PUBLICADA)
                        & (Post.scheduled_at >= start) & (Post.scheduled_at < end)))
             .order_by(Post.created_at))
    if exclude is not None:
        query = query.where(Post.id != exclude)
    return CouncilContext(found.title, tuple((t, topic or "") for t, topic in
                                             session.execute(query)))
