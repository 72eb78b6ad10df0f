"""A mission day by day: where the delegation is, its zones, what starts and lands.

Printed documents (itineraries, briefing schedules) read a plan one local day at a
time. A day runs on the wall clock of where the delegation is: a Santiago morning and a
Bogotá evening are the same day even though their clocks differ. This module works out,
for each day, the places in the order the delegation meets them, the zone abbreviations
(a day with more than one has a zone change), the meetings and travel that start that
day, the travel that lands on it after leaving an earlier day, and where the night is
spent. The rules match the desktop app's schedule (``ui/widgets/schedule_layout.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from missionplanner.domain.plan import MeetingInfo, MissionPlan, StopInfo, TravelInfo
from missionplanner.domain.zones import get_zone, to_local


def place_name(text: str) -> str:
    """A travel end point as a city: "Bogotá (BOG)" → "Bogotá"."""
    stripped = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()
    return stripped or text.strip()


def _name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", place_name(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _local_date(utc: datetime, zone: str) -> date:
    return to_local(utc, zone).date()


def _at(zone: str, day: date, minutes: int) -> datetime:
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    return local.replace(tzinfo=get_zone(zone))


def zone_abbreviation_on(zone: str, day: date, minutes: int = 12 * 60) -> str:
    """The abbreviation of ``zone`` at a local wall-clock time of ``day`` (noon by default)."""
    return _at(zone, day, minutes).tzname() or zone


def _offset_on(zone: str, day: date, minutes: int = 12 * 60) -> timedelta:
    return _at(zone, day, minutes).utcoffset() or timedelta()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    zone: str


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """The clocks change during a day: from one zone abbreviation to another."""

    before: str  # "-03"
    after: str  # "-05"
    before_place: str
    after_place: str
    shift: timedelta  # how far the clocks move: negative means back

    @property
    def shift_text(self) -> str:
        """ "clocks go back 2 h", "clocks go forward 1 h 30 min", "same time"."""
        minutes = int(self.shift.total_seconds() // 60)
        if minutes == 0:
            return "same clock time"
        direction = "forward" if minutes > 0 else "back"
        return f"clocks go {direction} {duration_text(timedelta(minutes=abs(minutes)))}"


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One local day of a mission."""

    date: date
    places: tuple[Place, ...]  # in the order the delegation is there
    zones: tuple[str, ...]  # zone abbreviations in the order the day meets them
    changes: tuple[ZoneChange, ...]
    stops: tuple[StopInfo, ...]  # the stops whose dates include this day
    meetings: tuple[MeetingInfo, ...]  # starting this day (local), by start instant
    departures: tuple[TravelInfo, ...]  # leaving this day (local), by departure instant
    arrivals: tuple[TravelInfo, ...]  # left an earlier day, landing this day
    night: StopInfo | None  # the stop whose nights include this one
    overnight: TravelInfo | None  # under way at the end of the day (a night on board)

    @property
    def zone_change(self) -> bool:
        return len(self.zones) > 1

    @property
    def place_text(self) -> str:
        return " → ".join(p.name for p in self.places)


