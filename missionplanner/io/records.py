"""Validated records of a mission file, ready to be written to the database.

Field names match the database columns so the importer can compare and write them
without a translation table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from missionplanner.domain.zones import ResolvedTime

FORMAT = "missionplanner/1"


@dataclass(slots=True)
class ContactRecord:
    id: str
    organization_id: str
    position: int
    name: str
    title: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(slots=True)
class OrganizationRecord:
    id: str
    name: str
    kind: str = ""
    city: str = ""
    country: str = ""
    website: str = ""
    profile: str = ""
    sectors: list[str] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)


@dataclass(slots=True)
class ParticipantRecord:
    id: str
    mission_id: str
    position: int
    name: str
    role: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""


@dataclass(slots=True)
class StopRecord:
    id: str
    mission_id: str
    position: int
    city: str
    country: str
    timezone: str
    arrive: date
    depart: date
    hotel: str = ""
    notes: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(slots=True)
class TravelRecord:
    id: str
    mission_id: str
    position: int
    origin: str
    destination: str
    mode: str
    carrier: str
    reference: str
    depart: ResolvedTime
    arrive: ResolvedTime
    participant_ids: list[str] = field(default_factory=list)

    def columns(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mission_id": self.mission_id,
            "position": self.position,
            "origin": self.origin,
            "destination": self.destination,
            "mode": self.mode,
            "carrier": self.carrier,
            "reference": self.reference,
            "depart_utc": self.depart.utc,
            "depart_local": self.depart.local,
            "depart_timezone": self.depart.zone,
            "arrive_utc": self.arrive.utc,
            "arrive_local": self.arrive.local,
            "arrive_timezone": self.arrive.zone,
        }


@dataclass(slots=True)
class FollowUpRecord:
    id: str
    meeting_id: str
    position: int
    action: str
    owner: str = ""
    due: date | None = None
    done: bool = False


@dataclass(slots=True)
class MeetingRecord:
    id: str
    mission_id: str
    stop_id: str
    position: int
    title: str
    kind: str
    status: str
    start: ResolvedTime
    end: ResolvedTime
    venue: str = ""
    address: str = ""
    objectives: str = ""
    talking_points: str = ""
    notes: str = ""
    organization_ids: list[str] = field(default_factory=list)
    contact_ids: list[str] = field(default_factory=list)
    attendee_ids: list[str] = field(default_factory=list)
    follow_ups: list[FollowUpRecord] = field(default_factory=list)

    def columns(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mission_id": self.mission_id,
            "stop_id": self.stop_id,
            "position": self.position,
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "start_utc": self.start.utc,
            "start_local": self.start.local,
            "end_utc": self.end.utc,
            "end_local": self.end.local,
            "timezone": self.start.zone,
            "venue": self.venue,
            "address": self.address,
            "objectives": self.objectives,
            "talking_points": self.talking_points,
            "notes": self.notes,
        }


@dataclass(slots=True)
class MissionRecord:
    id: str
    title: str
    organizer: str = ""
    direction: str = "outbound"
    status: str = "draft"
    objectives: str = ""
    home_timezone: str = "UTC"
    participants: list[ParticipantRecord] = field(default_factory=list)
    stops: list[StopRecord] = field(default_factory=list)
    travel: list[TravelRecord] = field(default_factory=list)
    meetings: list[MeetingRecord] = field(default_factory=list)


@dataclass(slots=True)
class MissionFileContents:
    organizations: list[OrganizationRecord] = field(default_factory=list)
    missions: list[MissionRecord] = field(default_factory=list)
