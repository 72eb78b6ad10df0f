"""The Schedule view, driven as a user would: demo missions from a real SQLite file."""

from __future__ import annotations

import html
from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from missionplanner.checks import DOUBLE_BOOKED, Problem, Severity, check
from missionplanner.domain.plan import MeetingInfo, MissionPlan, ParticipantInfo, StopInfo
from missionplanner.domain.zones import resolve_local
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database
from tests.ui.conftest import Settle
from ui.views.schedule import ScheduleView
from ui.widgets.schedule_layout import ScheduleIndex, build_layout

ATLANTA = "m-atl-latam-2027"
CHINA = "m-rutan-china-2027"
STARTUP_CHILE = "mt-atl27-startup-chile"  # Tue 14 Sep 2027, 10:00–11:45 -03, Santiago
ACI_LUNCH = "mt-atl27-aci-lunch"  # Fri 17 Sep, 12:30–14:30 -05, Medellín
SOFT_LANDING = "mt-atl27-rutan-softlanding"  # Fri 17 Sep, 13:30–14:45, overlaps the lunch
ALUMNI_DINNER = "mt-atl27-alumni-dinner"  # cancelled


@pytest.fixture
def demo_plans(demo_db: Database) -> dict[str, tuple[MissionPlan, list[Problem]]]:
    plans = {}
    for mission_id in (ATLANTA, CHINA):
        plan = load_plan(demo_db, mission_id)
        plans[mission_id] = (plan, check(plan))
    return plans


@pytest.fixture
def view(qtbot: QtBot) -> ScheduleView:
    widget = ScheduleView()
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def atlanta(
    view: ScheduleView, demo_plans: dict[str, tuple[MissionPlan, list[Problem]]]
) -> ScheduleView:
    view.set_plan(*demo_plans[ATLANTA])
    return view


def centre(view: ScheduleView, meeting_id: str) -> QPoint:
    """The centre of a block, scrolled into view first, as a user would."""
    assert view.grid.select_meeting(meeting_id)
    rect = view.grid.block_rect(meeting_id)
    assert not rect.isEmpty()
    return rect.center()


def day_index(view: ScheduleView, day: date) -> int:
    index = view.grid.schedule_layout().day_of(day)
    assert index is not None
    return index


def empty_point(view: ScheduleView, day: date, hour: int, minute: int) -> QPoint:
    """A point in the middle of a day column at a local time, checked to hold no block."""
    grid = view.grid
    geometry = grid.geometry_model()
    column = day_index(view, day)
    x = geometry.x_of_day(column) + geometry.column_width / 2
    y = geometry.y_of(hour * 60 + minute + 2)
    point = QPoint(round(x), round(y))
    grid.ensureVisible(point.x(), point.y(), 50, 50)
    assert grid.canvas.block_at(point.toPointF()) is None
    return point


# --- layout ---------------------------------------------------------------------


def test_santiago_meeting_sits_in_its_day_at_its_local_time(atlanta: ScheduleView) -> None:
    layout = atlanta.grid.schedule_layout()
    block = layout.block(STARTUP_CHILE)
    assert block is not None
    column = layout.days[block.day]
    assert column.date == date(2027, 9, 14)
    assert column.places == ("Santiago",)
    assert column.zones == ("-03",)
    assert (block.start_minute, block.end_minute) == (10 * 60, 11 * 60 + 45)
    assert block.time_text == "10:00–11:45 -03"

    geometry = atlanta.grid.geometry_model()
    rect = atlanta.grid.block_rect(STARTUP_CHILE)
    assert geometry.day_at(rect.center().x()) == block.day
    assert abs(rect.top() - geometry.y_of(10 * 60)) <= 1
    assert abs(rect.bottom() - geometry.y_of(11 * 60 + 45)) <= 2


def test_days_run_from_the_first_departure_to_the_last_and_show_default_hours(
    atlanta: ScheduleView,
) -> None:
    layout = atlanta.grid.schedule_layout()
    assert [d.date for d in layout.days] == [date(2027, 9, d) for d in range(12, 19)]
    assert "14" in layout.days[2].title  # "Tue 14 Sep" in English
    # 07:00–21:00, widened for the 06:10 flight to Medellín and the 21:50 departure.
    assert layout.first_minute <= 6 * 60
    assert layout.last_minute >= 22 * 60


