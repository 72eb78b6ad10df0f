"""Schedule checks: each rule fires where it should and stays quiet in the close case.

A problem's message is a code with parameters; most tests look at those (who, which
meetings, how long), and one test per rule reads the words a trip organizer sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta

import pytest

from missionplanner import checks
from missionplanner.checks import CheckSettings, Problem, Severity, check
from missionplanner.domain.plan import (
    MeetingInfo,
    MissionPlan,
    ParticipantInfo,
    StopInfo,
    TravelInfo,
)
from missionplanner.domain.zones import resolve_local
from missionplanner.messages import Message

SANTIAGO = "America/Santiago"
BOGOTA = "America/Bogota"
ATLANTA = "America/New_York"

CESAR = ParticipantInfo("p1", "Cesar Vence", "Senior Business Development Manager")
MANOLO = ParticipantInfo("p2", "Manolo Constain")
NATALIA = ParticipantInfo("p3", "Natalia Martínez-Kalínina")
DELEGATION = (CESAR, MANOLO, NATALIA)

# Stops covering the whole year, so only the tests about stays meet outside-stop.
WHOLE_YEAR = (date(2026, 1, 1), date(2026, 12, 31))
STOPS = (
    StopInfo("scl", "Santiago", "CL", SANTIAGO, *WHOLE_YEAR),
    StopInfo("bog", "Bogotá", "CO", BOGOTA, *WHOLE_YEAR),
    StopInfo("mde", "Medellín", "CO", BOGOTA, *WHOLE_YEAR),
)
ZONE_OF_STOP = {"scl": SANTIAGO, "bog": BOGOTA, "mde": BOGOTA}


def utc(local: str, zone: str) -> datetime:
    """The instant of a local wall-clock time such as "2026-10-06 10:00" in ``zone``."""
    return resolve_local(datetime.fromisoformat(local), zone).utc


def meeting(
    id: str,
    start: str,
    end: str,
    *,
    title: str = "",
    stop: str = "scl",
    zone: str = "",
    kind: str = "meeting",
    status: str = "confirmed",
    venue: str = "",
    address: str = "",
    attendees: Iterable[str] = (),
) -> MeetingInfo:
    """A meeting from local times; ``end`` may be just "HH:MM" on the start's date."""
    zone = zone or ZONE_OF_STOP.get(stop, SANTIAGO)
    if len(end) == 5:
        end = f"{start[:10]} {end}"
    return MeetingInfo(
        id=id,
        title=title or f"Meeting {id}",
        kind=kind,
        status=status,
        stop_id=stop,
        start_utc=utc(start, zone),
        end_utc=utc(end, zone),
        timezone=zone,
        venue=venue,
        address=address,
        attendee_ids=frozenset(attendees),
    )


def flight(
    id: str,
    depart: str,
    depart_zone: str,
    arrive: str,
    arrive_zone: str,
    travellers: Iterable[str] = (),
) -> TravelInfo:
    return TravelInfo(
        id=id,
        origin="Atlanta",
        destination="Santiago",
        mode="flight",
        carrier="Delta",
        reference="DL 145",
        depart_utc=utc(depart, depart_zone),
        depart_timezone=depart_zone,
        arrive_utc=utc(arrive, arrive_zone),
        arrive_timezone=arrive_zone,
        participant_ids=frozenset(travellers),
    )


def plan(
    *meetings: MeetingInfo,
    travel: Iterable[TravelInfo] = (),
    stops: Iterable[StopInfo] = STOPS,
    participants: Iterable[ParticipantInfo] = DELEGATION,
) -> MissionPlan:
    return MissionPlan(
        id="m1",
        title="Exploratory mission to Chile and Colombia",
        home_timezone=ATLANTA,
        participants=tuple(participants),
        stops=tuple(stops),
        travel=tuple(travel),
        meetings=meetings,
    )


def found(mission: MissionPlan, code: str, settings: CheckSettings | None = None) -> list[Problem]:
    problems = check(mission, settings or CheckSettings())
    return [problem for problem in problems if problem.code == code]


def words(problem: Problem) -> str:
    """What the trip organizer reads."""
    return str(problem.message)


