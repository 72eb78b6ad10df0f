"""The app's days agree with the documents': the schedule's day headers name the places
and zones the itinerary prints for each day, and Today / Next follows the person.

Every demo mission is compared, and the day model's hard cases (``days_mission_file``):
a member flying alone from Miami to Bogotá while the delegation is in Santiago, and
Santiago's clocks changing at midnight in April and September. The itinerary is a real
PDF, read back with pypdf.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from missionplanner.checks import check
from missionplanner.export.itinerary import ItineraryRenderer, long_date
from missionplanner.export.paper import Paper
from missionplanner.services.dossier import load_dossier
from missionplanner.services.missions import list_missions, load_plan
from missionplanner.services.transfer import import_data
from missionplanner.store.database import Database
from missionplanner.wording import zone
from ui.views.schedule import ScheduleView
from ui.views.today import TodayView
from ui.widgets.schedule_layout import DayColumn

LATE = "m-late"
SPRING = "m-spring"


@pytest.fixture
def db(demo_db: Database, days_mission_file: dict[str, Any]) -> Database:
    """The demo missions and the hard cases, in one real database file."""
    import_data(demo_db, days_mission_file)
    return demo_db


@pytest.fixture
def schedule(qtbot: QtBot) -> ScheduleView:
    view = ScheduleView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


def headers(view: ScheduleView, db: Database, mission_id: str) -> dict[date, DayColumn]:
    """The day columns of a mission's schedule, as the app shows them."""
    plan = load_plan(db, mission_id)
    view.set_plan(plan, check(plan))
    return {column.date: column for column in view.grid.schedule_layout().days}


def itinerary_days(db: Database, mission_id: str) -> dict[date, str]:
    """The text of each day of the mission's itinerary PDF, from its heading on."""
    out = io.BytesIO()
    ItineraryRenderer(load_dossier(db, mission_id), Paper.A4, invariant=True).render(out)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    text = text.split("Delegation contacts")[0]
    starts = [
        (match.start(), _date(match.group(1)))
        for match in re.finditer(r"(\w+day \d+ \w+ \d{4})(?: · | Day \d+ of \d+)", text)
    ]
    return {
        day: text[start : starts[n + 1][0] if n + 1 < len(starts) else len(text)]
        for n, (start, day) in enumerate(starts)
    }


def _date(heading: str) -> date:
    return datetime.strptime(heading.split(" ", 1)[1], "%d %B %Y").date()


def assert_agree(columns: dict[date, DayColumn], printed: dict[date, str]) -> None:
    """Every printed day has the app's places in its heading and the app's zones."""
    assert printed, "the itinerary has no days"
    assert set(printed) == set(columns)
    for day, section in printed.items():
        column = columns[day]
        heading = long_date(day) + (f" · {column.place_text}" if column.places else "")
        assert section.startswith(heading + " Day "), (day, section[:120])
        if not column.zone_change:
            assert "Time zone change" not in section, day
            continue
        assert re.match(re.escape(heading) + r" Day \d+ of \d+ Time zone changes?:", section)
        note = section.split("Time zone change", 1)[1]
        at = 0
        for abbreviation in column.zones:  # each zone of the header, in the same order
            found = note.find(zone(abbreviation), at)
            assert found >= 0, (day, abbreviation, note[:200])
            at = found


def test_schedule_headers_and_itinerary_days_agree_on_every_demo_mission(
    schedule: ScheduleView, db: Database
) -> None:
    demo = [m.id for m in list_missions(db) if m.id not in (LATE, SPRING)]
    assert len(demo) >= 5
    for mission_id in demo:
        assert_agree(headers(schedule, db, mission_id), itinerary_days(db, mission_id))


def test_a_late_joiner_flying_alone_leaves_the_delegation_in_santiago(
    schedule: ScheduleView, db: Database
) -> None:
    columns = headers(schedule, db, LATE)
    saturday = columns[date(2027, 4, 3)]
    # Before, the app said "Santiago → Miami → Bogotá" here; the itinerary "Santiago".
    assert saturday.places == ("Santiago",)
    assert saturday.stop_ids == ("s-scl",)
    assert columns[date(2027, 4, 5)].places == ("Santiago", "Bogotá")
    printed = itinerary_days(db, LATE)
    assert printed[date(2027, 4, 3)].startswith("Saturday 3 April 2027 · Santiago Day 3 of 7")
    assert_agree(columns, printed)


def test_clocks_changing_at_midnight_show_in_the_header_and_the_itinerary(
    schedule: ScheduleView, db: Database
) -> None:
    columns = headers(schedule, db, LATE)
    saturday = columns[date(2027, 4, 3)]
    assert saturday.zones == ("-03", "-04")
    assert "Santiago, -03 → -04" in saturday.header_text
    assert "-03 → -04" in schedule.grid.day_tooltip_html(saturday.index)
    assert columns[date(2027, 4, 4)].zones == ("-04",)
    printed = itinerary_days(db, LATE)
    assert (
        "Time zone change: Santiago UTC-03 → UTC-04 (clocks go back 1 h)"
        in printed[date(2027, 4, 3)]
    )
    assert "Time zone change" not in printed[date(2027, 4, 4)]
    assert_agree(columns, printed)

    columns = headers(schedule, db, SPRING)
    assert columns[date(2027, 9, 4)].zones == ("-04",)
    assert columns[date(2027, 9, 5)].zones == ("-04", "-03")
    printed = itinerary_days(db, SPRING)
    assert (
        "Time zone change: Santiago UTC-04 → UTC-03 (clocks go forward 1 h)"
        in printed[date(2027, 9, 5)]
    )
    assert_agree(columns, printed)


def test_today_shows_the_city_the_person_is_in_now(qtbot: QtBot, db: Database) -> None:
    plan = load_plan(db, LATE)
    # Saturday 3 April, 13:00 in Bogotá: Manolo has landed; the others are in Santiago.
    view = TodayView(clock=lambda: datetime(2027, 4, 3, 18, 0))
    qtbot.addWidget(view)
    view.set_plan(plan)
    view.person.setCurrentIndex(view.person.findData("p-manolo"))
    assert "Bogotá" in view.local_time.text()
    assert "13:00 -05 (America/Bogota)" in view.local_time.text()
    assert "Manolo meets Bancóldex" in view.next_label.text()
    view.person.setCurrentIndex(view.person.findData("p-ana"))
    assert "15:00 -03 (America/Santiago)" in view.local_time.text()
    assert "LA 574" in view.next_label.text()