def test_meetings_in_china_are_placed_on_the_beijing_clock(
    view: ScheduleView, demo_plans: dict[str, tuple[MissionPlan, list[Problem]]]
) -> None:
    view.set_plan(*demo_plans[CHINA])
    layout = view.grid.schedule_layout()
    block = layout.block("mt-chn27-zhongguancun")
    assert block is not None
    assert layout.days[block.day].date == date(2027, 9, 28)
    assert (block.start_minute, block.time_text) == (9 * 60 + 30, "09:30–11:30 CST")
    madrid_to_beijing = layout.days[day_index(view, date(2027, 9, 26))]
    assert madrid_to_beijing.places == ("Madrid", "Beijing")
    assert madrid_to_beijing.zones == ("CEST", "CST")


def test_overlapping_meetings_sit_side_by_side(atlanta: ScheduleView) -> None:
    layout = atlanta.grid.schedule_layout()
    lunch, landing = layout.block(ACI_LUNCH), layout.block(SOFT_LANDING)
    assert lunch is not None and landing is not None
    assert lunch.day == landing.day
    assert {lunch.lane, landing.lane} == {0, 1}
    assert lunch.lanes == landing.lanes == 2
    assert not atlanta.grid.block_rect(ACI_LUNCH).intersects(atlanta.grid.block_rect(SOFT_LANDING))
    # A meeting that overlaps nothing keeps the whole column.
    alone = layout.block(STARTUP_CHILE)
    assert alone is not None and alone.lanes == 1


def test_a_day_with_a_zone_change_shows_both_zones_in_its_header(atlanta: ScheduleView) -> None:
    layout = atlanta.grid.schedule_layout()
    santiago_to_bogota = layout.days[day_index(atlanta, date(2027, 9, 15))]
    assert santiago_to_bogota.zone_change
    assert santiago_to_bogota.places == ("Santiago", "Bogotá")
    assert santiago_to_bogota.zones == ("-03", "-05")
    assert "Santiago → Bogotá, -03 → -05" in santiago_to_bogota.header_text
    tooltip = atlanta.grid.day_tooltip_html(santiago_to_bogota.index)
    assert "-03 → -05" in tooltip
    home = layout.days[day_index(atlanta, date(2027, 9, 18))]
    assert home.zones == ("-05", "EDT")
    # Santiago to Medellín and back is all one zone: no change to show.
    same_zone = layout.days[day_index(atlanta, date(2027, 9, 17))]
    assert not same_zone.zone_change
    assert same_zone.zones == ("-05",)


def test_travel_is_drawn_on_its_departure_and_arrival_days(atlanta: ScheduleView) -> None:
    layout = atlanta.grid.schedule_layout()
    pieces = layout.pieces("t-atl27-dl145")  # Atlanta 21:50 EDT → Santiago 08:40 -03 (+1)
    assert [(layout.days[p.day].date, p.start_minute, p.end_minute) for p in pieces] == [
        (date(2027, 9, 12), 21 * 60 + 50, 24 * 60),
        (date(2027, 9, 13), 0, 8 * 60 + 40),
    ]
    assert all(p.kind == "travel" for p in pieces)


# --- problems ------------------------------------------------------------------


def test_double_booked_meetings_carry_the_error_marker_and_message(
    atlanta: ScheduleView, demo_plans: dict[str, tuple[MissionPlan, list[Problem]]]
) -> None:
    _, problems = demo_plans[ATLANTA]
    double = next(p for p in problems if p.code == DOUBLE_BOOKED)
    layout = atlanta.grid.schedule_layout()
    for meeting_id in (ACI_LUNCH, SOFT_LANDING):
        block = layout.block(meeting_id)
        assert block is not None
        assert block.severity == Severity.ERROR
        assert double in block.problems
        assert html.escape(str(double.message)) in atlanta.grid.tooltip_html(block)
    warned = layout.block(STARTUP_CHILE)  # a tight connection
    assert warned is not None and warned.severity == Severity.WARNING
    clean = layout.block("mt-atl27-procolombia")
    assert clean is not None and clean.severity == "" and not clean.problems


