"""bitacora anchor (issue 5)

The heads of the bitácora's hash chains, kept outside the bitácora file (local, not synced).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bitacora_anchors",
        sa.Column("origin", sa.Uuid(), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_mac", sa.String(length=64), nullable=False),
        sa.Column("verified_seq", sa.Integer(), nullable=False),
        sa.Column("verified_mac", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("origin", name=op.f("pk_bitacora_anchors")),
    )


def downgrade() -> None:
    op.drop_table("bitacora_anchors")