@pytest.fixture(autouse=True)
def fresh_holiday_cache() -> Iterator[None]:
    checks._holiday_calendar.cache_clear()
    checks._holiday_language.cache_clear()
    yield
    checks._holiday_calendar.cache_clear()
    checks._holiday_language.cache_clear()


# --- double-booked -----------------------------------------------------------------


def test_double_booking_names_participant_meetings_local_times_and_city() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", title="Start-Up Chile: programme overview"),
        meeting("b", "2026-10-06 10:30", "11:30", title="Georgia representative briefing"),
        participants=[CESAR],
    )
    [problem] = check(mission)
    assert (problem.severity, problem.code, problem.refs) == (
        Severity.ERROR,
        "double-booked",
        ("a", "b", "p1"),
    )
    assert problem.message.code == "check.double-booked"
    assert problem.message["people"] == ("Cesar Vence",)
    assert problem.message["first"]["title"] == "Start-Up Chile: programme overview"
    assert problem.message["second"]["title"] == "Georgia representative briefing"
    assert words(problem) == (
        "Cesar Vence is double-booked: “Start-Up Chile: programme overview” "
        "(Tue 6 Oct 2026, 10:00–11:00 -03, Santiago) overlaps "
        "“Georgia representative briefing” (Tue 6 Oct 2026, 10:30–11:30 -03, Santiago)."
    )


def test_meetings_in_different_zones_collide_in_real_time_not_on_the_clock() -> None:
    # 10:00-11:00 -03 is 13:00-14:00Z; 08:30-09:30 -05 is 13:30-14:30Z.
    mission = plan(
        meeting("scl", "2026-10-06 10:00", "11:00", stop="scl", attendees=["p1"]),
        meeting("bog", "2026-10-06 08:30", "09:30", stop="bog", attendees=["p1"]),
    )
    [problem] = found(mission, "double-booked")
    assert problem.refs == ("scl", "bog", "p1")  # Santiago's starts first in real time
    # Each meeting is shown on its own city's clock.
    assert "(Tue 6 Oct 2026, 08:30–09:30 -05, Bogotá)" in words(problem)
    assert "(Tue 6 Oct 2026, 10:00–11:00 -03, Santiago)" in words(problem)


def test_same_clock_times_in_different_zones_do_not_collide() -> None:
    # 10:00-11:00 -03 is 13:00-14:00Z; 10:00-11:00 -05 is 15:00-16:00Z.
    mission = plan(
        meeting("scl", "2026-10-06 10:00", "11:00", stop="scl", attendees=["p1"]),
        meeting("bog", "2026-10-06 10:00", "11:00", stop="bog", attendees=["p1"]),
    )
    assert found(mission, "double-booked") == []


def test_touching_meetings_are_not_double_booked() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 11:00", "12:00", venue="Start-Up Chile"),
    )
    assert check(mission) == []


def test_participant_not_attending_one_meeting_is_not_double_booked() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", attendees=["p1", "p2"]),
        meeting("b", "2026-10-06 10:30", "11:30", attendees=["p2", "p3"]),
    )
    [problem] = found(mission, "double-booked")
    assert problem.refs == ("a", "b", "p2")
    assert problem.message["people"] == ("Manolo Constain",)

    apart = plan(
        meeting("a", "2026-10-06 10:00", "11:00", attendees=["p1"]),
        meeting("b", "2026-10-06 10:30", "11:30", attendees=["p2"]),
    )
    assert found(apart, "double-booked") == []


def test_one_problem_per_pair_of_meetings_lists_everyone_affected() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", attendees=["p3", "p1", "p2"]),
        meeting("b", "2026-10-06 10:30", "11:30", attendees=["p2", "p3", "p1"]),
    )
    [problem] = found(mission, "double-booked")
    assert problem.refs == ("a", "b", "p1", "p2", "p3")
    assert problem.message["people"] == (
        "Cesar Vence",
        "Manolo Constain",
        "Natalia Martínez-Kalínina",
    )
    assert words(problem).startswith(
        "Cesar Vence, Manolo Constain and Natalia Martínez-Kalínina are double-booked: "
    )


