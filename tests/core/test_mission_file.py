"""The ``missionplanner/1`` mission file: validation, import, export, round trips.

Every test works on real SQLite files. A refused import must leave the database
exactly as it was: each error test compares every row (versions and timestamps
included) and an export before and after.
"""

from __future__ import annotations

import copy
import json
import os
import re
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from missionplanner import cli
from missionplanner.errors import MissionFileError, MissionPlannerError, NotFoundError
from missionplanner.io.mission_export import dumps
from missionplanner.io.mission_import import ImportReport
from missionplanner.paths import demo_mission_file
from missionplanner.services.transfer import (
    export_data,
    export_file,
    import_data,
    import_file,
    load_demo,
)
from missionplanner.store.database import Database, open_database
from missionplanner.store.schema import (
    Base,
    Meeting,
    Participant,
    TravelSegment,
    meeting_attendees,
)
from missionplanner.wording import lines

Data = dict[str, Any]
DOC = Path(__file__).resolve().parents[2] / "docs" / "mission-file.md"


# --- files -------------------------------------------------------------------------


def base_file() -> Data:
    """A small valid mission: two organizations, three participants, Bogotá and Santiago."""
    return {
        "format": "missionplanner/1",
        "organizations": [
            {
                "id": "org-ruta",
                "name": "Ruta N",
                "kind": "innovation centre",
                "city": "Medellín",
                "country": "CO",
                "sectors": ["software", "health tech"],
                "contacts": [{"id": "c-ana", "name": "Ana Gómez", "title": "Director"}],
            },
            {
                "id": "org-corfo",
                "name": "CORFO",
                "kind": "government or trade office",
                "city": "Santiago",
                "country": "CL",
                "contacts": [{"id": "c-luis", "name": "Luis Pérez"}],
            },
        ],
        "missions": [
            {
                "id": "m-andes",
                "title": "Andes 2026",
                "organizer": "Invest Atlanta",
                "home_timezone": "America/New_York",
                "participants": [
                    {"id": "p-cesar", "name": "Cesar Vence"},
                    {"id": "p-natalia", "name": "Natalia Martínez-Kalínina"},
                    {"id": "p-manolo", "name": "Manolo Constain"},
                ],
                "stops": [
                    {
                        "id": "s-bog",
                        "city": "Bogotá",
                        "country": "CO",
                        "arrive": "2026-10-05",
                        "depart": "2026-10-08",
                    },
                    {
                        "id": "s-scl",
                        "city": "Santiago",
                        "country": "CL",
                        "arrive": "2026-10-09",
                        "depart": "2026-10-11",
                    },
                ],
                "travel": [
                    {
                        "id": "t-bog-scl",
                        "from": "Bogotá",
                        "to": "Santiago",
                        "carrier": "LATAM",
                        "reference": "LA 575",
                        "depart": "2026-10-08T23:30",
                        "depart_timezone": "America/Bogota",
                        "arrive": "2026-10-09T06:15",
                        "arrive_timezone": "America/Santiago",
                    }
                ],
                "meetings": [
                    {
                        "id": "mt-ruta",
                        "title": "Ruta N briefing",
                        "stop": "s-bog",
                        "organizations": ["org-ruta"],
                        "contacts": ["c-ana"],
                        "start": "2026-10-06T10:00",
                        "end": "2026-10-06T11:00",
                    },
                    {
                        "id": "mt-corfo",
                        "title": "CORFO",
                        "stop": "s-scl",
                        "organizations": ["org-corfo"],
                        "start": "2026-10-09T15:00",
                        "end": "2026-10-09T16:30",
                        "attendees": ["p-cesar", "p-manolo"],
                        "follow_ups": [
                            {"action": "Send the deck", "owner": "Cesar", "due": "2026-10-20"}
                        ],
                    },
                ],
            }
        ],
    }


def test_removing_meetings_names_the_follow_ups_removed_with_them(loaded: Database) -> None:
    data = base_file()
    meeting(data, 1)["follow_ups"].append({"action": "Call back", "due": "2026-10-21"})
    import_data(loaded, data)
    mission(data)["meetings"].pop(1)  # CORFO goes, and its two follow-ups with it

    report = import_data(loaded, data)

    assert +report.removed == {"meeting": 1, "follow-up": 2}
    assert "Removed: 1 meeting and 2 follow-ups." in lines(report.lines())
    assert counts(loaded)["follow_ups"] == 0


def edited_file() -> Data:
    """The base file with valid changes, so a partial write would show in the database."""
    data = base_file()
    data["organizations"].append({"id": "org-new", "name": "New Org"})
    data["missions"][0]["title"] = "Andes 2026 (edited)"
    data["missions"][0]["meetings"][0]["venue"] = "Ruta N, Medellín"
    return data


def mission(data: Data, index: int = 0) -> Data:
    result: Data = data["missions"][index]
    return result


def meeting(data: Data, index: int) -> Data:
    result: Data = mission(data)["meetings"][index]
    return result


def one_meeting_file(
    city: str, country: str, zone: str, start: str, end: str, day: str = ""
) -> Data:
    """A mission with a single stop and a single meeting, for time-zone cases."""
    day = day or start[:10]
    return {
        "format": "missionplanner/1",
        "missions": [
            {
                "id": "m-zone",
                "title": "Zone test",
                "participants": [{"id": "p-zone", "name": "Zoe"}],
                "stops": [
                    {
                        "id": "s-zone",
                        "city": city,
                        "country": country,
                        "timezone": zone,
                        "arrive": day,
                        "depart": day,
                    }
                ],
                "meetings": [
                    {
                        "id": "mt-zone",
                        "title": "Zone meeting",
                        "stop": "s-zone",
                        "start": start,
                        "end": end,
                    }
                ],
            }
        ],
    }


def travel_file(depart: str, depart_zone: str, arrive: str, arrive_zone: str) -> Data:
    return {
        "format": "missionplanner/1",
        "missions": [
            {
                "id": "m-fly",
                "title": "Flights",
                "travel": [
                    {
                        "id": "t-fly",
                        "from": "A",
                        "to": "B",
                        "depart": depart,
                        "depart_timezone": depart_zone,
                        "arrive": arrive,
                        "arrive_timezone": arrive_zone,
                    }
                ],
            }
        ],
    }


