"""Stop coordinates (for maps) and database-enforced order of dates and times.

SQLite cannot add a CHECK constraint to an existing table, so the three tables are
rebuilt in batch mode. The migration runner switches foreign keys off around this:
rebuilding ``meetings`` with them on would cascade-delete every follow-up and attendee.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stops", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.create_check_constraint("dates_in_order", "depart >= arrive")
    with op.batch_alter_table("travel_segments", recreate="always") as batch_op:
        batch_op.create_check_constraint("arrives_after_departure", "arrive_utc > depart_utc")
    with op.batch_alter_table("meetings", recreate="always") as batch_op:
        batch_op.create_check_constraint("ends_after_start", "end_utc > start_utc")


def downgrade() -> None:
    with op.batch_alter_table("meetings", recreate="always") as batch_op:
        batch_op.drop_constraint("ck_meetings_ends_after_start", type_="check")
    with op.batch_alter_table("travel_segments", recreate="always") as batch_op:
        batch_op.drop_constraint("ck_travel_segments_arrives_after_departure", type_="check")
    with op.batch_alter_table("stops", recreate="always") as batch_op:
        batch_op.drop_constraint("ck_stops_dates_in_order", type_="check")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
