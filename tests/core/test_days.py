"""The day model: days, places, clock changes at any hour, stops of a time, agendas.

Missions come in through a mission file imported into a real SQLite file; the hard
cases (a member joining late from elsewhere, Santiago's clocks changing at midnight)
are the ``days_mission_file`` of the tests' shared set-ups.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from missionplanner.domain.agenda import MEETING, TRAVEL, agenda
from missionplanner.domain.clocks import clock_day
from missionplanner.domain.days import MissionDays, PlanDay, ZoneChange
from missionplanner.domain.plan import MissionPlan, TravelInfo
from missionplanner.services.missions import load_plan
from missionplanner.services.transfer import import_data
from missionplanner.store.database import Database
from missionplanner.wording import render

SANTIAGO = "America/Santiago"


@pytest.fixture
def plans(db: Database, days_mission_file: dict[str, Any]) -> dict[str, MissionPlan]:
    import_data(db, days_mission_file)
    return {mission: load_plan(db, mission) for mission in ("m-late", "m-spring")}


def day_of(days: MissionDays, day: date) -> PlanDay:
    found = days.on(day)
    assert found is not None, day
    return found


def notes(day: PlanDay) -> list[str]:
    return [render(message) for message in day.change_messages]


# --- a local day on real instants -------------------------------------------------------


def test_the_saturday_the_clocks_go_back_lasts_25_hours_and_changes_at_its_end() -> None:
    saturday = clock_day(SANTIAGO, date(2027, 4, 3))
    assert saturday.start == datetime(2027, 4, 3, 3, 0)  # 00:00 -03
    assert saturday.end == datetime(2027, 4, 4, 4, 0)  # Sunday 00:00 -04
    assert saturday.length == timedelta(hours=25)
    [change] = saturday.transitions
    # 24:00 -03 is 23:00 -04: the last hour of Saturday happens twice.
    assert change.at == datetime(2027, 4, 4, 3, 0)
    assert (change.before.abbreviation, change.after.abbreviation) == ("-03", "-04")
    assert change.shift == timedelta(hours=-1)
    assert clock_day(SANTIAGO, date(2027, 4, 4)).transitions == ()


def test_the_sunday_the_clocks_go_forward_starts_at_one_and_lasts_23_hours() -> None:
    sunday = clock_day(SANTIAGO, date(2027, 9, 5))
    assert sunday.start == datetime(2027, 9, 5, 4, 0)  # 01:00 -03: 00:00 never happens
    assert sunday.length == timedelta(hours=23)
    [change] = sunday.transitions
    assert change.at == sunday.start
    assert change.shift == timedelta(hours=1)
    # The Saturday before ends as the clocks jump: the change is not its own.
    assert clock_day(SANTIAGO, date(2027, 9, 4)).transitions == ()


# --- places --------------------------------------------------------------------------------


def test_a_member_flying_alone_from_elsewhere_does_not_move_the_delegation(
    plans: dict[str, MissionPlan],
) -> None:
    days = MissionDays(plans["m-late"])
    saturday = day_of(days, date(2027, 4, 3))
    assert saturday.place_names == ("Santiago",)
    assert [t.id for t in saturday.departures] == ["t-manolo"]  # still listed that day
    assert day_of(days, date(2027, 4, 4)).place_names == ("Santiago",)
    assert day_of(days, date(2027, 4, 5)).place_names == ("Santiago", "Bogotá")


def test_the_late_joiner_is_where_his_own_flight_took_him(
    plans: dict[str, MissionPlan],
) -> None:
    manolo = MissionDays(plans["m-late"], person="p-manolo")
    assert manolo.days[0].date == date(2027, 4, 3)  # his first trip
    saturday = day_of(manolo, date(2027, 4, 3))
    assert saturday.place_names == ("Miami", "Bogotá")
    assert saturday.night is None  # the delegation's hotel is in Santiago
    sunday = day_of(manolo, date(2027, 4, 4))
    assert sunday.place_names == ("Bogotá",)
    assert [m.id for m in sunday.meetings] == ["mt-manolo"]
    assert day_of(manolo, date(2027, 4, 5)).place_names == ("Bogotá",)
    assert day_of(manolo, date(2027, 4, 5)).night is not None


def test_where_a_person_is_at_an_instant(plans: dict[str, MissionPlan]) -> None:
    plan = plans["m-late"]
    manolo = MissionDays(plan, person="p-manolo")
    assert manolo.place_at(datetime(2027, 4, 3, 11, 0)) is not None
    assert manolo.place_at(datetime(2027, 4, 3, 11, 0)).name == "Miami"  # type: ignore[union-attr]
    landed = manolo.place_at(datetime(2027, 4, 3, 18, 0))  # 13:00 in Bogotá
    assert landed is not None and (landed.name, landed.zone) == ("Bogotá", "America/Bogota")
    assert manolo.place_at(datetime(2027, 3, 1)) is None  # before the mission
    ana = MissionDays(plan, person="p-ana").place_at(datetime(2027, 4, 3, 18, 0))
    assert ana is not None and ana.name == "Santiago"


# --- zones and clock changes ------------------------------------------------------------


def test_clocks_going_back_at_midnight_are_announced_on_the_saturday(
    plans: dict[str, MissionPlan],
) -> None:
    days = MissionDays(plans["m-late"])
    saturday = day_of(days, date(2027, 4, 3))
    assert saturday.zones == ("-03", "-04")
    assert notes(saturday) == ["Santiago UTC-03 → UTC-04 (clocks go back 1 h)"]
    assert not day_of(days, date(2027, 4, 4)).zone_change
    assert day_of(days, date(2027, 4, 4)).zones == ("-04",)


def test_clocks_going_forward_at_midnight_are_announced_on_the_sunday(
    plans: dict[str, MissionPlan],
) -> None:
    days = MissionDays(plans["m-spring"])
    assert not day_of(days, date(2027, 9, 4)).zone_change
    sunday = day_of(days, date(2027, 9, 5))
    assert sunday.zones == ("-04", "-03")
    assert notes(sunday) == ["Santiago UTC-04 → UTC-03 (clocks go forward 1 h)"]


def test_a_flight_on_the_day_of_a_clock_change_announces_what_the_delegation_lives(
    plans: dict[str, MissionPlan],
) -> None:
    spring = plans["m-spring"]
    to_bogota = TravelInfo(
        id="t-sunday",
        origin="Santiago (SCL)",
        destination="Bogotá (BOG)",
        mode="flight",
        carrier="LATAM",
        reference="LA 574",
        depart_utc=datetime(2027, 9, 5, 18, 0),  # 15:00 -03
        depart_timezone=SANTIAGO,
        arrive_utc=datetime(2027, 9, 5, 23, 40),  # 18:40 -05
        arrive_timezone="America/Bogota",
    )
    sunday = day_of(MissionDays(replace(spring, travel=(to_bogota,))), date(2027, 9, 5))
    assert sunday.place_names == ("Santiago", "Bogotá")
    assert sunday.zones == ("-04", "-03", "-05")
    assert notes(sunday) == [
        "Santiago UTC-04 → UTC-03 (clocks go forward 1 h)",
        "Santiago UTC-03 → Bogotá UTC-05 (clocks go back 2 h)",
    ]

    # Leaving Santiago on the April Saturday evening: its clocks go back at 24:00,
    # after the delegation has left, so only the move is theirs.
    late = plans["m-late"]
    evening = replace(
        next(t for t in late.travel if t.id == "t-scl-bog"),
        depart_utc=datetime(2027, 4, 3, 22, 0),  # 19:00 -03
        arrive_utc=datetime(2027, 4, 4, 2, 40),  # 21:40 -05
    )
    saturday = day_of(MissionDays(replace(late, travel=(evening,))), date(2027, 4, 3))
    assert saturday.place_names == ("Santiago", "Bogotá")
    assert notes(saturday) == ["Santiago UTC-03 → Bogotá UTC-05 (clocks go back 2 h)"]


def test_zone_changes_are_messages_the_wording_renders() -> None:
    move = ZoneChange("-03", "-05", "Santiago", "Bogotá", timedelta(hours=-2))
    assert move.message.code == "days.zone-change"
    assert render(move.message) == "Santiago UTC-03 → Bogotá UTC-05 (clocks go back 2 h)"
    same = ZoneChange("-05", "EST", "Cali", "Panama City", timedelta())
    assert render(same.message) == "Cali UTC-05 → Panama City EST (same clock time)"
    half = ZoneChange("IST", "+0545", "Delhi", "Kathmandu", timedelta(minutes=15))
    assert render(half.message).endswith("(clocks go forward 15 min)")
    own = ZoneChange("EDT", "EST", "New York", "New York", timedelta(hours=-1))
    assert own.clock_change and own.message.code == "days.clock-change"
    assert render(own.message) == "New York EDT → EST (clocks go back 1 h)"


# --- the stop of a time, the agenda -------------------------------------------------------


def test_a_time_on_a_moving_day_belongs_to_the_stop_the_delegation_is_in_then(
    plans: dict[str, MissionPlan],
) -> None:
    days = MissionDays(plans["m-late"])
    monday = date(2027, 4, 5)  # leaves Santiago 09:00 -04, lands in Bogotá 12:40 -05
    assert days.stop_at(monday, 8 * 60).id == "s-scl"  # type: ignore[union-attr]
    assert days.stop_at(monday, 12 * 60).id == "s-scl"  # type: ignore[union-attr]
    assert days.stop_at(monday, 13 * 60).id == "s-bog"  # type: ignore[union-attr]
    # Manolo's flight from Miami on Saturday leaves the delegation's stop alone.
    assert days.stop_at(date(2027, 4, 3), 20 * 60).id == "s-scl"  # type: ignore[union-attr]
    assert days.stop_at(date(2027, 5, 1), 10 * 60) is None


def test_the_agenda_of_a_person_in_time_order_without_cancelled_meetings(
    plans: dict[str, MissionPlan],
) -> None:
    plan = plans["m-late"]
    assert [(i.kind, i.id) for i in agenda(plan, "p-manolo")] == [
        (TRAVEL, "t-manolo"),
        (MEETING, "mt-manolo"),
        (MEETING, "mt-bogota"),
    ]
    ana = agenda(plan, "p-ana")
    assert [i.id for i in ana] == ["mt-saturday", "t-scl-bog", "mt-bogota"]
    assert [i.start_utc for i in ana] == sorted(i.start_utc for i in ana)
    flight = ana[1]
    assert (flight.timezone, flight.end_zone) == ("America/Santiago", "America/Bogota")
    assert ana[0].where == "Santiago"  # no venue: the city
