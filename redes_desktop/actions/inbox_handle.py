"""Handle an inbox item (issue 17): take it (a claim with a timeout, held across workstations
through the shared database), ignore it (6.xvi — there is no «bloquear»), escalate it to the
titular with a note (5.2 f), tag it (information request 6.vii, suggestion 8.ii, complaint,
question), pass an information request to the responsible area by mail (6.vii), and set the
area's response target. Everything reaches the bitácora."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.clock import Clock, to_mexico
from redes_desktop.database import Database
from redes_desktop.errors import NotFound, PermissionDenied, UserFacingError, ValidationError
from redes_desktop.models import Account, Area, Person, Role
from redes_desktop.models.base import table_of
from redes_desktop.models.inbox import InboxItem, InboxState, InboxTag, InboxTarget
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.inbox_rules import CLAIM_FOR, information_template
from redes_desktop.services.permissions import Action, Permissions

if TYPE_CHECKING:
    from redes_desktop.services.mail import Outbox
    from redes_desktop.sync.inbox_claims import SharedClaims

OutboxFor = Callable[[Session], "Outbox | None"]


class ClaimRefused(UserFacingError):
    """Another person holds the item."""


@dataclass(frozen=True)
class ClaimResult:
    item_id: uuid.UUID
    until: datetime
    shared: bool  # held on the shared database (False: only on this workstation, offline)


@dataclass(frozen=True)
class EscalationResult:
    item_id: uuid.UUID
    titular: str
    mail_queued: bool


@dataclass(frozen=True)
class InformationRequestResult:
    item_id: uuid.UUID
    template: str
    mail_queued: bool


def _load(session: Session, clock: Clock, person_id: uuid.UUID | None, item_id: uuid.UUID,
          action: Action = Action.COMPOSE) -> tuple[Person, InboxItem, Account]:
    person = acting_person(session, person_id)
    item = session.get(InboxItem, item_id)
    if item is None:
        raise NotFound("Ese elemento del buzón ya no existe.")
    account = session.get(Account, item.account_id)
    if account is None:
        raise NotFound("La cuenta de ese elemento ya no existe.")
    decision = Permissions(session, clock).check(person, action, account=account)
    if not decision:
        raise PermissionDenied(
            f"No puede atender el buzón de {account.handle}: {decision.reason}")
    return person, item, account


def holder_message(session: Session, holder_id: uuid.UUID | None, until: datetime | None) -> str:
    holder = session.get(Person, holder_id) if holder_id else None
    name = holder.name if holder else "otra persona"
    when = to_mexico(until).strftime("%H:%M") if until else ""
    return (f"{name} está atendiendo este elemento hasta las {when} (hora del centro). "
            "Espere a que responda o a que venza su turno, y vuelva a intentarlo.")


def require_not_held(session: Session, item: InboxItem, person: Person, now: datetime) -> None:
    """Refuse when another person's claim on `item` has not expired."""
    if (item.claimed_by_id is not None and item.claimed_by_id != person.id
            and item.claim_expires_at is not None and item.claim_expires_at > now):
        raise ClaimRefused(holder_message(session, item.claimed_by_id, item.claim_expires_at))


def _require_open(item: InboxItem) -> None:
    if item.state == InboxState.RESPONDIDO:
        raise ValidationError("Este elemento ya fue respondido.")
    if item.state == InboxState.IGNORADO:
        raise ValidationError("Este elemento se ignoró (criterio 6.xvi); sigue en el registro.")


def claim_item(database: Database, *, clock: Clock, recorder: ActivityRecorder,
               person_id: uuid.UUID | None, item_id: uuid.UUID,
               claims: SharedClaims | None) -> ClaimResult:
    """Take the item for 15 minutes. `claims`: the shared database (None when none is
    configured); unreachable, the claim holds only here (README: the offline limit)."""
    from redes_desktop.sync.inbox_claims import SharedUnreachable

    now = clock()
    until = now + CLAIM_FOR
    t = table_of(InboxItem)
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id)
        _require_open(item)
        require_not_held(session, item, person, now)
        local_row = dict(session.execute(select(t).where(t.c.id == item_id)).mappings().one())
        pid = person.id
    shared = False
    if claims is not None:
        try:
            answer = claims.claim(local_row, pid, now, until)
        except SharedUnreachable:
            answer = None
        if answer is not None:
            if not answer.taken:
                with unit_of_work(database) as session:
                    raise ClaimRefused(holder_message(session, answer.holder_id,
                                                      answer.holder_until))
            shared = True
            row = answer.row or {}
            with unit_of_work(database) as session:
                # As a pull writes it: the shared version, not captured again.
                session.execute(update(t).where(t.c.id == item_id).values(
                    claimed_by_id=pid, claim_expires_at=until, assigned_to_id=pid,
                    state=InboxState.ASIGNADO, row_version=row.get("row_version"),
                    updated_at=now))
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id)
        if not shared:
            item.claimed_by_id = person.id
            item.claim_expires_at = until
            item.assigned_to_id = person.id
            if item.state == InboxState.NUEVO:
                item.state = InboxState.ASIGNADO
        recorder.record(ActivityEntry(
            at=now, actor_id=person.id, account_id=account.id, action="buzon_reclamado",
            details={"elemento": str(item_id), "hasta": until.isoformat(),
                     "en_base_compartida": shared}))
    return ClaimResult(item_id, until, shared)


