"""The demo institution behind `redes-desktop demo` and the «Abrir demostración» button.

`seed_demo` fills an empty database with a believable INE: central offices, the 32 Juntas
Locales, a few Juntas Distritales, their people, about 60 accounts, drafts, consultations to
CNCS in every state, password rotations, absences and training. Everything goes through
`Directory`, so the rules of 5.1 and 7 apply to the demo as to real data. It is deterministic
(`random.Random(2026)`) and every date derives from the injected clock. The names of people are
invented; the texts and lists live in `resources/demo/*.json`.
"""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from redes_desktop.clock import Clock, mexico_tz, to_mexico
from redes_desktop.errors import UserFacingError
from redes_desktop.models import (
    AbsenceKind,
    AbsencePeriod,
    Account,
    AccountStatus,
    Area,
    AreaKind,
    Consultation,
    Evaluation,
    Incident,
    IncidentState,
    Level,
    Network,
    PasswordRotation,
    Person,
    Post,
    Role,
    TrainingSession,
)
from redes_desktop.resource_files import resource_path
from redes_desktop.services.activity import NullRecorder
from redes_desktop.services.demo_history import HistorySummary, Planned, plan_history
from redes_desktop.services.demo_inbox import build_demo_inbox
from redes_desktop.services.demo_posts import DemoPosts
from redes_desktop.services.demo_procedures import DemoProcedures
from redes_desktop.services.demo_time import office_time, working_day_before
from redes_desktop.services.directory import Directory
from redes_desktop.spanish_dates import spanish_date

if TYPE_CHECKING:
    from redes_desktop.bitacora import Bitacora
    from redes_desktop.database import Database

DEMO_DIR = resource_path("demo")
SEED = 2026
# Official accounts (7.ix) have designated administrators; an authorised one already has them.
_OFFICIAL = (AccountStatus.ACTIVA, AccountStatus.AUTORIZADA, AccountStatus.EN_BAJA)


class DemoRefused(UserFacingError):
    """The demo only fills an empty database."""


