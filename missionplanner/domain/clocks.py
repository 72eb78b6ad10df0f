"""A zone's clock over real instants: when a local day starts and ends, and when it changes.

A local day does not always run from 00:00 to 23:59. Santiago's clocks go back at 24:00
on the first Saturday of April, so 23:00–23:59 of that Saturday happens twice and the
day lasts 25 hours; they go forward at 24:00 on the first Saturday of September, so the
Sunday starts at 01:00 and lasts 23 hours. Reading wall-clock times (00:00 and 23:59)
misses such changes; this module reads instants instead: the first instant of a local
date, the first instant of the next one, and the instants in between at which the
zone's offset or abbreviation changes. Instants are naive UTC, as everywhere in the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache, partial

from missionplanner.domain.zones import zone_info

SECOND = timedelta(seconds=1)
# Zones have been at most 14 hours ahead of UTC and 12 behind: local midnight of a date
# lies within this much of the same wall-clock reading taken as UTC.
_WIDEST_OFFSET = timedelta(hours=16)
# Transitions of one zone are months apart: looking every six hours finds every one.
_STEP = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a zone's clock says about itself at an instant: "-03", three hours behind UTC."""

    abbreviation: str
    offset: timedelta


@dataclass(frozen=True, slots=True)
class Transition:
    """The clocks of a zone change at ``at`` (naive UTC, the first instant on the new clock)."""

    at: datetime
    before: Reading
    after: Reading

    @property
    def shift(self) -> timedelta:
        """How far the clocks move: positive forward, negative back."""
        return self.after.offset - self.before.offset


@dataclass(frozen=True, slots=True)
class ClockDay:
    """One local date of a zone as real instants, and the clock changes within it."""

    zone: str
    date: date
    start: datetime  # the first instant whose local date is ``date``
    end: datetime  # the first instant of the next date
    transitions: tuple[Transition, ...]  # at instants in [start, end)

    @property
    def length(self) -> timedelta:
        return self.end - self.start


def _local(zone: str, utc: datetime) -> datetime:
    # zoneinfo reads the same tzdata files as zones.to_local, many times faster: every
    # day of a mission is read several times.
    return utc.replace(tzinfo=UTC).astimezone(zone_info(zone))


def reading(zone: str, utc: datetime) -> Reading:
    local = _local(zone, utc)
    return Reading(local.tzname() or zone, local.utcoffset() or timedelta())


def local_date(zone: str, utc: datetime) -> date:
    """The local date in ``zone`` of a naive UTC instant."""
    return _local(zone, utc).date()


def _earliest(low: datetime, high: datetime, holds: Callable[[datetime], bool]) -> datetime:
    """The first instant in (low, high], to the second, at which ``holds`` turns true.

    ``holds`` is false at ``low`` and true at ``high``; halving finds where it turns.
    """
    while high - low > SECOND:
        middle = (low + (high - low) // 2).replace(microsecond=0)
        if holds(middle):
            high = middle
        else:
            low = middle
    return high


@lru_cache(maxsize=4096)
def _first_instant(zone: str, day: date) -> datetime:
    """The first instant whose local date in ``zone`` is ``day`` (or later).

    Where local midnight does not exist (the clocks jump from 23:59:59 to 01:00), the
    day starts at the jump.
    """
    midnight = datetime.combine(day, time())
    # Midnight on the offset of the hours around it, checked: the usual case.
    guess = midnight - reading(zone, midnight - reading(zone, midnight).offset).offset
    if local_date(zone, guess - SECOND) < day <= local_date(zone, guess):
        return guess
    return _earliest(
        midnight - _WIDEST_OFFSET,
        midnight + _WIDEST_OFFSET,
        lambda at: local_date(zone, at) >= day,
    )


def _differs(zone: str, before: Reading, at: datetime) -> bool:
    return reading(zone, at) != before


def transitions(zone: str, start: datetime, end: datetime) -> tuple[Transition, ...]:
    """The clock changes of ``zone`` at instants in [start, end), in order."""
    if end <= start:
        return ()
    found: list[Transition] = []
    previous_at = start - SECOND
    previous = reading(zone, previous_at)
    at = start
    while True:
        current = reading(zone, at)
        if current != previous:
            changed = _earliest(previous_at, at, partial(_differs, zone, previous))
            found.append(Transition(changed, previous, reading(zone, changed)))
        if at >= end - SECOND:
            break
        previous_at, previous = at, current
        at = min(at + _STEP, end - SECOND)
    return tuple(found)


@lru_cache(maxsize=4096)
def clock_day(zone: str, day: date) -> ClockDay:
    """``day`` in ``zone``: its first and last instants and the clock changes in it.

    A change that happens as a day begins (Santiago's September Sunday starts on the
    new clock) belongs to that day; a change at 24:00 that puts the clocks back (the
    April Saturday) belongs to the day whose last hour repeats.
    """
    start = _first_instant(zone, day)
    end = _first_instant(zone, day + timedelta(days=1))
    return ClockDay(zone, day, start, end, transitions(zone, start, end))


def local_instant(zone: str, day: date, minutes: int) -> datetime:
    """The first instant of ``day`` at which the clock of ``zone`` reads ``minutes`` after
    midnight or later (the day's last instant if it never does)."""
    clock = clock_day(zone, day)
    wanted = datetime.combine(day, time()) + timedelta(minutes=minutes)

    def reached(at: datetime) -> bool:
        return _local(zone, at).replace(tzinfo=None) >= wanted

    last = clock.end - SECOND
    if reached(clock.start):
        return clock.start
    return _earliest(clock.start, last, reached) if reached(last) else last
