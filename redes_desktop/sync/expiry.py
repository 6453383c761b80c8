"""The 48-hour expiry (criterion 6.viii) as the sync sees it.

A consultation nobody at CNCS answered within 48 hours becomes «no procedente» on whichever
workstation applies the rule first (`ConsultationService.expire_due`). That is no reviewer's
decision: the area's workstation may push it. The push's owner rule (decision columns belong
to the reviewer) lets this one transition through, in its canonical form only; the shared
database then accepts it only when its own clock says the term is over and nothing else
changes (`decision_guards.py`), so a workstation whose clock runs ahead gets a «rechazado»
conflict and the consultation stays pending until the term really ends.
"""

from __future__ import annotations

from datetime import datetime

from redes_desktop.clock import as_utc
from redes_desktop.models import ConsultationState
from redes_desktop.services.consultation_rules import CONSULTATION_TERM, EXPIRED_REASON

PENDING, EXPIRED = ConsultationState.PENDIENTE.value, ConsultationState.NO_PROCEDENTE.value


def _state(row: dict) -> str | None:
    value = row.get("state")
    return value.value if isinstance(value, ConsultationState) else value


def _same_time(a, b) -> bool:
    return isinstance(a, datetime) and isinstance(b, datetime) and as_utc(a) == as_utc(b)


def is_canonical_expiry(row: dict) -> bool:
    """The row is «no procedente» exactly as the 48-hour rule writes it."""
    sent_at = row.get("sent_at")
    return (_state(row) == EXPIRED and row.get("reviewer_id") is None
            and (row.get("requested_changes") or "") == ""
            and row.get("reasoning") == EXPIRED_REASON and isinstance(sent_at, datetime)
            and _same_time(row.get("decided_at"), sent_at + CONSULTATION_TERM))


def is_expiry(local: dict, server: dict) -> bool:
    """The local row expires the consultation the server still has pending."""
    return _state(server) == PENDING and is_canonical_expiry(local) and _same_time(
        local.get("sent_at"), server.get("sent_at"))
