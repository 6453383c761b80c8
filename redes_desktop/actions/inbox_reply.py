"""Answer an inbox item (issue 17): the reply is checked as the composer checks a reply — the
same request (`check_request` with `is_reply=True`, the area's contacts, the account's rhythm)
— so an insult or a disqualification (6.xx) refuses it, and a reply that does not greet the
person by name (6.xvii) is sent only once the person confirmed the warning. It then goes out
through the account's connector as a reply to the item, or, published by hand on the network,
its address is recorded. The reply is kept as a post (`is_reply`) linked to the item."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from redes_desktop.actions.check_request import check_request
from redes_desktop.actions.inbox_handle import _load, _require_open, require_not_held
from redes_desktop.actions.unit_of_work import unit_of_work
from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CheckResult, Finding, Severity
from redes_desktop.clock import Clock, to_mexico
from redes_desktop.database import Database
from redes_desktop.errors import UserFacingError, ValidationError
from redes_desktop.models import Network, Post, PostStatus
from redes_desktop.models.inbox import InboxState
from redes_desktop.models.publishing import NetworkConnection
from redes_desktop.networks.connector import NetworkConnector
from redes_desktop.networks.errors import NetworkError, RateLimited, TransientNetworkError
from redes_desktop.networks.types import InboxKind, PublishedItem, PublishRequest
from redes_desktop.services.activity import ActivityEntry, ActivityRecorder
from redes_desktop.services.inbox_rules import greeting_finding
from redes_desktop.spanish_dates import short_time

ReplyChecker = Callable[[CheckRequest], Mapping[Network, CheckResult]]
ConnectorFor = Callable[[NetworkConnection], NetworkConnector]


class ReplyBlocked(ValidationError):
    def __init__(self, findings: list[Finding]) -> None:
        lines = "\n".join(f"• {f.rule}: {f.message}" for f in findings)
        super().__init__("La respuesta no se puede enviar:\n" + lines, criterion=findings[0].rule)
        self.findings = findings


class ReplyNeedsReview(UserFacingError):
    """Warnings the person must see before sending (6.xvii)."""

    def __init__(self, findings: list[Finding]) -> None:
        lines = "\n".join(f"• {f.rule}: {f.message}" for f in findings)
        super().__init__("Revise la respuesta antes de enviarla:\n" + lines)
        self.findings = findings


class ReplyUncertain(UserFacingError):
    """The network did not answer after the reply was sent and it is not found there yet: it
    may have arrived. Sending it again blindly could answer the person twice."""

    def __init__(self, network: str) -> None:
        super().__init__(
            f"{network} no respondió después de recibir la respuesta y todavía no aparece en "
            "la cuenta: pudo haber llegado. Revise la conversación en la red. Si su respuesta "
            "está, copie su enlace y regístrela como respondida a mano; si no está, vuelva a "
            "enviarla.")


class ReplyNotSent(UserFacingError):
    """The network refused the reply for now (a rate limit) or could not be reached before it
    left: nothing went out and nothing sends it later by itself (the publishing queue does not
    carry replies), so the person is told to send it again — never «no hace falta hacer nada»,
    which the network's own message says for the queue's posts."""

    def __init__(self, error: NetworkError, network: str, now: datetime) -> None:
        if isinstance(error, RateLimited):
            shown = short_time(to_mexico(error.retry_at), to_mexico(now).date())
            message = (f"{network} limitó las solicitudes de esta cuenta por un tiempo: la "
                       f"respuesta no se envió. Vuelva a enviarla después de las {shown} "
                       "(hora del centro de México).")
        else:
            message = (f"{network} no respondió y la respuesta no se envió. Vuelva a enviarla "
                       "en unos minutos; si persiste, revise la conexión a Internet.")
        super().__init__(message)


@dataclass(frozen=True)
class ReplyResult:
    item_id: uuid.UUID
    post_id: uuid.UUID
    url: str
    warnings: tuple[Finding, ...]


def check_reply(database: Database, *, clock: Clock, checker: ReplyChecker,
                person_id: uuid.UUID | None, item_id: uuid.UUID, text: str,
                area_contacts: Mapping[str, Any] | None) -> list[Finding]:
    """The findings of `text` as a reply to the item (the editor's check, and the send's)."""
    with unit_of_work(database) as session:
        _person, item, account = _load(session, clock, person_id, item_id)
        request = check_request(text=text, networks=(account.network,), is_reply=True,
                                is_direct=item.kind == InboxKind.DIRECT,
                                now=clock(), rhythm=account.rhythm, area_id=account.area_id,
                                area_contacts=area_contacts)
        author_name, handle = item.author_name, item.author_handle
    result = checker(request).get(account.network)
    findings = list(result.findings if result else [])
    greeting = greeting_finding(text, author_name, handle)
    if greeting is not None:
        findings.append(greeting)
    return findings


def reply_to_item(database: Database, *, clock: Clock, recorder: ActivityRecorder,
                  checker: ReplyChecker, connector_for: ConnectorFor,
                  person_id: uuid.UUID | None, item_id: uuid.UUID, text: str,
                  area_contacts: Mapping[str, Any] | None,
                  accept_warnings: bool = False, hand_url: str = "") -> ReplyResult:
    """Check and send. `hand_url`: the reply was published by hand; its address is recorded
    instead of sending."""
    text = text.strip()
    if not text:
        raise ValidationError("Escriba la respuesta.", field="respuesta")
    now = clock()
    findings = check_reply(database, clock=clock, checker=checker, person_id=person_id,
                           item_id=item_id, text=text, area_contacts=area_contacts)
    blocking = [f for f in findings if f.severity == Severity.BLOQUEA]
    warnings = [f for f in findings if f.severity != Severity.BLOQUEA]
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id)
        if blocking:
            recorder.record(ActivityEntry(
                at=now, actor_id=person.id, account_id=account.id,
                action="buzon_respuesta_rechazada",
                details={"elemento": str(item_id), "criterios": sorted({f.rule
                                                                       for f in blocking})}))
        else:
            _require_open(item)
            require_not_held(session, item, person, now)
        connection = session.scalar(select(NetworkConnection).where(
            NetworkConnection.account_id == account.id))
        if connection is not None:
            session.expunge(connection)
        remote_item = item.remote_id
        conversation = item.parent_remote_id if item.kind == InboxKind.DIRECT else None
    if blocking:
        raise ReplyBlocked(blocking)
    if warnings and not accept_warnings:
        raise ReplyNeedsReview(warnings)
    url = hand_url.strip()
    remote_id = ""
    if not url:
        if connection is None:
            raise UserFacingError(
                "La cuenta no está conectada con su red en esta estación: responda a mano en "
                "la red y pegue aquí el enlace de su respuesta, o conecte la cuenta en Cuentas.")
        connector = connector_for(connection)
        request = PublishRequest(remote_account_id=connection.remote_account_id, text=text,
                                 reply_to=remote_item, conversation=conversation)
        try:
            published = connector.publish(request)
        except Exception as caught:  # noqa: BLE001 - an unreadable answer may follow a post
            # Anything but a clear refusal may come after the network took the reply (an
            # answer cut short, one the connector could not read): look before saying anything.
            error = caught if isinstance(caught, NetworkError) else TransientNetworkError(
                connector.network_label, f"respuesta inesperada: {type(caught).__name__}",
                ambiguous=True)
            if not error.ambiguous:
                if error.retryable:  # nothing left: the person sends it again
                    raise ReplyNotSent(error, connector.network_label, now) from error
                raise
            # A timeout after sending: look before saying anything (never answer twice).
            found = _already_there(connector, request, now)
            if found is None:
                recorder.record(ActivityEntry(
                    at=clock(), actor_id=person_id, account_id=connection.account_id,
                    action="buzon_respuesta_incierta",
                    details={"elemento": str(item_id), "motivo": error.message[:300]}))
                raise ReplyUncertain(connector.network_label) from error
            published = found
        url, remote_id = published.url, published.remote_id
    with unit_of_work(database) as session:
        person, item, account = _load(session, clock, person_id, item_id)
        post = Post(account_id=account.id, network=account.network, author_id=person.id,
                    text=text, is_reply=True, status=PostStatus.PUBLICADA,
                    published_url=url[:500], published_at=now)
        session.add(post)
        session.flush()
        item.state = InboxState.RESPONDIDO
        item.reply_post_id = post.id
        item.reply_url = url[:500]
        item.replied_at = now
        item.replied_by_id = person.id
        item.assigned_to_id = item.assigned_to_id or person.id
        item.claimed_by_id = None
        item.claim_expires_at = None
        recorder.record(ActivityEntry(
            at=now, actor_id=person.id, account_id=account.id, action="buzon_respondido",
            details={"elemento": str(item_id), "publicacion": str(post.id), "url": url,
                     "id_en_la_red": remote_id, "a_mano": bool(hand_url.strip()),
                     "advertencias": sorted({f.rule for f in warnings})}))
        return ReplyResult(item_id, post.id, url, tuple(warnings))


def _already_there(connector: NetworkConnector, request: PublishRequest,
                   sent_at: datetime) -> PublishedItem | None:
    try:
        return connector.find_published(request, sent_at - timedelta(minutes=2))
    except Exception:  # noqa: BLE001 - not found is what can be said: the person decides
        return None

