"""Time zones: validated IANA names, local wall-clock times and the instants they mean.

Zone rules always come from the ``tzdata`` package (never the operating system's copy)
so two laptops with different system updates agree on every local time.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import cache, lru_cache
from importlib.resources.abc import Traversable
from zoneinfo import ZoneInfo

from dateutil import tz

from missionplanner.errors import ValidationError
from missionplanner.messages import Message, Words


@cache
def available_zones() -> frozenset[str]:
    """Every IANA zone name the bundled zone data knows."""
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def is_zone(name: str) -> bool:
    return name in available_zones()


@cache
def get_zone(name: str) -> tzinfo:
    """The zone called ``name``; an unknown name is an error, never a silent ``None``."""
    if not is_zone(name):
        raise ValidationError(Message("rule.unknown-zone", value=name))
    with _zone_file(name).open("rb") as handle:
        return tz.tzfile(handle, filename=name)


def _zone_file(name: str) -> Traversable:
    # One part at a time: where the data is both packaged and on disk (a frozen app),
    # Python 3.11 gives a MultiplexedPath, whose joinpath takes a single name.
    resource = importlib.resources.files("tzdata.zoneinfo")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource


@cache
def zone_info(name: str) -> ZoneInfo:
    """The zone as a standard-library ``ZoneInfo`` named ``name``, read from the same
    ``tzdata`` files as :func:`get_zone`: calendars take its key as their TZID, and it
    converts instants many times faster where many are read (a day's clock changes)."""
    get_zone(name)  # an unknown name fails here, in plain words
    with _zone_file(name).open("rb") as handle:
        return ZoneInfo.from_file(handle, key=name)


@dataclass(frozen=True, slots=True)
class ResolvedTime:
    """A local wall-clock time in a zone, and the instant (naive UTC) it stands for."""

    local: datetime
    zone: str
    utc: datetime
    ambiguous: bool


def format_local(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def resolve_local(local: datetime, zone_name: str, what: Words = "") -> ResolvedTime:
    """Turn a naive local time in ``zone_name`` into its instant.

    A time the clocks skip (spring forward) is refused; a time that happens twice
    (fall back) is taken as the earlier instant and flagged as ambiguous.
    """
    naive = local.replace(tzinfo=None, fold=0)
    utc, exists, ambiguous = _instant(naive, zone_name)
    if not exists:
        code = "rule.skipped-time-of" if what else "rule.skipped-time"
        raise ValidationError(Message(code, value=naive, zone=zone_name, what=what))
    return ResolvedTime(local=naive, zone=zone_name, utc=utc, ambiguous=ambiguous)


@lru_cache(maxsize=65536)
def _instant(naive: datetime, zone_name: str) -> tuple[datetime, bool, bool]:
    """(UTC instant, exists, ambiguous) of a local time; cached, as plans repeat times."""
    aware = naive.replace(tzinfo=get_zone(zone_name))
    exists = bool(tz.datetime_exists(aware))
    ambiguous = exists and bool(tz.datetime_ambiguous(aware))
    return aware.astimezone(UTC).replace(tzinfo=None), exists, ambiguous


def to_local(utc: datetime, zone_name: str) -> datetime:
    """The aware local time in ``zone_name`` of a naive UTC instant."""
    return utc.replace(tzinfo=UTC).astimezone(get_zone(zone_name))


def is_ambiguous(local: datetime, zone_name: str) -> bool:
    aware = local.replace(tzinfo=get_zone(zone_name), fold=0)
    return bool(tz.datetime_ambiguous(aware))


def abbreviation(utc: datetime, zone_name: str) -> str:
    """The zone's abbreviation at that instant (CLT, -03, EDT…)."""
    return to_local(utc, zone_name).tzname() or zone_name


@cache
def _zone_countries() -> dict[str, str]:
    text = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) >= 3:
                found[parts[2]] = parts[0]
    return found


def zone_country(name: str) -> str:
    """The country whose clocks a zone keeps ("America/Bogota" → "CO"; "" for UTC)."""
    return _zone_countries().get(name, "")
