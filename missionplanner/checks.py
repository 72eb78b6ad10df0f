"""Schedule problems in a mission plan: clashes, travel conflicts, odd hours and days.

``check`` reads a detached ``MissionPlan`` and returns the problems a trip organizer
should look at, errors first. Clashes are always judged on real instants (naive UTC),
never on clock readings, because the cities of one mission keep different zones; days
and hours are judged on the local clock of the meeting's own zone.

Overlaps are found with a sweep per participant over intervals sorted by start, keeping
only the intervals still running, so a large mission never costs a pairwise loop.
Cancelled meetings are left out entirely.

Problems say what they found as a :class:`~missionplanner.messages.Message`: the names,
local times (aware, so their zone abbreviation goes with them) and nested messages that
describe each meeting or trip. The words are in :mod:`missionplanner.catalogue.checks`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from itertools import chain
from typing import Protocol, TypeVar

import holidays

from missionplanner.domain.enums import MeetingKind, MeetingStatus
from missionplanner.domain.plan import MeetingInfo, MissionPlan, StopInfo, TravelInfo
from missionplanner.domain.zones import is_ambiguous, to_local
from missionplanner.messages import LocalSpan, Message, Words


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
    # For trip organizers: records by name, times local with the zone abbreviation.
    message: Message
    # Ids of the records involved: meetings, travel segments, stops, participants.
    refs: tuple[str, ...]
    # Set on the line that stands for the problems of its kind past those listed: how
    # many it counts (it names no records).
    more: int = 0


def tally(problems: Iterable[Problem]) -> tuple[int, int]:
    """The errors and the warnings found, counting those not listed one by one."""
    errors = warnings = 0
    for problem in problems:
        number = problem.more or 1
        if problem.severity is Severity.ERROR:
            errors += number
        else:
            warnings += number
    return errors, warnings


def severity_name(problem: Problem) -> Message:
    """ "Error" or "Warning", as a document labels a problem."""
    if problem.severity is Severity.ERROR:
        return Message("check.severity.error")
    return Message("check.severity.warning")


def found_problems(errors: int, warnings: int) -> Message:
    """ "The schedule checks found 1 error and 2 warnings." """
    return Message(
        "check.found",
        errors=Message("check.count.errors", n=errors),
        warnings=Message("check.count.warnings", n=warnings),
    )


@dataclass(frozen=True, slots=True)
class CheckSettings:
    min_gap: timedelta = timedelta(minutes=30)
    day_start: time = time(8, 0)
    day_end: time = time(19, 0)


# --- local times, computed once per record -------------------------------------------


@dataclass(frozen=True, slots=True)
class _Local:
    """One instant read on a zone's clock."""

    aware: datetime  # in the zone, so it knows its abbreviation (-03, EDT…)
    wall: datetime  # naive local wall-clock time
    later: bool  # the second of two identical clock readings (clocks went back)

    @classmethod
    def of(cls, utc: datetime, zone: str) -> _Local:
        aware = to_local(utc, zone)
        return cls(aware, aware.replace(tzinfo=None, fold=0), aware.fold == 1)


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


# --- what the problems say (the words: missionplanner/catalogue/checks.py) ------------


def _title(meeting: _Meeting) -> Words:
    return meeting.info.title.strip() or Message("check.untitled-meeting")


def _describe(meeting: _Meeting) -> Message:
    """“Title” (Tue 6 Oct 2026, 10:00–11:00 -03, Santiago)"""
    when = LocalSpan(meeting.start.aware, meeting.end.aware)
    city = meeting.stop.city if meeting.stop is not None else ""
    if city:
        return Message("check.meeting", title=_title(meeting), when=when, city=city)
    return Message("check.meeting.no-city", title=_title(meeting), when=when)


def _describe_day(meeting: _Meeting, day: date) -> Message:
    """“Title” (Mon 12 Oct 2026, Medellín)"""
    city = meeting.stop.city if meeting.stop is not None else ""
    if city:
        return Message("check.meeting-day", title=_title(meeting), day=day, city=city)
    return Message("check.meeting-day.no-city", title=_title(meeting), day=day)