def test_whole_delegation_attendees_count_for_everyone() -> None:
    mission = plan(
        meeting("all", "2026-10-06 10:00", "11:00"),
        meeting("one", "2026-10-06 10:30", "11:30", attendees=["p3"]),
    )
    [problem] = found(mission, "double-booked")
    assert problem.refs == ("all", "one", "p3")

    both_whole = plan(
        meeting("a", "2026-10-06 10:00", "11:00"),
        meeting("b", "2026-10-06 10:30", "11:30"),
    )
    [problem] = found(both_whole, "double-booked")
    assert problem.refs == ("a", "b", "p1", "p2", "p3")


def test_meeting_inside_a_longer_one_and_a_third_overlap_each_reported_once() -> None:
    mission = plan(
        meeting("long", "2026-10-06 09:00", "13:00", attendees=["p1"]),
        meeting("x", "2026-10-06 10:00", "11:00", attendees=["p1"]),
        meeting("y", "2026-10-06 10:30", "11:30", attendees=["p1"]),
        meeting("z", "2026-10-06 13:00", "14:00", attendees=["p1"]),
    )
    pairs = [problem.refs[:2] for problem in found(mission, "double-booked")]
    assert sorted(pairs) == [("long", "x"), ("long", "y"), ("x", "y")]


# --- cancelled meetings ----------------------------------------------------------------


def test_cancelled_meeting_never_produces_a_problem() -> None:
    # Overlapping, on a Saturday, at 06:00, before the stay, at an ambiguous time...
    cancelled = meeting(
        "c", "2026-04-04 23:30", "2026-04-05 00:30", status="cancelled", stop="short"
    )
    overlapping = meeting("d", "2026-10-06 10:00", "11:00", status="cancelled")
    stop = StopInfo("short", "Santiago", "CL", SANTIAGO, date(2026, 10, 5), date(2026, 10, 9))
    mission = plan(
        cancelled,
        overlapping,
        meeting("kept", "2026-10-06 10:30", "11:30", stop="short", venue="Elsewhere"),
        stops=[stop],
    )
    assert check(mission) == []


# --- travel-conflict -----------------------------------------------------------------


def overnight_flight(travellers: Iterable[str] = ()) -> TravelInfo:
    # 22:10 EDT is 02:10Z; 07:05 -03 is 10:05Z: it lands "before" it left on the clock.
    return flight("dl145", "2026-10-05 22:10", ATLANTA, "2026-10-06 07:05", SANTIAGO, travellers)


def test_travel_conflict_on_an_overnight_flight_for_the_traveller_only() -> None:
    mission = plan(
        meeting(
            "breakfast", "2026-10-06 06:30", "07:30", title="Breakfast briefing", kind="briefing"
        ),
        travel=[overnight_flight(["p1"])],
    )
    [problem] = check(mission)
    assert problem.severity is Severity.ERROR
    assert problem.code == "travel-conflict"
    assert problem.refs == ("breakfast", "dl145", "p1")
    assert words(problem) == (
        "Cesar Vence is travelling on Delta DL 145 Atlanta → Santiago "
        "(departs Mon 5 Oct 2026 22:10 EDT, arrives Tue 6 Oct 2026 07:05 -03) during "
        "“Breakfast briefing” (Tue 6 Oct 2026, 06:30–07:30 -03, Santiago)."
    )


def test_no_travel_conflict_for_someone_not_on_the_segment() -> None:
    mission = plan(
        meeting("breakfast", "2026-10-06 06:30", "07:30", attendees=["p2", "p3"]),
        travel=[overnight_flight(["p1"])],
    )
    assert found(mission, "travel-conflict") == []


def test_meeting_in_real_time_during_the_night_flight_conflicts() -> None:
    # 23:00-23:45 -03 on the 5th is 02:00-02:45Z on the 6th, after take-off at 02:10Z.
    mission = plan(
        meeting("late", "2026-10-05 23:00", "23:45", kind="reception"),
        travel=[overnight_flight()],
    )
    [problem] = found(mission, "travel-conflict")
    assert problem.refs == ("late", "dl145", "p1", "p2", "p3")
    assert problem.message["people"] == (
        "Cesar Vence",
        "Manolo Constain",
        "Natalia Martínez-Kalínina",
    )


def test_meeting_starting_at_arrival_does_not_conflict() -> None:
    mission = plan(
        meeting("after", "2026-10-06 07:05", "08:00", kind="briefing"),
        travel=[overnight_flight()],
    )
    assert found(mission, "travel-conflict") == []


