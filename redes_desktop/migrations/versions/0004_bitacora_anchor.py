"""bitacora anchor (issue 5)

Reserved in the revision chain so that work on several issues can add tables side by side
without creating two Alembic heads. Empty until that issue needs schema changes.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