@dataclass(frozen=True)
class DemoSummary:
    areas: int
    juntas_locales: int
    juntas_distritales: int
    people: int
    accounts: int
    active_accounts: int
    posts: int
    consultations: int
    rotations: int
    absences: int
    trainings: int
    evaluations: int
    # Waiting for the CNCS in Cuentas › Solicitudes and › Bajas (services/demo_procedures.py).
    requests: int = 0
    closures: int = 0
    inbox_items: int = 0  # what the public wrote, in the Buzón (services/demo_inbox.py)
    # The bitácora entries of the past weeks (services/demo_history.py), written once the
    # demo is committed (`record_demo_history`).
    history: tuple[Planned, ...] = field(default=(), repr=False, compare=False)

    def __str__(self) -> str:
        return (
            f"Demostración creada: {self.areas} áreas ({self.juntas_locales} Juntas Locales y "
            f"{self.juntas_distritales} Juntas Distritales), {self.people} personas, "
            f"{self.accounts} cuentas ({self.active_accounts} activas), {self.posts} "
            f"publicaciones, {self.consultations} consultas a la CNCS, {self.rotations} "
            f"rotaciones de contraseña, {self.absences} ausencias, {self.trainings} reunión de "
            f"capacitación y {self.evaluations} evaluaciones. Esperan a la CNCS "
            f"{_count(self.requests, 'solicitud de cuenta', 'solicitudes de cuenta')} y "
            f"{_count(self.closures, 'baja', 'bajas')}, cada una con su oficio. El Buzón tiene "
            f"{_count(self.inbox_items, 'mensaje', 'mensajes')} del público."
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@cache
def _load(name: str) -> dict[str, Any]:
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _account_url(network: Network, handle: str) -> str:
    bare = handle.lstrip("@")
    return {
        Network.X: f"https://x.com/{bare}",
        Network.FACEBOOK: f"https://www.facebook.com/{bare}",
        Network.INSTAGRAM: f"https://www.instagram.com/{bare}/",
        Network.YOUTUBE: f"https://www.youtube.com/@{bare}",
        Network.TIKTOK: f"https://www.tiktok.com/@{bare}",
    }.get(network, "")


@dataclass
class _Staff:
    """The people of one area: its titular and, where it has accounts, two administrators."""

    titular: Person
    admin: Person | None = None
    suplente: Person | None = None


class _Builder:
    def __init__(self, session: Session, clock: Clock, data_dir: Path) -> None:
        self.session = session
        self.directory = Directory(session, clock, NullRecorder())
        self.rng = random.Random(SEED)
        self.now = clock().astimezone(UTC)
        self.today = to_mexico(self.now).date()
        self.inst = _load("institucion.json")
        self.texts = _load("publicaciones.json")
        self.emails: set[str] = set()
        self.names: set[str] = set()
        self.people: list[Person] = []
        self.areas: list[Area] = []
        self.staff: dict[Area, _Staff] = {}
        self.accounts: list[Account] = []
        self.by_acronym: dict[str, Area] = {}
        self.locals: dict[str, Area] = {}
        self.revisores: list[Person] = []
        self.posts: list[Post] = []
        self.consultations: list[Consultation] = []
        self.rotations: list[PasswordRotation] = []
        self.absences: list[AbsencePeriod] = []
        self.evaluations: list[Evaluation] = []
        self.training: TrainingSession | None = None
        self.incident: Incident | None = None
        self.counts: dict[str, int] = {}
        # Requests, closures and the training go through the program's services (issue 15).
        self.procedures = DemoProcedures(self, data_dir)

    # -- time helpers ----------------------------------------------------------------------
    def ago(self, **delta: float) -> datetime:
        return self.now - timedelta(**delta)

    def office(self, when: datetime, earliest: datetime | None = None,
               latest: datetime | None = None, *, weekends: bool = False) -> datetime:
        """`when` moved to the nearest office hours of a working day in México City (people
        write drafts and consultations at work, not at 4 a.m.), within the bounds."""
        return office_time(when, earliest or when - timedelta(days=7), latest or self.now,
                           weekends=weekends)

    def local_at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), mexico_tz()).astimezone(UTC)

    # -- people ----------------------------------------------------------------------------
    def person(self, area: Area, level: Level, roles: list[Role] | None = None) -> Person:
        first_names, surnames = self.inst["first_names"], self.inst["surnames"]
        while True:
            first = self.rng.choice(first_names)
            last1, last2 = self.rng.sample(surnames, 2)
            name = f"{first} {last1} {last2}"
            if name not in self.names:
                break
        self.names.add(name)
        user = _ascii(f"{first.split()[0]}.{last1}").lower().replace(" ", "")
        candidates = [user, user + _ascii(last2[0]).lower()]
        candidates += [f"{user}{n}" for n in range(2, 100)]
        email = next(f"{c}@ine.mx" for c in candidates if f"{c}@ine.mx" not in self.emails)
        self.emails.add(email)
        person = self.directory.create_person(name, email, level, area, roles)
        self.people.append(person)
        return person

    def staff_area(self, area: Area, *, with_admins: bool) -> _Staff:
        staff = _Staff(titular=self.person(area, Level.MANDO_SUPERIOR))
        self.directory.set_area_titular(area, staff.titular)
        if with_admins:
            admin_level = Level.MANDO_SUPERIOR if self.rng.random() < 0.15 else Level.MANDO_MEDIO
            staff.admin = self.person(area, admin_level)
            sup_level = Level.MANDO_MEDIO if self.rng.random() < 0.3 else Level.OPERATIVO
            staff.suplente = self.person(area, sup_level)
        self.staff[area] = staff
        return staff

    # -- areas -----------------------------------------------------------------------------
    def build_areas(self) -> None:
        d = self.directory
        with_accounts = {a["area"] for a in self.inst["central_accounts"]}
        for spec in self.inst["central_areas"]:
            area = d.create_area(spec["name"], AreaKind.OFICINAS_CENTRALES,
                                 acronym=spec["acronym"])
            self.by_acronym[spec["acronym"]] = area
            self.areas.append(area)
            self.staff_area(area, with_admins=spec["acronym"] in with_accounts)
        cncs = self.by_acronym["CNCS"]
        self.revisores = [self.person(cncs, Level.MANDO_MEDIO, [Role.REVISOR_CNCS])
                          for _ in range(3)]
        se = self.by_acronym["SE"]
        for spec in self.inst["states"]:
            name = f"Junta Local Ejecutiva en {spec.get('article', '')}{spec['name']}"
            area = d.create_area(name, AreaKind.JUNTA_LOCAL, acronym=f"JLE {spec['abbr']}",
                                 state=spec["name"], parent=se)
            self.locals[spec["name"]] = area
            self.areas.append(area)
            self.staff_area(area, with_admins=True)
        for spec in self.inst["district_juntas"]:
            parent = self.locals[spec["state"]]
            state = next(s for s in self.inst["states"] if s["name"] == spec["state"])
            name = (f"{spec['district']:02d} Junta Distrital Ejecutiva en "
                    f"{state.get('article', '')}{spec['state']}")
            area = d.create_area(name, AreaKind.JUNTA_DISTRITAL,
                                 acronym=f"JDE {spec['district']:02d} {state['abbr']}",
                                 state=spec["state"], district=spec["district"], parent=parent)
            self.areas.append(area)
            self.staff_area(area, with_admins=spec["account"] is not None)

    # -- accounts --------------------------------------------------------------------------
    def account(self, area: Area, network: Network, handle: str, name: str, email: str,
                status: AccountStatus, purposes: list[str], *, verified: bool = False,
                rhythm: str = "diaria", justification: str = "") -> Account:
        justification = justification or (
            f"Difusión de las actividades de {area.name} entre la ciudadanía.")
        if status == AccountStatus.SOLICITADA:
            # A real request by oficio (7.ii), waiting for the CNCS in «Solicitudes».
            account = self.procedures.request(area, network, handle, name, email, purposes,
                                              rhythm, justification)
            self.accounts.append(account)
            return account
        # An account «En baja» was in operation until its area asked to close it (7.vii).
        opened = AccountStatus.ACTIVA if status == AccountStatus.EN_BAJA else status
        account = self.directory.create_account(
            area=area, network=network, name=name, handle=handle, email=email,
            url=_account_url(network, handle) if status != AccountStatus.RECHAZADA else "",
            purposes=purposes, status=opened, official=status in _OFFICIAL,
            verified=verified and status == AccountStatus.ACTIVA, rhythm=rhythm,
            justification=justification,
        )
        staff = self.staff[area]
        if status in _OFFICIAL and staff.admin and staff.suplente:
            since = self.today - timedelta(days=self.rng.randint(90, 900))
            self.directory.designate_administrators(account, staff.admin, staff.suplente,
                                                    since=since)
        if status == AccountStatus.EN_BAJA:
            self.procedures.close(account)  # a real closure by oficio, waiting in «Bajas»
        self.accounts.append(account)
        return account

    def build_accounts(self) -> None:
        for spec in self.inst["central_accounts"]:
            area = self.by_acronym[spec["area"]]
            self.account(
                area, Network(spec["network"]), spec["handle"], spec["name"],
                f"redes.{spec['area'].lower()}@ine.mx", AccountStatus(spec["status"]),
                spec["purposes"], verified=spec["verified"], rhythm=spec.get("rhythm", "diaria"),
                justification=spec.get("justification", ""),
            )
        facebook = {state: AccountStatus(status)
                    for status, states in self.inst["local_facebook"].items() for state in states}
        x_status = self.inst["local_x_not_active"]
        for spec in self.inst["states"]:
            area, short = self.locals[spec["name"]], spec["short"]
            email = f"redes.jl{_ascii(short).lower()}@ine.mx"
            why = (f"Difusión de los trámites de la Credencial para Votar y de las actividades "
                   f"del INE en {spec['name']} (criterio 7.x).")
            self.account(area, Network.X, f"JL{short}INE", f"INE {spec['name']}", email,
                         AccountStatus(x_status.get(spec["name"], "activa")),
                         ["3.i", "3.iv", "3.x"], verified=self.rng.random() < 0.3,
                         justification=why)
            if spec["name"] in facebook:
                self.account(area, Network.FACEBOOK, f"INE{short}", f"INE {spec['name']}",
                             email, facebook[spec["name"]], ["3.i", "3.iii", "3.viii"],
                             justification=why)
        districts = [a for a in self.areas if a.kind == AreaKind.JUNTA_DISTRITAL]
        for area, spec in zip(districts, self.inst["district_juntas"], strict=True):
            acc = spec["account"]
            if acc is None:
                continue
            self.account(area, Network(acc["network"]), acc["handle"], area.name,
                         f"redes.jde{spec['district']:02d}{_ascii(spec['state']).lower()}"
                         .replace(" ", "") + "@ine.mx",
                         AccountStatus(acc["status"]), ["3.ii", "3.xi"], rhythm="semanal")
        # A change of administrators (7.iv): the CNCS X account got a new suplente 40 days ago.
        cncs = self.by_acronym["CNCS"]
        x_cncs = next(a for a in self.accounts if a.area is cncs and a.network == Network.X)
        staff = self.staff[cncs]
        new_suplente = self.person(cncs, Level.OPERATIVO)
        assert staff.admin is not None
        self.directory.designate_administrators(
            x_cncs, staff.admin, new_suplente, since=self.today - timedelta(days=40))

    def active(self) -> list[Account]:
        return [a for a in self.accounts if a.status == AccountStatus.ACTIVA]

    def active_local_x(self) -> list[Account]:
        return [a for a in self.active()
                if a.network == Network.X and a.area.kind == AreaKind.JUNTA_LOCAL]

    def admins(self, account: Account) -> tuple[Person, Person]:
        current = {a.kind.value: a.person for a in account.current_administrators(self.today)}
        return current["titular"], current["suplente"]

    # -- security --------------------------------------------------------------------------
    def build_rotations(self) -> None:
        rows: list[PasswordRotation] = []
        # Every tenth account is well past the two months of 6.xxxiii; the rest are spread.
        for i, account in enumerate(self.active()):
            age = self.rng.uniform(70, 95) if i % 10 == 3 else self.rng.uniform(1, 90)
            when = self.ago(days=age, minutes=self.rng.randint(0, 600))
            for _ in range(self.rng.randint(1, 3)):
                rows.append(PasswordRotation(account=account, rotated_at=when,
                                             rotated_by=self.rng.choice(self.admins(account))))
                when -= timedelta(days=self.rng.uniform(45, 62))
        self.session.add_all(rows)
        self.rotations = rows
        self.counts["rotations"] = len(rows)
        # A hijacked account three weeks ago (6.xxx), closed two days later with a new password.
        account = self.active()[11]
        reporter = self.admins(account)[0]
        observed = self.ago(days=21, hours=3)
        self.incident = Incident(
            account=account, reported_by=reporter, observed_at=observed,
            reported_at=observed + timedelta(minutes=35), state=IncidentState.CERRADO,
            description=self.texts["incident"]["description"],
            closed_at=observed + timedelta(days=2), resolution=self.texts["incident"]["resolution"])
        self.session.add(self.incident)

    # -- coverage --------------------------------------------------------------------------
    def build_absences(self) -> None:
        jalisco = next(a for a in self.active()
                       if a.area.state == "Jalisco" and a.area.kind == AreaKind.JUNTA_LOCAL)
        derfe = next(a for a in self.active() if a.area.acronym == "DERFE")
        rows = []
        for account, kind, start, end, notice in (
            (jalisco, AbsenceKind.VACACIONES, -3, 7, "absence_notice"),
            (derfe, AbsenceKind.COMISION, 14, 18, "future_absence_notice"),
        ):
            titular, suplente = self.admins(account)
            starts, ends = self.today + timedelta(days=start), self.today + timedelta(days=end)
            rows.append(AbsencePeriod(
                person=titular, covering_person=suplente, kind=kind, starts_on=starts,
                ends_on=ends, public_notice=self.texts[notice].format(
                    inicio=spanish_date(starts), fin=spanish_date(ends)),
            ))
        self.session.add_all(rows)
        self.absences = rows
        self.counts["absences"] = len(rows)

    def build_training(self) -> None:
        # 5.3: scheduled, convoked (Informes counts the invited) and attended six weeks ago,
        # through the services the CNCS uses.
        spec = self.texts["training"]
        self.training = self.procedures.training(
            spec["title"], spec["notes"], working_day_before(self.today - timedelta(days=40)),
            self.revisores[0])
        # The last complete semester (8.i), evaluated by CNCS three weeks after it closed.
        if self.today.month <= 6:
            start, end = date(self.today.year - 1, 7, 1), date(self.today.year - 1, 12, 31)
        else:
            start, end = date(self.today.year, 1, 1), date(self.today.year, 6, 30)
        evaluated = min(self.local_at(end + timedelta(days=21), 12), self.ago(days=1))
        targets = [next(a for a in self.active() if a.area.acronym == "CNCS"),
                   self.active()[20], self.active()[27]]
        for account, findings, score in zip(targets, self.texts["evaluation_findings"],
                                            (92, 64, 85), strict=True):
            evaluation = Evaluation(
                account=account, evaluator_id=self.revisores[0].id, period_start=start,
                period_end=end, evaluated_at=evaluated, score=score, findings=findings)
            self.session.add(evaluation)
            self.evaluations.append(evaluation)
        self.counts["evaluations"] = len(targets)

    def build(self) -> DemoSummary:
        try:
            return self._build()
        finally:
            self.procedures.cleanup()

    def _build(self) -> DemoSummary:
        self.build_areas()
        self.build_accounts()
        self.build_rotations()
        posts = DemoPosts(self)
        posts.build_posts()
        posts.build_consultations()
        self.build_absences()
        self.build_training()
        inbox = build_demo_inbox(self.session, now=self.now, accounts=self.active(),
                                 admins=self.admins, spec=_load("buzon.json"), rng=self.rng)
        self.session.flush()
        kinds = [a.kind for a in self.areas]
        return DemoSummary(
            areas=len(self.areas), juntas_locales=kinds.count(AreaKind.JUNTA_LOCAL),
            juntas_distritales=kinds.count(AreaKind.JUNTA_DISTRITAL), people=len(self.people),
            accounts=len(self.accounts), active_accounts=len(self.active()),
            posts=len(self.posts), consultations=self.counts["consultations"],
            rotations=self.counts["rotations"], absences=self.counts["absences"], trainings=1,
            evaluations=self.counts["evaluations"],
            requests=len(self.procedures.made_requests),
            closures=len(self.procedures.made_closures), inbox_items=inbox.items,
            history=tuple(plan_history(self)),
        )


def seed_demo(session: Session, clock: Clock, *, data_dir: Path) -> DemoSummary:
    """Fill an empty database with the demo institution (the caller commits). The oficios of its
    pending requests and closures are stored in `data_dir` (the data folder)."""
    if not Directory(session, clock, NullRecorder()).is_empty():
        raise DemoRefused(
            "La base de datos ya tiene áreas registradas: la demostración solo se crea en una "
            "base de datos vacía. Use otra carpeta de datos, o «redes-desktop demo --force» "
            "para reemplazar los datos (se guarda un respaldo antes)."
        )
    return _Builder(session, clock, data_dir).build()


def record_demo_history(summary: DemoSummary, bitacora: Bitacora, database: Database,
                        clock: Clock) -> HistorySummary:
    """Write the demo's past weeks into `bitacora` through its recorder (after the demo was
    committed: the recorder reads each entry's area from the database)."""
    from redes_desktop.bitacora import DatabaseAreaLookup
    from redes_desktop.services.demo_history import write_history

    return write_history(summary.history, bitacora, DatabaseAreaLookup(database), clock)