# --- outside-stop --------------------------------------------------------------------

STAY = StopInfo("scl", "Santiago", "CL", SANTIAGO, date(2026, 10, 6), date(2026, 10, 8))


def test_meeting_the_day_before_arrival_is_outside_the_stop() -> None:
    mission = plan(meeting("early", "2026-10-05 10:00", "11:00"), stops=[STAY])
    [problem] = check(mission)
    assert problem.severity is Severity.ERROR
    assert problem.code == "outside-stop"
    assert problem.refs == ("early", "scl")
    assert problem.message["arrive"] == date(2026, 10, 6)
    assert problem.message["depart"] == date(2026, 10, 8)
    assert words(problem) == (
        "“Meeting early” (Mon 5 Oct 2026, 10:00–11:00 -03, Santiago) is outside the stay "
        "in Santiago (Tue 6 Oct 2026 – Thu 8 Oct 2026)."
    )


def test_meetings_on_arrival_and_departure_days_are_inside_the_stop() -> None:
    mission = plan(
        meeting("arrival", "2026-10-06 10:00", "11:00"),
        meeting("departure", "2026-10-08 10:00", "11:00"),
        # Ends at midnight: it still belongs to the departure day.
        meeting("dinner", "2026-10-08 22:00", "2026-10-09 00:00", kind="reception"),
        stops=[STAY],
    )
    assert found(mission, "outside-stop") == []


def test_meeting_running_past_the_departure_date_is_outside_the_stop() -> None:
    mission = plan(
        meeting("late", "2026-10-08 23:00", "2026-10-09 00:30", kind="reception"),
        stops=[STAY],
    )
    [problem] = found(mission, "outside-stop")
    assert problem.refs == ("late", "scl")
    assert "(Thu 8 Oct 2026 23:00 – Fri 9 Oct 2026 00:30 -03, Santiago)" in words(problem)


def test_meeting_at_an_unknown_stop_is_outside_the_stop() -> None:
    mission = plan(meeting("lost", "2026-10-06 10:00", "11:00", stop="nowhere", zone=SANTIAGO))
    [problem] = check(mission)
    assert problem.code == "outside-stop"
    assert problem.refs == ("lost",)
    assert problem.message.code == "check.outside-stop.no-stop"
    assert problem.message["meeting"].code == "check.meeting.no-city"  # no city to name
    assert words(problem).startswith("“Meeting lost” (Tue 6 Oct 2026, 10:00–11:00 -03) is not")


# --- tight-connection ----------------------------------------------------------------


def test_fifteen_minutes_between_different_venues_is_tight() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile", attendees=["p1"]),
        meeting("b", "2026-10-06 11:15", "12:00", venue="Centro de Innovación UC"),
    )
    [problem] = check(mission)
    assert problem.severity is Severity.WARNING
    assert problem.code == "tight-connection"
    assert problem.refs == ("a", "b", "p1")
    assert problem.message["gap"] == timedelta(minutes=15)
    assert words(problem) == (
        "Cesar Vence has only 15 min to get from “Meeting a” "
        "(Tue 6 Oct 2026, 10:00–11:00 -03, Santiago) at Start-Up Chile to “Meeting b” "
        "(Tue 6 Oct 2026, 11:15–12:00 -03, Santiago) at Centro de Innovación UC."
    )


def test_fifteen_minutes_at_the_same_venue_is_not_tight() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 11:15", "12:00", venue="  start-up  CHILE "),
    )
    assert check(mission) == []


def test_forty_five_minutes_between_venues_is_not_tight_by_default() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 11:45", "12:30", venue="Centro de Innovación UC"),
    )
    assert found(mission, "tight-connection") == []
    stricter = CheckSettings(min_gap=timedelta(hours=1))
    [problem] = found(mission, "tight-connection", stricter)
    assert problem.message["gap"] == timedelta(minutes=45)


def test_back_to_back_meetings_at_different_venues_have_no_time() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Ruta N", stop="mde"),
        meeting("b", "2026-10-06 11:00", "12:00", venue="ACI Medellín", stop="mde"),
        participants=[CESAR],
    )
    [problem] = check(mission)
    assert problem.message.code == "check.tight-connection.no-time"
    assert words(problem).startswith("Cesar Vence has no time to get from")