def test_hovering_a_block_shows_its_tooltip(atlanta: ScheduleView, qtbot: QtBot) -> None:
    canvas = atlanta.grid.canvas
    point = centre(atlanta, ACI_LUNCH)
    event = QHelpEvent(QEvent.Type.ToolTip, point, canvas.mapToGlobal(point))
    QApplication.sendEvent(canvas, event)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    text = QToolTip.text()
    assert "Working lunch with ACI Medellín" in text
    assert "12:30–14:30 -05" in text
    assert "is double-booked" in text
    assert "Confirmed" in text


# --- filters -------------------------------------------------------------------


def test_participant_filter_hides_meetings_of_others(atlanta: ScheduleView) -> None:
    plan = atlanta.plan()
    assert plan is not None
    landing = next(m for m in plan.meetings if m.id == SOFT_LANDING)
    (attendee,) = landing.attendee_ids
    other = next(p.id for p in plan.participants if p.id != attendee)
    combo = atlanta.participant_combo
    assert combo.count() == len(plan.participants) + 1

    combo.setCurrentIndex(combo.findData(other))
    layout = atlanta.grid.schedule_layout()
    assert layout.block(SOFT_LANDING) is None
    assert layout.block(ACI_LUNCH) is not None  # the whole delegation attends

    combo.setCurrentIndex(combo.findData(attendee))
    assert atlanta.grid.schedule_layout().block(SOFT_LANDING) is not None

    combo.setCurrentIndex(0)  # Everyone
    assert atlanta.grid.schedule_layout().block(SOFT_LANDING) is not None


def test_cancelled_meetings_show_faded_or_hide_with_the_toggle(
    atlanta: ScheduleView, settle: Settle
) -> None:
    block = atlanta.grid.schedule_layout().block(ALUMNI_DINNER)
    assert block is not None and block.cancelled
    atlanta.cancelled_check.click()
    settle()
    assert atlanta.grid.schedule_layout().block(ALUMNI_DINNER) is None
    atlanta.cancelled_check.click()
    settle()
    assert atlanta.grid.schedule_layout().block(ALUMNI_DINNER) is not None


# --- mouse ---------------------------------------------------------------------


def test_double_click_on_a_block_asks_to_edit_it(atlanta: ScheduleView, qtbot: QtBot) -> None:
    point = centre(atlanta, STARTUP_CHILE)
    with qtbot.waitSignal(atlanta.edit_requested) as blocker:
        qtbot.mouseDClick(atlanta.grid.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [STARTUP_CHILE]


def test_dragging_a_block_down_an_hour_asks_to_move_it(atlanta: ScheduleView, qtbot: QtBot) -> None:
    canvas = atlanta.grid.canvas
    point = centre(atlanta, STARTUP_CHILE)
    hour = atlanta.grid.geometry_model().hour_height
    target = point + QPoint(0, round(hour))
    with qtbot.waitSignal(atlanta.move_requested) as blocker:
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(canvas, point + QPoint(0, 10))
        qtbot.mouseMove(canvas, target)
        assert canvas.is_dragging()  # the ghost shows the new time
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [STARTUP_CHILE, datetime(2027, 9, 14, 11, 0)]
    assert not canvas.is_dragging()


def test_dragging_to_the_next_day_keeps_the_snapped_local_time(
    atlanta: ScheduleView, qtbot: QtBot
) -> None:
    canvas = atlanta.grid.canvas
    geometry = atlanta.grid.geometry_model()
    point = centre(atlanta, STARTUP_CHILE)
    # Half an hour and a bit earlier, one column right: 09:30 on Wednesday.
    target = point + QPoint(round(geometry.column_width), -round(geometry.hour_height * 0.55))
    with qtbot.waitSignal(atlanta.move_requested) as blocker:
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(canvas, target)
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
    meeting_id, new_start = blocker.args
    assert meeting_id == STARTUP_CHILE
    assert new_start == datetime(2027, 9, 15, 9, 30)
    assert new_start.minute % 15 == 0 and new_start.tzinfo is None


def test_escape_during_a_drag_cancels_it(
    atlanta: ScheduleView, qtbot: QtBot, settle: Settle
) -> None:
    canvas = atlanta.grid.canvas
    point = centre(atlanta, STARTUP_CHILE)
    target = point + QPoint(0, round(atlanta.grid.geometry_model().hour_height))
    with qtbot.assertNotEmitted(atlanta.move_requested):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(canvas, target)
        assert canvas.is_dragging()
        qtbot.keyClick(canvas, Qt.Key.Key_Escape)
        settle()
        assert not canvas.is_dragging()
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)


