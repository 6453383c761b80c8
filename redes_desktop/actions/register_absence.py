"""Register or cancel an absence (5.1): for whom the person may register one, the absences
with who covers them and their notes, the registration (which drafts the public notice of
attention hours) and the cancellation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import acting_person, unit_of_work
from redes_desktop.services.institute_calendar import spanish_range as spanish_range

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.actions.procedures import Procedures
    from redes_desktop.models import AbsenceKind
    from redes_desktop.services.absence_notes import AbsenceNotes

PERSON_GONE = "La persona elegida ya no está registrada; actualice la lista."
ABSENCE_GONE = "La ausencia ya no existe; actualice la lista."


@dataclass(frozen=True)
class AbsenceForm:
    today: date
    people: tuple[tuple[str, str], ...]  # (person id, name); the acting person first
    # For each person: who may cover them, the default first — (person id or "", label);
    # "" means each account's designated suplente, or nobody for someone without accounts.
    covers: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def covers_of(self, person_id: str) -> tuple[tuple[str, str], ...]:
        return dict(self.covers).get(person_id, ())


@dataclass(frozen=True)
class NoteText:
    kind: str
    text: str


@dataclass(frozen=True)
class AbsenceRow:
    id: str
    person_name: str
    kind_label: str
    starts_on: date
    ends_on: date
    covering_name: str
    public_notice: str
    notes: tuple[NoteText, ...]


@dataclass(frozen=True)
class Registration:
    periods: int
    notices: int


def _notes(procedures: Procedures, session: Session) -> AbsenceNotes:
    from redes_desktop.services.absence_notes import AbsenceNotes

    settings = procedures.settings
    return AbsenceNotes(session, procedures.clock, outbox=procedures.outbox(session),
                        recorder=procedures.recorder, hours=settings.attention_hours,
                        institute_days=settings.institute_non_working_days)


def absence_form(procedures: Procedures, *, person_id: uuid.UUID | None) -> AbsenceForm | None:
    """None when nobody is signed in (the tab cannot register)."""
    from redes_desktop.services.coverage import AbsenceService
    from redes_desktop.services.directory import Directory

    if person_id is None:
        return None
    with unit_of_work(procedures.database) as session:
        me = acting_person(session, person_id)
        service = AbsenceService(session, procedures.clock, procedures.recorder)
        people = [me] + [p for p in Directory(session, procedures.clock,
                                              procedures.recorder).people()
                         if p.id != me.id and service.may_register(me, p)]
        covers = tuple(
            (str(p.id), tuple((str(c.id) if c is not None else "", label)
                              for c, label in service.covering_choices(p)))
            for p in people)
        return AbsenceForm(service.today(), tuple((str(p.id), p.name) for p in people), covers)


def list_absences(procedures: Procedures) -> tuple[AbsenceRow, ...]:
    with unit_of_work(procedures.database) as session:
        notes = _notes(procedures, session)
        rows = []
        for absence in notes.absences.absences():
            cover = absence.covering_person.name if absence.covering_person else ""
            rows.append(AbsenceRow(
                id=str(absence.id), person_name=absence.person.name,
                kind_label=absence.kind.label, starts_on=absence.starts_on,
                ends_on=absence.ends_on, covering_name=cover,
                public_notice=absence.public_notice or "",
                notes=tuple(NoteText(n.kind, n.text) for n in notes.notes(absence))))
        return tuple(rows)


def register_absence(procedures: Procedures, absent_id: uuid.UUID | str, kind: AbsenceKind,
                     start: date, end: date, *, person_id: uuid.UUID | None,
                     covering_id: uuid.UUID | str | None = None) -> Registration:
    """`covering_id`: who the registering person chose to cover (None: each account's
    designated suplente; see `AbsenceService.register`)."""
    from redes_desktop.errors import NotFound
    from redes_desktop.models import Person

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        absent = session.get(Person, uuid.UUID(str(absent_id))) if absent_id else None
        if absent is None or absent.deleted_at is not None:
            raise NotFound(PERSON_GONE)
        covering = session.get(Person, uuid.UUID(str(covering_id))) if covering_id else None
        if covering_id and (covering is None or covering.deleted_at is not None):
            raise NotFound("La persona elegida para cubrir ya no está registrada; actualice "
                           "la lista.")
        notes = _notes(procedures, session)
        rows = notes.absences.register(actor, absent, kind, start, end, covering)
        notices = notes.after_registration(rows)
        return Registration(len(rows), len(notices))


def cancel_absence(procedures: Procedures, absence_id: uuid.UUID | str, *,
                   person_id: uuid.UUID | None) -> None:
    from redes_desktop.errors import NotFound
    from redes_desktop.models import AbsencePeriod

    with unit_of_work(procedures.database) as session:
        actor = acting_person(session, person_id)
        absence = session.get(AbsencePeriod, uuid.UUID(str(absence_id)))
        if absence is None:
            raise NotFound(ABSENCE_GONE)
        _notes(procedures, session).absences.cancel(actor, absence)
