"""Plain, detached snapshots of a mission: what checks, exports and views read.

These never hold a database session; the store builds them in one query pass and
hands them out. Instants are naive UTC; each time keeps the zone it was entered in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from missionplanner.domain.zones import to_local


def travel_summary(mode: str, carrier: str, reference: str, origin: str, destination: str) -> str:
    """ "Flight Delta DL 145: Atlanta (ATL) → Santiago (SCL)": a trip as calendars name it."""
    heading = " ".join(p for p in (mode.capitalize() or "Travel", carrier, reference) if p)
    return f"{heading}: {origin} → {destination}"


@dataclass(frozen=True, slots=True)
class ParticipantInfo:
    id: str
    name: str
    role: str = ""
    organization: str = ""


@dataclass(frozen=True, slots=True)
class StopInfo:
    id: str
    city: str
    country: str
    timezone: str
    arrive: date
    depart: date
    hotel: str = ""


@dataclass(frozen=True, slots=True)
class TravelInfo:
    id: str
    origin: str
    destination: str
    mode: str
    carrier: str
    reference: str
    depart_utc: datetime
    depart_timezone: str
    arrive_utc: datetime
    arrive_timezone: str
    # Empty means the whole delegation travels.
    participant_ids: frozenset[str] = frozenset()

    @property
    def depart_local(self) -> datetime:
        return to_local(self.depart_utc, self.depart_timezone)

    @property
    def arrive_local(self) -> datetime:
        return to_local(self.arrive_utc, self.arrive_timezone)

    @property
    def label(self) -> str:
        name = " ".join(part for part in (self.carrier, self.reference) if part)
        route = f"{self.origin} → {self.destination}"
        return f"{name} {route}" if name else route


@dataclass(frozen=True, slots=True)
class MeetingInfo:
    id: str
    title: str
    kind: str
    status: str
    stop_id: str
    start_utc: datetime
    end_utc: datetime
    timezone: str
    venue: str = ""
    address: str = ""
    # Empty means the whole delegation attends.
    attendee_ids: frozenset[str] = frozenset()
    organization_ids: tuple[str, ...] = ()

    @property
    def start_local(self) -> datetime:
        return to_local(self.start_utc, self.timezone)

    @property
    def end_local(self) -> datetime:
        return to_local(self.end_utc, self.timezone)


@dataclass(frozen=True, slots=True)
class MissionPlan:
    id: str
    title: str
    home_timezone: str
    participants: tuple[ParticipantInfo, ...] = ()
    stops: tuple[StopInfo, ...] = ()
    travel: tuple[TravelInfo, ...] = ()
    meetings: tuple[MeetingInfo, ...] = ()

    def participant_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.participants)

    def stop(self, stop_id: str) -> StopInfo | None:
        for stop in self.stops:
            if stop.id == stop_id:
                return stop
        return None
