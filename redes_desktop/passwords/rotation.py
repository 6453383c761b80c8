"""When a password is due (criterion 6.xxxiii: every account's password changes at least once
every two months). Pure date arithmetic on México City calendar dates; the clock is injected.

An account is due when two calendar months have passed since its last rotation: the same day
number two months later, or the last day of that month when it is shorter (31 December →
28 February; 31 December 2027 → 29 February 2028). It is "por vencer" from WARN_DAYS before.
An account never rotated, or with an incident reported after its last rotation (6.xxx), is due
at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from redes_desktop.clock import to_mexico
from redes_desktop.spanish_dates import add_months

ROTATION_MONTHS = 2
WARN_DAYS = 7


class RotationState(StrEnum):
    VENCIDA = "vencida"
    POR_VENCER = "por vencer"
    AL_DIA = "al día"

    @property
    def urgency(self) -> int:
        return {"vencida": 0, "por vencer": 1, "al día": 2}[self.value]


def due_date(last_rotation: datetime) -> date:
    """The México City date on which the next change is due."""
    return add_months(to_mexico(last_rotation).date(), ROTATION_MONTHS)


@dataclass(frozen=True)
class Due:
    state: RotationState
    due_on: date | None  # None: never rotated or compromised → due now
    days_left: int | None  # negative when overdue; None when due now without a date
    reason: str  # Spanish, one line

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.state.urgency, self.days_left if self.days_left is not None else -10**6)


def classify(
    last_rotation: datetime | None,
    now: datetime,
    *,
    incident_after: datetime | None = None,
    today: date | None = None,
) -> Due:
    """The state of one account's password at `now` (aware datetimes). `today`, México City's
    date at `now`, may be passed in when classifying many accounts at once."""
    today = today or to_mexico(now).date()
    if last_rotation is None:
        return Due(RotationState.VENCIDA, None, None,
                   "No hay registro de ningún cambio de contraseña: cámbiela ahora.")
    if incident_after is not None and incident_after > last_rotation:
        return Due(RotationState.VENCIDA, None, None,
                   "Se reportó la cuenta como comprometida (6.xxx): cambie la contraseña ya.")
    due = due_date(last_rotation)
    days = (due - today).days
    if days <= 0:
        late = -days
        text = "Vence hoy." if late == 0 else f"Venció hace {late} día{'s' if late != 1 else ''}."
        return Due(RotationState.VENCIDA, due, days, f"{text} Cámbiela cuanto antes (6.xxxiii).")
    if days <= WARN_DAYS:
        return Due(RotationState.POR_VENCER, due, days,
                   f"Vence en {days} día{'s' if days != 1 else ''} ({due:%d/%m/%Y}).")
    return Due(RotationState.AL_DIA, due, days, f"Próximo cambio a más tardar el {due:%d/%m/%Y}.")