def test_double_click_on_an_empty_slot_asks_for_a_new_meeting(
    atlanta: ScheduleView, qtbot: QtBot
) -> None:
    canvas = atlanta.grid.canvas
    point = empty_point(atlanta, date(2027, 9, 14), 16, 40)
    with qtbot.waitSignal(atlanta.create_requested) as blocker:
        qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [datetime(2027, 9, 14, 16, 30), "s-atl27-santiago"]


def test_a_new_meeting_on_a_moving_day_belongs_to_the_stop_of_that_hour(
    atlanta: ScheduleView, qtbot: QtBot
) -> None:
    """Wed 15 Sep: in Santiago until the 15:05 flight, in Bogotá after landing at 19:20."""
    canvas = atlanta.grid.canvas
    moving_day = date(2027, 9, 15)
    for hour, minute, expected in ((11, 0, "s-atl27-santiago"), (20, 15, "s-atl27-bogota")):
        point = empty_point(atlanta, moving_day, hour, minute)
        with qtbot.waitSignal(atlanta.create_requested) as blocker:
            qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
        assert blocker.args == [datetime(2027, 9, 15, hour, minute), expected]


def test_read_only_allows_viewing_but_not_dragging_or_creating(
    atlanta: ScheduleView, qtbot: QtBot
) -> None:
    atlanta.set_read_only(True)
    canvas = atlanta.grid.canvas
    point = centre(atlanta, STARTUP_CHILE)
    target = point + QPoint(0, round(atlanta.grid.geometry_model().hour_height))
    empty = empty_point(atlanta, date(2027, 9, 16), 18, 0)
    with (
        qtbot.assertNotEmitted(atlanta.move_requested),
        qtbot.assertNotEmitted(atlanta.create_requested),
    ):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=point)
        qtbot.mouseMove(canvas, target)
        assert not canvas.is_dragging()
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=target)
        qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=empty)
    point = centre(atlanta, STARTUP_CHILE)
    with qtbot.waitSignal(atlanta.edit_requested) as blocker:
        qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [STARTUP_CHILE]


# --- keyboard and selection ----------------------------------------------------


def test_arrow_keys_move_the_selection_and_enter_edits(
    atlanta: ScheduleView, qtbot: QtBot, settle: Settle
) -> None:
    canvas = atlanta.grid.canvas
    atlanta.setFocus()  # focus given to the view goes to the grid
    qtbot.waitUntil(canvas.hasFocus)
    with qtbot.waitSignal(atlanta.selected) as blocker:
        atlanta.grid.select_meeting(STARTUP_CHILE)
    assert blocker.args == [STARTUP_CHILE]
    with qtbot.waitSignal(atlanta.selected) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert blocker.args == ["mt-atl27-centro-innovacion-uc"]  # the next one that day
    with qtbot.waitSignal(atlanta.selected) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert blocker.args == ["mt-atl27-founders-roundtable"]  # the next day's nearest
    with qtbot.waitSignal(atlanta.edit_requested) as blocker:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert blocker.args == ["mt-atl27-founders-roundtable"]


