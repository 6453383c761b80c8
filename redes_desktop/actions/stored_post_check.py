"""The criteria checker for a post already stored (publishing queue, command line): the same
request the Redactor builds (`check_request.post_request`), with the account's recent posts read
from the database at the moment of the check."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from redes_desktop.actions.check_request import post_request
from redes_desktop.checks.engine import CheckEngine
from redes_desktop.checks.model import CheckResult
from redes_desktop.models import Post
from redes_desktop.services.posts import PostChecker, recent_posts


def stored_post_checker(engine: CheckEngine, session: Session, now: datetime,
                        area_contacts: Mapping[str, Any] | None,
                        media_dir: Path | None = None) -> PostChecker:
    def check(post: Post) -> CheckResult:
        recent = recent_posts(session, post.account_id, now, exclude=post.id)
        request = post_request(post, recent=recent, now=now, area_contacts=area_contacts,
                               media_dir=media_dir)
        return engine.check(request)[post.network]

    return check
