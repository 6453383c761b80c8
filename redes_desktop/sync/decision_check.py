"""Workstation side of issue 11: a CNCS decision the shared database cannot vouch for is not
shown as a decision.

A pulled consultation *claims* a reviewer's decision when its state is «aprobada», «rechazada»
or «requiere cambios», or it names a reviewer. The claim is kept only when the server's vouching
record (`consultation_decisions`, written only by the decision guard when a CNCS reviewer's own
login decides; see `decision_guards.py`) holds exactly that decision, by a login mapped to that
same reviewer, for the same snapshot (and snapshot hash), post and account. Otherwise the
consultation is stored here as pending — no reviewer, no decision time, no reasoning — so it is
shown as «Pendiente» and publication stays blocked (criterion 6.viii); the sync report says
why (Spanish) and what to do: ask CNCS to decide it again, and tell whoever administers the
shared database. A reviewer's workstation sees it pending too and can decide it for real.

A «no procedente» without a reviewer is the 48-hour expiry, no reviewer's decision: it is kept
as it comes. The server accepts it from a login only past the term by its own clock
(`decision_guards.py`); one the schema owner wrote early is still only a block on publishing,
never an approval, so nothing is lost by showing it.

The first pull after this check exists also re-checks the consultations already stored here
that claim a decision (`sweep_once`): rows pulled earlier were never verified.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, select, update

from redes_desktop.clock import as_utc
from redes_desktop.models import Consultation, ConsultationState
from redes_desktop.models.base import table_of
from redes_desktop.models.sync_state import SyncChange
from redes_desktop.sync.decision_guards import REVIEWER_STATES, consultation_decisions
from redes_desktop.sync.state import get_state, set_state

DECISION_COLUMNS = ("state", "reviewer_id", "decided_at", "reasoning", "requested_changes")
UNDECIDED = {"state": "pendiente", "reviewer_id": None, "decided_at": None, "reasoning": "",
             "requested_changes": ""}
SWEPT = "decisions_verified"
_consultations = table_of(Consultation)
_changes = table_of(SyncChange)


def _value(v):
    """Comparable value: enum members by value, datetimes in UTC (SQLite keeps them naive)."""
    if isinstance(v, ConsultationState):
        return v.value
    return as_utc(v) if isinstance(v, datetime) else v


def claims_decision(row: dict) -> bool:
    return _value(row.get("state")) in REVIEWER_STATES or row.get("reviewer_id") is not None


def problem(row: dict, record: dict | None) -> str | None:
    """Why the server cannot vouch for this row's decision (Spanish), or None."""
    if not claims_decision(row):
        return None
    if record is None:
        return "la base compartida no tiene registro de que un revisor de la CNCS la tomara"
    if any(_value(row.get(c)) != _value(record.get(c)) for c in DECISION_COLUMNS):
        return "no coincide con la decisión que registró la base compartida"
    if record.get("decided_by_person") != row.get("reviewer_id"):
        return "la registró otra cuenta que no es la del revisor que aparece"
    if (row.get("snapshot") != record.get("snapshot")
            or row.get("snapshot_hash") != record.get("snapshot_hash")):
        return "el texto consultado no es el que se decidió"
    if row.get("post_id") != record.get("post_id") or \
            row.get("account_id") != record.get("account_id"):
        return "la consulta ya no es de la publicación o la cuenta que se decidió"
    return None


def message(row: dict, reason: str) -> str:
    label = ConsultationState(_value(row["state"])).label
    return (f"Decisión no verificada: la consulta {str(row['id'])[:8]} llegó como «{label}», "
            f"pero {reason}. Se muestra como pendiente y no se puede publicar con esa decisión; "
            "pida a la CNCS que la decida de nuevo y avise a quien administra la base "
            "compartida.")


def _records(sconn: Connection, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict]:
    ids = list(ids)
    found: dict[uuid.UUID, dict] = {}
    for i in range(0, len(ids), 5000):
        for r in sconn.execute(select(consultation_decisions).where(
                consultation_decisions.c.consultation_id.in_(ids[i:i + 5000]))).mappings():
            found[r["consultation_id"]] = dict(r)
    return found


def vouch(sconn: Connection, rows: list[dict]) -> list[str]:
    """Check pulled consultation rows against the server's record; rows it cannot vouch for
    are turned undecided in place. Returns the Spanish warnings."""
    claiming = [r for r in rows if claims_decision(r)]
    if not claiming:
        return []
    records = _records(sconn, (r["id"] for r in claiming))
    warnings = []
    for row in claiming:
        reason = problem(row, records.get(row["id"]))
        if reason:
            warnings.append(message(row, reason))
            row.update(UNDECIDED)
    return warnings


def sweep_once(sconn: Connection, lconn: Connection) -> list[str]:
    """Re-check, once, the consultations stored here before this check existed."""
    if get_state(lconn, SWEPT):
        return []
    pending = set(lconn.execute(select(_changes.c.row_id).where(
        _changes.c.table_name == "consultations")).scalars())
    local = [dict(r) for r in lconn.execute(select(_consultations)).mappings()
             if r["id"] not in pending and claims_decision(dict(r))]
    records = _records(sconn, [r["id"] for r in local]) if local else {}
    warnings = []
    for row in local:
        reason = problem(row, records.get(row["id"]))
        if reason:
            warnings.append(message(row, reason))
            lconn.execute(update(_consultations).where(_consultations.c.id == row["id"])
                          .values(**UNDECIDED))
    set_state(lconn, SWEPT, "1")
    return warnings
