"""The one place a post's check request is built, for the Redactor's live check and for the
check `PostService.mark_published` runs before publishing: the same text, media, rhythm, area
contacts (6.iii) and details (6.i, 6.iv, 6.x, 6.xxvii, 5.2 d), so a post's findings are the same
while typing and when publishing. Qt-free.

Videos travel in `images`: the media rules (`checks.rule_image.split_media`) treat an
attachment with a video extension as a video, so they are not repeated in `videos`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redes_desktop.checks.area_contacts import contacts_for_area
from redes_desktop.checks.engine import CheckRequest
from redes_desktop.checks.model import CouncilContext, PostDetails, RecentPost
from redes_desktop.models.enums import Network

if TYPE_CHECKING:
    from redes_desktop.models import Post


def check_request(
    *,
    text: str,
    networks: Sequence[Network],
    media: Iterable[tuple[str, str]] = (),
    is_reply: bool = False,
    is_direct: bool = False,
    recent: Sequence[RecentPost] = (),
    now: datetime | None = None,
    rhythm: str | None = None,
    area_id: uuid.UUID | str | None = None,
    area_contacts: Mapping[str, Any] | None = None,
    details: PostDetails | None = None,
) -> CheckRequest:
    """The request for a post of `text` with `media` ((path, alt text) pairs) on an account of
    `rhythm` in area `area_id`; `area_contacts` is `Settings.area_contacts`."""
    from redes_desktop.checks.rule_spam import rhythm_limits

    items = list(media)
    max_posts, window_minutes = rhythm_limits(rhythm)
    return CheckRequest(
        text=text,
        networks=tuple(networks),
        images=tuple(Path(p) for p, _ in items),
        alt_texts=tuple(a for _, a in items),
        is_reply=is_reply,
        is_direct=is_direct,
        recent_posts=tuple(recent),
        now=now,
        rhythm_max_posts=max_posts,
        rhythm_window_minutes=window_minutes,
        contacts=contacts_for_area(area_contacts, area_id),
        details=details,
    )


def post_details(post: Post, council: CouncilContext | None = None) -> PostDetails:
    """What the composer's details panel gives the live check, read from the saved post."""
    return PostDetails(
        purpose=(post.purpose or "").strip(),
        source=(post.source or "").strip(),
        bulletin_headline=(post.bulletin_headline or "").strip(),
        topic=(post.topic or "").strip(),
        valid_until=post.valid_until,
        council=council,
    )


def post_request(post: Post, *, recent: Sequence[RecentPost], now: datetime,
                 area_contacts: Mapping[str, Any] | None,
                 media_dir: Path | None = None) -> CheckRequest:
    """The request for a saved `post` (inside its session, as `mark_published` holds it),
    with the Consejo General session `now` falls in, as the live check sees it. `media_dir`:
    the data folder's `media/`, where the files of a post attached elsewhere arrive."""
    from sqlalchemy.orm import object_session

    from redes_desktop.services.council_sessions import council_context
    from redes_desktop.services.post_files import local_path

    session = object_session(post)
    council = (council_context(session, post.account_id, now, exclude=post.id)
               if session is not None else None)
    return check_request(
        text=post.text,
        networks=(post.network,),
        media=[(local_path(m, media_dir), m.alt_text) for m in post.media],
        is_reply=post.is_reply,
        recent=recent,
        now=now,
        rhythm=post.account.rhythm,
        area_id=post.account.area_id,
        area_contacts=area_contacts,
        details=post_details(post, council),
    )
