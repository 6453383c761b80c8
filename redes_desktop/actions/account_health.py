"""«Salud»: the active accounts, problems first (6.xxi, 7.viii, 6.xxix)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.services.account_health import ABANDONO as ABANDONO
from redes_desktop.services.account_health import AL_DIA as AL_DIA
from redes_desktop.services.account_health import HealthRow as HealthRow

if TYPE_CHECKING:
    from redes_desktop.clock import Clock
    from redes_desktop.database import Database
    from redes_desktop.services.account_health import HealthRow


def account_health(database: Database, *, clock: Clock,
                   abandoned_after_days: int) -> tuple[HealthRow, ...]:
    from redes_desktop.services.account_health import ABANDONO, AL_DIA
    from redes_desktop.services.account_health import account_health as health

    with unit_of_work(database) as session:
        rows = health(session, clock, abandoned_after_days=abandoned_after_days)
    order = {ABANDONO: 0, AL_DIA: 2}
    rows.sort(key=lambda r: (order.get(r.state, 1), r.verified, r.handle.lower()))
    return tuple(rows)
