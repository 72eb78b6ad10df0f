"""Deleting from the app: missions (with a confirmation), organizations, contacts; undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from missionplanner.domain.forms import MeetingForm, MissionForm, OrganizationForm, StopForm
from missionplanner.services import records
from missionplanner.services.directory import list_organizations
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import export_data
from missionplanner.store.database import open_database
from tests.ui.conftest import Settle
from ui.dialogs.organization import OrganizationDialog
from ui.main_window import MainWindow
from ui.models.table import KEY_ROLE, ROW_ROLE
from ui.settings import UiSettings

ATLANTA = "m-atl-latam-2027"
DESTRUCTIVE = QMessageBox.ButtonRole.DestructiveRole


def mission_ids(window: MainWindow) -> set[str]:
    return {s.id for s in list_missions(window.db)}


def shown_missions(window: MainWindow) -> list[str]:
    proxy = window.mission_list.proxy
    return [str(proxy.index(r, 0).data(KEY_ROLE)) for r in range(proxy.rowCount())]


def test_delete_a_mission_after_confirming_and_undo_brings_it_all_back(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: Any, settle: Settle
) -> None:
    window = demo_window
    window.mission_list.select(ATLANTA)
    assert window.plan is not None and window.plan.id == ATLANTA
    before = export_data(window.db, [ATLANTA])
    after_it = shown_missions(window)[shown_missions(window).index(ATLANTA) + 1]

    message_boxes.answer(DESTRUCTIVE)
    window.delete_mission_action.trigger()
    settle()
    ((title, text, details),) = message_boxes.seen
    assert title == "Delete mission"
    assert "Invest Atlanta exploratory mission to Chile and Colombia" in text
    assert "3 cities, 5 trips, 13 meetings and 5 participants" in details
    assert "Undo" in details

    assert ATLANTA not in mission_ids(window)
    assert ATLANTA not in shown_missions(window)
    # The next mission in the list is shown.
    assert window.plan is not None and window.plan.id == after_it
    assert window.operations.undo_stack.undoText() == (
        "Delete mission “Invest Atlanta exploratory mission to Chile and Colombia”"
    )

    window.undo_action.trigger()
    settle()
    assert ATLANTA in shown_missions(window)
    assert window.plan is not None and window.plan.id == ATLANTA
    assert export_data(window.db, [ATLANTA]) == before

    window.redo_action.trigger()
    settle()
    assert ATLANTA not in mission_ids(window)


def test_cancelling_the_confirmation_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: Any, settle: Settle
) -> None:
    demo_window.mission_list.select(ATLANTA)
    message_boxes.answer()  # Escape
    demo_window.delete_mission_action.trigger()
    settle()
    assert len(message_boxes.seen) == 1
    assert ATLANTA in mission_ids(demo_window)
    assert demo_window.operations.undo_stack.count() == 0


def test_the_delete_key_in_the_mission_list_asks_to_delete_the_mission(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: Any, settle: Settle
) -> None:
    window = demo_window
    window.mission_list.select(ATLANTA)
    window.activateWindow()
    window.mission_list.table.setFocus()
    qtbot.waitUntil(window.mission_list.table.hasFocus)
    message_boxes.answer(DESTRUCTIVE)
    qtbot.keyClick(window.mission_list.table, Qt.Key.Key_Delete)
    settle()
    assert len(message_boxes.seen) == 1
    assert ATLANTA not in mission_ids(window)
    # The context menu offers it too.
    assert window.delete_mission_action in window.mission_list.table.actions()


def test_the_delete_key_deletes_what_is_selected_where_the_focus_is(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    """One Delete key, several tables: each deletes its own row, none is ambiguous."""
    window = demo_window
    window.mission_list.select(ATLANTA)
    window.activateWindow()
    window.workspace.setCurrentWidget(window.route)
    table = window.route.travel_table
    table.setCurrentIndex(table.model().index(0, 0))
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    trips = len(window.plan.travel)  # type: ignore[union-attr]
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    settle()
    assert len(window.plan.travel) == trips - 1  # type: ignore[union-attr]
    assert window.operations.undo_stack.undoText() == "Delete travel"

    window.workspace.setCurrentWidget(window.meetings)
    meetings = window.meetings.table
    window.meetings.select("mt-atl27-aci-lunch")
    meetings.setFocus()
    qtbot.waitUntil(meetings.hasFocus)
    count = len(window.plan.meetings)  # type: ignore[union-attr]
    qtbot.keyClick(meetings, Qt.Key.Key_Delete)
    settle()
    assert len(window.plan.meetings) == count - 1  # type: ignore[union-attr]
    assert ATLANTA in mission_ids(window)


def test_deleting_the_last_mission_leaves_an_empty_workspace(
    qtbot: QtBot, tmp_path: Path, settings: UiSettings, message_boxes: Any, settle: Settle
) -> None:
    with open_database(tmp_path / "one.sqlite") as db:
        mission = records.save(db, MissionForm(None, "Only mission"), None).id
        records.save(
            db,
            StopForm(None, mission, "Santiago", "CL", date(2026, 10, 5), date(2026, 10, 8)),
            None,
        )
        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        window.show()
        assert window.plan is not None and window.delete_mission_action.isEnabled()
        message_boxes.answer(DESTRUCTIVE)
        window.delete_mission_action.trigger()
        settle()
        assert "1 city, 0 trips, 0 meetings and 0 participants" in message_boxes.seen[0][2]
        assert window.plan is None
        assert not window.workspace.isEnabled()
        for action in (
            window.delete_mission_action,
            window.edit_mission_action,
            window.add_city_action,
            window.new_meeting_action,
        ):
            assert not action.isEnabled()
        assert window.route.stops.rowCount() == 0
        window.undo_action.trigger()
        settle()
        assert window.plan is not None and window.plan.id == mission
        assert [s.city for s in window.plan.stops] == ["Santiago"]
        assert window.workspace.isEnabled() and window.delete_mission_action.isEnabled()


def test_read_only_offers_no_delete(
    qtbot: QtBot, demo_file: Path, settings: UiSettings, settle: Settle
) -> None:
    with open_database(demo_file, read_only=True) as db:
        window = MainWindow(db, settings)
        qtbot.addWidget(window)
        window.show()
        assert window.plan is not None
        assert not window.delete_mission_action.isEnabled()
        assert not window.delete_meeting_action.isEnabled()
        window.pages.setCurrentWidget(window.directory)
        window.directory.select_organization("org-moove-it")
        assert not window.directory.delete_action.isEnabled()
        assert not window.directory.delete_button.isEnabled()
        window.delete_mission()  # even if called, nothing happens
        settle()
        assert window.plan.id in mission_ids(window)


def test_delete_an_organization_from_the_directory_and_undo(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    directory = window.directory
    window.pages.setCurrentWidget(directory)
    before = records.load(window.db, OrganizationForm, "org-moove-it")[0]
    assert directory.select_organization("org-moove-it")
    row = directory.table.currentIndex().row()
    following = directory.proxy.index(row + 1, 0).data(ROW_ROLE).id
    window.activateWindow()
    directory.table.setFocus()
    qtbot.waitUntil(directory.table.hasFocus)
    qtbot.keyClick(directory.table, Qt.Key.Key_Delete)
    settle()

    assert "org-moove-it" not in {o.id for o in list_organizations(window.db)}
    assert directory.model.row_for_id("org-moove-it") is None
    # The organization that took its place is selected, ready for the next key.
    assert directory.selected_organization_id() == following
    assert window.operations.undo_stack.undoText() == "Delete organization Moove it"

    window.undo_action.trigger()
    settle()
    assert records.load(window.db, OrganizationForm, "org-moove-it")[0] == before
    assert directory.model.row_for_id("org-moove-it") is not None


def test_an_organization_that_met_is_kept_with_the_reason(
    qtbot: QtBot, demo_window: MainWindow, message_boxes: Any, settle: Settle
) -> None:
    window = demo_window
    directory = window.directory
    window.pages.setCurrentWidget(directory)
    assert directory.select_organization("org-ruta-n")
    assert directory.delete_button.isEnabled()
    message_boxes.answer()
    qtbot.mouseClick(directory.delete_button, Qt.MouseButton.LeftButton)
    settle()
    ((title, text, _details),) = message_boxes.seen
    assert title == "Organization not deleted"
    assert "Ruta N cannot be deleted" in text and "7 meetings" in text
    assert "Nothing was changed" in text
    assert directory.selected_organization_id() == "org-ruta-n"
    assert window.operations.undo_stack.count() == 0
    assert "org-ruta-n" in {o.id for o in list_organizations(window.db)}


def test_remove_a_contact_in_the_editor_with_the_delete_key_and_undo(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    before = records.load(window.db, OrganizationForm, "org-ruta-n")[0]
    contact = next(c for c in before.contacts if c.meeting_positions)
    meeting_id = sorted(contact.meeting_positions)[0]
    row = [c.id for c in before.contacts].index(contact.id)

    def remove(dialog: OrganizationDialog) -> None:
        table = dialog.contact_table
        table.setCurrentIndex(dialog.contacts.index(row, 0))
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)
        qtbot.keyClick(table, Qt.Key.Key_Delete)
        settle()
        assert dialog.contacts.rowCount() == len(before.contacts) - 1
        dialog.save_button.click()
        settle()

    when_open(OrganizationDialog, remove)
    window.directory.edit_requested.emit("org-ruta-n")
    settle()
    after = records.load(window.db, OrganizationForm, "org-ruta-n")[0]
    assert contact.id not in [c.id for c in after.contacts]
    assert contact.id not in records.load(window.db, MeetingForm, meeting_id)[0].contact_ids

    window.undo_action.trigger()
    settle()
    assert records.load(window.db, OrganizationForm, "org-ruta-n")[0] == before
    assert contact.id in records.load(window.db, MeetingForm, meeting_id)[0].contact_ids


def when_open(dialog_type: type, act: Any) -> None:
    """Run ``act`` on the next dialog of ``dialog_type`` once it is open (it is modal)."""

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type):
            QTimer.singleShot(10, check)
            return
        act(dialog)

    QTimer.singleShot(0, check)
