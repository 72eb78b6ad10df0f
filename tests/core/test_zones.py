"""Zone rules: clock changes in Santiago and New York, Bogotá without any."""

from __future__ import annotations

from datetime import datetime

import pytest

from missionplanner.domain.zones import abbreviation, get_zone, resolve_local, to_local
from missionplanner.errors import ValidationError


def test_santiago_september_gap_is_refused_with_the_record_named() -> None:
    with pytest.raises(ValidationError) as raised:
        resolve_local(datetime(2026, 9, 6, 0, 30), "America/Santiago", "meeting “Start-Up Chile”")
    message = str(raised.value)
    assert "meeting “Start-Up Chile”" in message
    assert "2026-09-06 00:30" in message and "does not exist" in message


def test_santiago_just_outside_the_gap_is_fine() -> None:
    before = resolve_local(datetime(2026, 9, 5, 23, 59), "America/Santiago")
    after = resolve_local(datetime(2026, 9, 6, 1, 0), "America/Santiago")
    assert not before.ambiguous and not after.ambiguous
    assert after.utc == datetime(2026, 9, 6, 4, 0)  # -03 once the clocks went forward


def test_santiago_april_overlap_takes_the_earlier_instant() -> None:
    resolved = resolve_local(datetime(2026, 4, 4, 23, 30), "America/Santiago")
    assert resolved.ambiguous
    assert resolved.utc == datetime(2026, 4, 5, 2, 30)  # 23:30 at -03, not -04
    shown = to_local(resolved.utc, "America/Santiago")
    assert shown.replace(tzinfo=None) == datetime(2026, 4, 4, 23, 30)


def test_new_york_changes_in_march_and_november() -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        resolve_local(datetime(2026, 3, 8, 2, 30), "America/New_York")
    fall_back = resolve_local(datetime(2026, 11, 1, 1, 30), "America/New_York")
    assert fall_back.ambiguous
    assert fall_back.utc == datetime(2026, 11, 1, 5, 30)  # EDT, the earlier of the two
    assert abbreviation(datetime(2026, 7, 1, 12), "America/New_York") == "EDT"
    assert abbreviation(datetime(2026, 12, 1, 12), "America/New_York") == "EST"


@pytest.mark.parametrize("month", range(1, 13))
def test_bogota_is_five_hours_behind_utc_all_year(month: int) -> None:
    resolved = resolve_local(datetime(2026, month, 15, 9, 0), "America/Bogota")
    assert resolved.utc == datetime(2026, month, 15, 14, 0)
    assert not resolved.ambiguous


@pytest.mark.parametrize("name", ["Asia/Beijing", "America/Medellin", "EST5EDT6", "", "Bogota"])
def test_unknown_zone_names_are_errors_not_silence(name: str) -> None:
    with pytest.raises(ValidationError, match="not a known time zone"):
        get_zone(name)


def test_zone_data_comes_from_the_tzdata_package() -> None:
    zone = get_zone("America/Santiago")
    assert "tzfile" in type(zone).__name__
    assert repr(zone).find("/usr/share/zoneinfo") == -1