def test_empty_venues_fall_back_on_addresses() -> None:
    def pair(venue_a: str, address_a: str, venue_b: str, address_b: str) -> MissionPlan:
        return plan(
            meeting("a", "2026-10-06 10:00", "11:00", venue=venue_a, address=address_a),
            meeting("b", "2026-10-06 11:10", "12:00", venue=venue_b, address=address_b),
        )

    assert found(pair("", "", "", ""), "tight-connection") == []
    assert found(pair("Ruta N", "", "", ""), "tight-connection") == []
    assert found(pair("", "Calle 67 #52-20", "", "calle 67 #52-20"), "tight-connection") == []
    [problem] = found(pair("", "Calle 67 #52-20", "", "Carrera 43A #1-50"), "tight-connection")
    assert problem.message["first"]["place"] == "Calle 67 #52-20"
    assert problem.message["second"]["place"] == "Carrera 43A #1-50"
    assert found(pair("Ruta N", "Calle 67", "", ""), "tight-connection") != []


def test_connection_is_measured_from_the_meeting_that_ends_last() -> None:
    # "short" ends long before "next", but "long" (at another venue) ends 10 min before it.
    mission = plan(
        meeting("long", "2026-10-06 09:00", "12:00", venue="Start-Up Chile", attendees=["p1"]),
        meeting("short", "2026-10-06 09:30", "10:00", venue="Start-Up Chile", attendees=["p1"]),
        meeting("next", "2026-10-06 12:10", "13:00", venue="Centro de Innovación UC"),
    )
    [problem] = found(mission, "tight-connection")
    assert problem.refs == ("long", "next", "p1")


def test_overlapping_meetings_are_not_also_a_tight_connection() -> None:
    mission = plan(
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 10:50", "12:00", venue="Centro de Innovación UC"),
    )
    assert [problem.code for problem in check(mission)] == ["double-booked"]


# --- outside-hours -------------------------------------------------------------------


def test_meeting_starting_at_half_past_seven_is_outside_hours() -> None:
    mission = plan(meeting("early", "2026-10-06 07:30", "08:30"))
    [problem] = check(mission)
    assert problem.severity is Severity.WARNING
    assert problem.code == "outside-hours"
    assert problem.refs == ("early",)
    assert words(problem) == (
        "“Meeting early” (Tue 6 Oct 2026, 07:30–08:30 -03, Santiago) is outside working "
        "hours (08:00–19:00 local time)."
    )


def test_meeting_from_eight_to_seven_is_within_hours() -> None:
    mission = plan(meeting("day", "2026-10-06 08:00", "19:00"))
    assert check(mission) == []


def test_reception_in_the_evening_is_not_outside_hours() -> None:
    mission = plan(meeting("drinks", "2026-10-06 19:30", "21:00", kind="reception"))
    assert check(mission) == []


def test_meeting_running_late_or_past_midnight_is_outside_hours() -> None:
    late = plan(meeting("late", "2026-10-06 18:30", "19:30"))
    assert [problem.refs for problem in found(late, "outside-hours")] == [("late",)]
    overnight = plan(meeting("night", "2026-10-06 17:00", "2026-10-07 01:00"))
    assert [problem.refs for problem in found(overnight, "outside-hours")] == [("night",)]


def test_working_hours_follow_the_settings() -> None:
    mission = plan(meeting("early", "2026-10-06 07:30", "08:30"))
    settings = CheckSettings(day_start=time(7, 0))
    assert found(mission, "outside-hours", settings) == []


# --- weekend -------------------------------------------------------------------------


def test_saturday_meeting_falls_on_the_weekend() -> None:
    mission = plan(meeting("sat", "2026-10-10 10:00", "11:00", title="Demo day"))
    [problem] = check(mission)
    assert problem.severity is Severity.WARNING
    assert problem.code == "weekend"
    assert problem.refs == ("sat",)
    assert words(problem) == "“Demo day” (Sat 10 Oct 2026, Santiago) falls on a Saturday."


def test_a_meeting_without_a_title_is_named_untitled() -> None:
    nameless = MeetingInfo(
        id="x",
        title="  ",
        kind="meeting",
        status="confirmed",
        stop_id="scl",
        start_utc=utc("2026-10-10 10:00", SANTIAGO),
        end_utc=utc("2026-10-10 11:00", SANTIAGO),
        timezone=SANTIAGO,
    )
    [problem] = check(plan(nameless))
    assert words(problem) == "“Untitled meeting” (Sat 10 Oct 2026, Santiago) falls on a Saturday."


