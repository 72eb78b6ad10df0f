"""Schedule problems in a mission plan: clashes, travel conflicts, odd hours and days.

``check`` reads a detached ``MissionPlan`` and returns the problems a trip organizer
should look at, errors first. Clashes are always judged on real instants (naive UTC),
never on clock readings, because the cities of one mission keep different zones; days
and hours are judged on the local clock of the meeting's own zone.

Overlaps are found with a sweep per participant over intervals sorted by start, keeping
only the intervals still running, so a large mission never costs a pairwise loop.
Cancelled meetings are left out entirely.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Protocol, TypeVar

import holidays

from missionplanner.domain.enums import MeetingKind, MeetingStatus
from missionplanner.domain.plan import MeetingInfo, MissionPlan, StopInfo, TravelInfo
from missionplanner.domain.zones import is_ambiguous, to_local


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# The problem codes (``Problem.code``), stable for callers to filter or group on.
DOUBLE_BOOKED = "double-booked"
TRAVEL_CONFLICT = "travel-conflict"
OUTSIDE_STOP = "outside-stop"
TIGHT_CONNECTION = "tight-connection"
OUTSIDE_HOURS = "outside-hours"
WEEKEND = "weekend"
HOLIDAY = "holiday"
AMBIGUOUS_TIME = "ambiguous-time"


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    code: str
    # Written for trip organizers: records by name, times local with the zone abbreviation.
    message: str
    # Ids of the records involved: meetings, travel segments, stops, participants.
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckSettings:
    min_gap: timedelta = timedelta(minutes=30)
    day_start: time = time(8, 0)
    day_end: time = time(19, 0)


# --- local times, computed once per record -------------------------------------------


@dataclass(frozen=True, slots=True)
class _Local:
    """One instant read on a zone's clock."""

    wall: datetime  # naive local wall-clock time
    abbr: str  # zone abbreviation at that instant (-03, EDT…)
    later: bool  # the second of two identical clock readings (clocks went back)

    @classmethod
    def of(cls, utc: datetime, zone: str) -> _Local:
        aware = to_local(utc, zone)
        return cls(aware.replace(tzinfo=None, fold=0), aware.tzname() or zone, aware.fold == 1)


# eq=False: records are compared and hashed by identity, which is cheap in the sweeps.
@dataclass(frozen=True, slots=True, eq=False)
class _Meeting:
    info: MeetingInfo
    stop: StopInfo | None
    start: _Local
    end: _Local

    @property
    def start_utc(self) -> datetime:
        return self.info.start_utc

    @property
    def end_utc(self) -> datetime:
        # An end before the start is bad data; read it as a zero-length meeting.
        return max(self.info.start_utc, self.info.end_utc)

    @property
    def last_day(self) -> date:
        return _last_day(self.start.wall, self.end.wall)


@dataclass(frozen=True, slots=True, eq=False)
class _Travel:
    info: TravelInfo
    depart: _Local
    arrive: _Local

    @property
    def start_utc(self) -> datetime:
        return self.info.depart_utc

    @property
    def end_utc(self) -> datetime:
        return max(self.info.depart_utc, self.info.arrive_utc)


class _Interval(Protocol):
    @property
    def start_utc(self) -> datetime: ...

    @property
    def end_utc(self) -> datetime: ...


_T = TypeVar("_T", bound=_Interval)


def _last_day(start: datetime, end: datetime) -> date:
    """The last local date a span covers: an end at exactly midnight ends the day before."""
    if end > start and end.time() == time(0, 0):
        return end.date() - timedelta(days=1)
    return end.date()


def _days(start: date, last: date) -> Iterator[date]:
    day = start
    while day <= last:
        yield day
        day += timedelta(days=1)


# --- the plan, prepared once -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    settings: CheckSettings
    meetings: tuple[_Meeting, ...]  # not cancelled
    travel: tuple[_Travel, ...]
    names: Mapping[str, str]  # participant id -> name
    rank: Mapping[str, int]  # participant id -> position in the plan, for stable lists
    everyone: frozenset[str]


