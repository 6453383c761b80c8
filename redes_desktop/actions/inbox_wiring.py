"""What the inbox actions need from this workstation, read from its context (as
`ConsultationMail.of` does for the consultations): the outbox, the reply checker (the
composer's engine, built once and only when a reply is checked), the connectors of the
accounts connected here, and the shared database for claims (None when none is configured)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redes_desktop.actions.network_connection import NetworkSettings, connectors
from redes_desktop.actions.publishing import job_engine
from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CheckResult
from redes_desktop.models import Network
from redes_desktop.services.inbox_polling import ConnectorFor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from redes_desktop.context import AppContext
    from redes_desktop.services.mail import Outbox
    from redes_desktop.sync.inbox_claims import SharedClaims


@dataclass(frozen=True)
class InboxWiring:
    outbox: Callable[[Session], Outbox | None]
    checker: Callable[[CheckRequest], Mapping[Network, CheckResult]]
    connector_for: ConnectorFor
    claims: SharedClaims | None
    area_contacts: Mapping[str, Any]

    @classmethod
    def of(cls, context: AppContext) -> InboxWiring:
        settings = context.workspace.settings
        lazy = job_engine(context)

        def check(request: CheckRequest) -> Mapping[Network, CheckResult]:
            return lazy().check(request)

        return cls(outbox=context.outbox, checker=check,
                   connector_for=connectors(clock=context.clock, secrets=context.secrets,
                                            networks=NetworkSettings.of(settings,
                                                                        context.secrets)),
                   claims=_claims(context), area_contacts=settings.area_contacts)


def _claims(context: AppContext) -> SharedClaims | None:
    from redes_desktop.errors import UserFacingError
    from redes_desktop.sync.connect import shared_engine
    from redes_desktop.sync.inbox_claims import SharedClaims

    url = context.workspace.settings.shared_database_url
    if not url:
        return None
    cached = context.job_state.get("inbox_claims")
    if isinstance(cached, SharedClaims):
        return cached
    try:
        claims = SharedClaims(shared_engine(url, context.secrets))
    except UserFacingError:
        return None  # an unusable address: the sync reports it; claims stay local
    context.job_state["inbox_claims"] = claims
    return claims
