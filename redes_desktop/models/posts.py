"""Posts (drafts to published) and their media."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from redes_desktop.models.accounts import Account
from redes_desktop.models.base import Base, SoftDeleteMixin, SyncedMixin
from redes_desktop.models.enums import Network, PostStatus
from redes_desktop.models.org import Person
from redes_desktop.models.types import enum_type


class Post(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "posts"

    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("accounts.id"))
    network: Mapped[Network] = mapped_column(enum_type(Network))
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"), default=None)
    text: Mapped[str] = mapped_column(Text, default="")
    is_reply: Mapped[bool] = mapped_column(default=False)
    status: Mapped[PostStatus] = mapped_column(enum_type(PostStatus), default=PostStatus.BORRADOR)
    scheduled_at: Mapped[datetime | None] = mapped_column(default=None)
    published_url: Mapped[str | None] = mapped_column(String(500), default=None)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    # The purpose of section 3 the post serves ("3.i" … "3.xi"), chosen in the composer (6.i).
    purpose: Mapped[str | None] = mapped_column(String(10), default=None)
    # Where the facts or figures come from (6.iv); the headline of the bulletin it links (6.x);
    # the topic it covers (groups the posts of a Consejo General session, 6.xxvii).
    source: Mapped[str] = mapped_column(Text, default="")
    bulletin_headline: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(120), default="")
    # Content that expires (5.2 d): when it stops being valid, and when it was withdrawn.
    valid_until: Mapped[date | None] = mapped_column(default=None)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)

    account: Mapped[Account] = relationship()
    author: Mapped[Person | None] = relationship()
    media: Mapped[list[PostMedia]] = relationship(
        back_populates="post", order_by="PostMedia.position", cascade="all, delete-orphan"
    )


class PostMedia(SyncedMixin, Base):
    """An image or video attached to a post, identified by the SHA-256 of its content."""

    __tablename__ = "post_media"

    post_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("posts.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    file_path: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    alt_text: Mapped[str] = mapped_column(Text, default="")
    mime_type: Mapped[str] = mapped_column(String(100), default="")

    post: Mapped[Post] = relationship(back_populates="media")
