"""Calendar files (.ics): parsed back with icalendar, as a calendar program would read them."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event
from sqlalchemy import select

from missionplanner.domain.forms import MeetingForm, MissionForm, TravelForm
from missionplanner.domain.zones import get_zone
from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.services import records, transfer
from missionplanner.services.calendars import export_calendar
from missionplanner.store.database import Database
from missionplanner.store.schema import Meeting, TravelSegment

MISSION = "m-andes-asia"

MISSION_FILE: dict[str, Any] = {
    "format": "missionplanner/1",
    "organizations": [
        {
            "id": "org-corfo",
            "name": "CORFO",
            "kind": "government or trade office",
            "city": "Santiago",
            "country": "CL",
            "contacts": [
                {
                    "id": "c-ana",
                    "name": "Ana Muñoz",
                    "title": "Head of international affairs",
                    "phone": "+56 2 2631 8200",
                    "email": "ana@example.cl",
                }
            ],
        },
        {"id": "org-rutan", "name": "Ruta N", "kind": "innovation centre", "city": "Medellín"},
    ],
    "missions": [
        {
            "id": MISSION,
            "title": "Andes and Asia, April 2026",
            "status": "confirmed",
            "home_timezone": "America/New_York",
            "participants": [
                {"id": "p1", "name": "Dana Brooks"},
                {"id": "p2", "name": "Omar Haddad"},
            ],
            "stops": [
                {
                    "id": "s-scl",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2026-04-03",
                    "depart": "2026-04-06",
                },
                {
                    "id": "s-bog",
                    "city": "Bogotá",
                    "country": "CO",
                    "timezone": "America/Bogota",
                    "arrive": "2026-04-06",
                    "depart": "2026-04-08",
                },
                {
                    "id": "s-sha",
                    "city": "Shanghai",
                    "country": "CN",
                    "timezone": "Asia/Shanghai",
                    "arrive": "2026-04-10",
                    "depart": "2026-04-12",
                },
            ],
            "travel": [
                {
                    "id": "t-scl-bog",
                    "from": "Santiago (SCL)",
                    "to": "Bogotá (BOG)",
                    "carrier": "LATAM",
                    "reference": "LA 574",
                    "depart": "2026-04-06T15:05",
                    "depart_timezone": "America/Santiago",
                    "arrive": "2026-04-06T19:20",
                    "arrive_timezone": "America/Bogota",
                },
                {
                    "id": "t-bog-pvg",
                    "from": "Bogotá (BOG)",
                    "to": "Shanghai (PVG)",
                    "depart": "2026-04-08T18:00",
                    "depart_timezone": "America/Bogota",
                    "arrive": "2026-04-10T05:00",
                    "arrive_timezone": "Asia/Shanghai",
                    "participants": ["p1"],
                },
            ],
            "meetings": [
                {
                    "id": "mt-corfo",
                    "title": "CORFO: investment in both directions",
                    "kind": "meeting",
                    "stop": "s-scl",
                    "organizations": ["org-corfo"],
                    "contacts": ["c-ana"],
                    "start": "2026-04-03T10:00",
                    "end": "2026-04-03T11:30",
                    "venue": "CORFO",
                    "address": "Moneda 921",
                    "status": "confirmed",
                    "objectives": "Agree on a soft-landing programme.",
                },
                {
                    # 23:30 happens twice that night: the clocks go back at midnight.
                    "id": "mt-late",
                    "title": "Late call with Atlanta",
                    "kind": "briefing",
                    "stop": "s-scl",
                    "start": "2026-04-04T23:30",
                    "end": "2026-04-05T00:30",
                    "status": "confirmed",
                },
                {
                    "id": "mt-rutan",
                    "title": "Ruta N in Bogotá",
                    "kind": "site visit",
                    "stop": "s-bog",
                    "organizations": ["org-rutan"],
                    "start": "2026-04-07T09:00",
                    "end": "2026-04-07T10:00",
                    "status": "requested",
                    "attendees": ["p2"],
                },
                {
                    "id": "mt-dinner",
                    "title": "Dinner that will not happen",
                    "kind": "reception",
                    "stop": "s-bog",
                    "start": "2026-04-07T19:30",
                    "end": "2026-04-07T21:30",
                    "status": "cancelled",
                },
                {
                    "id": "mt-zgc",
                    "title": "Zhangjiang Hi-Tech Park (张江高科技园区)",
                    "kind": "site visit",
                    "stop": "s-sha",
                    "start": "2026-04-10T14:30",
                    "end": "2026-04-10T16:00",
                    "venue": "Zhangjiang exhibition hall",
                    "status": "proposed",
                },
            ],
        }
    ],
}


@pytest.fixture
def mission(db: Database) -> Database:
    transfer.import_data(db, MISSION_FILE)
    return db


def export(db: Database, path: Path, participant_id: str | None = None) -> Calendar:
    export_calendar(db, MISSION, path, participant_id)
    return Calendar.from_ical(path.read_bytes())


def by_uid(calendar: Calendar) -> dict[str, Event]:
    return {str(event["UID"]): event for event in calendar.events}


def naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def test_one_event_per_meeting_and_trip_each_with_uid_dtstamp_and_dtstart(
    mission: Database, tmp_path: Path
) -> None:
    path = tmp_path / "mission.ics"
    written = export_calendar(mission, MISSION, path)
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(data)
    calendar.validate()
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert (written.meetings, written.travel, written.cancelled, written.events) == (5, 2, 1, 7)
    assert set(by_uid(calendar)) == {
        "meeting-mt-corfo@missionplanner",
        "meeting-mt-late@missionplanner",
        "meeting-mt-rutan@missionplanner",
        "meeting-mt-dinner@missionplanner",
        "meeting-mt-zgc@missionplanner",
        "travel-t-scl-bog@missionplanner",
        "travel-t-bog-pvg@missionplanner",
    }
    for event in calendar.events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
            assert name in event, (event["UID"], name)
        assert event.DTSTAMP.tzinfo is not None
        assert event.DTSTAMP.utcoffset() == timedelta(0)
        assert event.end > event.start


def test_local_times_are_written_as_entered_with_the_iana_zone(
    mission: Database, tmp_path: Path
) -> None:
    events = by_uid(export(mission, tmp_path / "m.ics"))
    day = datetime(2026, 4, 1)
    for uid, zone, start, end in (
        ("meeting-mt-corfo", "America/Santiago", (2, 10, 0), (2, 11, 30)),
        ("meeting-mt-rutan", "America/Bogota", (6, 9, 0), (6, 10, 0)),
        ("meeting-mt-zgc", "Asia/Shanghai", (9, 14, 30), (9, 16, 0)),
    ):
        event = events[f"{uid}@missionplanner"]
        assert event["DTSTART"].params["TZID"] == zone
        assert event["DTEND"].params["TZID"] == zone
        for value, (days, hour, minute) in ((event.start, start), (event.end, end)):
            assert naive(value) == day + timedelta(days=days, hours=hour, minutes=minute)
        assert str(event.start.tzinfo) == zone


def test_the_file_has_a_small_vtimezone_for_every_zone_it_names(
    mission: Database, tmp_path: Path
) -> None:
    path = tmp_path / "m.ics"
    calendar = export(mission, path)
    named = {tz.tz_name for tz in calendar.timezones}
    assert named == {"America/Santiago", "America/Bogota", "Asia/Shanghai"}
    assert calendar.get_used_tzids() == named
    assert calendar.get_missing_tzids() == set()
    text = path.read_bytes().decode("utf-8")
    # VTIMEZONEs come before the events that name them.
    assert text.index("END:VTIMEZONE") < text.index("BEGIN:VEVENT")
    santiago = next(tz for tz in calendar.timezones if tz.tz_name == "America/Santiago")
    # Limited to the mission's year, not 1970–2038 (2.6 KB for Santiago).
    assert len(santiago.to_ical()) < 1000
    assert {o.DTSTART.year for o in santiago.walk() if o.name in ("STANDARD", "DAYLIGHT")} == {2026}


def test_vtimezone_onsets_are_the_real_clock_changes(mission: Database, tmp_path: Path) -> None:
    """RFC 5545: DTSTART of an observance is local time in TZOFFSETFROM at the onset."""
    calendar = export(mission, tmp_path / "m.ics")
    santiago = next(tz for tz in calendar.timezones if tz.tz_name == "America/Santiago")
    onsets = []
    for observance in santiago.standard + santiago.daylight:
        offset_from, offset_to = observance.TZOFFSETFROM, observance.TZOFFSETTO
        if offset_from == offset_to:
            continue  # the first observance: no change, only where the data starts
        starts = [observance.DTSTART, *(start for start, _end in observance.rdates)]
        for start in starts:
            onset = (start - offset_from).replace(tzinfo=UTC)
            zone = get_zone("America/Santiago")
            assert (onset - timedelta(seconds=1)).astimezone(zone).utcoffset() == offset_from
            assert onset.astimezone(zone).utcoffset() == offset_to
            onsets.append(onset)
    # Back an hour at 2026-04-05 00:00 (-03), forward at 2026-09-06 00:00 (-04).
    assert sorted(onsets) == [
        datetime(2026, 4, 5, 3, tzinfo=UTC),
        datetime(2026, 9, 6, 4, tzinfo=UTC),
    ]


def test_travel_departs_in_one_zone_and_arrives_in_another(
    mission: Database, tmp_path: Path
) -> None:
    events = by_uid(export(mission, tmp_path / "m.ics"))
    flight = events["travel-t-scl-bog@missionplanner"]
    assert flight["DTSTART"].params["TZID"] == "America/Santiago"
    assert flight["DTEND"].params["TZID"] == "America/Bogota"
    assert naive(flight.start) == datetime(2026, 4, 6, 15, 5)
    assert naive(flight.end) == datetime(2026, 4, 6, 19, 20)
    assert flight.end - flight.start == timedelta(hours=5, minutes=15)
    assert str(flight["SUMMARY"]) == "Flight LATAM LA 574: Santiago (SCL) → Bogotá (BOG)"
    assert str(flight["LOCATION"]) == "Santiago (SCL)"
    assert [str(c) for c in flight["CATEGORIES"].cats] == ["travel", "flight"]
    long_haul = events["travel-t-bog-pvg@missionplanner"]
    assert long_haul["DTEND"].params["TZID"] == "Asia/Shanghai"
    assert long_haul.end - long_haul.start == timedelta(hours=22)


def test_an_ambiguous_local_time_is_written_in_utc(mission: Database, tmp_path: Path) -> None:
    path = tmp_path / "m.ics"
    events = by_uid(export(mission, path))
    late = events["meeting-mt-late@missionplanner"]
    # 23:30 at UTC-3 (the first of the two), as the app took it.
    assert late.start == datetime(2026, 4, 5, 2, 30, tzinfo=UTC)
    assert "TZID" not in late["DTSTART"].params
    assert "DTSTART:20260405T023000Z" in path.read_text(encoding="utf-8")
    # The end, after the change, happens once and keeps its zone.
    assert late["DTEND"].params["TZID"] == "America/Santiago"
    assert naive(late.end) == datetime(2026, 4, 5, 0, 30)
    assert late.end - late.start == timedelta(hours=2)
    assert "happens twice" in str(late["DESCRIPTION"])


def test_no_time_is_floating(mission: Database, tmp_path: Path) -> None:
    path = tmp_path / "m.ics"
    calendar = export(mission, path)
    for event in calendar.events:
        for value in (event.start, event.end, event.DTSTAMP):
            assert value.tzinfo is not None, event["UID"]
    # In the text too: every time of an event carries a TZID or is UTC (Z).
    in_event = False
    for line in path.read_text(encoding="utf-8").splitlines():
        in_event = line == "BEGIN:VEVENT" or (in_event and line != "END:VEVENT")
        if in_event and line.split(";")[0].split(":")[0] in ("DTSTART", "DTEND", "DTSTAMP"):
            assert "TZID=" in line or line.endswith("Z"), line


def test_two_exports_of_an_unchanged_mission_are_identical(
    mission: Database, tmp_path: Path
) -> None:
    export_calendar(mission, MISSION, tmp_path / "one.ics")
    export_calendar(mission, MISSION, tmp_path / "two.ics")
    assert (tmp_path / "one.ics").read_bytes() == (tmp_path / "two.ics").read_bytes()


def test_an_edit_keeps_the_uid_and_raises_the_sequence(mission: Database, tmp_path: Path) -> None:
    before = by_uid(export(mission, tmp_path / "before.ics"))
    with mission.reading() as session:
        meeting_version = session.scalars(
            select(Meeting.version).where(Meeting.id == "mt-corfo")
        ).one()
    records.change(
        mission,
        MeetingForm,
        "mt-corfo",
        meeting_version,
        start_local=datetime(2026, 4, 3, 15),
        end_local=datetime(2026, 4, 3, 16),
    )
    form, travel_version = records.load(mission, TravelForm, "t-scl-bog")
    records.save(mission, dataclasses.replace(form, reference="LA 576"), travel_version)

    after = by_uid(export(mission, tmp_path / "after.ics"))
    assert set(after) == set(before)
    moved, flight = (
        after["meeting-mt-corfo@missionplanner"],
        after["travel-t-scl-bog@missionplanner"],
    )
    assert naive(moved.start) == datetime(2026, 4, 3, 15)
    assert moved["SEQUENCE"] > before["meeting-mt-corfo@missionplanner"]["SEQUENCE"]
    assert moved.DTSTAMP >= before["meeting-mt-corfo@missionplanner"].DTSTAMP
    assert "LA 576" in str(flight["SUMMARY"])
    assert flight["SEQUENCE"] > before["travel-t-scl-bog@missionplanner"]["SEQUENCE"]
    untouched = "meeting-mt-zgc@missionplanner"
    assert after[untouched]["SEQUENCE"] == before[untouched]["SEQUENCE"]
    assert after[untouched].DTSTAMP == before[untouched].DTSTAMP


def test_the_sequence_follows_the_record_version(mission: Database, tmp_path: Path) -> None:
    with mission.reading() as session:
        versions = dict(session.execute(select(TravelSegment.id, TravelSegment.version)).all())
    events = by_uid(export(mission, tmp_path / "m.ics"))
    for travel_id, version in versions.items():
        assert events[f"travel-{travel_id}@missionplanner"]["SEQUENCE"] == version - 1


def test_one_participants_calendar(mission: Database, tmp_path: Path) -> None:
    omar = export(mission, tmp_path / "omar.ics", "p2")
    dana = export(mission, tmp_path / "dana.ics", "p1")
    everyone = export(mission, tmp_path / "all.ics")
    # Omar attends Ruta N (named) and whatever the whole delegation does; he does not
    # fly to Shanghai.
    assert set(by_uid(omar)) == set(by_uid(everyone)) - {"travel-t-bog-pvg@missionplanner"}
    assert set(by_uid(dana)) == set(by_uid(everyone)) - {"meeting-mt-rutan@missionplanner"}
    assert "Omar Haddad" in str(omar["X-WR-CALNAME"])
    # The same event keeps the same UID and SEQUENCE in every calendar it is in.
    assert (
        by_uid(omar)["meeting-mt-corfo@missionplanner"].to_ical()
        == by_uid(everyone)["meeting-mt-corfo@missionplanner"].to_ical()
    )
    # Dana's calendar names only the zones of her events.
    assert {tz.tz_name for tz in dana.timezones} == dana.get_used_tzids()


def test_an_unknown_participant_or_mission_writes_nothing(
    mission: Database, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = out / "x.ics"
    path.write_bytes(b"the previous export")
    with pytest.raises(NotFoundError, match="no participant with the id “p9”"):
        export_calendar(mission, MISSION, path, "p9")
    with pytest.raises(NotFoundError, match="no mission with the id “nope”"):
        export_calendar(mission, "nope", path)
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in out.iterdir()] == ["x.ics"]


def test_cancelled_meetings_stay_in_the_file_as_cancelled(
    mission: Database, tmp_path: Path
) -> None:
    events = by_uid(export(mission, tmp_path / "m.ics"))
    cancelled = events["meeting-mt-dinner@missionplanner"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["TRANSP"]) == "TRANSPARENT"
    statuses = {uid.split("@")[0]: str(e["STATUS"]) for uid, e in events.items()}
    assert statuses == {
        "meeting-mt-corfo": "CONFIRMED",
        "meeting-mt-late": "CONFIRMED",
        "meeting-mt-rutan": "TENTATIVE",  # requested
        "meeting-mt-dinner": "CANCELLED",
        "meeting-mt-zgc": "TENTATIVE",  # proposed
        "travel-t-scl-bog": "CONFIRMED",
        "travel-t-bog-pvg": "CONFIRMED",
    }


def test_a_cancelled_meeting_updates_the_calendar_that_holds_it(
    mission: Database, tmp_path: Path
) -> None:
    before = by_uid(export(mission, tmp_path / "before.ics"))
    with mission.reading() as session:
        version = session.scalars(select(Meeting.version).where(Meeting.id == "mt-corfo")).one()
    records.change(mission, MeetingForm, "mt-corfo", version, status="cancelled")
    after = by_uid(export(mission, tmp_path / "after.ics"))
    uid = "meeting-mt-corfo@missionplanner"
    assert str(after[uid]["STATUS"]) == "CANCELLED"
    assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]


def test_a_cancelled_mission_cancels_every_event(mission: Database, tmp_path: Path) -> None:
    before = by_uid(export(mission, tmp_path / "before.ics"))
    from missionplanner.services.missions import list_missions

    (summary,) = [s for s in list_missions(mission) if s.id == MISSION]
    records.change(mission, MissionForm, MISSION, summary.version, status="cancelled")
    after = by_uid(export(mission, tmp_path / "after.ics"))
    assert set(after) == set(before)
    for uid, event in after.items():
        assert str(event["STATUS"]) == "CANCELLED"
        assert event["SEQUENCE"] > before[uid]["SEQUENCE"]


def test_summary_location_description_and_categories(mission: Database, tmp_path: Path) -> None:
    events = by_uid(export(mission, tmp_path / "m.ics"))
    corfo = events["meeting-mt-corfo@missionplanner"]
    assert str(corfo["SUMMARY"]) == "CORFO: investment in both directions"
    assert str(corfo["LOCATION"]) == "CORFO, Moneda 921, Santiago"
    assert [str(c) for c in corfo["CATEGORIES"].cats] == ["meeting"]
    description = str(corfo["DESCRIPTION"])
    for words in (
        "CORFO (government or trade office, Santiago)",
        "Ana Muñoz, Head of international affairs, CORFO",
        "+56 2 2631 8200",
        "ana@example.cl",
        "Agree on a soft-landing programme.",
        "the whole delegation",
    ):
        assert words in description
    rutan = events["meeting-mt-rutan@missionplanner"]
    assert [str(c) for c in rutan["CATEGORIES"].cats] == ["site visit"]
    assert "Delegation: Omar Haddad" in str(rutan["DESCRIPTION"])
    assert str(rutan["LOCATION"]) == "Bogotá"
    assert str(events["meeting-mt-zgc@missionplanner"]["SUMMARY"]) == (
        "Zhangjiang Hi-Tech Park (张江高科技园区)"
    )


def test_a_path_that_cannot_be_written_is_a_clear_error(mission: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(MissionPlannerError, match="Cannot write"):
        export_calendar(mission, MISSION, out / "missing-folder" / "m.ics")
    with pytest.raises(MissionPlannerError, match="it is a folder"):
        export_calendar(mission, MISSION, out)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "mission_id",
    [
        "m-atl-latam-2027",
        "m-cali-california-2027",
        "m-rutan-miami-2026",
        "m-arg-atlanta-2026",
        "m-rutan-china-2027",
    ],
)
def test_demo_missions_round_trip_their_local_times(
    db: Database, tmp_path: Path, mission_id: str
) -> None:
    transfer.load_demo(db)
    path = tmp_path / f"{mission_id}.ics"
    export_calendar(db, mission_id, path)
    calendar = Calendar.from_ical(path.read_bytes())
    calendar.validate()
    assert calendar.get_missing_tzids() == set()
    events = by_uid(calendar)
    with db.reading() as session:
        meetings = session.execute(
            select(Meeting.id, Meeting.start_local, Meeting.end_local, Meeting.timezone).where(
                Meeting.mission_id == mission_id
            )
        ).all()
        travel = session.execute(
            select(
                TravelSegment.id,
                TravelSegment.depart_local,
                TravelSegment.depart_timezone,
                TravelSegment.arrive_local,
                TravelSegment.arrive_timezone,
            ).where(TravelSegment.mission_id == mission_id)
        ).all()
    assert len(events) == len(meetings) + len(travel)
    for meeting_id, start, end, zone in meetings:
        event = events[f"meeting-{meeting_id}@missionplanner"]
        assert (naive(event.start), naive(event.end)) == (start, end)
        assert event["DTSTART"].params["TZID"] == zone
    for travel_id, depart, depart_zone, arrive, arrive_zone in travel:
        event = events[f"travel-{travel_id}@missionplanner"]
        assert (naive(event.start), naive(event.end)) == (depart, arrive)
        assert (event["DTSTART"].params["TZID"], event["DTEND"].params["TZID"]) == (
            depart_zone,
            arrive_zone,
        )
