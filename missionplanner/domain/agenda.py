"""What one member of the delegation does: the meetings they attend, the trips they take.

A meeting's attendees and a trip's travellers are lists of participant ids; an empty
list is the convention for the whole delegation, and so is a list naming everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MissionPlan

MEETING = "meeting"
TRAVEL = "travel"


def takes_part(person_id: str, named: frozenset[str]) -> bool:
    """Whether ``person_id`` attends or travels, given who is named (none: everyone)."""
    return not named or person_id in named


def whole_delegation(plan: MissionPlan, named: frozenset[str]) -> bool:
    """Whether the people named are the whole delegation: nobody named, or everyone."""
    return not named or plan.participant_ids() <= named


def plan_of(plan: MissionPlan, person_id: str) -> MissionPlan:
    """The plan as one person lives it: only the meetings and travel they take part in."""
    return replace(
        plan,
        travel=tuple(t for t in plan.travel if takes_part(person_id, t.participant_ids)),
        meetings=tuple(m for m in plan.meetings if takes_part(person_id, m.attendee_ids)),
    )


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """A meeting or a trip of one person; times are instants with the zones they are in."""

    id: str
    kind: str  # MEETING or TRAVEL
    start_utc: datetime
    end_utc: datetime
    timezone: str
    what: str  # a meeting's title; a trip's carrier, reference and route
    where: str  # a meeting's venue, else its city; "" for a trip
    # A trip ends in another zone than it starts in.
    end_timezone: str = ""

    @property
    def end_zone(self) -> str:
        return self.end_timezone or self.timezone


def agenda(plan: MissionPlan, person_id: str) -> tuple[AgendaItem, ...]:
    """What one participant attends or travels on, in time order; cancelled left out."""
    own = plan_of(plan, person_id)
    cities = {stop.id: stop.city for stop in plan.stops}
    items = [
        AgendaItem(
            m.id, MEETING, m.start_utc, m.end_utc, m.timezone, m.title,
            m.venue or cities.get(m.stop_id, ""),
        )
        for m in own.meetings
        if m.status != MeetingStatus.CANCELLED.value
    ]  # fmt: skip
    items += [
        AgendaItem(
            t.id, TRAVEL, t.depart_utc, t.arrive_utc, t.depart_timezone, t.label, "",
            t.arrive_timezone,
        )
        for t in own.travel
    ]  # fmt: skip
    return tuple(sorted(items, key=lambda item: item.start_utc))
