"""The demo institution's bitácora (8.iii): eight weeks of what its people did, from five
workstations, so the viewer, `bitacora verify` and `bitacora export` show something on a new
installation (issue 15).

`plan_history` turns the demo's records (people, accounts, posts, consultations, rotations,
absences, training, evaluations) into the entries the services would have written, each timed
by an injected `FixedClock` moved to the moment it happened — every kind of action, on working
days and hours of México City. `write_history` then records them through the real recorder
(`BitacoraRecorder` → `Bitacora.append_many`), so every chain verifies:

* station 0 is this workstation (the CNCS's): its entries go straight into the folder's bitácora;
* stations 1–4 (other central offices, the Juntas) each write their own chain in a throwaway
  bitácora, and their entries reach this one the way the sync brings them — sealed under a
  readers key, verified against their chain and re-encrypted here (`Bitacora.import_entries`),
  with each station's chain key installed in this workstation's secret store so `verify` can
  check them later. The readers key is the institution's one when this workstation has it,
  otherwise a key that lives only in memory for the copy.

Entries are interleaved a few days at a time, so the viewer (newest first, in the order the
entries arrived) reads like a real history. Deterministic: `random.Random(SEED)`.
"""

from __future__ import annotations

import random
import tempfile
import uuid
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redes_desktop.clock import FixedClock, mexico_tz, to_mexico
from redes_desktop.models import (
    AccountStatus,
    AreaKind,
    ConsultationState,
    Person,
    PostStatus,
)
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityEntry
from redes_desktop.services.demo_time import office_time

if TYPE_CHECKING:
    from redes_desktop.bitacora import Bitacora
    from redes_desktop.bitacora.recorder import AreaLookup
    from redes_desktop.models import Account, Post

SEED = 2026 + 15
WEEKS = 8
STATIONS = 5  # 0: this workstation (CNCS); 1: other central offices; 2-4: the Juntas
# The other stations' entries arrive in batches, as a sync brings them: one every few days keeps
# the demo fast (each batch is a durable transaction and an anchor write per station).
SYNC_EVERY_DAYS = 3


@dataclass(frozen=True)
class Planned:
    station: int
    entry: ActivityEntry


@dataclass(frozen=True)
class HistorySummary:
    entries: int
    stations: int
    first: datetime | None
    actions: int

    def __str__(self) -> str:
        if not self.entries:
            return "La bitácora de demostración quedó vacía."
        since = to_mexico(self.first).strftime("%d/%m/%Y") if self.first else ""
        return (f"Bitácora de demostración: {self.entries} entradas de {self.actions} tipos de "
                f"acción desde el {since}, de {self.stations} estaciones de trabajo.")


class _MemorySecrets(SecretStore):
    """The secret store of a throwaway workstation of the demo: only in memory."""

    description = "memoria (demostración)"
    location = "la memoria de la demostración"

    def __init__(self) -> None:
        super().__init__("redes-desktop-demo")
        self._values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._values.get(key)

    def set(self, key: str, secret: str) -> None:
        self._values[key] = secret

    def delete(self, key: str) -> bool:
        return self._values.pop(key, None) is not None


