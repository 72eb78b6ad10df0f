"""Initial schema: organizations, contacts, missions and their records

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "missions",
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organizer", sa.String(length=300), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("home_timezone", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missions")),
    )
    op.create_table(
        "organizations",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("profile", sa.Text(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organizations_name"), ["name"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("organization_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_contacts_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contacts_organization_id"), ["organization_id"], unique=False
        )

    op.create_table(
        "participants",
        sa.Column("mission_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("organization", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_participants_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
    )
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participants_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "stops",
        sa.Column("mission_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("arrive", sa.Date(), nullable=False),
        sa.Column("depart", sa.Date(), nullable=False),
        sa.Column("hotel", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_stops_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stops")),
    )
    with op.batch_alter_table("stops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stops_mission_id"), ["mission_id"], unique=False)

    op.create_table(
        "travel_segments",
        sa.Column("mission_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("destination", sa.String(length=200), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("carrier", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("depart_utc", sa.DateTime(), nullable=False),
        sa.Column("depart_local", sa.DateTime(), nullable=False),
        sa.Column("depart_timezone", sa.String(length=64), nullable=False),
        sa.Column("arrive_utc", sa.DateTime(), nullable=False),
        sa.Column("arrive_local", sa.DateTime(), nullable=False),
        sa.Column("arrive_timezone", sa.String(length=64), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_travel_segments_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_segments")),
    )
    with op.batch_alter_table("travel_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_segments_mission_id"), ["mission_id"], unique=False
        )

    op.create_table(
        "meetings",
        sa.Column("mission_id", sa.String(length=100), nullable=False),
        sa.Column("stop_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("end_local", sa.DateTime(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("venue", sa.String(length=300), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("objectives", sa.Text(), nullable=False),
        sa.Column("talking_points", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mission_id"],
            ["missions.id"],
            name=op.f("fk_meetings_mission_id_missions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stop_id"], ["stops.id"], name=op.f("fk_meetings_stop_id_stops"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_mission_id"), ["mission_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_start_utc"), ["start_utc"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_stop_id"), ["stop_id"], unique=False)

    op.create_table(
        "travel_participants",
        sa.Column("travel_id", sa.String(length=100), nullable=False),
        sa.Column("participant_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_travel_participants_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["travel_id"],
            ["travel_segments.id"],
            name=op.f("fk_travel_participants_travel_id_travel_segments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("travel_id", "participant_id", name=op.f("pk_travel_participants")),
    )
    with op.batch_alter_table("travel_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_travel_participants_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "follow_ups",
        sa.Column("meeting_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=300), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_follow_ups_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_attendees",
        sa.Column("meeting_id", sa.String(length=100), nullable=False),
        sa.Column("participant_id", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_attendees_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_meeting_attendees_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "participant_id", name=op.f("pk_meeting_attendees")),
    )
    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendees_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "meeting_contacts",
        sa.Column("meeting_id", sa.String(length=100), nullable=False),
        sa.Column("contact_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_meeting_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_contacts_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "contact_id", name=op.f("pk_meeting_contacts")),
    )
    with op.batch_alter_table("meeting_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_contacts_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "meeting_organizations",
        sa.Column("meeting_id", sa.String(length=100), nullable=False),
        sa.Column("organization_id", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_organizations_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_meeting_organizations_organization_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "meeting_id", "organization_id", name=op.f("pk_meeting_organizations")
        ),
    )
    with op.batch_alter_table("meeting_organizations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_organizations_organization_id"),
            ["organization_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting_organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_organizations_organization_id"))

    op.drop_table("meeting_organizations")
    with op.batch_alter_table("meeting_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_contacts_contact_id"))

    op.drop_table("meeting_contacts")
    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendees_participant_id"))

    op.drop_table("meeting_attendees")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_meeting_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("travel_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_participants_participant_id"))

    op.drop_table("travel_participants")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_stop_id"))
        batch_op.drop_index(batch_op.f("ix_meetings_start_utc"))
        batch_op.drop_index(batch_op.f("ix_meetings_mission_id"))

    op.drop_table("meetings")
    with op.batch_alter_table("travel_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_segments_mission_id"))

    op.drop_table("travel_segments")
    with op.batch_alter_table("stops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stops_mission_id"))

    op.drop_table("stops")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participants_mission_id"))

    op.drop_table("participants")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_organization_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_name"))

    op.drop_table("organizations")
    op.drop_table("missions")
