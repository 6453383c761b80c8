"""What the demo institution leaves for the CNCS to do, made through the real services (issue 15).

* The accounts «Solicitada» are requested by the area's titular with `AccountProcedures`
  (7.ii), and the account «En baja» is asked to close with `ClosureService` (7.vii), each with a
  small generated PDF as the signed oficio, copied into the data folder by `store_oficio`; so the
  reviewer's «Solicitudes» and «Bajas» queues have something to act on.
* The annual training (5.3) is scheduled, convoked and its attendance recorded with the
  services of `services/training.py`, so Informes › Capacitación counts who was invited.

Everything happens on past working days in México City, at office hours (`office_time`), on an
injected `FixedClock`; what the services record goes to a `MemoryRecorder` whose entries become
part of the demo's bitácora (`services/demo_history.py`). The demo sends no mail: requests and
closures get no outbox, and the training's invitations go to `_NoMail`, which keeps nothing.
"""

from __future__ import annotations

import random
import tempfile
import textwrap
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redes_desktop.clock import FixedClock, to_mexico
from redes_desktop.models import OutgoingMail, Person
from redes_desktop.services.account_closure import ClosureService
from redes_desktop.services.account_requests import AccountProcedures, RequestForm
from redes_desktop.services.activity import MemoryRecorder
from redes_desktop.services.demo_history import _MemorySecrets
from redes_desktop.services.demo_time import (
    OFFICE_OPENS,
    local_moment,
    working_day_before,
)
from redes_desktop.services.mail import Attachment, Outbox
from redes_desktop.settings import Settings
from redes_desktop.spanish_dates import spanish_date

if TYPE_CHECKING:
    import uuid

    from sqlalchemy.orm import Session

    from redes_desktop.models import Account, Area, Network
    from redes_desktop.models.procedures import AccountClosure, AccountRequest

SEED = 2026 + 7
CLOSURE_REASON = ("La cuenta dejó de usarse al concluir el programa que la justificó; el área "
                  "difundirá sus contenidos por las cuentas de la CNCS (criterio 7.i).")