# -- planning ---------------------------------------------------------------------------------
class _Planner:
    def __init__(self, demo: Any) -> None:
        self.demo = demo
        self.rng = random.Random(SEED)
        self.now: datetime = demo.now
        self.start_day = demo.today - timedelta(weeks=WEEKS)
        self.clock = FixedClock(self.now - timedelta(weeks=WEEKS))  # the injected clock
        self.out: list[Planned] = []
        self.cncs_titular: Person = demo.staff[demo.by_acronym["CNCS"]].titular

    # -- helpers -----------------------------------------------------------------------------
    def station_of(self, person: Person | None) -> int:
        if person is None:
            return 0
        area = person.area
        if area.acronym == "CNCS":
            return 0
        if area.kind == AreaKind.OFICINAS_CENTRALES:
            return 1
        return 2 + zlib.crc32((area.state or area.name).encode()) % 3

    def add(self, at: datetime, actor: Person | None, account: Account | None, action: str,
            *, station: int | None = None, **details: Any) -> None:
        if at >= self.now or at < self.now - timedelta(weeks=WEEKS):
            return  # only the past weeks
        self.clock.set(at)
        self.out.append(Planned(
            self.station_of(actor) if station is None else station,
            ActivityEntry(at=self.clock(), actor_id=actor.id if actor else None,
                          account_id=account.id if account else None, action=action,
                          details=details)))

    def at(self, day: date, hour: float) -> datetime:
        minutes = int(hour * 60)
        local = datetime.combine(day, time(minutes // 60, minutes % 60), mexico_tz())
        return local.astimezone(self.now.tzinfo)

    def days(self) -> Iterable[date]:
        day = self.start_day
        while day <= self.demo.today:
            yield day
            day += timedelta(days=1)

    def admins(self, account: Account) -> tuple[Person, Person]:
        result: tuple[Person, Person] = self.demo.admins(account)
        return result

    # -- the daily routine -------------------------------------------------------------------
    def routine(self) -> None:
        accounts = self.demo.active()
        workers: list[Person] = sorted(
            {p for a in accounts for p in self.admins(a)} | set(self.demo.revisores),
            key=lambda p: p.email)
        for day in self.days():
            weekday = day.weekday() < 5
            present = self.rng.sample(workers, 16 if weekday else 3)
            for person in present:
                start = self.rng.uniform(8.0, 10.5) if weekday else self.rng.uniform(10, 13)
                if self.rng.random() < 0.06:
                    self.add(self.at(day, start - 0.02), person, None, "sesion_fallida",
                             intentos=1, motivo="La contraseña no es correcta. Vuelva a "
                             "intentarlo.")
                self.add(self.at(day, start), person, None, "sesion_iniciada",
                         via=self.rng.choice(("local", "local", "base_compartida")))
                if self.rng.random() < 0.25:
                    self.add(self.at(day, start + self.rng.uniform(2, 6)), person, None,
                             "sesion_bloqueada", inactividad_minutos=15)
            if not weekday:
                continue
            for station in range(STATIONS):
                people = [p for p in present if self.station_of(p) == station]
                for hour in (9.5, 13.0, 17.5):
                    self.add(self.at(day, hour + self.rng.uniform(-0.4, 0.4)),
                             people[0] if people else None, None, "sincronizacion",
                             station=station,
                             enviados=self.rng.randint(1, 14), eliminados_enviados=0,
                             recibidos=self.rng.randint(3, 40),
                             eliminados_recibidos=self.rng.randint(0, 1), conflictos=0,
                             combinados=self.rng.randint(0, 2))
            for account in self.rng.sample(accounts, 2):
                person = self.rng.choice(self.admins(account))
                self.add(self.at(day, self.rng.uniform(9, 18)), person, account,
                         "contrasena_consultada", cuenta=account.handle,
                         modo=self.rng.choice(("ver", "copiar")))

    # -- records of the demo -----------------------------------------------------------------
    def posts(self) -> None:
        purposes = ("3.i", "3.iii", "3.iv", "3.x")
        for post in self.demo.posts:
            author = post.author
            created = post.created_at
            clean: dict[str, Any] = {"revisada": True, "hallazgos": []}
            self.add(created, author, post.account, "borrador_creado",
                     publicacion=str(post.id), **clean)
            end = post.published_at or post.updated_at or self.now
            if end - created < timedelta(minutes=30):  # still a draft: edited that morning
                end = created + timedelta(minutes=self.rng.randint(40, 200))
            for n in range(self.rng.randint(1, 3)):
                when = office_time(created + (end - created) * (n + 1) / 5 + timedelta(
                    seconds=self.rng.randint(0, 300)), created, end)
                self.add(when, author, post.account, "borrador_editado",
                         publicacion=str(post.id), **clean)
            if self.rng.random() < 0.5:
                self.add(office_time(created + (end - created) / 8, created, end), author,
                         post.account,
                         "detalles_publicacion", publicacion=str(post.id),
                         fin=self.rng.choice(purposes), fuente=self.rng.random() < 0.5,
                         tema="", vigencia=None)
            if post.status == PostStatus.PUBLICADA and post.published_at:
                self.add(post.published_at, author, post.account, "publicada",
                         publicacion=str(post.id), url=post.published_url, **clean)
            elif post.status == PostStatus.DESCARTADA:
                self.add(created + timedelta(hours=3), author, post.account, "descartada",
                         publicacion=str(post.id))

    def consultations(self) -> None:
        S = ConsultationState
        for row in self.demo.consultations:
            post: Post = row.post
            ids: dict[str, Any] = {"consulta": str(row.id), "publicacion": str(post.id)}
            self.add(row.sent_at, row.author, row.account, "consulta_enviada", **ids,
                     plazo=row.deadline.isoformat(), huella=row.snapshot_hash,
                     imagenes=len(post.media))
            self.add(row.sent_at + timedelta(seconds=40), row.author, row.account,
                     "consulta_correo_enviado", **ids, tipo="solicitud",
                     destinatarios=["comunicacion.social@ine.mx"])
            if row.state == S.NO_PROCEDENTE and row.decided_at:
                self.add(row.decided_at, None, row.account, "consulta_vencida", station=0,
                         **ids, plazo=row.deadline.isoformat())
            elif row.state != S.PENDIENTE and row.decided_at and row.reviewer:
                self.add(row.decided_at, row.reviewer, row.account, "consulta_decidida", **ids,
                         decision=row.state.value, motivo=row.reasoning,
                         cambios=row.requested_changes or "")
                self.add(row.decided_at + timedelta(seconds=30), row.reviewer, row.account,
                         "consulta_correo_enviado", **ids, tipo="respuesta",
                         destinatarios=[row.author.email])
                if row.state == S.APROBADA and post.status != PostStatus.PUBLICADA:
                    # The author touched the approved text once: the approval no longer held
                    # until the text went back as approved (6.viii).
                    touched = row.decided_at + timedelta(minutes=50)
                    self.add(touched, row.author, row.account, "aprobacion_invalidada_por_edicion",
                             **ids)
                    self.add(touched + timedelta(minutes=1), row.author, row.account,
                             "consulta_invalidada_por_edicion", **ids)

    def rotations(self) -> None:
        for row in self.demo.rotations:
            self.add(row.rotated_at, row.rotated_by, row.account, "contrasena_rotada",
                     cuenta=row.account.handle)

    def accounts(self) -> None:
        demo = self.demo
        for account in demo.accounts:
            titular = demo.staff[account.area].titular
            when = self.at(self.start_day + timedelta(days=self.rng.randint(3, 50)),
                           self.rng.uniform(9, 18))
            # Requests and closures still waiting were recorded by their services
            # (`recorded`).
            if account.status == AccountStatus.CANCELADA:
                self.add(when, titular, account, "cuenta_cancelada", cuenta=account.handle)
            elif account.status == AccountStatus.AUTORIZADA:
                self.add(when, titular, account, "cuenta_abierta", cuenta=account.handle,
                         url=account.url)
        verified = [a for a in demo.active() if a.verified]
        for account in verified[:2]:
            self.add(self.at(self.start_day + timedelta(days=self.rng.randint(5, 40)), 12),
                     self.cncs_titular, account, "cuenta_verificada",
                     fecha=(self.start_day + timedelta(days=4)).isoformat())
        cncs = demo.by_acronym["CNCS"]
        x_cncs = next(a for a in demo.accounts if a.area is cncs and a.network.value == "x")
        titular, suplente = self.admins(x_cncs)
        self.add(self.at(demo.today - timedelta(days=40), 11.25), self.cncs_titular, x_cncs,
                 "administradores_designados", titular=titular.name, suplente=suplente.name,
                 desde=(demo.today - timedelta(days=40)).isoformat())
        for n, account in enumerate(demo.active()[:12]):
            admin = self.admins(account)[0]
            self.add(self.at(self.start_day + timedelta(days=2 + n), 12.5), admin, account,
                     "usuarios_registrados", anio=self.start_day.year,
                     trimestre=(self.start_day.month - 1) // 3 + 1, usuarios=2)

    def incident(self) -> None:
        row = self.demo.incident
        if row is None:
            return
        self.add(row.reported_at, row.reported_by, row.account, "incidente_reportado",
                 incidente=str(row.id))
        if row.closed_at:
            self.add(row.closed_at, row.reported_by, row.account, "incidente_cerrado",
                     incidente=str(row.id))
            self.add(row.closed_at + timedelta(minutes=20), row.reported_by, row.account,
                     "contrasena_rotada", cuenta=row.account.handle)

    def coverage(self) -> None:
        for row in self.demo.absences:
            registered = self.at(min(row.starts_on - timedelta(days=7),
                                     self.demo.today - timedelta(days=2)), 13.0)
            account = next((a for a in self.demo.active()
                            if row.person in self.admins(a)), None)
            self.add(registered, row.person, account, "ausencia_registrada",
                     ausente=row.person.name, tipo=row.kind.value,
                     desde=row.starts_on.isoformat(), hasta=row.ends_on.isoformat(),
                     cubre=row.covering_person.name if row.covering_person else "")

    def cncs(self) -> None:
        demo = self.demo
        reviewer = demo.revisores[0]
        for evaluation in demo.evaluations:
            self.add(evaluation.evaluated_at, reviewer, evaluation.account,
                     "evaluacion_registrada", evaluacion=str(evaluation.id),
                     calificacion=evaluation.score,
                     periodo=f"{evaluation.period_start}/{evaluation.period_end}")
        session_id = str(uuid.UUID(int=self.rng.getrandbits(128)))
        self.add(self.at(self.start_day + timedelta(days=9), 11), demo.revisores[1], None,
                 "sesion_consejo_registrada", sesion=session_id,
                 titulo="Sesión ordinaria del Consejo General")
        self.add(self.at(self.start_day + timedelta(days=10), 9), demo.revisores[1], None,
                 "sesion_consejo_eliminada", sesion=session_id)
        # The directory: a person joins, gets a role, an area changes its name.
        newcomer = demo.people[-1]
        self.add(self.at(self.start_day + timedelta(days=12), 10.5), reviewer, None,
                 "directorio_importado", lineas=len(demo.people), altas=0,
                 actualizadas=3)
        self.add(self.at(demo.today - timedelta(days=40), 11), self.cncs_titular, None,
                 "persona_registrada", persona=str(newcomer.id), area=str(newcomer.area_id),
                 roles=sorted(newcomer.roles or []))
        self.add(self.at(demo.today - timedelta(days=40), 11.1), self.cncs_titular, None,
                 "rol_otorgado", persona=str(newcomer.id), rol="admin_suplente")
        self.add(self.at(demo.today - timedelta(days=16), 16), reviewer, None,
                 "persona_modificada", persona=str(newcomer.id), campos=["correo"])
        self.add(self.at(demo.today - timedelta(days=22), 12), reviewer, None,
                 "area_modificada", area=str(demo.by_acronym["DERFE"].id), campos=["nombre"])
        local = demo.active_local_x()[5]
        self.add(self.at(demo.today - timedelta(days=6), 13.7), self.admins(local)[0], local,
                 "conflicto_resuelto", station=self.station_of(self.admins(local)[0]),
                 tabla="posts", registro=str(uuid.UUID(int=self.rng.getrandbits(128))),
                 tipo="edicion", resolucion="local")

    def recorded(self) -> None:
        """What the services recorded while the demo was built (services/demo_procedures.py:
        requests, closures, the training), as they recorded it."""
        people = {p.id: p for p in self.demo.people}
        for entry in self.demo.procedures.recorder.entries:
            if self.now - timedelta(weeks=WEEKS) <= entry.at < self.now:
                actor = people.get(entry.actor_id) if entry.actor_id else None
                self.out.append(Planned(self.station_of(actor), entry))

    def plan(self) -> list[Planned]:
        self.routine()
        self.recorded()
        self.posts()
        self.consultations()
        self.rotations()
        self.accounts()
        self.incident()
        self.coverage()
        self.cncs()
        # Stable time order; within a station the chain follows it.
        return sorted(self.out, key=lambda p: p.entry.at)


def plan_history(demo: Any) -> list[Planned]:
    """The entries of the demo's past weeks (`demo` is the builder of services/demo.py,
    flushed: every record has its id)."""
    return _Planner(demo).plan()


# -- writing ----------------------------------------------------------------------------------
def write_history(plan: Sequence[Planned], bitacora: Bitacora, area_of: AreaLookup | None,
                  clock) -> HistorySummary:
    """Record `plan` in `bitacora` (this workstation's, station 0) and, through throwaway
    bitácoras, the other stations' chains, imported as the sync would."""
    from redes_desktop.bitacora import BitacoraRecorder, crypto, open_bitacora
    from redes_desktop.paths import DataPaths

    if not plan:
        return HistorySummary(0, 0, None, 0)
    readers = crypto.load_key(bitacora.secrets, crypto.READERS_KEY, "clave de lectores")
    readers = readers or crypto.new_key()
    by_station: dict[int, list[ActivityEntry]] = {}
    for item in plan:
        by_station.setdefault(item.station, []).append(item.entry)
    local = BitacoraRecorder(bitacora, area_of)
    with tempfile.TemporaryDirectory(prefix="redes-demo-") as folder:
        # The other workstations write their chains first, each through its own recorder.
        portable: dict[int, list] = {}
        for station in sorted(s for s in by_station if s != 0):
            secrets = _MemorySecrets()
            secrets.set(crypto.READERS_KEY, crypto.encode_key(readers))
            root = Path(folder) / f"estacion-{station}"
            root.mkdir()
            other = open_bitacora(DataPaths(root), secrets, None, clock)
            try:
                BitacoraRecorder(other, area_of).record_many(by_station[station])
                bitacora.install_chain_key(other.workstation, other.sealed_chain_key(),
                                           readers=readers)
                portable[station] = other.entries_after(other.workstation, 0)
            finally:
                other.close()
        # This workstation records its own and receives the others', a few days at a time.
        position = {station: 0 for station in portable}
        first_day = to_mexico(plan[0].entry.at).date()
        day_of = {id(item.entry): (to_mexico(item.entry.at).date() - first_day).days
                  // SYNC_EVERY_DAYS for item in plan}
        days = sorted(set(day_of.values()))
        for day in days:
            mine = [e for e in by_station.get(0, ()) if day_of[id(e)] == day]
            if mine:
                local.record_many(mine)
            arriving = []
            for station, entries in portable.items():
                count = sum(1 for e in by_station[station] if day_of[id(e)] == day)
                arriving.extend(entries[position[station]:position[station] + count])
                position[station] += count
            if arriving:
                bitacora.import_entries(arriving, readers=readers)
    bitacora.flush_anchors(wait=True)
    return HistorySummary(len(plan), len(by_station), plan[0].entry.at,
                          len({item.entry.action for item in plan}))
