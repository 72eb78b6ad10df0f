"""Deleted meetings and trips are cancelled in the next calendar file, undone deletes are not."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from missionplanner.domain.forms import MeetingForm, TravelForm
from missionplanner.services.calendars import export_calendar
from missionplanner.services.commands import RecordCommand
from missionplanner.services.dossier import load_dossier
from missionplanner.services.missions import load_plan
from missionplanner.services.transfer import export_data, import_data, load_demo
from missionplanner.store.database import Database

MISSION = "m-atl-latam-2027"
LUNCH = "mt-atl27-aci-lunch"
LUNCH_UID = f"meeting-{LUNCH}@missionplanner"


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def events(db: Database, path: Path, participant_id: str | None = None) -> dict[str, list[Event]]:
    export_calendar(db, MISSION, path, participant_id)
    found: dict[str, list[Event]] = {}
    for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
        found.setdefault(str(event["UID"]), []).append(event)
    return found


def test_a_deleted_meeting_is_cancelled_with_a_higher_sequence(
    demo: Database, tmp_path: Path
) -> None:
    before = events(demo, tmp_path / "before.ics")
    [earlier] = before[LUNCH_UID]
    assert str(earlier["STATUS"]) != "CANCELLED"

    RecordCommand.delete(demo, "Delete meeting", MeetingForm, LUNCH).redo(demo)
    export = export_calendar(demo, MISSION, tmp_path / "after.ics")
    after = events(demo, tmp_path / "after.ics")

    [cancelled] = after[LUNCH_UID]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["TRANSP"]) == "TRANSPARENT"
    assert int(cancelled["SEQUENCE"]) > int(earlier["SEQUENCE"])
    assert str(cancelled["SUMMARY"]) == str(earlier["SUMMARY"])
    assert cancelled.decoded("DTSTART") == earlier.decoded("DTSTART")
    assert cancelled.decoded("DTEND") == earlier.decoded("DTEND")
    assert cancelled["DTSTART"].params.get("TZID") == earlier["DTSTART"].params.get("TZID")
    assert export.cancelled >= 1
    assert set(before) == set(after)


def test_undoing_the_delete_brings_the_event_back_without_a_cancelled_twin(
    demo: Database, tmp_path: Path
) -> None:
    [earlier] = events(demo, tmp_path / "before.ics")[LUNCH_UID]
    command = RecordCommand.delete(demo, "Delete meeting", MeetingForm, LUNCH)
    command.redo(demo)
    [cancelled] = events(demo, tmp_path / "cancelled.ics")[LUNCH_UID]
    command.undo(demo)

    [event] = events(demo, tmp_path / "after.ics")[LUNCH_UID]
    assert str(event["STATUS"]) == str(earlier["STATUS"])
    # A calendar that took in the cancellation takes the meeting's return too.
    assert int(event["SEQUENCE"]) > int(cancelled["SEQUENCE"])
    assert str(event["STATUS"]) != "CANCELLED"
    assert load_dossier(demo, MISSION).deleted == ()

    # Deleted again (a redo): cancelled again, once.
    command.redo(demo)
    [again] = events(demo, tmp_path / "again.ics")[LUNCH_UID]
    assert str(again["STATUS"]) == "CANCELLED"


def test_a_deleted_trip_is_cancelled_with_its_departure_and_arrival_zones(
    demo: Database, tmp_path: Path
) -> None:
    trip = load_plan(demo, MISSION).travel[0]
    uid = f"travel-{trip.id}@missionplanner"
    [earlier] = events(demo, tmp_path / "before.ics")[uid]

    RecordCommand.delete(demo, "Delete trip", TravelForm, trip.id).redo(demo)
    [cancelled] = events(demo, tmp_path / "after.ics")[uid]

    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == int(earlier["SEQUENCE"]) + 1
    assert cancelled["DTSTART"].params.get("TZID") == earlier["DTSTART"].params.get("TZID")
    assert cancelled["DTEND"].params.get("TZID") == earlier["DTEND"].params.get("TZID")
    assert cancelled.decoded("DTEND") == earlier.decoded("DTEND")


def test_a_participant_calendar_leaves_deleted_records_out(demo: Database, tmp_path: Path) -> None:
    person = load_plan(demo, MISSION).participants[0].id
    assert LUNCH_UID in events(demo, tmp_path / "before.ics", person)
    RecordCommand.delete(demo, "Delete meeting", MeetingForm, LUNCH).redo(demo)
    assert LUNCH_UID not in events(demo, tmp_path / "mine.ics", person)


def test_a_meeting_left_out_of_a_reimported_file_is_cancelled_like_a_delete(
    demo: Database, tmp_path: Path
) -> None:
    """Both roads that remove a meeting (a delete in the app, a mission file that no
    longer holds it) are remembered the same way, so calendars cancel either."""
    [earlier] = events(demo, tmp_path / "before.ics")[LUNCH_UID]
    original = export_data(demo, [MISSION])
    edited = copy.deepcopy(original)
    [mission] = edited["missions"]
    mission["meetings"] = [m for m in mission["meetings"] if m["id"] != LUNCH]
    report = import_data(demo, edited)
    assert report.removed["meeting"] == 1
    assert ("meeting", LUNCH) in report.changes.records

    [cancelled] = events(demo, tmp_path / "after.ics")[LUNCH_UID]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(earlier["SEQUENCE"])

    # The file with the meeting again brings it back above its cancellation.
    import_data(demo, original)
    [back] = events(demo, tmp_path / "back.ics")[LUNCH_UID]
    assert str(back["STATUS"]) != "CANCELLED"
    assert int(back["SEQUENCE"]) > int(cancelled["SEQUENCE"])
