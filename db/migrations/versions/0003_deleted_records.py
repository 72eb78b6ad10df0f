"""Deleted meetings and travel segments, so calendar files can cancel their events.

A new table only: nothing is rebuilt, no existing row is touched.

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
    op.create_table(
        "deleted_records",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.String(length=100), nullable=False),
        sa.Column("mission_id", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("start_timezone", sa.String(length=64), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("end_timezone", sa.String(length=64), nullable=False),
        sa.Column("last_version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_deleted_records_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kind", "record_id", name=op.f("pk_deleted_records")),
    )
    with op.batch_alter_table("deleted_records", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deleted_records_mission_id"), ["mission_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deleted_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deleted_records_mission_id"))
    op.drop_table("deleted_records")
