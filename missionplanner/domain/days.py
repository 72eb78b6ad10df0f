"""A mission day by day: where its people are, their zones, what starts and lands.

The one day model of the app and the documents: the schedule's day columns, Today /
Next, the itinerary and the briefing pack all read it, so they name the same places
and announce the same clock changes. A day runs on the wall clock of where the people
are: a Santiago morning and a Bogotá evening are the same day even though their clocks
differ. For each day this module works out the places in the order they are reached
(with the instants the delegation is in each: :class:`Stay`), the zones met (a day with
more than one has a zone change, also when the clocks of one city change, at any hour,
midnight included), the meetings and travel that start that day, the travel that lands
on it after leaving an earlier day, and where the night is spent.

Days are for the whole delegation, where a trip by some of its members from somewhere
else (a member joining late) does not move it, or for one person, whose own travel says
where they are even where it disagrees with the delegation's cities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from missionplanner.domain.agenda import plan_of, whole_delegation
from missionplanner.domain.clocks import (
    SECOND,
    Reading,
    clock_day,
    local_date,
    local_instant,
    reading,
)
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.places import fold
from missionplanner.domain.plan import MeetingInfo, MissionPlan, StopInfo, TravelInfo
from missionplanner.domain.zones import to_local
from missionplanner.messages import Message

MINUTES_PER_DAY = 24 * 60
# Reaching a city without a trip to say when: the day is taken as changing at noon.
NOON = 12 * 60


def place_name(text: str) -> str:
    """A travel end point as a city: "Bogotá (BOG)" → "Bogotá"."""
    stripped = re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()
    return stripped or text.strip()


def name_key(text: str) -> str:
    """A place's name for comparing: "Bogotá (BOG)", "bogota" and "BOGOTÁ" match."""
    return fold(place_name(text))


def zone_abbreviation_on(zone: str, day: date) -> str:
    """How ``zone`` is called on ``day``: its abbreviation at noon there ("-03", "EDT")."""
    return reading(zone, local_instant(zone, day, NOON)).abbreviation


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    zone: str


@dataclass(frozen=True, slots=True)
class Stay:
    """A place of a day and the instants (naive UTC) its people are there: [start, end).

    The first stay of a day starts as the day starts there; a later one when the trip
    reaching it lands (clipped to the day: an overnight flight reaches it as the day
    ends, ``start == end``).
    """

    place: Place
    start: datetime
    end: datetime

    def clock_minute(self, day: date) -> int:
        """When the stay starts on ``day``, in minutes after midnight on its own clock."""
        local = to_local(self.start, self.place.zone)
        if local.date() < day:
            return 0
        if local.date() > day:
            return MINUTES_PER_DAY
        return local.hour * 60 + local.minute


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """The clocks change during a day: from one zone abbreviation to another.

    A move to another zone, or the clocks of one city going forward or back (then
    ``before_place`` and ``after_place`` are the same).
    """

    before: str  # "-03"
    after: str  # "-05"
    before_place: str
    after_place: str
    shift: timedelta  # how far the clocks move: negative means back

    @property
    def clock_change(self) -> bool:
        """The clocks of one place change (no move to another zone)."""
        return name_key(self.before_place) == name_key(self.after_place)

    @property
    def message(self) -> Message:
        """ "Santiago -03 → Bogotá -05 (clocks go back 2 h)", "Santiago -04 → -03 (…)"."""
        if not self.shift:
            shift = Message("days.clocks-same")
        elif self.shift > timedelta():
            shift = Message("days.clocks-forward", length=self.shift)
        else:
            shift = Message("days.clocks-back", length=-self.shift)
        if self.clock_change:
            return Message(
                "days.clock-change",
                place=self.after_place,
                before=self.before,
                after=self.after,
                shift=shift,
            )
        return Message(
            "days.zone-change",
            before_place=self.before_place,
            before=self.before,
            after_place=self.after_place,
            after=self.after,
            shift=shift,
        )


@dataclass(frozen=True, slots=True)
class PlanDay:
    """One local day of a mission."""

    date: date
    stays: tuple[Stay, ...]  # the places in the order the day's people are there
    zones: tuple[str, ...]  # zone abbreviations in the order the day meets them
    changes: tuple[ZoneChange, ...]
    stops: tuple[StopInfo, ...]  # the stops whose dates include this day
    meetings: tuple[MeetingInfo, ...]  # starting this day (local), by start instant
    departures: tuple[TravelInfo, ...]  # leaving this day (local), by departure instant
    arrivals: tuple[TravelInfo, ...]  # left an earlier day, landing this day
    night: StopInfo | None  # the stop whose nights include this one
    overnight: TravelInfo | None  # under way at the end of the day (a night on board)

    @property
    def places(self) -> tuple[Place, ...]:
        return tuple(stay.place for stay in self.stays)

    @property
    def place_names(self) -> tuple[str, ...]:
        return tuple(stay.place.name for stay in self.stays)

    @property
    def place_text(self) -> str:
        return " → ".join(self.place_names)

    @property
    def zone_change(self) -> bool:
        return bool(self.changes)

    @property
    def change_messages(self) -> tuple[Message, ...]:
        return tuple(change.message for change in self.changes)


