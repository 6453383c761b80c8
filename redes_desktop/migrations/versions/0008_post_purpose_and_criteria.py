"""post purpose and the criteria still missing (issue 16)

Posts carry their purpose (3, 6.i), source (6.iv), bulletin headline (6.x), topic (6.xxvii),
validity date and withdrawal (5.2 d); accounts the date they were verified (6.xxix) and whose
personal account they are (7.vi); training invitations (5.3); the Consejo General sessions
(6.xxvii) and the users figure entered per account and quarter (8.iv).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("purpose", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("source", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("bulletin_headline", sa.Text(), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("topic", sa.String(length=120), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("valid_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("verified_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("personal_of_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_accounts_personal_of_id_people"), "people", ["personal_of_id"], ["id"]
        )
    with op.batch_alter_table("training_attendances") as batch:
        batch.add_column(sa.Column("invited_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "council_sessions",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced(),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_sessions")),
    )
    op.create_table(
        "account_user_counts",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"],
                                name=op.f("fk_account_user_counts_account_id_accounts")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["people.id"],
                                name=op.f("fk_account_user_counts_recorded_by_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_user_counts")),
        sa.UniqueConstraint("account_id", "year", "quarter",
                            name=op.f("uq_account_user_counts_account_id")),
    )


def downgrade() -> None:
    op.drop_table("account_user_counts")
    op.drop_table("council_sessions")
    with op.batch_alter_table("training_attendances") as batch:
        batch.drop_column("invited_at")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_constraint(batch.f("fk_accounts_personal_of_id_people"), type_="foreignkey")
        batch.drop_column("personal_of_id")
        batch.drop_column("verified_on")
    with op.batch_alter_table("posts") as batch:
        for column in ("withdrawn_at", "valid_until", "topic", "bulletin_headline", "source",
                       "purpose"):
            batch.drop_column(column)
