"""Editing through the real widgets: the meeting dialog, undo and redo, the table models."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from missionplanner.checks import check
from missionplanner.domain.forms import MissionForm, ParticipantForm, StopForm
from missionplanner.services import records
from missionplanner.services.missions import list_missions, load_plan, organization_choices
from missionplanner.store.database import Database, open_database
from tests.ui.conftest import Settle
from ui.dialogs.meeting import MeetingDialog, _to_qt, new_meeting_form
from ui.operations import Operations
from ui.views.meetings import MeetingsView, meeting_rows
from ui.views.missions import MissionListView
from ui.views.problems import ProblemsView


def wall_clock(*parts: int) -> object:
    return _to_qt(datetime(*parts))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "plan.sqlite")
    mission = records.save(
        database, MissionForm(None, "Santiago in September", home_timezone="America/New_York"),
        None,
    ).id  # fmt: skip
    records.save(
        database,
        StopForm(None, mission, "Santiago", "CL", date(2026, 9, 4), date(2026, 9, 8)),
        None,
    )
    records.save(database, ParticipantForm(None, mission, "Cesar Vence"), None)
    yield database
    database.close()


def open_dialog(qtbot: QtBot, db: Database, operations: Operations) -> MeetingDialog:
    (summary,) = list_missions(db)
    plan = load_plan(db, summary.id)
    organizations, contacts = organization_choices(db)
    form = new_meeting_form(plan, "", datetime(2026, 9, 7, 10, 0))
    dialog = MeetingDialog(operations, plan, form, None, organizations, contacts)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_time_the_clocks_skip_is_explained_and_the_dialog_keeps_the_input(
    qtbot: QtBot, db: Database, settle: Settle
) -> None:
    operations = Operations(db)
    dialog = open_dialog(qtbot, db, operations)
    qtbot.keyClicks(dialog.title, "Start-Up Chile")
    dialog.start.setDateTime(wall_clock(2026, 9, 6, 0, 30))
    dialog.save_button.click()
    settle(operations)
    assert dialog.isVisible()
    assert dialog.result() == 0
    error = dialog.errors["start_local"]
    assert error.isVisible()
    assert "does not exist" in error.text()
    assert dialog.title.text() == "Start-Up Chile"
    assert load_plan(db, list_missions(db)[0].id).meetings == ()

    dialog.start.setDateTime(wall_clock(2026, 9, 7, 10, 0))
    dialog.save_button.click()
    settle(operations)
    assert not dialog.isVisible()
    (meeting,) = load_plan(db, list_missions(db)[0].id).meetings
    assert meeting.title == "Start-Up Chile"
    assert meeting.start_local.replace(tzinfo=None) == datetime(2026, 9, 7, 10, 0)


def test_missing_title_is_shown_next_to_the_field(
    qtbot: QtBot, db: Database, settle: Settle
) -> None:
    dialog = open_dialog(qtbot, db, Operations(db))
    dialog.save_button.click()
    settle()
    assert dialog.isVisible()
    assert dialog.errors["title"].isVisible()
    assert "required" in dialog.errors["title"].text()


def test_undo_and_redo_of_a_new_meeting(qtbot: QtBot, db: Database, settle: Settle) -> None:
    operations = Operations(db)
    dialog = open_dialog(qtbot, db, operations)
    qtbot.keyClicks(dialog.title, "Centro de Innovacion UC")
    with qtbot.waitSignal(operations.changed):
        dialog.save_button.click()
    mission_id = list_missions(db)[0].id
    assert operations.undo_stack.undoText() == "Add meeting “Centro de Innovacion UC”"
    with qtbot.waitSignal(operations.changed):
        operations.undo_stack.undo()
    assert load_plan(db, mission_id).meetings == ()
    with qtbot.waitSignal(operations.changed):
        operations.undo_stack.redo()
    assert [m.title for m in load_plan(db, mission_id).meetings] == ["Centro de Innovacion UC"]


def test_read_only_database_disables_saving(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    db.close()
    with open_database(tmp_path / "plan.sqlite", read_only=True) as read_only:
        dialog = open_dialog(qtbot, read_only, Operations(read_only))
        assert not dialog.save_button.isEnabled()


def test_table_models_follow_qt_rules(
    qtbot: QtBot, qtmodeltester: object, demo_db: Database
) -> None:
    missions = MissionListView()
    qtbot.addWidget(missions)
    missions.set_missions(list_missions(demo_db))
    plan = load_plan(demo_db, "m-atl-latam-2027")
    meetings = MeetingsView()
    qtbot.addWidget(meetings)
    meetings.set_rows(meeting_rows(plan, {}))
    problems = ProblemsView()
    qtbot.addWidget(problems)
    problems.set_problems(check(plan))
    for model in (
        missions.model, missions.proxy, meetings.model, meetings.proxy,
        problems.model, problems.proxy,
    ):  # fmt: skip
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_mission_and_meeting_filters(qtbot: QtBot, demo_db: Database) -> None:
    missions = MissionListView()
    qtbot.addWidget(missions)
    missions.set_missions(list_missions(demo_db))
    assert missions.proxy.rowCount() == 5
    qtbot.keyClicks(missions.search, "medellin")  # accents are ignored
    assert missions.proxy.rowCount() == 1
    missions.search.clear()
    missions.status.setCurrentIndex(missions.status.findData("completed"))
    assert missions.proxy.rowCount() == 2

    meetings = MeetingsView()
    qtbot.addWidget(meetings)
    meetings.set_rows(meeting_rows(load_plan(demo_db, "m-atl-latam-2027"), {}))
    total = meetings.proxy.rowCount()
    qtbot.keyClicks(meetings.search, "MEDELLIN")
    assert 0 < meetings.proxy.rowCount() < total


def test_problems_list_errors_first(qtbot: QtBot, demo_db: Database) -> None:
    problems = ProblemsView()
    qtbot.addWidget(problems)
    problems.set_problems(check(load_plan(demo_db, "m-atl-latam-2027")))
    first = problems.proxy.index(0, 0).data()
    assert first == "Error"
    # Kinds of problem in words, not the core's codes.
    kinds = {problems.proxy.index(r, 1).data() for r in range(problems.proxy.rowCount())}
    assert "Double booking" in kinds and "double-booked" not in kinds


def test_follow_ups_are_edited_with_the_meeting(qtbot: QtBot, db: Database, settle: Settle) -> None:
    from PySide6.QtCore import Qt

    operations = Operations(db)
    dialog = open_dialog(qtbot, db, operations)
    qtbot.keyClicks(dialog.title, "Start-Up Chile")
    editor = dialog.follow_ups
    editor._add()
    editor.model.item(0, 0).setText("Send the programme deck")
    editor.model.item(0, 1).setText("Cesar Vence")
    editor.model.item(0, 2).setText("20/10/2026")
    dialog.save_button.click()
    settle(operations)
    assert dialog.isVisible()
    assert "not a date written as YYYY-MM-DD" in dialog.follow_up_error.text()
    editor.model.item(0, 2).setText("2026-10-20")
    editor.model.item(0, 3).setCheckState(Qt.CheckState.Checked)
    dialog.save_button.click()
    settle(operations)
    assert not dialog.isVisible()
    (meeting,) = load_plan(db, list_missions(db)[0].id).meetings
    from missionplanner.domain.forms import MeetingForm

    (follow_up,) = records.load(db, MeetingForm, meeting.id)[0].follow_ups
    assert (follow_up.action, follow_up.owner, follow_up.due, follow_up.done) == (
        "Send the programme deck",
        "Cesar Vence",
        date(2026, 10, 20),
        True,
    )
