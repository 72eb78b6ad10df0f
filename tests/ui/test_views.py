"""Read views of a mission: today / next, agendas, cities and travel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from missionplanner.domain.agenda import agenda
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database, open_database
from ui.models.table import KEY_ROLE
from ui.views.delegation import DelegationView, local_range
from ui.views.route import RouteView
from ui.views.today import TodayView

MISSION = "m-atl-latam-2027"


@pytest.fixture(scope="module")
def demo(demo_file: Path) -> Iterator[Database]:
    """The demo missions, read-only: these views only read."""
    with open_database(demo_file, read_only=True) as database:
        yield database


def test_today_shows_what_is_on_now_and_next_in_local_time(qtbot: QtBot, demo: Database) -> None:
    plan = load_plan(demo, MISSION)
    person = "p-cesar-vence"
    items = agenda(plan, person)
    first_meeting = next(i for i in items if i.id.startswith("mt-"))
    during = first_meeting.start_utc + (first_meeting.end_utc - first_meeting.start_utc) / 2
    view = TodayView(clock=lambda: during)
    qtbot.addWidget(view)
    view.set_plan(plan)
    view.person.setCurrentIndex(view.person.findData(person))
    assert first_meeting.what in view.now_label.text()
    following = items[items.index(first_meeting) + 1]
    assert following.what in view.next_label.text()
    # Santiago in September: the local time is shown with the city's zone.
    assert "America/Santiago" in view.local_time.text()


def test_today_before_the_mission_has_nothing_now(qtbot: QtBot, demo: Database) -> None:
    view = TodayView(clock=lambda: datetime(2027, 1, 1, 12, 0))
    qtbot.addWidget(view)
    view.set_plan(load_plan(demo, MISSION))
    assert view.now_label.text() == "Nothing scheduled"
    assert view.next_label.text() != "Nothing more in this mission"


def test_agenda_holds_only_what_the_person_attends(demo: Database) -> None:
    plan = load_plan(demo, MISSION)
    for participant in plan.participants:
        ids = {item.id for item in agenda(plan, participant.id)}
        for meeting in plan.meetings:
            attends = not meeting.attendee_ids or participant.id in meeting.attendee_ids
            if meeting.status == "cancelled":
                assert meeting.id not in ids
            else:
                assert (meeting.id in ids) == attends


def test_delegation_and_route_models_follow_qt_rules(
    qtbot: QtBot, qtmodeltester: object, demo: Database
) -> None:
    plan = load_plan(demo, MISSION)
    delegation = DelegationView()
    route = RouteView()
    qtbot.addWidget(delegation)
    qtbot.addWidget(route)
    delegation.set_plan(plan)
    route.set_plan(plan)
    assert route.stops.rowCount() == len(plan.stops)
    assert delegation.items.rowCount() > 0
    for model in (delegation.people, delegation.items, route.stops, route.travel):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_flight_in_the_agenda_shows_both_local_times(demo: Database) -> None:
    plan = load_plan(demo, MISSION)
    flight = next(i for i in agenda(plan, "p-cesar-vence") if "DL 145" in i.what)
    assert local_range(flight) == "Sun 12 Sep 21:50 EDT → Mon 13 Sep 08:40 -03"


def test_cities_follow_the_route_and_travel_its_departures(qtbot: QtBot, demo: Database) -> None:
    plan = load_plan(demo, MISSION)
    route = RouteView()
    qtbot.addWidget(route)
    route.set_plan(plan)
    shown = [route.stop_proxy.index(row, 0).data() for row in range(route.stop_proxy.rowCount())]
    assert shown == [stop.city for stop in sorted(plan.stops, key=lambda s: s.arrive)]
    assert len(shown) > 2
    departures = [
        route.travel_proxy.index(row, 0).data() for row in range(route.travel_proxy.rowCount())
    ]
    by_departure = sorted(plan.travel, key=lambda t: t.depart_utc)
    assert departures == [trip.origin for trip in by_departure]


def test_counts_say_one_thing_in_the_singular(qtbot: QtBot, demo: Database) -> None:
    from dataclasses import replace

    from missionplanner.domain.forms import MissionForm
    from missionplanner.services.missions import list_missions
    from ui.views.overview import OverviewView

    summary = next(s for s in list_missions(demo) if s.id == MISSION)
    overview = OverviewView()
    qtbot.addWidget(overview)
    one = replace(summary, participants=1, stops=1, meetings=1)
    overview.show_mission(MissionForm(id=MISSION, title="One of each"), one, [])
    assert overview.fields["counts"].text() == "1 participant, 1 city, 1 meeting"
    two = replace(summary, participants=2, stops=2, meetings=0)
    overview.show_mission(MissionForm(id=MISSION, title="Two of each"), two, [])
    assert overview.fields["counts"].text() == "2 participants, 2 cities, 0 meetings"


def test_an_agenda_reads_in_days(qtbot: QtBot, demo: Database) -> None:
    from missionplanner.domain.zones import to_local

    plan = load_plan(demo, MISSION)
    view = DelegationView()
    qtbot.addWidget(view)
    view.set_plan(plan)
    person = str(view.people_table.currentIndex().data(KEY_ROLE))
    items = list(agenda(plan, person))
    days = [f"{to_local(i.start_utc, i.timezone):%a %d %b}" for i in items]
    model = view.agenda_table.model()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Day"
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    # Each day is written once, on its first item; the items after it belong to it.
    assert shown == [day if n == 0 or days[n - 1] != day else "" for n, day in enumerate(days)]
    assert len({day for day in days}) == sum(1 for text in shown if text) > 1