def _describe_travel(travel: _Travel) -> Message:
    """DL 145 Atlanta → Santiago (departs …, arrives …)"""
    return Message(
        "check.trip",
        trip=travel.info.label,
        depart=travel.depart.aware,
        arrive=travel.arrive.aware,
    )


def _describe_at(meeting: _Meeting) -> Message:
    """The meeting and where it is: its venue, else its address (when there is one)."""
    place = meeting.info.venue.strip() or meeting.info.address.strip()
    if place:
        return Message("check.meeting-at", meeting=_describe(meeting), place=place)
    return _describe(meeting)


def _ordered(ctx: _Context, pids: Iterable[str]) -> tuple[str, ...]:
    """Participant ids in the plan's order (ids the plan does not list go last)."""
    return tuple(sorted(pids, key=lambda pid: (ctx.rank.get(pid, len(ctx.rank)), pid)))


def _people(ctx: _Context, pids: Sequence[str]) -> tuple[str, ...]:
    return tuple(ctx.names.get(pid, pid) for pid in pids)


# --- findings --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Finding:
    at: datetime  # the earliest instant of the records involved, for ordering
    problem: Problem

    def sort_key(self) -> tuple[bool, datetime, str, tuple[str, ...]]:
        problem = self.problem
        return (problem.severity != Severity.ERROR, self.at, problem.code, problem.refs)