# -- the oficio ---------------------------------------------------------------------------------
def _pdf_text(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")  # the standard fonts' WinAnsiEncoding
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def oficio_pdf(heading: Sequence[str], body: str, signature: Sequence[str]) -> bytes:
    """A one-page PDF (letter size, Helvetica) with the oficio's text: enough for a reader to
    open and for `store_oficio` to take it for a PDF."""
    lines: list[tuple[str, int, str]] = [("F2", 12, line) for line in heading]
    lines.append(("F1", 11, ""))
    for paragraph in body.split("\n"):
        wrapped = textwrap.wrap(paragraph, 88) or [""]
        lines.extend(("F1", 11, line) for line in wrapped)
    lines.append(("F1", 11, ""))
    lines.extend(("F1", 11, line) for line in signature)
    lines.append(("F1", 11, ""))
    lines.append(("F1", 8, "Documento de demostración generado por Redes INE: no es un oficio "
                           "real."))
    stream = b"BT\n72 720 Td\n"
    for font, size, text in lines:
        stream += f"/{font} {size} Tf\n".encode() + b"(" + _pdf_text(text) + b") Tj\n0 -16 Td\n"
    stream += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body_bytes in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body_bytes + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


_FEMININE = ("Coordinación", "Dirección", "Junta", "Secretaría", "Unidad", "Contraloría")


def _with_article(name: str) -> str:
    """«la Unidad Técnica de…»: the institute's areas are named by feminine nouns."""
    first = name.split(" ", 1)[0]
    return f"la {name}" if first in _FEMININE or first.isdigit() else name  # «la 12 Junta…»


class _NoMail(Outbox):
    """The demo's outbox: what the services would send is built and dropped (the demo's people
    and addresses are invented)."""

    def __init__(self, session: Session, clock: FixedClock) -> None:
        super().__init__(session, clock, None)

    def queue(self, recipients: Sequence[str], subject: str, body: str,
              attachments: Sequence[Attachment] = (), *, related_kind: str = "",
              related_id: uuid.UUID | None = None, send_now: bool = True) -> OutgoingMail:
        return OutgoingMail(recipients=list(recipients), subject=subject, body=body,
                            attachments=[], related_kind=related_kind, related_id=related_id)


class DemoProcedures:
    """The demo's requests, closures and training, through the program's services."""

    def __init__(self, demo: Any, data_dir: Path) -> None:
        self.demo = demo
        self.session: Session = demo.session
        self.data_dir = Path(data_dir)
        self.rng = random.Random(SEED)
        self.clock = FixedClock(demo.now)
        self.recorder = MemoryRecorder()  # its entries join the demo's bitácora
        settings = Settings()  # no outbox: nothing is mailed
        self.requests = AccountProcedures(self.session, self.clock, settings=settings,
                                          data_dir=self.data_dir, outbox=None,
                                          recorder=self.recorder)
        self.closures = ClosureService(self.session, self.clock, settings=settings,
                                       data_dir=self.data_dir, outbox=None,
                                       secrets=_MemorySecrets(), recorder=self.recorder)
        self.made_requests: list[AccountRequest] = []
        self.made_closures: list[AccountClosure] = []
        self._number = 100
        # The generated oficios are written here; `store_oficio` copies them into the data folder.
        self._drafts = tempfile.TemporaryDirectory(prefix="redes-demo-oficios-")
        self.folder = Path(self._drafts.name)

    def cleanup(self) -> None:
        self._drafts.cleanup()

    # -- time ----------------------------------------------------------------------------------
    def past_working_moment(self, days_back: int) -> datetime:
        """A moment of office hours on a working day `days_back` days (or a little more) ago."""
        day = working_day_before(self.demo.today - timedelta(days=days_back))
        return local_moment(day, self.rng.randint(OFFICE_OPENS, 13),
                            self.rng.randrange(0, 60, 5))

    # -- the oficio ------------------------------------------------------------------------------
    def _oficio(self, area: Area, titular: Person, handle: str, when: datetime,
                subject: str, body: str) -> Path:
        self._number += self.rng.randint(3, 40)
        local = to_mexico(when)
        place = "Ciudad de México" if area.state in (None, "") else area.state
        acronym = (area.acronym or "INE").replace(" ", "-")
        pdf = oficio_pdf(
            ["INSTITUTO NACIONAL ELECTORAL", area.name,
             f"Oficio núm. INE/{acronym}/{self._number:04d}/{local.year}",
             f"{place}, a {spanish_date(local.date(), year=True)}",
             f"Asunto: {subject}"],
            "Coordinación Nacional de Comunicación Social\nPresente\n\n" + body,
            ["Atentamente", titular.name, f"Titular de {_with_article(area.name)}"])
        path = self.folder / f"oficio-{subject.split()[0].lower()}-{handle.lstrip('@')}.pdf"
        path.write_bytes(pdf)
        return path

    # -- 7.ii: a pending request -----------------------------------------------------------------
    def request(self, area: Area, network: Network, handle: str, name: str,
                email: str, purposes: list[str], rhythm: str, justification: str) -> Account:
        staff = self.demo.staff[area]
        titular = staff.titular
        when = self.past_working_moment(self.rng.randint(3, 15))
        self.clock.set(when)
        oficio = self._oficio(
            area, titular, handle, when, "Solicitud de cuenta institucional",
            f"Con fundamento en el criterio 7.ii, solicito la autorización para abrir la cuenta "
            f"{handle} en {network.label}, «{name}». {justification} Se proponen como "
            f"administradores a {staff.admin.name} (titular) y a {staff.suplente.name} "
            "(suplente), servidores públicos de esta área.")
        request = self.requests.request_account(titular, RequestForm(
            area=area, network=network, name=name, handle=handle, email=email,
            purposes=purposes, justification=justification, titular=staff.admin,
            suplente=staff.suplente, oficio=oficio, rhythm=rhythm))
        self.made_requests.append(request)
        return request.account

    # -- 7.vii: a pending closure ----------------------------------------------------------------
    def close(self, account: Account) -> None:
        titular = self.demo.staff[account.area].titular
        when = self.past_working_moment(self.rng.randint(2, 10))
        self.clock.set(when)
        oficio = self._oficio(
            account.area, titular, account.handle, when, "Baja de cuenta institucional",
            f"Con fundamento en el criterio 7.vii, informo que esta área dejará de usar la cuenta "
            f"{account.handle} en {account.network.label}. {CLOSURE_REASON}")
        self.made_closures.append(
            self.closures.request_closure(titular, account, oficio, CLOSURE_REASON))

    # -- 5.3: the annual training ----------------------------------------------------------------
    def training(self, title: str, notes: str, held_on: date, reviewer: Person) -> Any:
        from redes_desktop.services.training import invite, record_attendance, schedule

        invited_on = working_day_before(held_on - timedelta(days=7))
        scheduled_on = working_day_before(invited_on - timedelta(days=1))
        self.clock.set(local_moment(scheduled_on, 10, 5))
        training = schedule(self.session, self.clock, reviewer, title=title, held_on=held_on,
                            notes=notes, recorder=self.recorder)
        self.clock.set(local_moment(invited_on, 9, 30))
        invite(self.session, self.clock, reviewer, training.id,
               outbox=_NoMail(self.session, self.clock), recorder=self.recorder)
        self.session.refresh(training)
        for n, attendance in enumerate(sorted(training.attendances,
                                              key=lambda a: a.person.name)):
            self.clock.set(local_moment(held_on, 17, 0) + timedelta(seconds=30 * n))
            record_attendance(self.session, self.clock, reviewer, training.id,
                              attendance.person_id, self.rng.random() > 0.15,
                              recorder=self.recorder)
        return training


