"""Editable forms of single records: what an edit dialog shows and hands back.

Forms are plain values in the user's terms (local wall-clock times with their zone,
ids of linked records). The record services validate them field by field and write
them; undo keeps the form from before an edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class MissionForm:
    id: str | None
    title: str
    organizer: str = ""
    direction: str = "outbound"
    status: str = "draft"
    objectives: str = ""
    home_timezone: str = "UTC"


@dataclass(slots=True)
class ParticipantForm:
    id: str | None
    mission_id: str
    name: str
    role: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    position: int | None = None
    # Meetings and travel that name this person explicitly (kept so a removal undoes fully).
    meeting_ids: list[str] = field(default_factory=list)
    travel_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StopForm:
    id: str | None
    mission_id: str
    city: str
    country: str
    arrive: date
    depart: date
    # Empty: looked up from the city and country in the gazetteer.
    timezone: str = ""
    hotel: str = ""
    notes: str = ""
    position: int | None = None


@dataclass(slots=True)
class TravelForm:
    id: str | None
    mission_id: str
    origin: str
    destination: str
    depart_local: datetime
    depart_timezone: str
    arrive_local: datetime
    arrive_timezone: str
    mode: str = "flight"
    carrier: str = ""
    reference: str = ""
    # Empty: the whole delegation travels.
    participant_ids: list[str] = field(default_factory=list)
    position: int | None = None


@dataclass(slots=True)
class FollowUpForm:
    id: str | None
    action: str
    owner: str = ""
    due: date | None = None
    done: bool = False


@dataclass(slots=True)
class MeetingForm:
    id: str | None
    mission_id: str
    stop_id: str
    title: str
    start_local: datetime
    end_local: datetime
    # Empty: the stop's zone.
    timezone: str = ""
    kind: str = "meeting"
    status: str = "proposed"
    venue: str = ""
    address: str = ""
    objectives: str = ""
    talking_points: str = ""
    notes: str = ""
    organization_ids: list[str] = field(default_factory=list)
    contact_ids: list[str] = field(default_factory=list)
    # Empty: the whole delegation attends.
    attendee_ids: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpForm] = field(default_factory=list)
    position: int | None = None


@dataclass(slots=True)
class ContactForm:
    id: str | None
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    # The meetings that name this contact, with its place in each one's list (kept so a
    # removal from the organization undoes fully).
    meeting_positions: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class OrganizationForm:
    id: str | None
    name: str
    kind: str = "other"
    city: str = ""
    country: str = ""
    website: str = ""
    profile: str = ""
    sectors: list[str] = field(default_factory=list)
    contacts: list[ContactForm] = field(default_factory=list)


Form = MissionForm | ParticipantForm | StopForm | TravelForm | MeetingForm | OrganizationForm
