"""«Publicar ahora en la red»: put the post in the queue for now, run the queue, and say what
happened to it (issue 17). Blocking (the network is called): run it off the UI thread.

The post goes through `schedule_post` (the criteria, the CNCS approval of this exact version, a
connection on this workstation) and the queue asks it all again where the request leaves; a
post is never sent twice (see `services/publishing_queue.py`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redes_desktop.actions.network_connection import NetworkSettings
from redes_desktop.actions.network_status import post_network_state
from redes_desktop.actions.publishing import publishing_queue, run_due
from redes_desktop.actions.schedule_post import schedule_post
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.clock import Clock
from redes_desktop.database import Database
from redes_desktop.models.publishing import JobState
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import ActivityRecorder
from redes_desktop.services.notifications import Notification
from redes_desktop.services.posts import PostChecker


@dataclass(frozen=True)
class PublishNowResult:
    state: JobState | None
    url: str = ""
    reason: str = ""  # why it did not go out (yet)
    # What the queue run reported about the other posts it handled meanwhile.
    notifications: tuple[Notification, ...] = field(default_factory=tuple)

    @property
    def published(self) -> bool:
        return self.state == JobState.PUBLICADA


def publish_now(
    database: Database, *, clock: Clock, recorder: ActivityRecorder, secrets: SecretStore,
    networks: NetworkSettings, check_post: PostChecker, engine: Callable[[], CheckEngine],
    area_contacts: Mapping[str, Any] | None, person_id: uuid.UUID | None,
    account_id: uuid.UUID, post_id: uuid.UUID, media_dir: Path | None = None,
) -> PublishNowResult:
    """`media_dir`: the data folder's `media/`: a video attached on another workstation that
    has not arrived yet is refused with a Spanish message (`MediaNotHere`)."""
    schedule_post(database, clock=clock, recorder=recorder, check_post=check_post,
                  person_id=person_id, post_id=post_id, when=None, media_dir=media_dir)
    queue = publishing_queue(database, clock=clock, recorder=recorder, secrets=secrets,
                             networks=networks, engine=engine, area_contacts=area_contacts,
                             media_dir=media_dir)
    report = run_due(queue)
    state = post_network_state(database, account_id=account_id, post_id=post_id)
    others = tuple(n for n in report.notifications
                   if n.target != ("redactor", str(post_id)))
    return PublishNowResult(state.job_state, state.url, state.last_error, others)