# --- looking into the database -----------------------------------------------------


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, versions and timestamps included."""
    with db.reading() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def versions(db: Database) -> dict[tuple[str, str], int]:
    with db.reading() as session:
        return {
            (table.name, row.id): row.version
            for table in Base.metadata.sorted_tables
            if "version" in table.c
            for row in session.execute(select(table.c.id, table.c.version))
        }


def counts(db: Database) -> dict[str, int]:
    return {name: len(rows) for name, rows in snapshot(db).items()}


def exported(db: Database) -> str:
    return dumps(export_data(db))


def meeting_row(db: Database, meeting_id: str) -> Any:
    with db.reading() as session:
        return session.execute(
            select(Meeting.__table__).where(Meeting.__table__.c.id == meeting_id)
        ).one()


@pytest.fixture
def loaded(db: Database) -> Database:
    """The database with the base file imported."""
    import_data(db, base_file())
    return db


def refused(db: Database, attempt: Callable[[], object], error: type[Exception]) -> str:
    """Run a failing import; check nothing changed; return the message."""
    rows_before, export_before = snapshot(db), exported(db)
    with pytest.raises(error) as caught:
        attempt()
    assert snapshot(db) == rows_before
    assert exported(db) == export_before
    return str(caught.value)


def refused_data(db: Database, data: Any) -> str:
    return refused(db, lambda: import_data(db, data), MissionFileError)


def refused_bytes(db: Database, tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "mission.json"
    path.write_bytes(raw)
    return refused(db, lambda: import_file(db, path), MissionFileError)


def problem_count(message: str) -> int:
    found = re.match(r"The mission file has (\d+) problems?; nothing was imported\.", message)
    assert found, message
    return int(found.group(1))


# --- unreadable files --------------------------------------------------------------


def test_bad_json_names_line_and_column(loaded: Database, tmp_path: Path) -> None:
    raw = b'{"format": "missionplanner/1",\n "missions": [}'
    message = refused_bytes(loaded, tmp_path, raw)
    assert "mission.json is not valid JSON" in message
    assert "line 2, column 15" in message


@pytest.mark.parametrize("raw", [b"", b"  \n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(loaded: Database, tmp_path: Path, raw: bytes) -> None:
    message = refused_bytes(loaded, tmp_path, raw)
    assert message == "mission.json is empty; it is not a mission file."


def test_file_not_utf8(loaded: Database, tmp_path: Path) -> None:
    text = json.dumps(edited_file(), ensure_ascii=False)
    message = refused_bytes(loaded, tmp_path, text.encode("latin-1", errors="replace"))
    assert "mission.json is not a mission file (it is not UTF-8 text)" in message


def test_file_with_utf8_byte_order_mark_imports(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(json.dumps(base_file(), ensure_ascii=False).encode("utf-8-sig"))
    report = import_file(db, path)
    assert report.added["meeting"] == 2


def test_missing_and_folder_paths_are_refused(loaded: Database, tmp_path: Path) -> None:
    missing = refused(loaded, lambda: import_file(loaded, tmp_path / "nope.json"), MissionFileError)
    assert "There is no file" in missing and "nope.json" in missing
    folder = refused(loaded, lambda: import_file(loaded, tmp_path), MissionFileError)
    assert "is a folder, not a mission file" in folder


def test_missing_format(loaded: Database) -> None:
    data = edited_file()
    del data["format"]
    message = refused_data(loaded, data)
    assert message.startswith("format: missing")
    assert '"format": "missionplanner/1"' in message


def test_unknown_format(loaded: Database) -> None:
    data = edited_file()
    data["format"] = "missionplanner/2"
    message = refused_data(loaded, data)
    assert "format: “missionplanner/2” is not a format this version reads" in message
    assert "it reads missionplanner/1" in message


@pytest.mark.parametrize("top", [[], "missionplanner/1", 42, None], ids=repr)
def test_top_level_not_an_object(loaded: Database, top: Any) -> None:
    message = refused_data(loaded, top)
    assert "it must be a JSON object" in message


def test_top_level_list_from_a_file(loaded: Database, tmp_path: Path) -> None:
    message = refused_bytes(loaded, tmp_path, json.dumps([edited_file()]).encode())
    assert "it must be a JSON object" in message


def test_repeated_key_is_refused_not_silently_dropped(loaded: Database, tmp_path: Path) -> None:
    """json.loads keeps the last of two "meetings" lists; import would then remove the others."""
    text = json.dumps(edited_file(), ensure_ascii=False, indent=2)
    text = text.replace('"meetings": [', '"meetings": [],\n      "meetings": [', 1)
    assert json.loads(text)["missions"][0]["meetings"]  # the second list survives json.loads
    message = refused_bytes(loaded, tmp_path, text.encode())
    assert (
        "missions[0].meetings: appears more than once in the same object; keep only one" in message
    )
    assert problem_count(message) == 1


def test_misspelt_field_is_refused_with_a_suggestion(loaded: Database) -> None:
    """A typo such as "adress" would otherwise lose the address without a word."""
    data = edited_file()
    meeting(data, 0)["adress"] = "Av. Libertador Bernardo O'Higgins 1449"
    message = refused_data(loaded, data)
    assert (
        "missions[0].meetings[0].adress: is not a field of a meeting; did you mean “address”?"
        in message
    )
    assert problem_count(message) == 1


# --- invalid contents: one problem each, always with its place ---------------------


def _set(*path: Any) -> Callable[[Data], None]:
    """A mutation that sets ``data[path[0]]...[path[-2]] = path[-1]``."""

    def mutate(data: Data) -> None:
        target: Any = data
        for key in path[:-2]:
            target = target[key]
        target[path[-2]] = path[-1]

    return mutate


def _delete(*path: Any) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _copy_travel(data: Data) -> None:
    mission(data)["travel"].append(copy.deepcopy(mission(data)["travel"][0]))


def _second_mission(mission_id: str, participant_id: str) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        data["missions"].append(
            {
                "id": mission_id,
                "title": "Pacific 2026",
                "participants": [{"id": participant_id, "name": "Someone"}],
            }
        )

    return mutate


def _two_follow_ups_with_one_id(data: Data) -> None:
    meeting(data, 1)["follow_ups"] = [
        {"id": "fu-1", "action": "Call"},
        {"id": "fu-1", "action": "Write"},
    ]


M = ("missions", 0)
MEETING0 = (*M, "meetings", 0)
MEETING1 = (*M, "meetings", 1)
STOP0 = (*M, "stops", 0)
TRAVEL0 = (*M, "travel", 0)

CONTENT_ERRORS: list[tuple[str, Callable[[Data], None], str]] = [
    # duplicate ids: the message names both places
    (
        "duplicate organization",
        _set("organizations", 1, "id", "org-ruta"),
        "organizations[1].id: the organization id “org-ruta” is already used at organizations[0]",
    ),
    (
        "duplicate contact",
        _set("organizations", 1, "contacts", 0, "id", "c-ana"),
        "organizations[1].contacts[0].id: the contact id “c-ana” is already used at "
        "organizations[0].contacts[0]",
    ),
    (
        "duplicate mission",
        _second_mission("m-andes", "p-other"),
        "missions[1].id: the mission id “m-andes” is already used at missions[0]",
    ),
    (
        "duplicate participant",
        _set(*M, "participants", 1, "id", "p-cesar"),
        "missions[0].participants[1].id: the participant id “p-cesar” is already used at "
        "missions[0].participants[0]",
    ),
    (
        "duplicate participant in another mission of the file",
        _second_mission("m-pacific", "p-cesar"),
        "missions[1].participants[0].id: the participant id “p-cesar” is already used at "
        "missions[0].participants[0]",
    ),
    (
        "duplicate stop",
        _set(*M, "stops", 1, "id", "s-bog"),
        "missions[0].stops[1].id: the city id “s-bog” is already used at missions[0].stops[0]",
    ),
    (
        "duplicate travel",
        _copy_travel,
        "missions[0].travel[1].id: the trip id “t-bog-scl” is already used at "
        "missions[0].travel[0]",
    ),
    (
        "duplicate meeting",
        _set(*MEETING1, "id", "mt-ruta"),
        "missions[0].meetings[1].id: the meeting id “mt-ruta” is already used at "
        "missions[0].meetings[0]",
    ),
    (
        "duplicate follow-up",
        _two_follow_ups_with_one_id,
        "missions[0].meetings[1].follow_ups[1].id: the follow-up id “fu-1” is already used at "
        "missions[0].meetings[1].follow_ups[0]",
    ),
    # references to ids that do not exist
    (
        "missing stop",
        _set(*MEETING0, "stop", "s-lim"),
        "missions[0].meetings[0].stop: “s-lim” is not a city (stop) of this mission",
    ),
    (
        "missing organization",
        _set(*MEETING0, "organizations", ["org-ruta", "org-none"]),
        "missions[0].meetings[0].organizations: “org-none” is not the id of a known organization",
    ),
    (
        "missing contact",
        _set(*MEETING0, "contacts", ["c-none"]),
        "missions[0].meetings[0].contacts: “c-none” is not the id of a known contact",
    ),
    (
        "missing attendee",
        _set(*MEETING1, "attendees", ["p-cesar", "p-none"]),
        "missions[0].meetings[1].attendees: “p-none” is not a participant of this mission",
    ),
    (
        "missing traveller",
        _set(*TRAVEL0, "participants", ["p-none"]),
        "missions[0].travel[0].participants: “p-none” is not a participant of this mission",
    ),
    # unknown zones
    (
        "unknown meeting zone",
        _set(*MEETING0, "timezone", "Asia/Beijing"),
        "missions[0].meetings[0].timezone: “Asia/Beijing” is not a known time zone",
    ),
    (
        "unknown stop zone",
        _set(*STOP0, "timezone", "Asia/Beijing"),
        "missions[0].stops[0].timezone: “Asia/Beijing” is not a known time zone",
    ),
    (
        "unknown travel zone",
        _set(*TRAVEL0, "arrive_timezone", "America/Medellin"),
        "missions[0].travel[0].arrive_timezone: “America/Medellin” is not a known time zone",
    ),
    (
        "unknown home zone",
        _set(*M, "home_timezone", "Atlanta"),
        "missions[0].home_timezone: “Atlanta” is not a known time zone",
    ),
    # times and dates
    (
        "end before start",
        _set(*MEETING0, "end", "2026-10-06T09:59"),
        "missions[0].meetings[0].end: ends before it starts",
    ),
    (
        "end when it starts",
        _set(*MEETING0, "end", "2026-10-06T10:00"),
        "missions[0].meetings[0].end: ends when it starts",
    ),
    (
        "stop departs before it arrives",
        _set(*STOP0, "depart", "2026-10-04"),
        "missions[0].stops[0].depart: the departure (2026-10-04) is before the arrival "
        "(2026-10-05)",
    ),
    (
        "impossible stop date",
        _set(*STOP0, "arrive", "2026-02-30"),
        "missions[0].stops[0].arrive: “2026-02-30” is not a real date",
    ),
    (
        "impossible meeting date",
        _set(*MEETING0, "start", "2026-02-30T10:00"),
        "missions[0].meetings[0].start: “2026-02-30T10:00” is not a real date and time",
    ),
    (
        "impossible hour",
        _set(*MEETING0, "start", "2026-10-06T24:30"),
        "missions[0].meetings[0].start: “2026-10-06T24:30” is not a real date and time",
    ),
    (
        "impossible follow-up date",
        _set(*MEETING1, "follow_ups", 0, "due", "2026-11-31"),
        "missions[0].meetings[1].follow_ups[0].due: “2026-11-31” is not a real date",
    ),
    (
        "wrong time format",
        _set(*MEETING0, "start", "10/06/2026 10:00"),
        "missions[0].meetings[0].start: “10/06/2026 10:00” is not a time written as "
        "YYYY-MM-DDTHH:MM",
    ),
    (
        "time with a zone offset",
        _set(*MEETING0, "start", "2026-10-06T10:00-05:00"),
        "missions[0].meetings[0].start: “2026-10-06T10:00-05:00” is not a time written as "
        "YYYY-MM-DDTHH:MM",
    ),
    (
        "wrong date format",
        _set(*STOP0, "arrive", "05/10/2026"),
        "missions[0].stops[0].arrive: “05/10/2026” is not a date written as YYYY-MM-DD",
    ),
    (
        "nonexistent local time in Santiago",
        lambda data: meeting(data, 1).update(start="2026-09-06T00:30", end="2026-09-06T01:30"),
        "missions[0].meetings[1].start: 2026-09-06 00:30 does not exist in America/Santiago",
    ),
    (
        "nonexistent local travel time",
        _set(*TRAVEL0, "arrive", "2026-09-06T00:15"),
        "missions[0].travel[0].arrive: 2026-09-06 00:15 does not exist in America/Santiago",
    ),
    # zones looked up from the city
    (
        "unknown city without zone",
        lambda data: mission(data)["stops"][0].update(city="Villa Nowhere"),
        "missions[0].stops[0].timezone: the time zone is missing, and it cannot be looked up: "
        "Villa Nowhere "
        "(CO) is not in the list of known cities; give its time zone",
    ),
    (
        "ambiguous city without zone",
        lambda data: mission(data)["stops"][0].update(city="Springfield", country="US"),
        "missions[0].stops[0].timezone: the time zone is missing, and it cannot be looked up: "
        "there are several "
        "places called Springfield in US, in different time zones",
    ),
    (
        "city without country and zone",
        _delete(*STOP0, "country"),
        "missions[0].stops[0].timezone: give the time zone, or the country so it can be looked up",
    ),
    (
        "stop with empty zone and no country",
        lambda data: mission(data)["stops"][0].update(country="", timezone=""),
        "missions[0].stops[0].timezone: give the time zone, or the country so it can be looked up",
    ),
    (
        "stop with null zone and no country",
        lambda data: mission(data)["stops"][0].update(country=None, timezone=None),
        "missions[0].stops[0].timezone: give the time zone, or the country so it can be looked up",
    ),
    (
        "unknown country",
        _set(*STOP0, "country", "XX"),
        "missions[0].stops[0].country: “XX” is not a country",
    ),
    # vocabularies
    (
        "bad meeting kind",
        _set(*MEETING0, "kind", "lunch"),
        "missions[0].meetings[0].kind: “lunch” is not one of “meeting”, “site visit”, “event”, "
        "“reception”, “signing”, “briefing” or “other”",
    ),
    (
        "bad meeting status",
        _set(*MEETING0, "status", "maybe"),
        "missions[0].meetings[0].status: “maybe” is not one of “proposed”, “requested”, "
        "“confirmed”, “held” or “cancelled”",
    ),
    (
        "bad organization kind",
        _set("organizations", 0, "kind", "ngo"),
        "organizations[0].kind: “ngo” is not one of “innovation centre”",
    ),
    (
        "bad travel mode",
        _set(*TRAVEL0, "mode", "teleport"),
        "missions[0].travel[0].mode: “teleport” is not one of “flight”, “train”, “car”, "
        "“bus”, “boat” or “other”",
    ),
    (
        "bad mission direction",
        _set(*M, "direction", "sideways"),
        "missions[0].direction: “sideways” is not one of “outbound” or “inbound”",
    ),
    # required fields and types
    ("missing mission id", _delete(*M, "id"), "missions[0].id: is missing"),
    ("missing organization name", _delete("organizations", 0, "name"), "organizations[0].name"),
    (
        "missing contact name",
        _delete("organizations", 0, "contacts", 0, "name"),
        "organizations[0].contacts[0].name: is missing",
    ),
    ("empty mission title", _set(*M, "title", "   "), "missions[0].title: is required"),
    (
        "missing participant name",
        _delete(*M, "participants", 0, "name"),
        "missions[0].participants[0].name: is missing",
    ),
    ("missing stop city", _delete(*STOP0, "city"), "missions[0].stops[0].city: is missing"),
    ("missing stop arrive", _delete(*STOP0, "arrive"), "missions[0].stops[0].arrive: is missing"),
    (
        "missing travel zone",
        _delete(*TRAVEL0, "depart_timezone"),
        "missions[0].travel[0].depart_timezone: is missing",
    ),
    (
        "missing travel time",
        _delete(*TRAVEL0, "arrive"),
        "missions[0].travel[0].arrive: is missing",
    ),
    ("missing meeting title", _delete(*MEETING0, "title"), "missions[0].meetings[0].title"),
    (
        "missing meeting stop",
        _delete(*MEETING0, "stop"),
        "missions[0].meetings[0].stop: is missing",
    ),
    (
        "missing meeting start",
        _delete(*MEETING0, "start"),
        "missions[0].meetings[0].start: is missing",
    ),
    ("missing meeting end", _delete(*MEETING0, "end"), "missions[0].meetings[0].end: is missing"),
    ("id not text", _set(*MEETING0, "id", 7), "missions[0].meetings[0].id: must be text"),
    (
        "list not a list",
        _set(*M, "participants", {"id": "p-cesar"}),
        "missions[0].participants: must be a list",
    ),
    (
        "item not an object",
        _set(*M, "stops", 1, "s-scl"),
        "missions[0].stops[1]: must be an object",
    ),
    (
        "done not a flag",
        _set(*MEETING1, "follow_ups", 0, "done", "yes"),
        "missions[0].meetings[1].follow_ups[0].done: must be true or false",
    ),
    (
        "id too long",
        _set(*MEETING0, "id", "x" * 101),
        "missions[0].meetings[0].id: is longer than 100 characters",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(mutate, expected, id=name) for name, mutate, expected in CONTENT_ERRORS],
)
def test_invalid_file_is_refused_with_its_place(
    loaded: Database, mutate: Callable[[Data], None], expected: str
) -> None:
    versions_before = versions(loaded)
    data = edited_file()
    mutate(data)
    message = refused_data(loaded, data)
    assert expected in message
    assert "nothing was imported" in message.lower()
    assert versions(loaded) == versions_before


def test_unknown_zone_of_a_stop_without_country_is_one_problem(loaded: Database) -> None:
    data = edited_file()
    mission(data)["stops"][0].update(country="", timezone="Asia/Beijing")
    message = refused_data(loaded, data)
    assert "missions[0].stops[0].timezone: “Asia/Beijing” is not a known time zone" in message
    assert problem_count(message) == 1


@pytest.mark.parametrize(
    "name",
    [
        "end before start",
        "stop departs before it arrives",
        "bad meeting kind",
        "stop with empty zone and no country",
        "unknown city without zone",
    ],
)
def test_single_problem_is_reported_once(loaded: Database, name: str) -> None:
    mutate = next(m for n, m, _ in CONTENT_ERRORS if n == name)
    data = edited_file()
    mutate(data)
    assert problem_count(refused_data(loaded, data)) == 1


def test_several_problems_are_all_reported(loaded: Database) -> None:
    data = edited_file()
    data["organizations"][0]["kind"] = "lunch"
    # A broken stop is reported once; its meetings do not add "not a stop" problems.
    mission(data)["stops"][0]["depart"] = "2026-10-01"
    meeting(data, 1)["end"] = "2026-10-09T14:00"
    mission(data)["participants"][2]["email"] = 42
    message = refused_data(loaded, data)
    assert problem_count(message) == 4
    assert message.startswith("The mission file has 4 problems; nothing was imported.")
    for place in (
        "organizations[0].kind: “lunch”",
        "missions[0].stops[0].depart: the departure (2026-10-01) is before the arrival",
        "missions[0].meetings[1].end: ends before it starts",
        "missions[0].participants[2].email: must be text",
    ):
        assert place in message
    assert "is not a stop of this mission" not in message


def test_a_long_list_of_problems_is_cut_short(loaded: Database) -> None:
    data = edited_file()
    mission(data)["participants"] = [{"id": f"p-{n}"} for n in range(30)]
    message = refused_data(loaded, data)
    # 30 nameless participants, and one line for a meeting's two unknown attendees.
    assert problem_count(message) == 31
    assert "missions[0].participants[29].name: is missing" not in message
    assert "…and 6 more" in message


@pytest.mark.parametrize("kind", ["participants", "stops"])
def test_id_of_another_mission_in_the_database_is_refused(loaded: Database, kind: str) -> None:
    """Found only when writing: the transaction with the earlier writes rolls back."""
    versions_before = versions(loaded)
    taken = {"participants": "p-natalia", "stops": "s-scl"}[kind]
    pacific: Data = {
        "id": "m-pacific",
        "title": "Pacific 2026",
        "participants": [{"id": "p-ok", "name": "Pat"}],
        "stops": [
            {
                "id": "s-ok",
                "city": "Lima",
                "country": "PE",
                "arrive": "2026-11-02",
                "depart": "2026-11-03",
            }
        ],
    }
    data = {
        "format": "missionplanner/1",
        "organizations": [{"id": "org-new", "name": "New Org"}],
        "missions": [pacific],
    }
    pacific[kind].append(copy.deepcopy(pacific[kind][0]) | {"id": taken})
    message = refused_data(loaded, data)
    singular = {"participants": "participant", "stops": "city"}[kind]
    assert message.startswith(
        f"missions[0].{kind}[1].id: the {singular} id “{taken}” already belongs to another "
        "mission in this database (“m-andes”)"
    )
    assert versions(loaded) == versions_before
    assert not any(key[1] in {"org-new", "m-pacific", "p-ok", "s-ok"} for key in versions(loaded))


def test_fields_left_out_take_their_documented_defaults(db: Database) -> None:
    data = {
        "format": "missionplanner/1",
        "missions": [{"id": "m-bare", "title": "Bare mission"}],
    }
    import_data(db, data)
    (written,) = export_data(db)["missions"]
    assert written["home_timezone"] == "UTC"
    assert written["direction"] == "outbound"
    assert written["status"] == "draft"


# --- round trip --------------------------------------------------------------------

RICH_NOTES = "Bring the signed NDA.\nAsk about the Q3 call:\n  – budget\n  – dates"


def rich_file() -> Data:
    return {
        "format": "missionplanner/1",
        "organizations": [
            {
                "id": "org-att",
                "name": "AT&T <Latam> & Partners",
                "kind": "corporation",
                "city": "Dallas",
                "country": "US",
                "website": "https://example.com/?a=1&b=<2>",
                "profile": "Quotes \"double\" and 'single', a tab\there, a backslash \\ too.",
                "sectors": ["telecom", "5G & IoT"],
                "contacts": [
                    {
                        "id": "c-jo",
                        "name": "Jo O'Neil",
                        "title": "VP <Sales>",
                        "email": "jo@example.com",
                        "phone": "+1 214-555-0100",
                        "notes": RICH_NOTES,
                    }
                ],
            },
            {
                "id": "org-huawei",
                "name": "华为技术有限公司",
                "kind": "corporation",
                "city": "深圳",
                "country": "CN",
                "contacts": [{"id": "c-li", "name": "李明", "title": "总监"}],
            },
            {
                "id": "org-ruta",
                "name": "Ruta N Medellín",
                "kind": "innovation centre",
                "city": "Medellín",
                "country": "CO",
                "contacts": [],
            },
        ],
        "missions": [
            {
                "id": "m-sur",
                "title": "Misión Cono Sur — abril",
                "organizer": "Agencia de Promoción",
                "direction": "inbound",
                "status": "confirmed",
                "objectives": "Meet investors.\nSign two MoUs.",
                "home_timezone": "America/Bogota",
                "participants": [
                    {"id": "p-cesar", "name": "César Vence", "role": "Lead"},
                    {"id": "p-natalia", "name": "Natalia Martínez-Kalínina"},
                    {"id": "p-wang", "name": "王芳", "organization": "华为"},
                ],
                "stops": [
                    {
                        "id": "s-mde",
                        "city": "Medellín",
                        "country": "CO",
                        "arrive": "2026-03-30",
                        "depart": "2026-04-02",
                        "hotel": "Hotel Poblado & Spa",
                        "notes": "Late check-in\nRoom block: 3",
                    },
                    {
                        "id": "s-scl",
                        "city": "Santiago",
                        "country": "CL",
                        "timezone": "America/Santiago",
                        "arrive": "2026-04-03",
                        "depart": "2026-04-06",
                    },
                ],
                "travel": [
                    {
                        "id": "t-mde-scl",
                        "from": "Medellín",
                        "to": "Santiago",
                        "mode": "flight",
                        "carrier": "LATAM",
                        "reference": "LA 3021",
                        "depart": "2026-04-02T23:30",
                        "depart_timezone": "America/Bogota",
                        "arrive": "2026-04-03T06:15",
                        "arrive_timezone": "America/Santiago",
                        "participants": ["p-natalia", "p-cesar"],
                    },
                    {
                        "id": "t-scl-pvg",
                        "from": "Santiago",
                        "to": "Shanghai",
                        "depart": "2026-04-06T09:00",
                        "depart_timezone": "America/Santiago",
                        "arrive": "2026-04-07T23:55",
                        "arrive_timezone": "Asia/Shanghai",
                    },
                ],
                "meetings": [
                    {
                        "id": "mt-att",
                        "title": "AT&T <Latam> & Partners — intro",
                        "kind": "meeting",
                        "stop": "s-mde",
                        "organizations": ["org-att", "org-ruta"],
                        "contacts": ["c-jo"],
                        "start": "2026-03-31T09:00",
                        "end": "2026-03-31T10:30",
                        "venue": "Ruta N, Cl. 67 #52-20",
                        "status": "confirmed",
                        "objectives": "Partnership <b>not bold</b>",
                        "talking_points": "1. Spectrum\n2. Data centres",
                        "notes": RICH_NOTES,
                        "follow_ups": [
                            {"action": "Send deck", "owner": "César", "due": "2026-04-10"},
                            {
                                "id": "fu-nda",
                                "action": "Countersign the NDA",
                                "done": True,
                            },
                            {"action": "Thank-you note", "owner": None, "due": None, "done": None},
                        ],
                    },
                    {
                        "id": "mt-dinner",
                        "title": "华为 dinner",
                        "kind": "reception",
                        "stop": "s-scl",
                        "organizations": ["org-huawei"],
                        "contacts": ["c-li"],
                        # Santiago falls back at midnight: 23:30 happens twice.
                        "start": "2026-04-04T23:30",
                        "end": "2026-04-05T00:30",
                        "timezone": "America/Santiago",
                        "attendees": ["p-wang", "p-cesar"],
                    },
                    {
                        "id": "mt-visit",
                        "title": "Site visit",
                        "kind": "site visit",
                        "stop": "s-scl",
                        "start": "2026-04-05T10:00",
                        "end": "2026-04-05T12:00",
                        "attendees": [],
                    },
                ],
            }
        ],
    }


def test_round_trip_gives_the_same_file(tmp_path: Path) -> None:
    first_path, second_path = tmp_path / "first.json", tmp_path / "second.json"
    with open_database(tmp_path / "one.sqlite") as one:
        import_data(one, rich_file())
        assert export_file(one, first_path) == 1
        assert not import_file(one, first_path).changed  # its own export changes nothing
    with open_database(tmp_path / "two.sqlite") as two:
        report = import_file(two, first_path)
        assert report.added["meeting"] == 3 and report.added["follow-up"] == 3
        export_file(two, second_path)
    first = first_path.read_text(encoding="utf-8")
    assert first == second_path.read_text(encoding="utf-8")
    # Written as readable UTF-8, not \u escapes; markup-like text kept as it is.
    assert "华为技术有限公司" in first and "AT&T <Latam> & Partners" in first
    assert first.endswith("}\n")

    out = json.loads(first)
    source = rich_file()
    assert out["format"] == "missionplanner/1"
    orgs = {o["id"]: o for o in out["organizations"]}
    for org in source["organizations"]:
        for key in ("name", "kind", "city", "country", "website", "profile"):
            assert orgs[org["id"]][key] == org.get(key, ""), key
        assert orgs[org["id"]]["contacts"] == [
            {k: c.get(k, "") for k in ("id", "name", "title", "email", "phone", "notes")}
            for c in org["contacts"]
        ]
    (exported_mission,) = out["missions"]
    src = mission(source)
    for key in ("id", "title", "organizer", "direction", "status", "objectives"):
        assert exported_mission[key] == src[key]
    stops = {s["id"]: s for s in exported_mission["stops"]}
    assert stops["s-mde"]["timezone"] == "America/Bogota"  # from the gazetteer
    assert stops["s-scl"]["timezone"] == "America/Santiago"
    assert stops["s-mde"]["notes"] == "Late check-in\nRoom block: 3"
    travel = {t["id"]: t for t in exported_mission["travel"]}
    for segment in src["travel"]:
        for key in ("from", "to", "depart", "depart_timezone", "arrive", "arrive_timezone"):
            assert travel[segment["id"]][key] == segment[key]
    # Travellers in the delegation's order; none listed means the whole delegation.
    assert travel["t-mde-scl"]["participants"] == ["p-cesar", "p-natalia"]
    assert travel["t-scl-pvg"]["participants"] == []
    zones = {"s-mde": "America/Bogota", "s-scl": "America/Santiago"}
    meetings = {m["id"]: m for m in exported_mission["meetings"]}
    for item in src["meetings"]:
        got = meetings[item["id"]]
        assert (got["start"], got["end"]) == (item["start"], item["end"])
        assert got["timezone"] == item.get("timezone", zones[item["stop"]])
        assert got["title"] == item["title"]
    assert meetings["mt-att"]["notes"] == RICH_NOTES
    assert meetings["mt-att"]["organizations"] == ["org-att", "org-ruta"]
    assert meetings["mt-dinner"]["attendees"] == ["p-cesar", "p-wang"]
    assert meetings["mt-visit"]["attendees"] == []
    assert meetings["mt-att"]["follow_ups"] == [
        {
            "id": "mt-att/follow-up/1",
            "action": "Send deck",
            "owner": "César",
            "due": "2026-04-10",
            "done": False,
        },
        {"id": "fu-nda", "action": "Countersign the NDA", "owner": "", "due": None, "done": True},
        {
            "id": "mt-att/follow-up/3",
            "action": "Thank-you note",
            "owner": "",
            "due": None,
            "done": False,
        },
    ]


def test_every_record_has_timestamps_and_version_one(db: Database) -> None:
    import_data(db, rich_file())
    with db.reading() as session:
        for table in Base.metadata.sorted_tables:
            if "version" not in table.c:
                continue
            rows = list(session.execute(select(table)).mappings())
            assert rows, table.name
            for row in rows:
                assert row["version"] == 1
                assert isinstance(row["created_at"], datetime)
                assert row["updated_at"] == row["created_at"]


# --- idempotent import -------------------------------------------------------------


def test_same_file_twice_changes_nothing(db: Database) -> None:
    first = import_data(db, rich_file())
    assert first.changed and not +first.updated and not +first.removed
    rows = snapshot(db)
    second = import_data(db, rich_file())
    assert not second.changed
    assert not +second.added and not +second.updated and not +second.removed
    assert +second.unchanged == +first.added
    assert lines(second.lines()) == [
        "Unchanged: 3 organizations, 2 contacts, 1 mission, 3 participants, 2 cities, "
        "2 travel segments, 3 meetings and 3 follow-ups."
    ]
    assert snapshot(db) == rows  # versions and updated_at included


def test_edited_file_updates_only_what_changed(loaded: Database) -> None:
    before = versions(loaded)
    rows_before = counts(loaded)
    data = base_file()
    m = mission(data)
    m["participants"].pop()  # Manolo leaves the delegation…
    meeting(data, 1)["attendees"] = ["p-cesar"]  # …and so the CORFO attendee list changes
    meeting(data, 0)["start"], meeting(data, 0)["end"] = "2026-10-06T14:00", "2026-10-06T15:00"
    m["meetings"].append(
        {
            "id": "mt-new",
            "title": "Bancóldex",
            "stop": "s-bog",
            "start": "2026-10-07T09:00",
            "end": "2026-10-07T10:00",
        }
    )
    report = import_data(loaded, data)

    assert +report.added == {"meeting": 1}
    assert +report.updated == {"meeting": 2}
    assert +report.removed == {"participant": 1}
    assert +report.unchanged == {
        "organization": 2,
        "contact": 2,
        "mission": 1,
        "participant": 2,
        "stop": 2,
        "travel": 1,
        "follow-up": 1,
    }
    assert lines(report.lines())[:3] == [
        "Added: 1 meeting.",
        "Updated: 2 meetings.",
        "Removed: 1 participant.",
    ]
    after = versions(loaded)
    changed = {key for key in after if after[key] != before.get(key)}
    assert changed == {("meetings", "mt-ruta"), ("meetings", "mt-corfo"), ("meetings", "mt-new")}
    assert after[("meetings", "mt-ruta")] == 2 and after[("meetings", "mt-corfo")] == 2
    assert after[("meetings", "mt-new")] == 1
    assert ("participants", "p-manolo") not in after

    rows_after = counts(loaded)
    assert rows_after["meetings"] == rows_before["meetings"] + 1
    assert rows_after["participants"] == rows_before["participants"] - 1
    assert rows_after["meeting_attendees"] == 1
    for table in ("organizations", "contacts", "missions", "stops", "travel_segments"):
        assert rows_after[table] == rows_before[table]
    ruta = meeting_row(loaded, "mt-ruta")
    assert ruta.start_local == datetime(2026, 10, 6, 14, 0)
    assert ruta.start_utc == datetime(2026, 10, 6, 19, 0)
    assert ruta.updated_at > ruta.created_at
    with loaded.reading() as session:
        assert list(session.execute(select(meeting_attendees))) == [("mt-corfo", "p-cesar")]

    # The edited file again: nothing more changes.
    assert not import_data(loaded, data).changed
    assert versions(loaded) == after


def test_removed_meeting_stop_and_follow_up_changes(loaded: Database) -> None:
    data = base_file()
    m = mission(data)
    m["meetings"] = [meeting(data, 1)]
    m["stops"] = [m["stops"][1]]
    meeting(data, 0)["follow_ups"][0]["done"] = True
    report = import_data(loaded, data)
    assert +report.removed == {"meeting": 1, "stop": 1}
    # The Santiago stop and the CORFO meeting moved up to first place: their order changed.
    assert +report.updated == {"stop": 1, "meeting": 1, "follow-up": 1}
    assert versions(loaded)[("follow_ups", "mt-corfo/follow-up/1")] == 2
    assert ("meetings", "mt-ruta") not in versions(loaded)


def test_other_missions_and_organizations_stay(loaded: Database) -> None:
    before = versions(loaded)
    data = {
        "format": "missionplanner/1",
        "missions": [
            {
                "id": "m-pacific",
                "title": "Pacific 2026",
                "participants": [{"id": "p-pat", "name": "Pat"}],
                "stops": [
                    {
                        "id": "s-lim",
                        "city": "Lima",
                        "country": "PE",
                        "arrive": "2026-11-02",
                        "depart": "2026-11-03",
                    }
                ],
                # Organizations and contacts already in the database may be referred to.
                "meetings": [
                    {
                        "id": "mt-lim",
                        "title": "CORFO Lima office",
                        "stop": "s-lim",
                        "organizations": ["org-corfo"],
                        "contacts": ["c-luis"],
                        "start": "2026-11-02T10:00",
                        "end": "2026-11-02T11:00",
                    }
                ],
            }
        ],
    }
    report = import_data(loaded, data)
    assert +report.added == {"mission": 1, "participant": 1, "stop": 1, "meeting": 1}
    assert not +report.removed and not +report.updated
    after = versions(loaded)
    assert {key: after[key] for key in before} == before


# --- times and zones ---------------------------------------------------------------


def test_ambiguous_santiago_time_is_the_earlier_instant(db: Database) -> None:
    import_data(db, rich_file())
    dinner = meeting_row(db, "mt-dinner")
    assert dinner.start_local == datetime(2026, 4, 4, 23, 30)
    assert dinner.start_utc == datetime(2026, 4, 5, 2, 30)  # -03, before the clocks go back
    assert dinner.end_utc == datetime(2026, 4, 5, 4, 30)  # 00:30 at -04: a two-hour dinner
    assert dinner.timezone == "America/Santiago"


def test_nonexistent_santiago_time_names_the_meeting(db: Database) -> None:
    data = one_meeting_file(
        "Santiago", "CL", "America/Santiago", "2026-09-06T00:30", "2026-09-06T02:00"
    )
    message = refused_data(db, data)
    assert (
        "missions[0].meetings[0].start: 2026-09-06 00:30 does not exist in America/Santiago: "
        "the clocks skip forward at that time; choose a time before or after the change "
        "(meeting “Zone meeting”)" in message
    )


def test_bogota_has_no_daylight_saving(db: Database) -> None:
    january = one_meeting_file(
        "Bogotá", "CO", "America/Bogota", "2026-01-15T10:00", "2026-01-15T11:00"
    )
    import_data(db, january)
    assert meeting_row(db, "mt-zone").start_utc == datetime(2026, 1, 15, 15, 0)
    july = one_meeting_file(
        "Bogotá", "CO", "America/Bogota", "2026-07-15T10:00", "2026-07-15T11:00"
    )
    report = import_data(db, july)
    assert +report.updated == {"stop": 1, "meeting": 1}
    assert meeting_row(db, "mt-zone").start_utc == datetime(2026, 7, 15, 15, 0)


def test_new_york_ambiguous_time_is_the_earlier_instant(db: Database) -> None:
    data = one_meeting_file(
        "New York", "US", "America/New_York", "2026-11-01T01:30", "2026-11-01T02:30"
    )
    import_data(db, data)
    row = meeting_row(db, "mt-zone")
    assert row.start_utc == datetime(2026, 11, 1, 5, 30)  # 01:30 EDT
    assert row.end_utc == datetime(2026, 11, 1, 7, 30)  # 02:30 EST
    assert exported(db).count('"2026-11-01T01:30"') == 1


def test_new_york_nonexistent_time_is_refused(db: Database) -> None:
    data = one_meeting_file(
        "New York", "US", "America/New_York", "2026-03-08T02:30", "2026-03-08T04:00"
    )
    message = refused_data(db, data)
    assert (
        "missions[0].meetings[0].start: 2026-03-08 02:30 does not exist in America/New_York"
        in message
    )
    assert counts(db)["missions"] == 0


def test_stop_zone_is_looked_up_from_city_and_country(db: Database) -> None:
    data = one_meeting_file("Medellin", "co", "", "2026-06-01T10:00", "2026-06-01T11:00")
    del mission(data)["stops"][0]["timezone"]
    import_data(db, data)
    (stop,) = mission(export_data(db))["stops"]
    assert (stop["city"], stop["country"], stop["timezone"]) == ("Medellin", "CO", "America/Bogota")
    assert meeting_row(db, "mt-zone").start_utc == datetime(2026, 6, 1, 15, 0)


def test_ambiguous_city_with_a_zone_is_fine(db: Database) -> None:
    data = one_meeting_file(
        "Springfield", "US", "America/Chicago", "2026-06-01T10:00", "2026-06-01T11:00"
    )
    import_data(db, data)
    assert meeting_row(db, "mt-zone").start_utc == datetime(2026, 6, 1, 15, 0)


@pytest.mark.parametrize(
    ("depart", "depart_zone", "arrive", "arrive_zone", "depart_utc", "arrive_utc"),
    [
        # Westbound: lands "an hour before" it left on the clock, 12 hours later.
        (
            "2026-06-10T10:00",
            "Asia/Shanghai",
            "2026-06-10T09:00",
            "America/Bogota",
            datetime(2026, 6, 10, 2, 0),
            datetime(2026, 6, 10, 14, 0),
        ),
        # Across the date line: lands the day before it left, 8 h 45 later.
        (
            "2026-06-10T07:00",
            "Pacific/Auckland",
            "2026-06-09T17:45",
            "Pacific/Honolulu",
            datetime(2026, 6, 9, 19, 0),
            datetime(2026, 6, 10, 3, 45),
        ),
        # Overnight, eastbound.
        (
            "2026-10-08T23:30",
            "America/Bogota",
            "2026-10-09T06:15",
            "America/Santiago",
            datetime(2026, 10, 9, 4, 30),
            datetime(2026, 10, 9, 9, 15),
        ),
    ],
    ids=["westbound", "date-line", "overnight"],
)
def test_travel_that_arrives_earlier_on_the_clock_is_fine(
    db: Database,
    depart: str,
    depart_zone: str,
    arrive: str,
    arrive_zone: str,
    depart_utc: datetime,
    arrive_utc: datetime,
) -> None:
    import_data(db, travel_file(depart, depart_zone, arrive, arrive_zone))
    with db.reading() as session:
        segment = session.execute(select(TravelSegment.__table__)).one()
    assert (segment.depart_utc, segment.arrive_utc) == (depart_utc, arrive_utc)
    assert (segment.depart_local, segment.arrive_local) == (
        datetime.fromisoformat(depart),
        datetime.fromisoformat(arrive),
    )
    (exported_travel,) = mission(export_data(db))["travel"]
    assert (exported_travel["depart"], exported_travel["arrive"]) == (depart, arrive)


def test_travel_arriving_before_it_departs_is_refused(loaded: Database) -> None:
    # Shanghai 10:00 is 02:00 UTC; Bogotá 20:00 the evening before is 01:00 UTC.
    data = edited_file()
    mission(data)["travel"][0].update(
        depart="2026-06-10T10:00",
        depart_timezone="Asia/Shanghai",
        arrive="2026-06-09T20:00",
        arrive_timezone="America/Bogota",
    )
    message = refused_data(loaded, data)
    assert (
        "missions[0].travel[0].arrive: arrives (2026-06-09 20:00 America/Bogota) before it "
        "departs (2026-06-10 10:00 Asia/Shanghai)" in message
    )
    assert problem_count(message) == 1


# --- export ------------------------------------------------------------------------


def _two_missions(db: Database) -> None:
    data = base_file()
    data["organizations"] += [
        {"id": "org-idle", "name": "Nobody meets us"},
        {"id": "org-pro", "name": "ProColombia", "contacts": [{"id": "c-pro", "name": "Pía"}]},
        {"id": "org-cci", "name": "CCI", "contacts": [{"id": "c-cci", "name": "Carla"}]},
    ]
    data["missions"].append(
        {
            "id": "m-pacific",
            "title": "Pacific 2026",
            "stops": [
                {
                    "id": "s-lim",
                    "city": "Lima",
                    "country": "PE",
                    "arrive": "2026-11-02",
                    "depart": "2026-11-03",
                }
            ],
            "meetings": [
                {
                    "id": "mt-lim",
                    "title": "Lima",
                    "stop": "s-lim",
                    "organizations": ["org-pro"],
                    # A contact without its organization on the meeting.
                    "contacts": ["c-cci"],
                    "start": "2026-11-02T10:00",
                    "end": "2026-11-02T11:00",
                }
            ],
        }
    )
    import_data(db, data)


def test_export_of_chosen_missions_has_only_their_organizations(db: Database) -> None:
    _two_missions(db)
    everything = export_data(db)
    assert [m["id"] for m in everything["missions"]] == ["m-andes", "m-pacific"]
    assert {o["id"] for o in everything["organizations"]} == {
        "org-ruta",
        "org-corfo",
        "org-idle",
        "org-pro",
        "org-cci",
    }
    pacific = export_data(db, ["m-pacific"])
    assert [m["id"] for m in pacific["missions"]] == ["m-pacific"]
    assert {o["id"] for o in pacific["organizations"]} == {"org-pro", "org-cci"}
    andes = export_data(db, ["m-andes", "m-andes"])
    assert [m["id"] for m in andes["missions"]] == ["m-andes"]
    assert {o["id"] for o in andes["organizations"]} == {"org-ruta", "org-corfo"}


def test_export_of_chosen_missions_imports_into_a_fresh_database(
    db: Database, tmp_path: Path
) -> None:
    _two_missions(db)
    text = dumps(export_data(db, ["m-pacific"]))
    with open_database(tmp_path / "fresh.sqlite") as fresh:
        import_data(fresh, json.loads(text))
        assert dumps(export_data(fresh)) == text


def test_export_of_unknown_mission_is_not_found(loaded: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="“m-nope”"):
        export_data(loaded, ["m-andes", "m-nope"])
    target = tmp_path / "out.json"
    with pytest.raises(NotFoundError):
        export_file(loaded, target, ["m-nope"])
    assert not target.exists()


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


def test_export_to_a_folder_fails_cleanly(loaded: Database, tmp_path: Path) -> None:
    target = tmp_path / "exports"
    target.mkdir()
    before = _files(tmp_path)
    with pytest.raises(MissionPlannerError, match="Cannot write"):
        export_file(loaded, target)
    assert _files(tmp_path) == before  # no temporary file left behind
    assert target.is_dir() and not any(target.iterdir())


@pytest.mark.parametrize("where", ["missing-folder", "under-a-file"])
def test_export_to_an_unwritable_path_fails_cleanly(
    loaded: Database, tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("not a folder")
    parent = tmp_path / "no" / "such" if where == "missing-folder" else blocker
    before = _files(tmp_path)
    with pytest.raises(MissionPlannerError, match="Cannot write"):
        export_file(loaded, parent / "out.json")
    assert _files(tmp_path) == before
    assert blocker.read_text() == "not a folder"


def test_export_replaces_an_existing_file(loaded: Database, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old contents")
    assert export_file(loaded, target) == 1
    assert json.loads(target.read_text(encoding="utf-8")) == export_data(loaded)
    assert not [name for name in _files(tmp_path) if name.startswith(".")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_export_is_private_and_a_replaced_one_keeps_its_permissions(
    loaded: Database, tmp_path: Path
) -> None:
    """Mission files hold contacts' details: others on the machine may not read a new one;
    a file the user already shared keeps the permissions they gave it."""
    umask = os.umask(0o022)
    try:
        export_file(loaded, tmp_path / "new.json")
        shared = tmp_path / "shared.json"
        shared.write_text("old contents")
        shared.chmod(0o664)
        export_file(loaded, shared)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664


# --- the demo missions -------------------------------------------------------------


def test_demo_loads_twice_without_changes(db: Database, tmp_path: Path) -> None:
    if not demo_mission_file().exists():
        pytest.skip("resources/demo/missions.json is not there yet")
    first = load_demo(db)
    assert first.changed and first.mission_ids
    rows = snapshot(db)
    second = load_demo(db)
    assert not second.changed
    assert snapshot(db) == rows
    text = exported(db)
    with open_database(tmp_path / "again.sqlite") as again:
        import_data(again, json.loads(text))
        assert exported(again) == text


# --- the documentation's example ---------------------------------------------------


def doc_example() -> str:
    """The first ```json block of docs/mission-file.md."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"^```json\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    assert found, f"no ```json block in {DOC.name}"
    return found.group(1)