def test_friday_meeting_is_not_on_the_weekend() -> None:
    mission = plan(meeting("fri", "2026-10-09 10:00", "11:00"))
    assert check(mission) == []


def test_friday_night_event_running_into_saturday_falls_on_the_weekend() -> None:
    mission = plan(meeting("gala", "2026-10-09 22:00", "2026-10-10 01:00", kind="event"))
    [problem] = check(mission)
    assert problem.message["day"] == date(2026, 10, 10)  # the Saturday, not the Friday


def test_weekend_is_judged_on_the_local_date_not_utc() -> None:
    # Fri 9 Oct 22:00-23:00 -03 is already Saturday 01:00Z.
    mission = plan(meeting("fri", "2026-10-09 22:00", "23:00", kind="reception"))
    assert check(mission) == []


# --- holiday -------------------------------------------------------------------------


def test_chilean_independence_day_is_a_holiday() -> None:
    mission = plan(meeting("fiestas", "2026-09-18 10:00", "11:00", stop="scl"))
    [problem] = check(mission)
    assert problem.severity is Severity.WARNING
    assert problem.code == "holiday"
    assert problem.refs == ("fiestas",)
    assert words(problem) == (
        "“Meeting fiestas” (Fri 18 Sep 2026, Santiago) falls on a public holiday in CL: "
        "Independence Day."
    )


def test_an_ordinary_chilean_working_day_is_not_a_holiday() -> None:
    mission = plan(meeting("ordinary", "2026-09-16 10:00", "11:00", stop="scl"))
    assert check(mission) == []


def test_colombian_holidays_are_found() -> None:
    mission = plan(
        meeting("bog", "2026-07-20 10:00", "11:00", stop="bog"),
        meeting("mde", "2026-10-12 13:00", "14:00", stop="mde", title="Lunch with ACI Medellín"),
    )
    problems = found(mission, "holiday")
    assert [problem.refs for problem in problems] == [("bog",), ("mde",)]
    assert [(p.message["country"], p.message["holiday"]) for p in problems] == [
        ("CO", "Independence Day"),
        ("CO", "Columbus Day"),
    ]
    assert problems[1].message["meeting"]["day"] == date(2026, 10, 12)


def test_holiday_follows_the_stop_country_not_the_zone() -> None:
    # Bogotá's zone, but 18 September is a holiday in Chile only.
    mission = plan(meeting("bog", "2026-09-18 10:00", "11:00", stop="bog"))
    assert found(mission, "holiday") == []


def test_holiday_names_do_not_depend_on_the_machine_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(variable, "es_CL.UTF-8")
    mission = plan(meeting("fiestas", "2026-09-18 10:00", "11:00", stop="scl"))
    [problem] = found(mission, "holiday")
    assert problem.message["holiday"] == "Independence Day"


def test_a_country_the_holiday_package_does_not_know_is_skipped() -> None:
    stops = [
        StopInfo("xx", "Atlantis", "XX", SANTIAGO, *WHOLE_YEAR),
        StopInfo("none", "Nowhere", "", SANTIAGO, *WHOLE_YEAR),
    ]
    mission = plan(
        meeting("a", "2026-09-18 10:00", "11:00", stop="xx", zone=SANTIAGO),
        meeting("b", "2026-09-18 12:00", "13:00", stop="none", zone=SANTIAGO),
        stops=stops,
    )
    assert check(mission) == []


# --- ambiguous-time ------------------------------------------------------------------
# On 2026-04-04 Santiago's clocks go back at midnight: 23:00-23:59 happens twice
# (first at -03, then at -04). It is a Saturday, and Holy Saturday in Chile.


