"""Every test runs with its own user folders: nothing touches the real ones.

Also here: the mission file of the day model's hard cases, for the core, document and
app tests alike.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("MISSIONPLANNER_DB", raising=False)
    return home


# The day model's hard cases, as a mission file (tests/core, tests/export, tests/ui).
# "m-late": the delegation stays in Santiago over Saturday 3 April 2027, when the clocks
# go back at 24:00 (23:00–23:59 happens twice), while Manolo flies alone from Miami to
# Bogotá and waits there; the others follow on Monday. "m-spring": a stay in Santiago
# over Saturday 4 September 2027, when the clocks go forward at 24:00 (the Sunday starts
# at 01:00).
DAYS_MISSION_FILE: dict[str, Any] = {
    "format": "missionplanner/1",
    "missions": [
        {
            "id": "m-late",
            "title": "Andes with a late joiner",
            "organizer": "Invest Atlanta",
            "home_timezone": "America/New_York",
            "participants": [
                {"id": "p-ana", "name": "Ana Ruiz", "role": "Mission lead"},
                {"id": "p-ben", "name": "Ben Ortiz", "role": "Analyst"},
                {"id": "p-manolo", "name": "Manolo Constain", "role": "Joins in Bogotá"},
            ],
            "stops": [
                {
                    "id": "s-scl",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2027-04-01",
                    "depart": "2027-04-05",
                    "hotel": "Hotel Plaza Santiago",
                },
                {
                    "id": "s-bog",
                    "city": "Bogotá",
                    "country": "CO",
                    "timezone": "America/Bogota",
                    "arrive": "2027-04-05",
                    "depart": "2027-04-07",
                    "hotel": "Hotel La Candelaria",
                },
            ],
            "travel": [
                {
                    "id": "t-manolo",
                    "from": "Miami (MIA)",
                    "to": "Bogotá (BOG)",
                    "carrier": "Avianca",
                    "reference": "AV 37",
                    "depart": "2027-04-03T08:00",
                    "depart_timezone": "America/New_York",
                    "arrive": "2027-04-03T11:40",
                    "arrive_timezone": "America/Bogota",
                    "participants": ["p-manolo"],
                },
                {
                    "id": "t-scl-bog",
                    "from": "Santiago (SCL)",
                    "to": "Bogotá (BOG)",
                    "carrier": "LATAM",
                    "reference": "LA 574",
                    "depart": "2027-04-05T09:00",
                    "depart_timezone": "America/Santiago",
                    "arrive": "2027-04-05T12:40",
                    "arrive_timezone": "America/Bogota",
                    "participants": ["p-ana", "p-ben"],
                },
            ],
            "meetings": [
                {
                    "id": "mt-called-off",
                    "title": "Dinner that was called off",
                    "stop": "s-scl",
                    "start": "2027-04-02T20:00",
                    "end": "2027-04-02T22:00",
                    "status": "cancelled",
                },
                {
                    "id": "mt-saturday",
                    "title": "Saturday working lunch",
                    "stop": "s-scl",
                    "start": "2027-04-03T13:00",
                    "end": "2027-04-03T14:30",
                    "status": "confirmed",
                    "attendees": ["p-ana", "p-ben"],
                },
                {
                    "id": "mt-manolo",
                    "title": "Manolo meets Bancóldex",
                    "stop": "s-bog",
                    "start": "2027-04-04T10:00",
                    "end": "2027-04-04T11:00",
                    "status": "confirmed",
                    "attendees": ["p-manolo"],
                },
                {
                    "id": "mt-bogota",
                    "title": "ProColombia briefing",
                    "stop": "s-bog",
                    "start": "2027-04-06T10:00",
                    "end": "2027-04-06T11:00",
                    "status": "confirmed",
                },
            ],
        },
        {
            "id": "m-spring",
            "title": "Santiago in September",
            "organizer": "Invest Atlanta",
            "home_timezone": "America/New_York",
            "participants": [{"id": "p-sara", "name": "Sara Lim", "role": "Mission lead"}],
            "stops": [
                {
                    "id": "s-scl-sep",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2027-09-03",
                    "depart": "2027-09-06",
                    "hotel": "Hotel Plaza Santiago",
                }
            ],
            "meetings": [
                {
                    "id": "mt-sunday",
                    "title": "Sunday breakfast",
                    "stop": "s-scl-sep",
                    "start": "2027-09-05T09:00",
                    "end": "2027-09-05T10:00",
                    "status": "confirmed",
                }
            ],
        },
    ],
}


@pytest.fixture
def days_mission_file() -> dict[str, Any]:
    """A fresh copy of :data:`DAYS_MISSION_FILE` (an import may change what it reads)."""
    return copy.deepcopy(DAYS_MISSION_FILE)
