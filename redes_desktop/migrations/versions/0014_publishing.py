"""network connections and the publishing queue (issue 17)

Local to the workstation: the connection's tokens live in its secret store.

Revision ID: 0014_publishing
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_publishing"
down_revision = "0008"
branch_labels = None
depends_on = None


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "network_connections",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("network", sa.String(length=32), nullable=False),
        sa.Column("remote_account_id", sa.String(length=100), nullable=False),
        sa.Column("remote_handle", sa.String(length=200), nullable=False),
        sa.Column("connected_by_id", sa.Uuid(), nullable=True),
        sa.Column("connected_at", sa.DateTime(timezone=True), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_network_connections_account_id_accounts")),
        sa.ForeignKeyConstraint(["connected_by_id"], ["people.id"],
                                name=op.f("fk_network_connections_connected_by_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_connections")),
        sa.UniqueConstraint("account_id", name=op.f("uq_network_connections_account_id")),
    )
    op.create_table(
        "publish_jobs",
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("scheduled_by_id", sa.Uuid(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("attempt_started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("remote_id", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"],
                                name=op.f("fk_publish_jobs_post_id_posts")),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_publish_jobs_account_id_accounts")),
        sa.ForeignKeyConstraint(["scheduled_by_id"], ["people.id"],
                                name=op.f("fk_publish_jobs_scheduled_by_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publish_jobs")),
        sa.UniqueConstraint("post_id", name=op.f("uq_publish_jobs_post_id")),
    )
    op.create_index("ix_publish_jobs_due", "publish_jobs", ["state", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_publish_jobs_due", table_name="publish_jobs")
    op.drop_table("publish_jobs")
    op.drop_table("network_connections")
