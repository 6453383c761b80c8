"""What an absence produces (5.1): the public notice of attention hours, drafted per account for
the administrator to review and publish through the composer, and the hand-over note from
titular to suplente at the start of the absence (and the return note at its end).

Also the background job that drafts notices before holidays and writes the notes when due.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.models import (
    AbsenceKind,
    AbsencePeriod,
    Account,
    AccountStatus,
    AdminKind,
    Consultation,
    ConsultationState,
    Incident,
    IncidentState,
    Person,
    Post,
    PostStatus,
)
from redes_desktop.models.procedures import AttentionNotice, HandoverNote
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.coverage import AbsenceService
from redes_desktop.services.institute_calendar import closed_stretch, non_working_days
from redes_desktop.services.mail import Outbox
from redes_desktop.services.notifications import Notification
from redes_desktop.services.posts import PostService
from redes_desktop.spanish_dates import spanish_date, spanish_range

DEFAULT_ATTENTION_HOURS = "10:00 a 14:00 h"
NOTICE_KINDS = (AbsenceKind.VACACIONES, AbsenceKind.ASUETO)
HOLIDAY_NOTICE_DAYS_AHEAD = 3
ENTREGA, REGRESO = "entrega", "regreso"
# Notes and notices are generated on every workstation that runs the job: their ids derive from
# their natural key, so two workstations generating the same one make the same row (sync).
GENERATED_IDS = uuid.UUID("5f0f3a53-9a57-4c55-8c4e-7d0b8d3f1a21")


def handover_note_id(absence_id: uuid.UUID, kind: str) -> uuid.UUID:
    return uuid.uuid5(GENERATED_IDS, f"handover_notes:{absence_id}:{kind}")


def attention_notice_id(account_id: uuid.UUID, starts_on: date) -> uuid.UUID:
    return uuid.uuid5(GENERATED_IDS, f"attention_notices:{account_id}:{starts_on.isoformat()}")


def notice_text(
    start: date, end: date, *, hours: str = DEFAULT_ATTENTION_HOURS, institute_days=()
) -> str:
    """«Del 20 al 31 de diciembre la atención en esta cuenta será de 10:00 a 14:00 h …»."""
    when = spanish_range(start, end)
    text = (
        f"{when[0].upper()}{when[1:]} la atención en esta cuenta será de {hours} "
        "(hora del centro de México)."
    )
    closed = non_working_days(start, end, institute_days)
    if closed:
        listed = ", ".join(f"{spanish_date(d)} ({name})" for d, name in closed.items())
        label = "Día no laborable" if len(closed) == 1 else "Días no laborables"
        text += f" {label}: {listed}."
    return text + " Gracias por su comprensión."


def _local(value) -> str:
    local = to_mexico(value)
    return f"{spanish_date(local.date())}, {local:%H:%M} h"


class AbsenceNotes:
    def __init__(
        self,
        session: Session,
        clock: Clock,
        *,
        outbox: Outbox | None = None,
        recorder: ActivityRecorder,
        hours: str = DEFAULT_ATTENTION_HOURS,
        institute_days: Sequence[str] = (),
        person_id: uuid.UUID | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self.outbox = outbox
        self.recorder = recorder
        self.hours = hours
        self.institute_days = list(institute_days)
        # Who runs the job here: when known, only their absences and accounts (titular,
        # suplente or titular of the area) get notes and notices on this workstation.
        self.person_id = person_id
        self.absences = AbsenceService(session, clock, self.recorder)
        self.posts = PostService(session, clock, recorder=self.recorder)
        # Notices drafted in this run because a coverage started (for the job's message).
        self.coverage_notices: list[AttentionNotice] = []

    def today(self) -> date:
        return to_mexico(self.clock()).date()

    # -- public notices ----------------------------------------------------------------------
    def draft_notice(
        self,
        account: Account,
        author: Person,
        start: date,
        end: date,
        absence: AbsencePeriod | None = None,
        text: str | None = None,
    ) -> AttentionNotice:
        """Draft (once) the notice of attention hours of `account` for a period (`text`: the
        notice already written for the absence, else the standard one)."""
        existing = self.session.scalar(
            select(AttentionNotice).where(
                AttentionNotice.account_id == account.id, AttentionNotice.starts_on == start
            )
        )
        if existing is not None:
            return existing
        text = text or notice_text(start, end, hours=self.hours,
                                   institute_days=self.institute_days)
        post_id = None
        try:
            post_id = self.posts.create_draft(author, account, text).id
        except UserFacingError:
            # No draft (e.g. an open incident): the notice text is kept for later.
            post_id = None
        notice = AttentionNotice(
            id=attention_notice_id(account.id, start),
            account_id=account.id,
            account=account,
            starts_on=start,
            ends_on=end,
            post_id=post_id,
            absence_id=absence.id if absence else None,
            text=text,
        )
        self.session.add(notice)
        self.session.flush()
        return notice

    def after_registration(self, rows: Sequence[AbsencePeriod]) -> list[AttentionNotice]:
        """Right after an absence is registered: notices for vacations and days off, and the
        hand-over note if the absence already started."""
        notices: list[AttentionNotice] = []
        for row in rows:
            if row.kind in NOTICE_KINDS:
                for account in self.absences.covered_accounts(row):
                    notices.append(
                        self.draft_notice(account, row.person, row.starts_on, row.ends_on, row)
                    )
                if notices:
                    row.public_notice = notices[-1].text
        self.ensure_notes()
        self.session.flush()
        return notices

    def upcoming_holiday_notices(self, days_ahead: int = HOLIDAY_NOTICE_DAYS_AHEAD):
        """Before each holiday of the next days, a notice per active account (drafted by its
        titular); a holiday joined to a weekend is one period."""
        today = self.today()
        holidays = non_working_days(today, today + timedelta(days=days_ahead), self.institute_days)
        if not holidays:
            return []
        accounts = self.session.scalars(
            select(Account).where(
                Account.status == AccountStatus.ACTIVA, Account.deleted_at.is_(None)
            )
        ).all()
        created: list[AttentionNotice] = []
        for day in holidays:
            start, end = closed_stretch(day, self.institute_days)
            start = max(start, today)
            for account in accounts:
                if not self._entitled_account(account, start):
                    continue
                titular = next(
                    (
                        a.person
                        for a in account.current_administrators(start)
                        if a.kind == AdminKind.TITULAR
                    ),
                    None,
                )
                if titular is None:
                    continue
                before = self.session.scalar(
                    select(AttentionNotice.id).where(
                        AttentionNotice.account_id == account.id,
                        AttentionNotice.starts_on <= end,
                        AttentionNotice.ends_on >= start,
                    )
                )
                if before is None:
                    created.append(self.draft_notice(account, titular, start, end))
        return created

    # -- hand-over and return notes ----------------------------------------------------------
    def handover_text(self, absence: AbsencePeriod) -> str:
        accounts = self.absences.covered_accounts(absence)
        suplente = absence.covering_person
        lines = [
            f"Nota de entrega de {absence.person.name} a "
            f"{suplente.name if suplente else '(sin suplente)'}",
            f"Ausencia ({absence.kind.label.lower()}) "
            f"{spanish_range(absence.starts_on, absence.ends_on)}.",
            "Durante ese periodo el suplente tiene los derechos del titular sobre estas cuentas "
            "(criterio 5.1); al terminar, terminan solos.",
            "",
        ]
        for account in accounts:
            lines += [f"Cuenta {account.handle} ({account.network.label}):"]
            lines += self._notice_line(account, absence)
            lines += self._section("Consultas pendientes con CNCS", self._pending(account))
            lines += self._section("Publicaciones programadas", self._scheduled(account))
            lines += self._section("Incidentes abiertos", self._incidents(account),
                                   none="ninguno")
            lines.append("")
        if not accounts:
            lines.append("No hay cuentas que cubrir.")
        return "\n".join(lines).rstrip() + "\n"

    def return_text(self, absence: AbsencePeriod) -> str:
        accounts = self.absences.covered_accounts(absence)
        suplente = absence.covering_person
        lines = [
            f"Nota de regreso de {suplente.name if suplente else '(sin suplente)'} a "
            f"{absence.person.name}",
            f"Cobertura {spanish_range(absence.starts_on, absence.ends_on)}.",
            "",
        ]
        for account in accounts:
            lines += [f"Cuenta {account.handle} ({account.network.label}):"]
            lines += self._section(
                "Publicado durante la ausencia", self._published(account, absence)
            )
            lines += self._section("Consultas pendientes con CNCS", self._pending(account))
            lines += self._section("Publicaciones programadas", self._scheduled(account))
            lines += self._section("Incidentes abiertos", self._incidents(account),
                                   none="ninguno")
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    @staticmethod
    def _section(title: str, items: list[str], none: str = "ninguna") -> list[str]:
        """`none`: what is said when there are none, agreeing with the title («ninguno»
        for incidents)."""
        if not items:
            return [f"  {title}: {none}."]
        return [f"  {title}:"] + [f"    - {item}" for item in items]

    def _pending(self, account: Account) -> list[str]:
        rows = self.session.scalars(
            select(Consultation)
            .where(
                Consultation.account_id == account.id,
                Consultation.state == ConsultationState.PENDIENTE,
            )
            .order_by(Consultation.deadline)
        )
        return [f"{c.question.strip()[:80]} (vence {_local(c.deadline)})" for c in rows]

    def _scheduled(self, account: Account) -> list[str]:
        rows = self.session.scalars(
            select(Post)
            .where(
                Post.account_id == account.id,
                Post.deleted_at.is_(None),
                Post.scheduled_at >= self.clock(),
                Post.status.not_in([PostStatus.PUBLICADA, PostStatus.DESCARTADA]),
            )
            .order_by(Post.scheduled_at)
        )
        return [f"{_local(p.scheduled_at)}: {p.text.strip()[:80]}" for p in rows]

    def _incidents(self, account: Account) -> list[str]:
        rows = self.session.scalars(
            select(Incident).where(
                Incident.account_id == account.id, Incident.state == IncidentState.ABIERTO
            )
        )
        return [f"{i.description.strip()[:80]} (reportado {_local(i.reported_at)})" for i in rows]

    def _published(self, account: Account, absence: AbsencePeriod) -> list[str]:
        rows = self.session.scalars(
            select(Post)
            .where(
                Post.account_id == account.id,
                Post.status == PostStatus.PUBLICADA,
                Post.published_at.is_not(None),
            )
            .order_by(Post.published_at)
        )
        return [  # the query's `published_at IS NOT NULL`: `at` is always set
            f"{_local(at)}: {p.text.strip()[:80]}"
            for p in rows
            if (at := p.published_at) is not None
            and absence.starts_on <= to_mexico(at).date() <= absence.ends_on
        ]

    def _entitled_absence(self, absence: AbsencePeriod) -> bool:
        me = self.person_id
        if me is None or me in (absence.person_id, absence.covering_person_id):
            return True
        return absence.person.area.titular_id == me

    def _entitled_account(self, account: Account, on: date) -> bool:
        me = self.person_id
        if me is None or any(a.person_id == me for a in account.current_administrators(on)):
            return True
        return account.area.titular_id == me

    def notes(self, absence: AbsencePeriod) -> list[HandoverNote]:
        return list(
            self.session.scalars(
                select(HandoverNote)
                .where(HandoverNote.absence_id == absence.id)
                .order_by(HandoverNote.generated_at)
            )
        )

    def ensure_notes(self) -> list[HandoverNote]:
        """Write the notes that are due: "entrega" once the absence started, "regreso" once it
        ended; each e-mailed (entrega to the suplente, regreso to the titular)."""
        today = self.today()
        written: list[HandoverNote] = []
        rows = self.session.scalars(
            select(AbsencePeriod).where(
                AbsencePeriod.deleted_at.is_(None),
                AbsencePeriod.covering_person_id.is_not(None),
                AbsencePeriod.starts_on <= today,
                AbsencePeriod.ends_on >= today - timedelta(days=30),
            )
        ).all()
        for absence in rows:
            if not self._entitled_absence(absence):
                continue
            have = {n.kind for n in self.notes(absence)}
            if absence.ends_on >= today:
                self.ensure_coverage_notices(absence)
            if ENTREGA not in have:
                written.append(self._write(absence, ENTREGA, absence.covering_person))
            if absence.ends_on < today and REGRESO not in have:
                written.append(self._write(absence, REGRESO, absence.person))
        return written

    def ensure_coverage_notices(self, absence: AbsencePeriod) -> list[AttentionNotice]:
        """When the coverage starts: the notice of attention hours of each covered account
        exists as a draft in the Redactor (5.1), written with the absence's own notice when it
        has one. Drafted by the covering suplente, who publishes it, and only on their
        workstation (or where no one is signed in: the command line), so two workstations do
        not draft it twice; a notice already drafted at registration stays as it is."""
        suplente = absence.covering_person
        if absence.kind not in NOTICE_KINDS or suplente is None:
            return []
        if self.person_id is not None and self.person_id != suplente.id:
            return []
        notices = []
        for account in self.absences.covered_accounts(absence):
            before = self.session.scalar(select(AttentionNotice.id).where(
                AttentionNotice.account_id == account.id,
                AttentionNotice.starts_on == absence.starts_on))
            notice = self.draft_notice(account, suplente, absence.starts_on, absence.ends_on,
                                       absence, text=absence.public_notice or None)
            notices.append(notice)
            if before is None and notice.post_id is not None:
                self.coverage_notices.append(notice)
        if notices and not absence.public_notice:
            absence.public_notice = notices[-1].text
        return notices

    def _notice_line(self, account: Account, absence: AbsencePeriod) -> list[str]:
        notice = self.session.scalar(select(AttentionNotice).where(
            AttentionNotice.account_id == account.id,
            AttentionNotice.starts_on == absence.starts_on))
        if notice is None:
            if absence.kind not in NOTICE_KINDS:
                return []
            return ["  Aviso de horario de atención: se redactará en el Redactor al empezar "
                    "la cobertura, para revisarlo y publicarlo (5.1)."]
        where = ("como borrador en el Redactor, para revisarlo y publicarlo (5.1)"
                 if notice.post_id else "sin borrador (la cuenta no admite publicar ahora)")
        return [f"  Aviso de horario de atención: {where}: «{notice.text}»"]

    def _write(self, absence: AbsencePeriod, kind: str, to: Person | None) -> HandoverNote:
        text = self.handover_text(absence) if kind == ENTREGA else self.return_text(absence)
        note = HandoverNote(
            id=handover_note_id(absence.id, kind),
            absence_id=absence.id, absence=absence, kind=kind, text=text,
            generated_at=self.clock(),
        )
        self.session.add(note)
        self.session.flush()
        if self.outbox is not None and to is not None:
            title = "Nota de entrega" if kind == ENTREGA else "Nota de regreso"
            mail = self.outbox.queue(
                [to.email],
                f"{title}: ausencia de {absence.person.name}",
                text,
                related_kind="nota_cobertura",
                related_id=note.id,
            )
            note.mail_id = mail.id
            self.session.flush()
        return note


def absence_job(context) -> list[Notification]:
    """Job (start-up and periodic): hand-over notes due today and notices before holidays."""
    settings = context.workspace.settings
    with context.session() as session:
        notes = AbsenceNotes(
            session,
            context.clock,
            outbox=context.outbox(session),
            recorder=context.recorder,
            person_id=context.identity.person_id if context.identity else None,
            hours=settings.attention_hours,
            institute_days=settings.institute_non_working_days,
        )
        written = notes.ensure_notes()
        covering = list(notes.coverage_notices)
        notices = notes.upcoming_holiday_notices()
        # One notice: clicking the notification opens its draft in the Redactor (issue 15).
        draft = str(notices[0].post_id) if len(notices) == 1 and notices[0].post_id else ""
        session.commit()
    found: list[Notification] = []
    if written:
        found.append(Notification(
            "Notas de cobertura",
            f"Se generaron {len(written)} nota(s) de entrega o regreso por ausencias.",
            target=("cuentas", "ausencias"),
        ))
    if covering:
        found.append(Notification(
            "Aviso de horario de atención",
            f"Empezó su cobertura: el aviso de horario de atención de {len(covering)} "
            "cuenta(s) está como borrador en el Redactor; revíselo y publíquelo (criterio 5.1).",
            kind="aviso",
            target=("redactor", ""),
        ))
    if notices:
        found.append(Notification(
            "Avisos de horario de atención",
            f"Se redactaron {len(notices)} aviso(s) de horario por días no laborables "
            "próximos; revíselos en el Redactor antes de publicarlos (criterio 5.1).",
            kind="aviso",
            target=("redactor", draft),
        ))
    return found