def _prepare(plan: MissionPlan, settings: CheckSettings) -> _Context:
    stops = {stop.id: stop for stop in plan.stops}
    meetings = tuple(
        _Meeting(
            info=m,
            stop=stops.get(m.stop_id),
            start=_Local.of(m.start_utc, m.timezone),
            end=_Local.of(m.end_utc, m.timezone),
        )
        for m in plan.meetings
        if m.status.strip().lower() != MeetingStatus.CANCELLED
    )
    travel = tuple(
        _Travel(
            info=t,
            depart=_Local.of(t.depart_utc, t.depart_timezone),
            arrive=_Local.of(t.arrive_utc, t.arrive_timezone),
        )
        for t in plan.travel
    )
    return _Context(
        settings=settings,
        meetings=meetings,
        travel=travel,
        names={p.id: p.name for p in plan.participants},
        rank={p.id: i for i, p in enumerate(plan.participants)},
        everyone=plan.participant_ids(),
    )


def _attendees(ctx: _Context, item: _Meeting | _Travel) -> frozenset[str]:
    """Who takes part; an empty set means the whole delegation."""
    ids = item.info.attendee_ids if isinstance(item, _Meeting) else item.info.participant_ids
    return ids or ctx.everyone


def _order(item: _Meeting | _Travel) -> tuple[datetime, datetime, int, str]:
    return (item.start_utc, item.end_utc, isinstance(item, _Travel), item.info.id)


_R = TypeVar("_R", bound="_Meeting | _Travel")


def _timelines(ctx: _Context, items: Iterable[_R]) -> dict[str, list[_R]]:
    """Per participant, the given meetings or travel they take part in, sorted by start."""
    lines: dict[str, list[_R]] = defaultdict(list)
    for item in sorted(items, key=_order):
        for pid in _attendees(ctx, item):
            lines[pid].append(item)
    return lines


def _overlapping_pairs(items: Sequence[_T]) -> Iterator[tuple[_T, _T]]:
    """Pairs that overlap in real time, from intervals sorted by start.

    Only the intervals still running (end after the current start) are kept, so the cost
    follows the number of real overlaps, not the square of the number of intervals.
    Touching intervals (one ends when the next starts) do not overlap.
    """
    active: list[_T] = []
    for item in items:
        active = [a for a in active if a.end_utc > item.start_utc]
        for earlier in active:
            if item.end_utc > earlier.start_utc:
                yield earlier, item
        active.append(item)


# --- wording -------------------------------------------------------------------------
# Day and month names are spelled out here rather than taken from strftime, whose %a and
# %b follow the process locale (a GUI toolkit may set it) and whose %-d is not portable.

_DASH = "\N{EN DASH}"
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: date) -> str:
    """Tue 6 Oct 2026"""
    return f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]} {day.year}"