def test_meeting_at_a_repeated_clock_time_is_ambiguous() -> None:
    mission = plan(meeting("late", "2026-04-04 23:30", "2026-04-05 00:30", kind="event"))
    [problem] = found(mission, "ambiguous-time")
    assert problem.severity is Severity.WARNING
    assert problem.refs == ("late",)
    # From the first 23:30 (-03) to 00:30 (-04) is two hours: the end is after the repeat.
    assert words(problem) == (
        "“Meeting late” (Sat 4 Apr 2026 23:30 -03 – Sun 5 Apr 2026 00:30 -04, Santiago) "
        "has a clock time that happens twice because the clocks go back: the start 23:30 "
        "in America/Santiago is taken as the earlier one (-03). Check that this is the "
        "one meant."
    )


def test_meeting_before_the_repeated_hour_is_not_ambiguous() -> None:
    mission = plan(meeting("dinner", "2026-04-04 21:30", "22:30", kind="reception"))
    assert found(mission, "ambiguous-time") == []


def test_an_instant_in_the_second_repeated_hour_is_reported_as_the_later_one() -> None:
    start = datetime(2026, 4, 5, 3, 30)  # 23:30 -04, the second 23:30 of the night
    later = MeetingInfo(
        id="later",
        title="Night call",
        kind="other",
        status="confirmed",
        stop_id="scl",
        start_utc=start,
        end_utc=start + timedelta(minutes=20),
        timezone=SANTIAGO,
    )
    [problem] = found(plan(later), "ambiguous-time")
    readings = problem.message["readings"]
    assert [(r.code, r["part"], r["at"].hour, r["at"].minute) for r in readings] == [
        ("check.repeated-time.later", Message("check.part.start"), 23, 30),
        ("check.repeated-time.later", Message("check.part.end"), 23, 50),
    ]
    assert "(Sat 4 Apr 2026, 23:30–23:50 -04, Santiago)" in words(problem)
    assert "the end 23:50 in America/Santiago is taken as the later one (-04)" in words(problem)


def test_travel_arriving_at_a_repeated_clock_time_is_ambiguous() -> None:
    arriving = flight("la", "2026-04-04 20:00", BOGOTA, "2026-04-04 23:30", SANTIAGO)
    [problem] = check(plan(travel=[arriving]))
    assert problem.code == "ambiguous-time"
    assert problem.refs == ("la",)
    [reading] = problem.message["readings"]
    assert (reading.code, reading["part"], reading["timezone"]) == (
        "check.repeated-time.earlier",
        Message("check.part.arrival"),
        SANTIAGO,
    )

    on_time = flight("lb", "2026-04-04 18:00", BOGOTA, "2026-04-04 22:30", SANTIAGO)
    assert check(plan(travel=[on_time])) == []


# --- order -----------------------------------------------------------------------------


def test_errors_come_before_warnings_then_by_time_then_code() -> None:
    mission = plan(
        # Warnings early in the trip: weekend and outside-hours on the same meeting.
        meeting("sat", "2026-10-03 07:00", "08:00", attendees=["p1"]),
        # An error later on.
        meeting("a", "2026-10-07 10:00", "11:00", attendees=["p2"]),
        meeting("b", "2026-10-07 10:30", "11:30", attendees=["p2"]),
        # A warning in between.
        meeting("tue", "2026-10-06 07:00", "08:00", attendees=["p3"]),
    )
    problems = check(mission)
    assert [(problem.code, problem.refs[0]) for problem in problems] == [
        ("double-booked", "a"),
        ("outside-hours", "sat"),
        ("weekend", "sat"),
        ("outside-hours", "tue"),
    ]
    severities = [problem.severity for problem in problems]
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)


def test_result_does_not_depend_on_the_order_of_the_records() -> None:
    meetings = [
        meeting("a", "2026-10-06 10:00", "11:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 10:30", "11:30", venue="Start-Up Chile"),
        meeting("c", "2026-10-06 11:40", "12:30", venue="Centro de Innovación UC"),
        meeting("d", "2026-10-10 07:00", "08:00"),
    ]
    forward = check(plan(*meetings))
    assert forward == check(plan(*reversed(meetings)))
    assert [problem.code for problem in forward] == [
        "double-booked",
        "tight-connection",
        "outside-hours",
        "weekend",
    ]


def test_a_clean_plan_has_no_problems() -> None:
    mission = plan(
        meeting("a", "2026-10-06 09:00", "10:00", venue="Start-Up Chile"),
        meeting("b", "2026-10-06 11:00", "12:00", venue="Centro de Innovación UC"),
        travel=[overnight_flight()],
    )
    assert check(mission) == []
