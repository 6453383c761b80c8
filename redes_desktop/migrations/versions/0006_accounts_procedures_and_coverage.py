"""accounts procedures and coverage (issue 8)

Reserved in the revision chain so that work on several issues can add tables side by side
without creating two Alembic heads. Empty until that issue needs schema changes.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
