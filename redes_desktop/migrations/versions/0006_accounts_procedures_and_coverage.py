"""accounts procedures and coverage (issue 8)

Requests for accounts (7.ii, 7.iii), closures (7.vii, 7.viii), hand-over notes and public notices
of attention hours during absences (5.1).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
    ]


def _fk(table: str, column: str, reftable: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{reftable}.id"], name=op.f(f"fk_{table}_{column}_{reftable}")
    )


def _oficio() -> list[sa.Column]:
    return [
        sa.Column("oficio_path", sa.String(length=500), nullable=False),
        sa.Column("oficio_sha256", sa.String(length=64), nullable=False),
        sa.Column("oficio_name", sa.String(length=255), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "account_requests",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        *_oficio(),
        sa.Column("proposed_titular_id", sa.Uuid(), nullable=False),
        sa.Column("proposed_suplente_id", sa.Uuid(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pendiente",
                "autorizada",
                "rechazada",
                "abierta",
                name="requeststate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reviewer_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_by_id", sa.Uuid(), nullable=True),
        *_synced(),
        _fk("account_requests", "account_id", "accounts"),
        _fk("account_requests", "opened_by_id", "people"),
        _fk("account_requests", "proposed_suplente_id", "people"),
        _fk("account_requests", "proposed_titular_id", "people"),
        _fk("account_requests", "requested_by_id", "people"),
        _fk("account_requests", "reviewer_id", "people"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_requests")),
    )
    op.create_table(
        "account_closures",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("requested_by_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        *_oficio(),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("contents_deleted", sa.Boolean(), nullable=False),
        sa.Column("password_retired", sa.Boolean(), nullable=False),
        sa.Column("cancelled_on_network", sa.Boolean(), nullable=False),
        sa.Column("notice_sent", sa.Boolean(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_by_id", sa.Uuid(), nullable=True),
        *_synced(),
        _fk("account_closures", "account_id", "accounts"),
        _fk("account_closures", "completed_by_id", "people"),
        _fk("account_closures", "requested_by_id", "people"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_closures")),
    )
    op.create_table(
        "handover_notes",
        sa.Column("absence_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mail_id", sa.Uuid(), nullable=True),
        *_synced(),
        _fk("handover_notes", "absence_id", "absence_periods"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_notes")),
        sa.UniqueConstraint("absence_id", "kind", name=op.f("uq_handover_notes_absence_id")),
    )
    op.create_table(
        "attention_notices",
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("post_id", sa.Uuid(), nullable=True),
        sa.Column("absence_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        *_synced(),
        _fk("attention_notices", "absence_id", "absence_periods"),
        _fk("attention_notices", "account_id", "accounts"),
        _fk("attention_notices", "post_id", "posts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attention_notices")),
        sa.UniqueConstraint(
            "account_id", "starts_on", name=op.f("uq_attention_notices_account_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("attention_notices")
    op.drop_table("handover_notes")
    op.drop_table("account_closures")
    op.drop_table("account_requests")