def test_documentation_example_imports(db: Database, tmp_path: Path) -> None:
    example = doc_example()
    report: ImportReport = import_data(db, json.loads(example))
    assert report.added["organization"] == 1
    assert report.added["contact"] == 1
    assert report.added["mission"] == 1
    assert report.added["stop"] == 2
    assert report.added["travel"] == 1
    assert report.added["meeting"] == 2
    assert not import_data(db, json.loads(example)).changed
    # And it survives a round trip like any other file.
    text = exported(db)
    with open_database(tmp_path / "copy.sqlite") as copy_db:
        import_data(copy_db, json.loads(text))
        assert exported(copy_db) == text


def test_documented_commands_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    example = tmp_path / "example.json"
    example.write_text(doc_example(), encoding="utf-8")
    database = str(tmp_path / "cli.sqlite")
    assert cli.main(["--db", database, "import", str(example)]) == 0
    assert "Imported example.json." in capsys.readouterr().out
    mission_id = json.loads(example.read_text(encoding="utf-8"))["missions"][0]["id"]
    out = tmp_path / "out.json"
    assert cli.main(["--db", database, "export-json", mission_id, "-o", str(out)]) == 0
    assert "Exported 1 mission" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["missions"][0]["id"] == mission_id
    assert cli.main(["--db", database, "export-json", "nope", "-o", str(out)]) == 2
    assert "There is no mission with the id “nope”" in capsys.readouterr().err


def test_participant_rows_keep_the_file_order(db: Database) -> None:
    import_data(db, rich_file())
    with db.reading() as session:
        names = session.scalars(select(Participant.name).order_by(Participant.position)).all()
    assert names == ["César Vence", "Natalia Martínez-Kalínina", "王芳"]