def ignore_item(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                person_id: uuid.UUID | None, item_id: uuid.UUID, reason: str = "") -> None:
    """6.xvi: offensive users are ignored, never blocked; the item stays on record."""
    now = clock()
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id)
        _require_open(item)
        require_not_held(session, item, person, now)
        item.state = InboxState.IGNORADO
        item.handled_at = now
        item.handled_by_id = person.id
        item.claimed_by_id = None
        item.claim_expires_at = None
        recorder.record(ActivityEntry(
            at=now, actor_id=person.id, account_id=account.id, action="buzon_ignorado",
            details={"elemento": str(item_id), "autor": item.author_handle,
                     "motivo": reason.strip()}))


def escalate_item(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                  outbox: OutboxFor, person_id: uuid.UUID | None, item_id: uuid.UUID,
                  note: str) -> EscalationResult:
    """5.2 f: tell the titular of the account's area about a relevant matter, with a note."""
    now = clock()
    if not note.strip():
        raise ValidationError("Escriba una nota que explique al titular por qué es relevante "
                              "(criterio 5.2 f).", field="nota")
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id,
                                      Action.VIEW_ACCOUNT)
        _require_open(item)
        area = session.get(Area, account.area_id)
        titular = session.get(Person, area.titular_id) if area and area.titular_id else None
        item.state = InboxState.ESCALADO
        item.escalation_note = note.strip()
        item.handled_at = now
        item.handled_by_id = person.id
        queued = False
        box = outbox(session)
        if box is not None and titular is not None and titular.email:
            box.queue([titular.email], f"Asunto relevante en {account.handle} (5.2 f)",
                      f"{person.name} le informa de un asunto en el buzón de {account.handle}."
                      f"\n\nDe: {item.author_name} ({item.author_handle})\n«{item.text}»\n"
                      f"{item.url}\n\nNota: {note.strip()}\n",
                      related_kind="buzon", related_id=item.id)
            queued = True
        recorder.record(ActivityEntry(
            at=now, actor_id=person.id, account_id=account.id, action="buzon_escalado",
            details={"elemento": str(item_id), "nota": note.strip(),
                     "titular": titular.name if titular else "", "correo": queued}))
        return EscalationResult(item_id, titular.name if titular else "", queued)


def tag_item(database: Database, *, clock: Clock, recorder: ActivityRecorder,
             person_id: uuid.UUID | None, item_id: uuid.UUID, tags: Iterable[str]) -> None:
    """Tags: pregunta, solicitud de información (6.vii), sugerencia (8.ii, for the semiannual
    evaluation), queja."""
    wanted = []
    for tag in tags:
        try:
            wanted.append(InboxTag(tag).value)
        except ValueError as error:
            raise ValidationError(f"La etiqueta «{tag}» no existe.") from error
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id,
                                      Action.VIEW_ACCOUNT)
        item.tags = sorted(set(wanted))
        recorder.record(ActivityEntry(
            at=clock(), actor_id=person.id, account_id=account.id, action="buzon_etiquetado",
            details={"elemento": str(item_id), "etiquetas": item.tags}))


def information_request(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                        outbox: OutboxFor, person_id: uuid.UUID | None, item_id: uuid.UUID,
                        area_email: str, area_name: str) -> InformationRequestResult:
    """6.vii: tag the item, mail the request to the responsible area and give the reply
    template that points to INETEL and the transparency platform."""
    if "@" not in area_email:
        raise ValidationError("Escriba el correo del área responsable de la información "
                              "(criterio 6.vii).", field="correo")
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id,
                                      Action.VIEW_ACCOUNT)
        tags = set(item.tags or [])
        tags.add(InboxTag.SOLICITUD_INFORMACION.value)
        item.tags = sorted(tags)
        box = outbox(session)
        queued = False
        if box is not None:
            box.queue([area_email.strip()], f"Solicitud de información recibida en "
                      f"{account.handle} (6.vii)",
                      f"{person.name} le turna una solicitud de información recibida en "
                      f"{account.handle}.\n\nDe: {item.author_name} ({item.author_handle})\n"
                      f"«{item.text}»\n{item.url}\n",
                      related_kind="buzon", related_id=item.id)
            queued = True
        recorder.record(ActivityEntry(
            at=clock(), actor_id=person.id, account_id=account.id,
            action="buzon_solicitud_informacion",
            details={"elemento": str(item_id), "area": area_name, "correo": area_email,
                     "enviado": queued}))
        return InformationRequestResult(item_id,
                                         information_template(item.author_name, area_name),
                                         queued)


def set_response_target(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                        person_id: uuid.UUID | None, area_id: uuid.UUID, hours: int) -> None:
    """The area's titular (or CNCS) sets how soon its inbox must be answered."""
    if not 1 <= hours <= 720:
        raise ValidationError("La meta de respuesta debe estar entre 1 y 720 horas.",
                              field="horas")
    with unit_of_work(database) as session:
        person = acting_person(session, person_id)
        area = session.get(Area, area_id)
        if area is None:
            raise NotFound("El área ya no existe.")
        if not (Permissions(session, clock).is_area_titular(person, area)
                or person.has_role(Role.REVISOR_CNCS)):
            raise PermissionDenied("Solo el titular del área o CNCS fija su meta de respuesta.")
        target = session.scalar(select(InboxTarget).where(InboxTarget.area_id == area_id))
        if target is None:
            target = InboxTarget(area_id=area_id, hours=hours)
            session.add(target)
        target.hours = hours
        recorder.record(ActivityEntry(
            at=clock(), actor_id=person.id, account_id=None, action="buzon_meta_respuesta",
            details={"area": area.name, "horas": hours}))