class MissionDays:
    """The days of a plan, for the whole delegation or (``person``) for one participant.

    For one person the plan is narrowed to what they attend and travel on (cancelled
    meetings left out), and their days run from their first trip or meeting to their
    last: someone joining late or leaving early has no days without them. The whole
    delegation's days keep cancelled meetings (the schedule shows them); a document
    that leaves them out passes a plan without them.
    """

    def __init__(self, plan: MissionPlan, person: str | None = None) -> None:
        self.person = person
        self.personal = person is not None
        if person is not None:
            own = plan_of(plan, person)
            plan = replace(
                own,
                meetings=tuple(
                    m for m in own.meetings if m.status != MeetingStatus.CANCELLED.value
                ),
            )
        self.plan = plan
        self.stops = tuple(sorted(self.plan.stops, key=lambda s: (s.arrive, s.depart)))
        self.cities = {name_key(s.city): s.city for s in self.stops}
        self.travel = tuple(sorted(self.plan.travel, key=lambda t: (t.depart_utc, t.id)))
        self.spans = {
            t.id: (
                local_date(t.depart_timezone, t.depart_utc),
                local_date(t.arrive_timezone, max(t.depart_utc, t.arrive_utc)),
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
        for meeting in sorted(self.plan.meetings, key=lambda m: (m.start_utc, m.end_utc, m.id)):
            self.meetings[local_date(meeting.timezone, meeting.start_utc)].append(meeting)
        self.days: tuple[PlanDay, ...] = tuple(self._day(day) for day in self._dates())
        self._by_date = {d.date: d for d in self.days}

    # --- questions -----------------------------------------------------------------------

    def on(self, day: date) -> PlanDay | None:
        return self._by_date.get(day)

    def city(self, end_point: str) -> str:
        """A travel end point as a stop's city when it names one ("Beijing South" → "Beijing")."""
        name = place_name(end_point)
        key = name_key(name)
        if key in self.cities:
            return self.cities[key]
        for city_key, city in self.cities.items():
            if key.startswith(city_key + " "):
                return city
        return name

    def stop_at(self, day: date, minute: int) -> StopInfo | None:
        """The stop a local time of a day belongs to: the one its people are in then.

        ``minute`` is read on the clock of each place of the day: on a moving day, a time
        before the trip lands belongs to the stop being left, one after to the stop
        reached.
        """
        plan_day = self._by_date.get(day)
        if plan_day is None or not plan_day.stops:
            return None
        covering = plan_day.stops
        if len(covering) == 1:
            return covering[0]
        here: Stay | None = None
        for stay in plan_day.stays:
            if here is None or stay.clock_minute(day) <= minute:
                here = stay
        if here is not None:
            key = name_key(here.place.name)
            for stop in reversed(covering):
                if name_key(stop.city) == key:
                    return stop
        # No place of the day is one of its stops: before noon the stop being left.
        arriving = [s for s in covering if s.arrive == day]
        staying = [s for s in covering if s.arrive < day]
        if arriving and (minute >= NOON or not staying):
            return arriving[-1]
        return max(staying, key=lambda s: s.arrive) if staying else covering[-1]

    def place_at(self, utc: datetime) -> Place | None:
        """Where the people of these days are at an instant; None before or after them."""
        stays = [stay for day in self.days for stay in day.stays]
        if not stays or utc < stays[0].start or utc >= stays[-1].end:
            return None
        current = stays[0]
        for stay in stays:
            if stay.start <= utc:
                current = stay
        return current.place

    # --- building ------------------------------------------------------------------------

    def moves_everyone(self, travel: TravelInfo) -> bool:
        return self.personal or whole_delegation(self.plan, travel.participant_ids)

    def stops_on(self, day: date) -> list[StopInfo]:
        return [s for s in self.stops if s.arrive <= day <= max(s.depart, s.arrive)]

    def under_way(self, day: date) -> list[TravelInfo]:
        """Segments that left before ``day`` and land on it or later."""
        return [t for t in self.travel if self.spans[t.id][0] < day <= self.spans[t.id][1]]

    def _dates(self) -> list[date]:
        if self.personal and self.travel:
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

    def _landed_before(self, day: date) -> TravelInfo | None:
        """The trip of this person that landed last before ``day``."""
        landed = [t for t in self.travel if self.spans[t.id][1] < day]
        return max(landed, key=lambda t: (t.arrive_utc, t.id)) if landed else None

    def _visits(self, day: date) -> list[tuple[Place, datetime | None]]:
        """The places of a day in order, each with the instant it is reached if known."""
        covering = self.stops_on(day)
        earlier = [s for s in covering if s.arrive < day]
        arriving = [s for s in covering if s.arrive == day]
        visits: list[tuple[Place, datetime | None]] = []

        def visit(place: Place, at: datetime | None) -> None:
            if place.name and (not visits or name_key(visits[-1][0].name) != name_key(place.name)):
                visits.append((place, at))

        inbound = [t for t in self.under_way(day) if self.moves_everyone(t) or not earlier]
        landed = self._landed_before(day) if self.personal else None
        from_stop = False
        if inbound:
            latest = inbound[-1]
            visit(Place(self.city(latest.destination), latest.arrive_timezone), None)
        elif landed is not None and (
            not earlier or self.spans[landed.id][1] >= max(s.arrive for s in earlier)
        ):
            # This person's own latest trip is newer news than the delegation's cities.
            visit(Place(self.city(landed.destination), landed.arrive_timezone), None)
        elif earlier:
            stop = max(earlier, key=lambda s: s.arrive)
            visit(Place(stop.city, stop.timezone), None)
            from_stop = True
        for travel in self.departing.get(day, []):
            origin = Place(self.city(travel.origin), travel.depart_timezone)
            elsewhere = bool(visits) and name_key(visits[-1][0].name) != name_key(origin.name)
            if elsewhere and not self.moves_everyone(travel):
                # Part of the delegation travelling somewhere else: the rest stay.
                continue
            if elsewhere and self.personal and from_stop and len(visits) == 1:
                # This person was not where the delegation's stop says.
                visits.clear()
            from_stop = False
            visit(origin, travel.depart_utc)
            visit(Place(self.city(travel.destination), travel.arrive_timezone), travel.arrive_utc)
        seen = {name_key(place.name) for place, _at in visits}
        for stop in arriving:
            if name_key(stop.city) not in seen:
                visit(Place(stop.city, stop.timezone), None)
                seen.add(name_key(stop.city))
        if not visits:
            for meeting in self.meetings.get(day, []):
                held = self.plan.stop(meeting.stop_id)
                visit(Place(held.city if held else "", meeting.timezone), meeting.start_utc)
        return visits

    def _day(self, day: date) -> PlanDay:
        stays = _stays(day, self._visits(day))
        zones, changes = _zones(day, stays)
        nights = [s for s in self.stops if s.arrive <= day < s.depart]
        if self.personal and stays:
            # One person sleeps where their day ends, not where the others do.
            here = name_key(stays[-1].place.name)
            nights = [s for s in nights if name_key(s.city) == here]
        overnight = [t for t in self.travel if self.spans[t.id][0] <= day < self.spans[t.id][1]]
        return PlanDay(
            date=day,
            stays=stays,
            zones=zones,
            changes=changes,
            stops=tuple(self.stops_on(day)),
            meetings=tuple(self.meetings.get(day, ())),
            departures=tuple(self.departing.get(day, ())),
            arrivals=tuple(self.landing.get(day, ())),
            night=max(nights, key=lambda s: s.arrive) if nights else None,
            overnight=overnight[-1] if overnight else None,
        )


def plan_days(plan: MissionPlan, person: str | None = None) -> tuple[PlanDay, ...]:
    """Every day of a plan, from the first departure or arrival to the last (see
    :class:`MissionDays`)."""
    return MissionDays(plan, person).days


def _stays(day: date, visits: list[tuple[Place, datetime | None]]) -> tuple[Stay, ...]:
    """The places of a day with the instants spent in each, on real instants of the day."""
    starts: list[datetime] = []
    for place, at in visits:
        clock = clock_day(place.zone, day)
        if not starts:
            starts.append(clock.start)
            continue
        reached = at if at is not None else local_instant(place.zone, day, NOON)
        starts.append(min(max(reached, clock.start, starts[-1]), clock.end))
    stays: list[Stay] = []
    for index, (place, _at) in enumerate(visits):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else clock_day(place.zone, day).end
        stays.append(Stay(place, start, max(start, end)))
    return tuple(stays)


def _zones(day: date, stays: tuple[Stay, ...]) -> tuple[tuple[str, ...], tuple[ZoneChange, ...]]:
    """The zone abbreviations a day meets, in order, and each change between them.

    Each stay is read on its own zone's clock from the instant it starts, and again at
    every transition of that zone while it lasts: a clock change at 03:00, at 24:00 or
    as the day begins is met like a flight to another zone.
    """
    zones: list[str] = []
    changes: list[ZoneChange] = []
    last: tuple[Reading, str] | None = None
    for stay in stays:
        clock = clock_day(stay.place.zone, day)
        inside = [t for t in clock.transitions if stay.start <= t.at < stay.end]
        if inside and inside[0].at == stay.start:
            first = inside[0].before  # the day begins as the clocks change
        else:
            first = reading(stay.place.zone, min(stay.start, clock.end - SECOND))
        for read in (first, *(t.after for t in inside)):
            if last is None or last[0] != read:
                if last is not None:
                    changes.append(
                        ZoneChange(
                            before=last[0].abbreviation,
                            after=read.abbreviation,
                            before_place=last[1],
                            after_place=stay.place.name,
                            shift=read.offset - last[0].offset,
                        )
                    )
                zones.append(read.abbreviation)
            last = (read, stay.place.name)
    return tuple(zones), tuple(changes)
