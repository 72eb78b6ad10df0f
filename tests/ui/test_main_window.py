"""The whole window as a trip organizer uses it, on a real database file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from missionplanner.domain.forms import MeetingForm, OrganizationForm
from missionplanner.services import records
from missionplanner.store.database import open_database
from tests.ui.conftest import Settle
from ui.dialogs.meeting import MeetingDialog, _to_qt
from ui.dialogs.mission import MissionDialog, ParticipantDialog, StopDialog
from ui.main_window import MainWindow
from ui.models.table import KEY_ROLE
from ui.settings import UiSettings


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, settings: UiSettings) -> Iterator[MainWindow]:
    db = open_database(tmp_path / "plan.sqlite")
    main = MainWindow(db, settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    db.close()


def fill_dialog(qtbot: QtBot, dialog_type: type[QDialog], fill: object) -> None:
    """Fill and save the next dialog of ``dialog_type`` once it opens (it is modal)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            QTimer.singleShot(20, act)
            return
        fill(dialog)  # type: ignore[operator]

    QTimer.singleShot(0, act)


def test_plan_a_mission_from_scratch_and_fix_a_double_booking(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    def mission(dialog: MissionDialog) -> None:
        qtbot.keyClicks(dialog.title, "Exploratory mission to Chile")
        dialog.save_button.click()
        settle()

    fill_dialog(qtbot, MissionDialog, mission)
    window.new_mission_action.trigger()
    settle()
    assert window.plan is not None and window.plan.title == "Exploratory mission to Chile"

    def city(name: str, country: str, arrive: date, depart: date) -> None:
        def fill(dialog: StopDialog) -> None:
            qtbot.keyClicks(dialog.city, name)
            qtbot.keyClicks(dialog.country, country)
            dialog.arrive.setDate(arrive)
            dialog.depart.setDate(depart)
            dialog.save_button.click()
            settle()

        fill_dialog(qtbot, StopDialog, fill)
        window.add_city_action.trigger()
        settle()

    city("Santiago", "CL", date(2026, 10, 5), date(2026, 10, 8))
    city("Bogota", "CO", date(2026, 10, 8), date(2026, 10, 10))
    assert [(s.city, s.timezone) for s in window.plan.stops] == [
        ("Santiago", "America/Santiago"),
        ("Bogota", "America/Bogota"),
    ]

    def participant(dialog: ParticipantDialog) -> None:
        qtbot.keyClicks(dialog.name, "Cesar Vence")
        dialog.save_button.click()
        settle()

    fill_dialog(qtbot, ParticipantDialog, participant)
    window.add_participant_action.trigger()
    settle()

    def meeting(title: str, hour: int) -> None:
        def fill(dialog: MeetingDialog) -> None:
            qtbot.keyClicks(dialog.title, title)
            dialog.start.setDateTime(_to_qt(datetime(2026, 10, 6, hour, 0)))
            dialog.save_button.click()
            settle()

        fill_dialog(qtbot, MeetingDialog, fill)
        window.new_meeting_action.trigger()
        settle()

    meeting("Start-Up Chile", 10)
    meeting("Centro de Innovacion UC", 10)
    assert len(window.plan.meetings) == 2
    assert [p.code for p in window.problems] == ["double-booked"]
    assert window.problems_view.model.rowCount() == 1
    assert "Problems (1)" in window.workspace.tabText(
        window.workspace.indexOf(window.problems_view)
    )

    # Fix it by moving one meeting two hours later, as a drag on the schedule does.
    moved = window.plan.meetings[1]
    window.schedule.move_requested.emit(moved.id, datetime(2026, 10, 6, 12, 0))
    settle()
    assert window.problems == []
    assert window.operations.undo_stack.undoText().startswith("Move meeting")

    window.undo_action.trigger()
    settle()
    assert [p.code for p in window.problems] == ["double-booked"]
    window.redo_action.trigger()
    settle()
    assert window.problems == []
    form, _version = records.load(window.db, MeetingForm, moved.id)
    assert form.start_local == datetime(2026, 10, 6, 12, 0)


def test_read_only_window_disables_every_edit(
    qtbot: QtBot, demo_file: Path, settings: UiSettings
) -> None:
    with open_database(demo_file, read_only=True) as db:
        main = MainWindow(db, settings)
        qtbot.addWidget(main)
        main.show()
        assert "read-only" in main.windowTitle()
        for action in (
            main.new_meeting_action,
            main.new_mission_action,
            main.add_city_action,
            main.import_action,
        ):
            assert not action.isEnabled()
        assert not main.meetings.new_button.isEnabled()
        assert main.plan is not None  # viewing still works
        main.workspace.setCurrentWidget(main.today)


def test_window_title_names_the_database(window: MainWindow) -> None:
    assert window.windowTitle().startswith("plan.sqlite")


def test_edit_an_organization_from_the_directory_and_undo(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    from ui.dialogs.organization import OrganizationDialog

    main = demo_window
    db = main.db

    def fill(dialog: OrganizationDialog) -> None:
        dialog.sectors.setText("innovation, China market entry")
        dialog.save_button.click()

    fill_dialog(qtbot, OrganizationDialog, fill)
    main.directory.edit_requested.emit("org-ruta-n")
    settle()
    assert records.load(db, OrganizationForm, "org-ruta-n")[0].sectors == [
        "innovation",
        "China market entry",
    ]
    main.undo_action.trigger()
    settle()
    assert "soft landing" in records.load(db, OrganizationForm, "org-ruta-n")[0].sectors


def test_organization_without_a_name_keeps_the_dialog_open(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    from ui.dialogs.organization import OrganizationDialog

    seen: list[str] = []

    def fill(dialog: OrganizationDialog) -> None:
        dialog.save_button.click()
        settle()
        seen.append(dialog.errors["name"].text())
        assert dialog.isVisible()
        dialog.reject()

    fill_dialog(qtbot, OrganizationDialog, fill)
    window.directory.new_requested.emit()
    settle()
    assert seen and "required" in seen[0]


def test_delete_a_meeting_and_undo(qtbot: QtBot, demo_window: MainWindow, settle: Settle) -> None:
    main = demo_window
    main.mission_list.select("m-atl-latam-2027")
    assert main.plan is not None
    count = len(main.plan.meetings)
    main.workspace.setCurrentWidget(main.meetings)
    main.meetings.select("mt-atl27-aci-lunch")
    main.delete_meeting_action.trigger()
    settle()
    assert len(main.plan.meetings) == count - 1
    assert "double-booked" not in [p.code for p in main.problems]
    assert main.operations.undo_stack.undoText().startswith("Delete meeting")
    # Views filled when shown still show the latest state.
    main.workspace.setCurrentWidget(main.schedule)
    shown = main.schedule.plan()
    assert shown is not None and len(shown.meetings) == count - 1
    main.undo_action.trigger()
    settle()
    assert len(main.plan.meetings) == count
    assert "double-booked" in [p.code for p in main.problems]
    assert len(main.schedule.plan().meetings) == count  # type: ignore[union-attr]


def test_switching_to_a_file_that_is_not_a_database_keeps_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list", encoding="utf-8")
    assert window.switch_database(notes) is None
    assert window.isVisible()
    assert "not a Mission Planner database" in shown[0]
    assert notes.read_text(encoding="utf-8") == "shopping list"


def test_new_database_opens_in_a_new_window_and_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, settings: UiSettings
) -> None:
    other = window.switch_database(tmp_path / "second.sqlite")
    assert other is not None
    qtbot.addWidget(other)
    assert other.windowTitle().startswith("second.sqlite")
    assert not window.isVisible()
    assert settings.recent_databases()[0].name == "second.sqlite"


def test_add_an_overnight_flight_between_zones(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    from ui.dialogs.travel import TravelDialog

    main = demo_window
    main.mission_list.select("m-atl-latam-2027")
    assert main.plan is not None
    before = len(main.plan.travel)
    errors: list[str] = []

    def fill(dialog: TravelDialog) -> None:
        dialog.origin.setText("Bogota")
        dialog.destination.setText("Atlanta")
        dialog.carrier.setText("Delta")
        dialog.reference.setText("DL 364")
        dialog.depart.setDateTime(_to_qt(datetime(2027, 9, 18, 23, 55)))
        dialog.depart_zone.setText("America/Bogota")
        dialog.arrive_zone.setText("America/New_York")
        # First an arrival before the departure in real time: refused, dialog stays.
        dialog.arrive.setDateTime(_to_qt(datetime(2027, 9, 18, 23, 0)))
        dialog.save_button.click()
        settle()
        errors.append(dialog.errors["arrive_local"].text())
        dialog.arrive.setDateTime(_to_qt(datetime(2027, 9, 19, 5, 10)))
        dialog.save_button.click()
        settle()

    fill_dialog(qtbot, TravelDialog, fill)
    main.add_travel_action.trigger()
    settle()
    assert "before it departs" in errors[0]
    assert len(main.plan.travel) == before + 1
    flight = next(t for t in main.plan.travel if t.reference == "DL 364")
    assert flight.arrive_utc - flight.depart_utc == datetime(1, 1, 1, 4, 15) - datetime(1, 1, 1)


def test_a_change_made_in_another_window_wins_and_this_one_reloads(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, settle: Settle
) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QMessageBox

    from missionplanner.services.commands import RecordCommand

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    main = demo_window
    db = main.db
    main.mission_list.select("m-atl-latam-2027")
    stale_form, stale_version = records.load(db, MeetingForm, "mt-atl27-aci-lunch")
    with open_database(db.path) as other:  # another window or program
        form, version = records.load(other, MeetingForm, "mt-atl27-aci-lunch")
        records.save(other, replace(form, title="Lunch moved by a colleague"), version)
    moved = replace(stale_form, title="My title")
    main.operations.run(RecordCommand.edit("Rename", stale_form, moved, stale_version))
    settle()
    assert "changed elsewhere" in shown[0]
    titles = [m.title for m in main.plan.meetings]  # type: ignore[union-attr]
    assert "Lunch moved by a colleague" in titles
    assert "My title" not in titles


def test_delete_keys_in_cities_and_travel(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, settle: Settle
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    main = demo_window
    main.mission_list.select("m-atl-latam-2027")
    main.workspace.setCurrentWidget(main.route)
    travel = len(main.plan.travel)  # type: ignore[union-attr]
    main.route.travel_table.setCurrentIndex(main.route.travel_table.model().index(0, 0))
    main.route.delete_travel_action.trigger()
    settle()
    assert len(main.plan.travel) == travel - 1  # type: ignore[union-attr]
    main.undo_action.trigger()
    settle()
    assert len(main.plan.travel) == travel  # type: ignore[union-attr]
    # A city that still has meetings is kept, with the reason.
    main.route.stop_table.setCurrentIndex(main.route.stop_table.model().index(0, 0))
    main.route.delete_stop_action.trigger()
    settle()
    assert "still has" in shown[0]


def test_a_travel_problem_jumps_to_the_trip(qtbot: QtBot, demo_window: MainWindow) -> None:
    main = demo_window
    main.mission_list.select("m-cali-california-2027")
    (conflict,) = [p for p in main.problems if p.code == "travel-conflict"]
    travel_id = next(r for r in conflict.refs if r.startswith("t-"))
    main.jump_to([travel_id])
    assert main.workspace.currentWidget() is main.route
    index = main.route.travel_table.currentIndex()
    assert index.isValid() and index.data(KEY_ROLE) == travel_id


def test_an_unexpected_error_becomes_a_dialog_naming_the_log(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from missionplanner.logs import log_file
    from ui.errors import show_error

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    show_error(None, KeyError("boom"))
    assert "KeyError" in shown[0]
    assert str(log_file()) in shown[0]
    assert "Traceback" not in shown[0]
