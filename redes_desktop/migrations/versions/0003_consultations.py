"""consultations (issue 4): approval invalidation, queue indexes, notifications already shown

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("consultations") as batch:
        batch.add_column(sa.Column("invalidated_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index(batch.f("ix_consultations_post_id"), ["post_id"], unique=False)
        batch.create_index(batch.f("ix_consultations_state"), ["state"], unique=False)

    op.create_table(
        "consultation_notices",
        sa.Column("consultation_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"], ["consultations.id"],
            name=op.f("fk_consultation_notices_consultation_id_consultations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_notices")),
        sa.UniqueConstraint(
            "consultation_id", "person_id", "kind",
            name=op.f("uq_consultation_notices_consultation_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("consultation_notices")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_index(batch.f("ix_consultations_state"))
        batch.drop_index(batch.f("ix_consultations_post_id"))
        batch.drop_column("invalidated_at")