def _finding(
    at: datetime, severity: Severity, code: str, message: Message, refs: tuple[str, ...]
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
    message = Message(
        "check.double-booked",
        people=_people(ctx, pids),
        first=_describe(first),
        second=_describe(second),
    )
    refs = (first.info.id, second.info.id, *pids)
    return _finding(first.start_utc, Severity.ERROR, DOUBLE_BOOKED, message, refs)


def _travel_conflict(
    ctx: _Context, meeting: _Meeting, travel: _Travel, pids: tuple[str, ...]
) -> _Finding:
    message = Message(
        "check.travel-conflict",
        people=_people(ctx, pids),
        trip=_describe_travel(travel),
        meeting=_describe(meeting),
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
    gap = second.start_utc - first.end_utc
    people, start, end = _people(ctx, pids), _describe_at(first), _describe_at(second)
    if gap >= timedelta(minutes=1):
        message = Message("check.tight-connection", people=people, gap=gap, first=start, second=end)
    else:
        message = Message("check.tight-connection.no-time", people=people, first=start, second=end)
    refs = (first.info.id, second.info.id, *pids)
    return _finding(first.start_utc, Severity.WARNING, TIGHT_CONNECTION, message, refs)


# --- one meeting at a time -------------------------------------------------------------


def _outside_stop(meeting: _Meeting) -> _Finding | None:
    stop = meeting.stop
    if stop is None:
        message = Message("check.outside-stop.no-stop", meeting=_describe(meeting))
        return _finding(
            meeting.start_utc, Severity.ERROR, OUTSIDE_STOP, message, (meeting.info.id,)
        )
    # Local dates in the meeting's zone; an end at exactly midnight counts for the day before.
    if stop.arrive <= meeting.start.wall.date() and meeting.last_day <= stop.depart:
        return None
    message = Message(
        "check.outside-stop",
        meeting=_describe(meeting),
        city=stop.city or Message("check.this-stop"),
        arrive=stop.arrive,
        depart=stop.depart,
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
    message = Message(
        "check.outside-hours",
        meeting=_describe(meeting),
        day_start=settings.day_start,
        day_end=settings.day_end,
    )
    return _finding(meeting.start_utc, Severity.WARNING, OUTSIDE_HOURS, message, (meeting.info.id,))


def _weekend(meeting: _Meeting) -> _Finding | None:
    for day in _days(meeting.start.wall.date(), meeting.last_day):
        if day.weekday() >= 5:
            message = Message("check.weekend", meeting=_describe_day(meeting, day), day=day)
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
            message = Message(
                "check.holiday",
                meeting=_describe_day(meeting, day),
                country=country,
                holiday=name,
            )
            return _finding(
                meeting.start_utc, Severity.WARNING, HOLIDAY, message, (meeting.info.id,)
            )
    return None


def _repeated_times(times: Sequence[tuple[Message, _Local, str]]) -> tuple[Message, ...]:
    """For each (part, local time, zone) whose clock reading happens twice, which one it is."""
    readings = []
    for part, local, zone in times:
        if local.later:
            readings.append(
                Message("check.repeated-time.later", part=part, at=local.aware, timezone=zone)
            )
        elif is_ambiguous(local.wall, zone):
            readings.append(
                Message("check.repeated-time.earlier", part=part, at=local.aware, timezone=zone)
            )
    return tuple(readings)


def _ambiguous_message(subject: Message, readings: tuple[Message, ...]) -> Message:
    return Message("check.ambiguous-time", subject=subject, readings=readings)


def _ambiguous_meeting(meeting: _Meeting) -> _Finding | None:
    zone = meeting.info.timezone
    parts = _repeated_times(
        (
            (Message("check.part.start"), meeting.start, zone),
            (Message("check.part.end"), meeting.end, zone),
        )
    )
    if not parts:
        return None
    message = _ambiguous_message(_describe(meeting), parts)
    return _finding(
        meeting.start_utc, Severity.WARNING, AMBIGUOUS_TIME, message, (meeting.info.id,)
    )


def _ambiguous_travel(travel: _Travel) -> _Finding | None:
    info = travel.info
    times = (
        (Message("check.part.departure"), travel.depart, info.depart_timezone),
        (Message("check.part.arrival"), travel.arrive, info.arrive_timezone),
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


# Problems listed of each kind; the rest are counted in one line. A mission of a
# hundred thousand meetings on weekends is not read as a hundred thousand lines, and
# holding them all took gigabytes.
LISTED_PER_KIND = 100


def check(plan: MissionPlan, settings: CheckSettings = CheckSettings()) -> list[Problem]:
    """The schedule problems of ``plan``: errors first, then by time, then by code.

    Of each kind (code and severity) the first :data:`LISTED_PER_KIND` are listed; a
    line with ``more`` set after them counts the rest.
    """
    ctx = _prepare(plan, settings)
    kept: dict[tuple[str, Severity], list[_Finding]] = defaultdict(list)
    unlisted: Counter[tuple[str, Severity]] = Counter()

    def trim(kind: tuple[str, Severity]) -> None:
        listed = kept[kind]
        listed.sort(key=_Finding.sort_key)
        unlisted[kind] += max(0, len(listed) - LISTED_PER_KIND)
        del listed[LISTED_PER_KIND:]

    for finding in chain(_clashes(ctx), _tight_connections(ctx), _single_findings(ctx)):
        kind = (finding.problem.code, finding.problem.severity)
        kept[kind].append(finding)
        if len(kept[kind]) >= 2 * LISTED_PER_KIND:
            trim(kind)
    for kind in kept:
        trim(kind)
    findings = sorted((f for listed in kept.values() for f in listed), key=_Finding.sort_key)
    last = {(f.problem.code, f.problem.severity): n for n, f in enumerate(findings)}
    problems: list[Problem] = []
    for index, finding in enumerate(findings):
        problems.append(finding.problem)
        kind = (finding.problem.code, finding.problem.severity)
        if unlisted[kind] and last[kind] == index:
            problems.append(_more(kind, unlisted[kind]))
    return problems


def _more(kind: tuple[str, Severity], number: int) -> Problem:
    code, severity = kind
    words = Message("check.more", n=number, kind=Message(f"check.kind.{code}"))
    return Problem(severity, code, words, (), more=number)