def test_clicking_a_block_selects_it(atlanta: ScheduleView, qtbot: QtBot, settle: Settle) -> None:
    atlanta.grid.set_selection("")
    point = centre(atlanta, ACI_LUNCH)
    atlanta.grid.set_selection("")
    with qtbot.waitSignal(atlanta.selected) as blocker:
        qtbot.mouseClick(atlanta.grid.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [ACI_LUNCH]
    assert atlanta.grid.canvas.hasFocus()


def test_select_meeting_scrolls_it_into_view(
    view: ScheduleView, demo_plans: dict[str, tuple[MissionPlan, list[Problem]]]
) -> None:
    view.resize(500, 360)  # far smaller than the week
    view.set_plan(*demo_plans[ATLANTA])
    grid = view.grid
    assert view.select_meeting("mt-atl27-c4ir-medellin")
    assert grid.selected_meeting() == "mt-atl27-c4ir-medellin"
    rect = grid.block_rect("mt-atl27-c4ir-medellin")
    assert grid.visible_canvas_rect().intersects(rect)


def test_showing_the_same_mission_again_keeps_scroll_and_selection(
    view: ScheduleView, demo_plans: dict[str, tuple[MissionPlan, list[Problem]]]
) -> None:
    view.resize(600, 420)
    plan, problems = demo_plans[ATLANTA]
    view.set_plan(plan, problems)
    view.select_meeting("mt-atl27-bogota-b2b")
    scroll = (view.grid.horizontalScrollBar().value(), view.grid.verticalScrollBar().value())
    assert scroll != (0, 0)

    view.set_plan(plan, problems)  # after an edit, the main window shows the plan again
    assert view.selected_meeting() == "mt-atl27-bogota-b2b"
    assert (
        view.grid.horizontalScrollBar().value(),
        view.grid.verticalScrollBar().value(),
    ) == scroll

    view.set_plan(*demo_plans[CHINA])  # another mission starts afresh
    assert view.selected_meeting() == ""
    assert view.grid.horizontalScrollBar().value() == 0


def test_controls_have_accessible_names(atlanta: ScheduleView) -> None:
    assert atlanta.participant_combo.accessibleName()
    assert atlanta.cancelled_check.accessibleName()
    assert atlanta.grid.canvas.accessibleName()
    assert atlanta.grid.accessibleName()
    assert atlanta.participant_combo.itemText(0) == "Everyone"


def test_an_empty_view_paints_without_a_plan(view: ScheduleView) -> None:
    assert view.grid.schedule_layout().days == ()
    assert not view.grab().isNull()
    assert view.grid.empty_text()


# --- plans built by hand -------------------------------------------------------


def _meeting(
    mid: str, start: datetime, end: datetime, zone: str = "America/Santiago"
) -> MeetingInfo:
    return MeetingInfo(
        id=mid,
        title=mid,
        kind="meeting",
        status="confirmed",
        stop_id="s",
        start_utc=resolve_local(start, zone).utc,
        end_utc=resolve_local(end, zone).utc,
        timezone=zone,
    )


def _plan(*meetings: MeetingInfo) -> MissionPlan:
    return MissionPlan(
        id="m",
        title="By hand",
        home_timezone="America/New_York",
        participants=(ParticipantInfo("p", "P"),),
        stops=(
            StopInfo("s", "Santiago", "CL", "America/Santiago", date(2027, 3, 1), date(2027, 3, 3)),
        ),
        meetings=meetings,
    )


def test_hours_widen_for_a_late_meeting_and_a_meeting_across_midnight_splits() -> None:
    plan = _plan(
        _meeting("late", datetime(2027, 3, 1, 22, 30), datetime(2027, 3, 2, 0, 30)),
        _meeting("early", datetime(2027, 3, 2, 6, 15), datetime(2027, 3, 2, 7, 0)),
    )
    layout = build_layout(ScheduleIndex(plan))
    assert (layout.first_minute, layout.last_minute) == (0, 24 * 60)
    pieces = layout.pieces("late")
    assert [(p.day, p.start_minute, p.end_minute) for p in pieces] == [
        (0, 22 * 60 + 30, 24 * 60),
        (1, 0, 30),
    ]
    assert pieces[0].time_text == "22:30–00:30 -03 (+1)"
    # Without the midnight meeting, only the early one widens the default 07:00–21:00.
    layout = build_layout(ScheduleIndex(_plan(plan.meetings[1])))
    assert (layout.first_minute, layout.last_minute) == (6 * 60, 21 * 60)


def test_three_overlapping_meetings_get_three_lanes_and_a_later_one_the_full_width() -> None:
    day = datetime(2027, 3, 2)
    plan = _plan(
        _meeting("a", day.replace(hour=9), day.replace(hour=11)),
        _meeting("b", day.replace(hour=9, minute=30), day.replace(hour=10)),
        _meeting("c", day.replace(hour=10), day.replace(hour=12)),
        _meeting("d", day.replace(hour=10, minute=15), day.replace(hour=10, minute=45)),
        _meeting("e", day.replace(hour=14), day.replace(hour=15)),
    )
    layout = build_layout(ScheduleIndex(plan))
    lanes = {b.id: (b.lane, b.lanes) for b in layout.blocks}
    assert lanes["a"][0] != lanes["b"][0]
    assert len({lanes[m][0] for m in "acd"}) == 3
    assert {lanes[m][1] for m in "abcd"} == {3}
    assert lanes["e"] == (0, 1)
