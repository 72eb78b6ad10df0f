"""The ORM schema. Every record has a stable text id, timestamps and a version number.

Instants are stored as naive UTC together with the local wall-clock time as entered and
its IANA zone: the UTC value orders and compares, the local value is what people see.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 100


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Record:
    """Columns every record carries; ``version`` refuses updates from stale copies."""

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Organization(Record, Base):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    profile: Mapped[str] = mapped_column(Text, default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="organization",
        cascade="all, delete-orphan",
        order_by="Contact.position",
    )


class Contact(Record, Base):
    __tablename__ = "contacts"

    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="contacts")


class Mission(Record, Base):
    __tablename__ = "missions"

    title: Mapped[str] = mapped_column(String(300))
    organizer: Mapped[str] = mapped_column(String(300), default="")
    direction: Mapped[str] = mapped_column(String(20), default="outbound")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    objectives: Mapped[str] = mapped_column(Text, default="")
    home_timezone: Mapped[str] = mapped_column(String(64), default="UTC")

    participants: Mapped[list[Participant]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Participant.position"
    )
    stops: Mapped[list[Stop]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Stop.position"
    )
    travel: Mapped[list[TravelSegment]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="TravelSegment.position"
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="Meeting.position"
    )


class Participant(Record, Base):
    __tablename__ = "participants"

    mission_id: Mapped[str] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(300), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")

    mission: Mapped[Mission] = relationship(back_populates="participants")


class Stop(Record, Base):
    __tablename__ = "stops"
    __table_args__ = (CheckConstraint("depart >= arrive", name="dates_in_order"),)

    mission_id: Mapped[str] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    city: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    arrive: Mapped[date] = mapped_column(Date)
    depart: Mapped[date] = mapped_column(Date)
    hotel: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)

    mission: Mapped[Mission] = relationship(back_populates="stops")


travel_participants = Table(
    "travel_participants",
    Base.metadata,
    Column(
        "travel_id",
        ForeignKey("travel_segments.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "participant_id",
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class TravelSegment(Record, Base):
    __tablename__ = "travel_segments"
    __table_args__ = (CheckConstraint("arrive_utc > depart_utc", name="arrives_after_departure"),)

    mission_id: Mapped[str] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(200))
    destination: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(20), default="flight")
    carrier: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(100), default="")
    depart_utc: Mapped[datetime] = mapped_column(DateTime)
    depart_local: Mapped[datetime] = mapped_column(DateTime)
    depart_timezone: Mapped[str] = mapped_column(String(64))
    arrive_utc: Mapped[datetime] = mapped_column(DateTime)
    arrive_local: Mapped[datetime] = mapped_column(DateTime)
    arrive_timezone: Mapped[str] = mapped_column(String(64))

    mission: Mapped[Mission] = relationship(back_populates="travel")
    # Empty means the whole delegation travels.
    participants: Mapped[list[Participant]] = relationship(
        secondary=travel_participants, order_by="Participant.position"
    )


meeting_attendees = Table(
    "meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id",
        ForeignKey("participants.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class MeetingOrganization(Base):
    __tablename__ = "meeting_organizations"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    organization: Mapped[Organization] = relationship()


class MeetingContact(Base):
    __tablename__ = "meeting_contacts"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship()


class Meeting(Record, Base):
    __tablename__ = "meetings"
    __table_args__ = (CheckConstraint("end_utc > start_utc", name="ends_after_start"),)

    mission_id: Mapped[str] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    stop_id: Mapped[str] = mapped_column(ForeignKey("stops.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="meeting")
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    start_utc: Mapped[datetime] = mapped_column(DateTime, index=True)
    start_local: Mapped[datetime] = mapped_column(DateTime)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    end_local: Mapped[datetime] = mapped_column(DateTime)
    timezone: Mapped[str] = mapped_column(String(64))
    venue: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    talking_points: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    mission: Mapped[Mission] = relationship(back_populates="meetings")
    stop: Mapped[Stop] = relationship()
    organization_links: Mapped[list[MeetingOrganization]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingOrganization.position"
    )
    contact_links: Mapped[list[MeetingContact]] = relationship(
        cascade="all, delete-orphan", order_by="MeetingContact.position"
    )
    # Empty means the whole delegation attends.
    attendees: Mapped[list[Participant]] = relationship(
        secondary=meeting_attendees, order_by="Participant.position"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="FollowUp.position"
    )


class FollowUp(Record, Base):
    __tablename__ = "follow_ups"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(300), default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="follow_ups")


class DeletedRecord(Base):
    """A meeting or travel segment that was deleted, remembered for calendar files.

    A calendar that imported an earlier .ics keeps its events until a new file says they
    are cancelled: the next export writes each of these as a STATUS:CANCELLED event with
    the same UID and a higher SEQUENCE. Undoing the delete removes the row again.
    """

    __tablename__ = "deleted_records"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)  # "meeting" or "travel"
    record_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    mission_id: Mapped[str] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    start_timezone: Mapped[str] = mapped_column(String(64))
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    end_timezone: Mapped[str] = mapped_column(String(64))
    last_version: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
