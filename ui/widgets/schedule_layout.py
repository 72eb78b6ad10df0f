"""Where each meeting and travel segment of a mission goes in the schedule grid.

Pure computation, no painting and no widgets: a :class:`ScheduleIndex` reads a
``MissionPlan`` and its problems once (every local-time conversion happens here, once
per ``set_plan``), and :func:`build_layout` turns it, with the current filters, into a
:class:`ScheduleLayout`: the day columns, and for every meeting and travel segment one
or more :class:`ScheduleBlock` pieces (a piece per day it touches) with a day index, a
lane among the overlapping blocks of that day, and a vertical range in minutes after
local midnight.

Every time is a local wall-clock time in the zone of its own record: a Santiago meeting
at 10:00 -03 sits at 10:00 in its day column, a Bogotá meeting at 10:00 -05 also at
10:00. The header of a day on which the delegation changes zones says so. The days, where
the delegation is on each, their zones and the stop a time belongs to come from the
core's day model (:mod:`missionplanner.domain.days`), as in the documents.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale

from missionplanner.checks import Problem, Severity
from missionplanner.domain.agenda import takes_part
from missionplanner.domain.days import MINUTES_PER_DAY, MissionDays, PlanDay
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MeetingInfo, MissionPlan, TravelInfo
from missionplanner.domain.zones import to_local
from ui.labels import meeting_status

SNAP_MINUTES = 15
# The hours shown when nothing falls outside them.
DEFAULT_FIRST_MINUTE = 7 * 60
DEFAULT_LAST_MINUTE = 21 * 60
# The shortest height a block gets, so a zero-length record still shows.
MIN_BLOCK_MINUTES = 15
# How much of a travel segment around its departure or arrival the hours must show.
TRAVEL_CONTEXT_MINUTES = 60

MEETING = "meeting"
TRAVEL = "travel"


def status_label(status: str) -> str:
    """The translated name of a meeting status."""
    return meeting_status(status)


def snap_down(minutes: float) -> int:
    """The start of the 15-minute slot holding ``minutes``."""
    return int(minutes // SNAP_MINUTES) * SNAP_MINUTES


def snap_nearest(minutes: float) -> int:
    """``minutes`` rounded to the nearest 15-minute step (halves go up)."""
    return int((minutes + SNAP_MINUTES / 2) // SNAP_MINUTES) * SNAP_MINUTES


def _minutes(value: datetime) -> int:
    return value.hour * 60 + value.minute


def minutes_text(minutes: int) -> str:
    """ "09:30" for 570 minutes after midnight."""
    minutes = max(0, min(MINUTES_PER_DAY, minutes))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock_text(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def day_title(day: date) -> str:
    """ "Tue 14 Sep" in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def long_day_title(day: date) -> str:
    """ "Tue 14 Sep 2027" in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


# --- local times, once per set_plan ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalSpan:
    """A record's start and end read on its own zone's clock (naive), with abbreviations."""

    start: datetime
    end: datetime
    start_abbr: str
    end_abbr: str
    real_minutes: int  # the real duration, which the two clock readings may not show

    @classmethod
    def of(
        cls, start_utc: datetime, start_zone: str, end_utc: datetime, end_zone: str
    ) -> LocalSpan:
        start = to_local(start_utc, start_zone)
        end = to_local(end_utc, end_zone)
        return cls(
            start.replace(tzinfo=None, fold=0),
            end.replace(tzinfo=None, fold=0),
            start.tzname() or start_zone,
            end.tzname() or end_zone,
            max(0, int((end_utc - start_utc).total_seconds() // 60)),
        )


@dataclass(frozen=True, slots=True)
class DayColumn:
    """One day of the grid: its date and where the delegation is (or goes) that day.

    Places and zones come from the core's day model, as the documents print them; only
    the title is the app's own (in the user's language).
    """

    index: int
    date: date
    title: str  # "Tue 14 Sep"
    places: tuple[str, ...]  # ("Santiago", "Bogotá")
    zones: tuple[str, ...]  # ("-03", "-05"): abbreviations in the order the day meets them
    stop_ids: tuple[str, ...]  # the stops whose dates include this day

    @property
    def place_text(self) -> str:
        return " → ".join(self.places)

    @property
    def zone_text(self) -> str:
        return " → ".join(self.zones)

    @property
    def zone_change(self) -> bool:
        return len(self.zones) > 1

    @property
    def header_text(self) -> str:
        """The whole header on one line: "Wed 15 Sep · Santiago → Bogotá, -03 → -05"."""
        where = ", ".join(part for part in (self.place_text, self.zone_text) if part)
        return f"{self.title} · {where}" if where else self.title

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5

    @classmethod
    def of(cls, index: int, day: PlanDay) -> DayColumn:
        return cls(
            index=index,
            date=day.date,
            title=day_title(day.date),
            places=day.place_names,
            zones=day.zones,
            stop_ids=tuple(stop.id for stop in day.stops),
        )


@dataclass(slots=True, eq=False)
class ScheduleBlock:
    """One piece of a meeting or travel segment in one day column."""

    kind: str  # MEETING or TRAVEL
    id: str
    day: int  # index into ScheduleLayout.days
    start_minute: int  # local minutes after midnight where the piece starts…
    end_minute: int  # …and ends (at most 24:00)
    title: str
    time_text: str  # "10:00–11:45 -03"
    status: str  # a meeting's status; "" for travel
    severity: str  # "error", "warning" or ""
    problems: tuple[Problem, ...]
    span: LocalSpan
    # Minutes from the record's local start to this piece's start (0 for the first piece).
    offset_minutes: int = 0
    meeting: MeetingInfo | None = None
    travel: TravelInfo | None = None
    detail: str = ""  # a meeting's venue, a travel segment's route
    lane: int = 0
    lanes: int = 1

    @property
    def is_meeting(self) -> bool:
        return self.kind == MEETING

    @property
    def cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED.value

    @property
    def continues_before(self) -> bool:
        return self.offset_minutes > 0

    @property
    def continues_after(self) -> bool:
        return self.offset_minutes + (self.end_minute - self.start_minute) < self.duration_minutes

    @property
    def duration_minutes(self) -> int:
        """The record's whole length on the wall clock (never less than a slot)."""
        whole = int((self.span.end - self.span.start).total_seconds() // 60)
        return max(whole, MIN_BLOCK_MINUTES)

    @property
    def start_local(self) -> datetime:
        return self.span.start

    @property
    def end_local(self) -> datetime:
        return self.span.end


@dataclass(slots=True)
class ScheduleLayout:
    """Days, blocks and the hours to show, for one plan with one set of filters."""

    days: tuple[DayColumn, ...] = ()
    blocks: tuple[ScheduleBlock, ...] = ()
    first_minute: int = DEFAULT_FIRST_MINUTE  # a whole hour
    last_minute: int = DEFAULT_LAST_MINUTE  # a whole hour
    # The first minute worth showing when a mission is opened.
    initial_minute: int = DEFAULT_FIRST_MINUTE
    index: ScheduleIndex | None = None
    _by_day: list[list[ScheduleBlock]] = field(default_factory=list)
    _by_id: dict[str, list[ScheduleBlock]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_day = [[] for _ in self.days]
        self._by_id = defaultdict(list)
        for block in self.blocks:
            self._by_day[block.day].append(block)
            self._by_id[block.id].append(block)
        for blocks in self._by_day:
            blocks.sort(key=lambda b: (b.start_minute, b.lane, b.end_minute))
        self._by_id = dict(self._by_id)

    @property
    def hours(self) -> int:
        return (self.last_minute - self.first_minute) // 60

    def blocks_in_day(self, day: int) -> Sequence[ScheduleBlock]:
        """The blocks of a day column, by start time then lane."""
        return self._by_day[day] if 0 <= day < len(self._by_day) else ()

    def blocks_between(self, day: int, first: float, last: float) -> Iterable[ScheduleBlock]:
        """The blocks of a day that show anything between two minutes (for painting)."""
        blocks = self._by_day[day] if 0 <= day < len(self._by_day) else []
        for block in blocks:
            if block.start_minute >= last:
                break
            if max(block.end_minute, block.start_minute + MIN_BLOCK_MINUTES) > first:
                yield block

    def pieces(self, record_id: str) -> Sequence[ScheduleBlock]:
        return self._by_id.get(record_id, ())

    def block(self, record_id: str) -> ScheduleBlock | None:
        """The first piece of a meeting or travel segment, if it is shown."""
        found = self._by_id.get(record_id)
        return found[0] if found else None

    def meeting_blocks(self) -> list[ScheduleBlock]:
        """The first piece of every shown meeting, in reading order (day, time, lane)."""
        return [
            b for blocks in self._by_day for b in blocks if b.is_meeting and b.offset_minutes == 0
        ]

    def day_of(self, value: date) -> int | None:
        dates = [d.date for d in self.days]
        at = bisect.bisect_left(dates, value)
        return at if at < len(dates) and dates[at] == value else None

    def stop_at(self, day: int, minute: int) -> str:
        """The stop a local time of a day column belongs to ("" when none)."""
        if self.index is None or not 0 <= day < len(self.days):
            return ""
        return self.index.stop_at(self.days[day].date, minute)


# --- the plan, read once ------------------------------------------------------------


class ScheduleIndex:
    """A plan's records with their local times and problems, computed once per plan."""

    def __init__(self, plan: MissionPlan, problems: Sequence[Problem] = ()) -> None:
        self.plan = plan
        self.meeting_spans: dict[str, LocalSpan] = {
            m.id: LocalSpan.of(m.start_utc, m.timezone, max(m.start_utc, m.end_utc), m.timezone)
            for m in plan.meetings
        }
        self.travel_spans: dict[str, LocalSpan] = {
            t.id: LocalSpan.of(
                t.depart_utc, t.depart_timezone, max(t.depart_utc, t.arrive_utc), t.arrive_timezone
            )
            for t in plan.travel
        }
        known = self.meeting_spans.keys() | self.travel_spans.keys()
        found: dict[str, list[Problem]] = defaultdict(list)
        for problem in problems:
            for ref in dict.fromkeys(problem.refs):
                if ref in known:
                    found[ref].append(problem)
        self.problems: dict[str, tuple[Problem, ...]] = {
            ref: tuple(sorted(items, key=lambda p: p.severity != Severity.ERROR))
            for ref, items in found.items()
        }
        # The whole delegation's days: where it is and its clocks, as the documents say.
        self.mission_days = MissionDays(plan)
        self.days: tuple[date, ...] = tuple(day.date for day in self.mission_days.days)
        self.columns: tuple[DayColumn, ...] = tuple(
            DayColumn.of(i, day) for i, day in enumerate(self.mission_days.days)
        )

    def city(self, end_point: str) -> str:
        """A travel end point as a stop's city when it names one ("Beijing South" → "Beijing")."""
        return self.mission_days.city(end_point)

    def stop_at(self, day: date, minute: int) -> str:
        """The stop a local time of a day belongs to: the one the delegation is in then."""
        stop = self.mission_days.stop_at(day, minute)
        return stop.id if stop is not None else ""

    def attends(self, participant_id: str, attendees: frozenset[str]) -> bool:
        """Whether a record shows for the chosen participant ("" shows everyone's)."""
        return not participant_id or takes_part(participant_id, attendees)

    def severity(self, record_id: str) -> str:
        problems = self.problems.get(record_id, ())
        if any(p.severity == Severity.ERROR for p in problems):
            return Severity.ERROR.value
        return Severity.WARNING.value if problems else ""


# --- layout -------------------------------------------------------------------------


def span_text(span: LocalSpan) -> str:
    """ "10:00–11:45 -03"; "22:00–01:00 -03 (+1)" across midnight; both zones if they differ."""
    start, end = clock_text(span.start), clock_text(span.end)
    later = (span.end.date() - span.start.date()).days
    suffix = f" (+{later})" if later > 0 else ""
    if span.start_abbr == span.end_abbr:
        return f"{start}–{end} {span.start_abbr}{suffix}"
    return f"{start} {span.start_abbr} → {end} {span.end_abbr}{suffix}"


def _pieces(span: LocalSpan, day_index: dict[date, int]) -> list[tuple[int, int, int, int]]:
    """(day, start minute, end minute, offset) of each day a record touches.

    An end whose clock reading comes before the start (a flight west landing "earlier",
    a meeting across a clock change) would draw backwards: that piece lasts the real
    duration instead.
    """
    start, end = span.start, span.end
    first_day, last_day = start.date(), end.date()
    if end > start and end.time() == time() and last_day > first_day:
        last_day -= timedelta(days=1)  # ends at midnight: nothing on the next day
    pieces: list[tuple[int, int, int, int]] = []
    begin = _minutes(start)
    if last_day <= first_day:
        finish = _minutes(end) if end.date() == first_day else MINUTES_PER_DAY
        if finish < begin:
            finish = begin + span.real_minutes
        finish = min(MINUTES_PER_DAY, max(finish, begin + MIN_BLOCK_MINUTES))
        if first_day in day_index:
            pieces.append((day_index[first_day], begin, finish, 0))
        return pieces
    day, offset = first_day, 0
    while day <= last_day:
        low = begin if day == first_day else 0
        high = MINUTES_PER_DAY if day < last_day or end.time() == time() else _minutes(end)
        if day in day_index and high > low:
            pieces.append((day_index[day], low, high, offset))
        offset += high - low
        day += timedelta(days=1)
        if (day - first_day).days > 31:
            break  # bad data: never draw a month-long block
    return pieces


def _assign_lanes(blocks: list[ScheduleBlock]) -> None:
    """Overlapping blocks of one day sit side by side: greedy lanes per overlapping group."""
    blocks.sort(key=lambda b: (b.start_minute, -b.end_minute, b.kind != TRAVEL, b.id))
    group: list[ScheduleBlock] = []
    lane_ends: list[int] = []
    group_end = -1

    def close() -> None:
        for member in group:
            member.lanes = max(1, len(lane_ends))

    for block in blocks:
        end = max(block.end_minute, block.start_minute + MIN_BLOCK_MINUTES)
        if group and block.start_minute >= group_end:
            close()
            group, lane_ends, group_end = [], [], -1
        for lane, lane_end in enumerate(lane_ends):
            if lane_end <= block.start_minute:
                lane_ends[lane] = end
                block.lane = lane
                break
        else:
            block.lane = len(lane_ends)
            lane_ends.append(end)
        group.append(block)
        group_end = max(group_end, end)
    if group:
        close()


def build_layout(
    index: ScheduleIndex, participant_id: str = "", show_cancelled: bool = True
) -> ScheduleLayout:
    """The grid for a plan: which blocks show, in which day, lane and minutes."""
    day_index = {d: i for i, d in enumerate(index.days)}
    per_day: list[list[ScheduleBlock]] = [[] for _ in index.days]
    need_first, need_last = DEFAULT_FIRST_MINUTE, DEFAULT_LAST_MINUTE
    earliest_meeting = MINUTES_PER_DAY

    for meeting in index.plan.meetings:
        if meeting.status == MeetingStatus.CANCELLED.value and not show_cancelled:
            continue
        if not index.attends(participant_id, meeting.attendee_ids):
            continue
        span = index.meeting_spans[meeting.id]
        problems = index.problems.get(meeting.id, ())
        severity = index.severity(meeting.id)
        text = span_text(span)
        for day, low, high, offset in _pieces(span, day_index):
            per_day[day].append(
                ScheduleBlock(
                    kind=MEETING,
                    id=meeting.id,
                    day=day,
                    start_minute=low,
                    end_minute=high,
                    title=meeting.title,
                    time_text=text,
                    status=meeting.status,
                    severity=severity,
                    problems=problems,
                    span=span,
                    offset_minutes=offset,
                    meeting=meeting,
                    detail=meeting.venue,
                )
            )
            need_first = min(need_first, low)
            need_last = max(need_last, high)
            if offset == 0:
                earliest_meeting = min(earliest_meeting, low)

    for travel in index.plan.travel:
        if not index.attends(participant_id, travel.participant_ids):
            continue
        span = index.travel_spans[travel.id]
        problems = index.problems.get(travel.id, ())
        severity = index.severity(travel.id)
        text = span_text(span)
        route = f"{index.city(travel.origin)} → {index.city(travel.destination)}"
        name = " ".join(part for part in (travel.carrier, travel.reference) if part)
        pieces = _pieces(span, day_index)
        for number, (day, low, high, offset) in enumerate(pieces):
            per_day[day].append(
                ScheduleBlock(
                    kind=TRAVEL,
                    id=travel.id,
                    day=day,
                    start_minute=low,
                    end_minute=high,
                    title=name or route,
                    time_text=text,
                    status="",
                    severity=severity,
                    problems=problems,
                    span=span,
                    offset_minutes=offset,
                    travel=travel,
                    detail=route if name else "",
                )
            )
            # The hours show an hour of the trip around its real departure and arrival,
            # not the whole night of an overnight flight.
            if offset == 0:
                need_first = min(need_first, low)
                need_last = max(need_last, min(high, low + TRAVEL_CONTEXT_MINUTES))
            if number == len(pieces) - 1 and not (offset == 0 and len(pieces) == 1):
                need_first = min(need_first, max(low, high - TRAVEL_CONTEXT_MINUTES))
                need_last = max(need_last, high)

    blocks: list[ScheduleBlock] = []
    for day_blocks in per_day:
        _assign_lanes(day_blocks)
        blocks.extend(day_blocks)

    first = max(0, (need_first // 60) * 60)
    last = min(MINUTES_PER_DAY, -(-need_last // 60) * 60)
    initial = max(first, min(DEFAULT_FIRST_MINUTE, (earliest_meeting // 60) * 60))
    return ScheduleLayout(
        days=index.columns,
        blocks=tuple(blocks),
        first_minute=first,
        last_minute=last,
        initial_minute=initial,
        index=index,
    )
