"""sync (issue 7)

Reserved in the revision chain so that work on several issues can add tables side by side
without creating two Alembic heads. Empty until that issue needs schema changes.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