def duration_text(length: timedelta) -> str:
    """ "6 h 25 min", "45 min", "2 h"."""
    minutes = max(0, int(length.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    if hours:
        return f"{hours} h"
    return f"{minutes} min"


class _Days:
    def __init__(self, plan: MissionPlan, personal: bool) -> None:
        self.plan = plan
        self.personal = personal
        self.stops = tuple(sorted(plan.stops, key=lambda s: (s.arrive, s.depart)))
        self.cities = {_name_key(s.city): s.city for s in self.stops}
        self.travel = tuple(sorted(plan.travel, key=lambda t: (t.depart_utc, t.id)))
        self.spans = {
            t.id: (
                _local_date(t.depart_utc, t.depart_timezone),
                _local_date(max(t.depart_utc, t.arrive_utc), t.arrive_timezone),
            )
            for t in self.travel
        }
        self.departing: dict[date, list[TravelInfo]] = defaultdict(list)
        self.landing: dict[date, list[TravelInfo]] = defaultdict(list)
        for travel in self.travel:
            start, end = self.spans[travel.id]
            self.departing[start].append(travel)
            if end > start:
                self.landing[end].append(travel)
        self.meetings: dict[date, list[MeetingInfo]] = defaultdict(list)
        for meeting in sorted(plan.meetings, key=lambda m: (m.start_utc, m.end_utc, m.id)):
            self.meetings[_local_date(meeting.start_utc, meeting.timezone)].append(meeting)

    def dates(self) -> list[date]:
        if self.personal and self.travel:
            # A person who travels is on the mission from their first trip or meeting to
            # their last: someone joining late or leaving early has no days without them.
            ends = [d for span in self.spans.values() for d in span] + list(self.meetings)
            first, last = min(ends), max(ends)
            return [first + timedelta(n) for n in range((last - first).days + 1)]
        ends = []
        for stop in self.stops:
            ends += [stop.arrive, min(max(stop.depart, stop.arrive), stop.arrive + timedelta(366))]
        for start, end in self.spans.values():
            ends += [start, end]
        days: set[date] = set()
        if ends:
            first, last = min(ends), max(ends)
            days.update(first + timedelta(n) for n in range((last - first).days + 1))
        # A meeting outside the mission's dates still gets its day, never vanishes.
        days.update(self.meetings)
        return sorted(days)

    def city(self, end_point: str) -> str:
        """A travel end point as a stop's city when it names one ("Beijing South" → "Beijing")."""
        name = place_name(end_point)
        key = _name_key(name)
        if key in self.cities:
            return self.cities[key]
        for city_key, city in self.cities.items():
            if key.startswith(city_key + " "):
                return city
        return name

    def moves_everyone(self, travel: TravelInfo) -> bool:
        return self.personal or not travel.participant_ids

    def stops_on(self, day: date) -> list[StopInfo]:
        return [s for s in self.stops if s.arrive <= day <= max(s.depart, s.arrive)]

    def under_way(self, day: date) -> list[TravelInfo]:
        """Segments that left before ``day`` and land on it or later."""
        return [t for t in self.travel if self.spans[t.id][0] < day <= self.spans[t.id][1]]

    def places(self, day: date) -> list[Place]:
        covering = self.stops_on(day)
        earlier = [s for s in covering if s.arrive < day]
        arriving = [s for s in covering if s.arrive == day]
        places: list[Place] = []

        def visit(place: Place) -> None:
            if not places or _name_key(places[-1].name) != _name_key(place.name):
                places.append(place)

        inbound = [t for t in self.under_way(day) if self.moves_everyone(t) or not earlier]
        from_stop = False
        if inbound:
            latest = inbound[-1]
            visit(Place(self.city(latest.destination), latest.arrive_timezone))
        elif earlier:
            stop = max(earlier, key=lambda s: s.arrive)
            visit(Place(stop.city, stop.timezone))
            from_stop = True
        for travel in self.departing.get(day, []):
            origin = Place(self.city(travel.origin), travel.depart_timezone)
            elsewhere = bool(places) and _name_key(places[-1].name) != _name_key(origin.name)
            if elsewhere and not self.moves_everyone(travel):
                # Part of the delegation travelling somewhere else: the rest stay.
                continue
            if elsewhere and self.personal and from_stop and len(places) == 1:
                # This person was not where the delegation's stop says.
                places.clear()
            from_stop = False
            visit(origin)
            visit(Place(self.city(travel.destination), travel.arrive_timezone))
        seen = {_name_key(p.name) for p in places}
        for stop in arriving:
            if _name_key(stop.city) not in seen:
                visit(Place(stop.city, stop.timezone))
                seen.add(_name_key(stop.city))
        if not places:
            for meeting in self.meetings.get(day, []):
                held = self.plan.stop(meeting.stop_id)
                visit(Place(held.city if held else "", meeting.timezone))
        return [p for p in places if p.name]

    def day(self, day: date) -> PlanDay:
        places = self.places(day)
        zones: list[str] = []
        changes: list[ZoneChange] = []

        def meet(abbr: str, place: str, offset: timedelta, previous: tuple[str, timedelta]) -> None:
            if not zones or zones[-1] != abbr:
                if zones:
                    changes.append(
                        ZoneChange(zones[-1], abbr, previous[0], place, offset - previous[1])
                    )
                zones.append(abbr)

        if len(places) == 1:
            # One place all day; a clock change that night still shows (-04 → -03).
            zone, name = places[0].zone, places[0].name
            start = (name, _offset_on(zone, day, 0))
            meet(zone_abbreviation_on(zone, day, 0), name, start[1], start)
            last = 24 * 60 - 1
            meet(zone_abbreviation_on(zone, day, last), name, _offset_on(zone, day, last), start)
        else:
            previous = ("", timedelta())
            for place in places:
                offset = _offset_on(place.zone, day)
                meet(zone_abbreviation_on(place.zone, day), place.name, offset, previous)
                previous = (place.name, offset)
        nights = [s for s in self.stops if s.arrive <= day < s.depart]
        overnight = [t for t in self.travel if self.spans[t.id][0] <= day < self.spans[t.id][1]]
        return PlanDay(
            date=day,
            places=tuple(places),
            zones=tuple(zones),
            changes=tuple(changes),
            stops=tuple(self.stops_on(day)),
            meetings=tuple(self.meetings.get(day, ())),
            departures=tuple(self.departing.get(day, ())),
            arrivals=tuple(self.landing.get(day, ())),
            night=max(nights, key=lambda s: s.arrive) if nights else None,
            overnight=overnight[-1] if overnight else None,
        )


def plan_days(plan: MissionPlan, personal: bool = False) -> tuple[PlanDay, ...]:
    """Every day of a plan, from the first departure or arrival to the last.

    ``personal`` says the plan is one person's (``Dossier.for_participant``): their
    travel says where they are even where it disagrees with the delegation's stops.
    For the whole delegation, a trip by some of its members from somewhere else (a
    member joining late) does not move the delegation.
    """
    days = _Days(plan, personal)
    return tuple(days.day(d) for d in days.dates())
