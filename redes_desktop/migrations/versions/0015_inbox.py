"""the inbox (issue 17): items, groups of recurring doubts, response targets, polling cursors

Items, groups and targets sync; the polling cursors are local to the workstation.

Revision ID: 0015_inbox
Revises: 0014_publishing
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_inbox"
down_revision = "0010_notifications"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"],
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "doubt_groups",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("sample_text", sa.Text(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("answered_post_id", sa.Uuid(), nullable=True),
        *_synced_columns(),
        _fk("doubt_groups", "account_id", "accounts"),
        _fk("doubt_groups", "answered_post_id", "posts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doubt_groups")),
    )
    op.create_table(
        "inbox_items",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.Column("remote_id", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_handle", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        sa.Column("parent_remote_id", sa.String(length=100), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("assigned_to_id", sa.Uuid(), nullable=True),
        sa.Column("claimed_by_id", sa.Uuid(), nullable=True),
        sa.Column("claim_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("reply_post_id", sa.Uuid(), nullable=True),
        sa.Column("reply_url", sa.String(length=500), nullable=False),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replied_by_id", sa.Uuid(), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("handled_by_id", sa.Uuid(), nullable=True),
        sa.Column("escalation_note", sa.Text(), nullable=False),
        sa.Column("doubt_group_id", sa.Uuid(), nullable=True),
        *_synced_columns(),
        _fk("inbox_items", "account_id", "accounts"),
        _fk("inbox_items", "assigned_to_id", "people"),
        _fk("inbox_items", "claimed_by_id", "people"),
        _fk("inbox_items", "reply_post_id", "posts"),
        _fk("inbox_items", "replied_by_id", "people"),
        _fk("inbox_items", "handled_by_id", "people"),
        _fk("inbox_items", "doubt_group_id", "doubt_groups"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_items")),
    )
    op.create_index("ix_inbox_items_account_state", "inbox_items",
                    ["account_id", "state", "received_at"])
    op.create_index("ix_inbox_items_received", "inbox_items", ["received_at"])
    op.create_index("ix_inbox_items_group", "inbox_items", ["doubt_group_id"])
    op.create_table(
        "inbox_targets",
        sa.Column("area_id", sa.Uuid(), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        *_synced_columns(),
        _fk("inbox_targets", "area_id", "areas"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_targets")),
        sa.UniqueConstraint("area_id", name=op.f("uq_inbox_targets_area_id")),
    )
    op.create_table(
        "inbox_cursors",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("cursor", sa.String(length=500), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        *_synced_columns(),
        _fk("inbox_cursors", "account_id", "accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_cursors")),
        sa.UniqueConstraint("account_id", name=op.f("uq_inbox_cursors_account_id")),
    )


def downgrade() -> None:
    op.drop_table("inbox_cursors")
    op.drop_table("inbox_targets")
    op.drop_index("ix_inbox_items_group", table_name="inbox_items")
    op.drop_index("ix_inbox_items_received", table_name="inbox_items")
    op.drop_index("ix_inbox_items_account_state", table_name="inbox_items")
    op.drop_table("inbox_items")
    op.drop_table("doubt_groups")