def _clock(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _moment(value: _Local) -> str:
    """Tue 6 Oct 2026 07:05 -03"""
    return f"{_day(value.wall.date())} {_clock(value.wall)} {value.abbr}"


def _span(start: _Local, end: _Local) -> str:
    """A meeting's time, e.g. "Tue 6 Oct 2026, 10:00-11:00 -03" (with an en dash).

    The abbreviation is shown after each time when the two differ (a clock change).
    """
    same_day = start.wall.date() == end.wall.date()
    first = f"{_day(start.wall.date())}{',' if same_day else ''} {_clock(start.wall)}"
    last = _clock(end.wall) if same_day else f"{_day(end.wall.date())} {_clock(end.wall)}"
    if start.abbr != end.abbr:
        return f"{first} {start.abbr} {_DASH} {last} {end.abbr}"
    return f"{first}{_DASH if same_day else f' {_DASH} '}{last} {end.abbr}"


def _title(meeting: _Meeting) -> str:
    return f"“{meeting.info.title.strip() or 'Untitled meeting'}”"


def _city(meeting: _Meeting) -> str:
    return f", {meeting.stop.city}" if meeting.stop is not None and meeting.stop.city else ""


def _describe(meeting: _Meeting) -> str:
    """“Title” (Tue 6 Oct 2026, 10:00-11:00 -03, Santiago)"""
    return f"{_title(meeting)} ({_span(meeting.start, meeting.end)}{_city(meeting)})"


def _describe_day(meeting: _Meeting, day: date) -> str:
    """“Title” (Mon 12 Oct 2026, Medellín)"""
    return f"{_title(meeting)} ({_day(day)}{_city(meeting)})"


def _describe_travel(travel: _Travel) -> str:
    """DL 145 Atlanta → Santiago (departs …, arrives …)"""
    timing = f"departs {_moment(travel.depart)}, arrives {_moment(travel.arrive)}"
    return f"{travel.info.label} ({timing})"


def _place(meeting: _Meeting) -> str:
    place = meeting.info.venue.strip() or meeting.info.address.strip()
    return f" at {place}" if place else ""


def _duration(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def _join(words: Sequence[str]) -> str:
    """A; A and B; A, B and C"""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _ordered(ctx: _Context, pids: Iterable[str]) -> tuple[str, ...]:
    """Participant ids in the plan's order (ids the plan does not list go last)."""
    return tuple(sorted(pids, key=lambda pid: (ctx.rank.get(pid, len(ctx.rank)), pid)))


def _people(ctx: _Context, pids: Sequence[str]) -> str:
    return _join([ctx.names.get(pid, pid) for pid in pids])


# --- findings --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Finding:
    at: datetime  # the earliest instant of the records involved, for ordering
    problem: Problem

    def sort_key(self) -> tuple[bool, datetime, str, tuple[str, ...]]:
        problem = self.problem
        return (problem.severity != Severity.ERROR, self.at, problem.code, problem.refs)


def _finding(
    at: datetime, severity: Severity, code: str, message: str, refs: tuple[str, ...]
) -> _Finding:
    return _Finding(at, Problem(severity, code, message, refs))


# --- clashes: double bookings and travel conflicts ------------------------------------


def _clashes(ctx: _Context) -> Iterator[_Finding]:
    """One sweep per participant over meetings and travel together."""
    booked: dict[tuple[_Meeting, _Meeting], set[str]] = defaultdict(set)
    travelling: dict[tuple[_Meeting, _Travel], set[str]] = defaultdict(set)
    items: list[_Meeting | _Travel] = [*ctx.meetings, *ctx.travel]
    for pid, line in _timelines(ctx, items).items():
        for a, b in _overlapping_pairs(line):
            if isinstance(a, _Meeting) and isinstance(b, _Meeting):
                booked[a, b].add(pid)
            elif isinstance(a, _Meeting) and isinstance(b, _Travel):
                travelling[a, b].add(pid)
            elif isinstance(a, _Travel) and isinstance(b, _Meeting):
                travelling[b, a].add(pid)
            # Two overlapping travel segments are not one of the checks.
    for (first, second), pids in booked.items():
        yield _double_booked(ctx, first, second, _ordered(ctx, pids))
    for (meeting, travel), pids in travelling.items():
        yield _travel_conflict(ctx, meeting, travel, _ordered(ctx, pids))


def _double_booked(
    ctx: _Context, first: _Meeting, second: _Meeting, pids: tuple[str, ...]
) -> _Finding:
    verb = "is" if len(pids) == 1 else "are"
    message = (
        f"{_people(ctx, pids)} {verb} double-booked: "
        f"{_describe(first)} overlaps {_describe(second)}."
    )
    refs = (first.info.id, second.info.id, *pids)
    return _finding(first.start_utc, Severity.ERROR, DOUBLE_BOOKED, message, refs)


def _travel_conflict(
    ctx: _Context, meeting: _Meeting, travel: _Travel, pids: tuple[str, ...]
) -> _Finding:
    verb = "is" if len(pids) == 1 else "are"
    message = (
        f"{_people(ctx, pids)} {verb} travelling on {_describe_travel(travel)} "
        f"during {_describe(meeting)}."
    )
    refs = (meeting.info.id, travel.info.id, *pids)
    at = min(meeting.start_utc, travel.start_utc)
    return _finding(at, Severity.ERROR, TRAVEL_CONFLICT, message, refs)


# --- tight connections ------------------------------------------------------------------


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def _different_places(a: MeetingInfo, b: MeetingInfo) -> bool:
    """Whether going from one meeting to the other means moving.

    Venues are compared trimmed, case-insensitively (inner runs of spaces count as one).
    When either venue is empty the addresses decide, compared the same way: the places
    differ only if the addresses differ (so at least one is filled in). With nothing to
    go on, the meetings are taken to be in the same place and no warning is given.
    """
    venue_a, venue_b = _normalized(a.venue), _normalized(b.venue)
    if venue_a and venue_b:
        return venue_a != venue_b
    return _normalized(a.address) != _normalized(b.address)


def _connections(line: Sequence[_Meeting]) -> Iterator[tuple[_Meeting, _Meeting]]:
    """Each meeting with the one the participant comes from, when they do not overlap.

    The meeting one comes from is the earlier meeting that ends last; if it is still
    running when the next one starts, that is a double booking, not a connection.
    """
    latest: _Meeting | None = None
    for meeting in line:
        if latest is not None and latest.end_utc <= meeting.start_utc:
            yield latest, meeting
        if latest is None or meeting.end_utc > latest.end_utc:
            latest = meeting


def _tight_connections(ctx: _Context) -> Iterator[_Finding]:
    tight: dict[tuple[_Meeting, _Meeting], set[str]] = defaultdict(set)
    for pid, line in _timelines(ctx, ctx.meetings).items():
        for a, b in _connections(line):
            gap = b.start_utc - a.end_utc
            if gap < ctx.settings.min_gap and _different_places(a.info, b.info):
                tight[a, b].add(pid)
    for (first, second), pids in tight.items():
        yield _tight_connection(ctx, first, second, _ordered(ctx, pids))


def _tight_connection(
    ctx: _Context, first: _Meeting, second: _Meeting, pids: tuple[str, ...]
) -> _Finding:
    verb = "has" if len(pids) == 1 else "have"
    gap = second.start_utc - first.end_utc
    time_left = f"only {_duration(gap)}" if gap >= timedelta(minutes=1) else "no time"
    message = (
        f"{_people(ctx, pids)} {verb} {time_left} to get from {_describe(first)}"
        f"{_place(first)} to {_describe(second)}{_place(second)}."
    )
    refs = (first.info.id, second.info.id, *pids)
    return _finding(first.start_utc, Severity.WARNING, TIGHT_CONNECTION, message, refs)


# --- one meeting at a time -------------------------------------------------------------


def _outside_stop(meeting: _Meeting) -> _Finding | None:
    stop = meeting.stop
    if stop is None:
        message = (
            f"{_describe(meeting)} is not linked to any stop of this mission; "
            "choose the city it takes place in."
        )
        return _finding(
            meeting.start_utc, Severity.ERROR, OUTSIDE_STOP, message, (meeting.info.id,)
        )
    # Local dates in the meeting's zone; an end at exactly midnight counts for the day before.
    if stop.arrive <= meeting.start.wall.date() and meeting.last_day <= stop.depart:
        return None
    city = stop.city or "this stop"
    message = (
        f"{_describe(meeting)} is outside the stay in {city} "
        f"({_day(stop.arrive)} {_DASH} {_day(stop.depart)})."
    )
    refs = (meeting.info.id, stop.id)
    return _finding(meeting.start_utc, Severity.ERROR, OUTSIDE_STOP, message, refs)


def _outside_hours(meeting: _Meeting, settings: CheckSettings) -> _Finding | None:
    if meeting.info.kind.strip().lower() != MeetingKind.MEETING:
        return None
    start, end = meeting.start.wall, meeting.end.wall
    closing = datetime.combine(start.date(), settings.day_end)
    if start.time() >= settings.day_start and end <= closing:
        return None
    hours = f"{_clock(datetime.combine(start.date(), settings.day_start))}{_DASH}{_clock(closing)}"
    message = f"{_describe(meeting)} is outside working hours ({hours} local time)."
    return _finding(meeting.start_utc, Severity.WARNING, OUTSIDE_HOURS, message, (meeting.info.id,))


def _weekend(meeting: _Meeting) -> _Finding | None:
    for day in _days(meeting.start.wall.date(), meeting.last_day):
        if day.weekday() >= 5:
            message = f"{_describe_day(meeting, day)} falls on a {_DAY_NAMES[day.weekday()]}."
            return _finding(
                meeting.start_utc, Severity.WARNING, WEEKEND, message, (meeting.info.id,)
            )
    return None


@cache
def _holiday_language(country: str) -> str | None:
    """The language for holiday names: English where the package has it.

    Always passed explicitly: without it the package picks a language from the
    environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), so two machines would disagree.
    Raises NotImplementedError for a country the package does not know.
    """
    supported = tuple(holidays.country_holidays(country).supported_languages)
    english = [lang for lang in supported if lang.startswith("en")]
    if "en_US" in english:
        return "en_US"
    if english:
        return english[0]
    return holidays.country_holidays(country).default_language


@cache
def _holiday_calendar(country: str, year: int) -> Mapping[date, str]:
    """Public holidays of a country (ISO 3166 code) in a year; empty if it is unknown."""
    try:
        language = _holiday_language(country)
        calendar = holidays.country_holidays(country, years=year, language=language)
    except NotImplementedError:
        return {}
    return {day: str(name) for day, name in calendar.items()}


def _holiday(meeting: _Meeting) -> _Finding | None:
    if meeting.stop is None:
        return None
    country = meeting.stop.country.strip().upper()
    if not country:
        return None
    for day in _days(meeting.start.wall.date(), meeting.last_day):
        name = _holiday_calendar(country, day.year).get(day)
        if name:
            message = (
                f"{_describe_day(meeting, day)} falls on a public holiday in {country}: {name}."
            )
            return _finding(
                meeting.start_utc, Severity.WARNING, HOLIDAY, message, (meeting.info.id,)
            )
    return None


def _repeated_times(times: Sequence[tuple[str, _Local, str]]) -> list[str]:
    """For each (what, local time, zone) whose clock reading happens twice, which one it is."""
    parts = []
    for what, local, zone in times:
        if local.later or is_ambiguous(local.wall, zone):
            which = "later" if local.later else "earlier"
            reading = f"the {what} {_clock(local.wall)} in {zone}"
            parts.append(f"{reading} is taken as the {which} one ({local.abbr})")
    return parts


def _ambiguous_message(subject: str, parts: Sequence[str]) -> str:
    return (
        f"{subject} has a clock time that happens twice because the clocks go back: "
        f"{'; '.join(parts)}. Check that this is the one meant."
    )


def _ambiguous_meeting(meeting: _Meeting) -> _Finding | None:
    zone = meeting.info.timezone
    parts = _repeated_times((("start", meeting.start, zone), ("end", meeting.end, zone)))
    if not parts:
        return None
    message = _ambiguous_message(_describe(meeting), parts)
    return _finding(
        meeting.start_utc, Severity.WARNING, AMBIGUOUS_TIME, message, (meeting.info.id,)
    )


def _ambiguous_travel(travel: _Travel) -> _Finding | None:
    info = travel.info
    times = (
        ("departure", travel.depart, info.depart_timezone),
        ("arrival", travel.arrive, info.arrive_timezone),
    )
    parts = _repeated_times(times)
    if not parts:
        return None
    message = _ambiguous_message(_describe_travel(travel), parts)
    return _finding(travel.start_utc, Severity.WARNING, AMBIGUOUS_TIME, message, (info.id,))


def _single_findings(ctx: _Context) -> Iterator[_Finding]:
    for meeting in ctx.meetings:
        yield from _present(
            _outside_stop(meeting),
            _outside_hours(meeting, ctx.settings),
            _weekend(meeting),
            _holiday(meeting),
            _ambiguous_meeting(meeting),
        )
    for travel in ctx.travel:
        yield from _present(_ambiguous_travel(travel))


def _present(*findings: _Finding | None) -> Iterator[_Finding]:
    return (finding for finding in findings if finding is not None)


# --- the entry point --------------------------------------------------------------------


def check(plan: MissionPlan, settings: CheckSettings = CheckSettings()) -> list[Problem]:
    """Every schedule problem of ``plan``: errors first, then by time, then by code."""
    ctx = _prepare(plan, settings)
    findings = [*_clashes(ctx), *_tight_connections(ctx), *_single_findings(ctx)]
    findings.sort(key=_Finding.sort_key)
    return [finding.problem for finding in findings]
