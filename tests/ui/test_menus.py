"""The window's menus and toolbar: keys, stable buttons, the mission list, what is offered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from missionplanner.store.database import open_database
from tests.ui.conftest import Settle
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.window.menus import redo_keys


def move_a_meeting(window: MainWindow, settle: Settle) -> None:
    """An edit, as a drag on the schedule makes one."""
    window.mission_list.select("m-atl-latam-2027")
    assert window.plan is not None
    meeting = window.plan.meetings[0]
    window.schedule.move_requested.emit(meeting.id, meeting.start_local + timedelta(hours=1))
    settle()
    assert window.operations.undo_stack.undoText().startswith("Move meeting")


def test_ctrl_shift_z_redoes_an_undone_edit(demo_window: MainWindow, settle: Settle) -> None:
    window = demo_window
    move_a_meeting(window, settle)
    stack = window.operations.undo_stack
    window.undo_action.trigger()
    settle()
    assert stack.canRedo()
    window.activateWindow()
    window.workspace.setFocus()
    QTest.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle()
    assert not stack.canRedo()
    assert stack.undoText().startswith("Move meeting")


def test_redo_has_each_key_once_ctrl_y_and_ctrl_shift_z_among_them(
    demo_window: MainWindow,
) -> None:
    keys = [key.toString() for key in demo_window.redo_action.shortcuts()]
    assert len(keys) == len(set(keys))
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(keys)


@pytest.mark.parametrize(
    "standard",
    [["Ctrl+Shift+Z"], ["Ctrl+Y"], ["Ctrl+Y", "Alt+Shift+Backspace", "Ctrl+Shift+Z"]],
    ids=["gnome-and-mac", "windows", "kde"],
)
def test_redo_keys_never_repeat_a_platform_key(standard: list[str]) -> None:
    # Qt calls a key given twice to one action ambiguous and then ignores it.
    keys = [key.toString() for key in redo_keys([QKeySequence(k) for k in standard])]
    assert keys[: len(standard)] == standard
    assert len(keys) == len(set(keys))
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(keys)


def test_undo_and_redo_buttons_keep_their_width_and_name_the_edit_in_the_tooltip(
    demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    window.mission_list.select("m-atl-latam-2027")
    before = toolbar.sizeHint()
    move_a_meeting(window, settle)
    assert toolbar.sizeHint() == before
    undo = toolbar.widgetForAction(window.undo_button)
    assert undo is not None and undo.isEnabled()
    assert isinstance(undo, QToolButton) and undo.text() == "Undo"
    assert undo.toolTip().startswith("Undo Move meeting")
    undo.click()
    settle()
    redo = toolbar.widgetForAction(window.redo_button)
    assert isinstance(redo, QToolButton) and redo.text() == "Redo" and redo.isEnabled()
    assert redo.toolTip().startswith("Redo Move meeting")
    assert toolbar.sizeHint() == before
    assert window.redo_action.text().startswith("&Redo Move meeting")  # the Edit menu


def test_mission_actions_wait_while_the_directory_is_shown(demo_window: MainWindow) -> None:
    window = demo_window
    window.mission_list.select("m-atl-latam-2027")
    mission_actions = [
        window.new_meeting_action,
        window.edit_mission_action,
        window.delete_mission_action,
        window.add_city_action,
        window.add_travel_action,
        window.add_participant_action,
    ]
    assert all(action.isEnabled() for action in mission_actions)
    window.show_view(7)  # the directory, as Ctrl+8 shows it
    assert window.pages.currentWidget() is window.directory
    assert not any(action.isEnabled() for action in mission_actions)
    assert window.new_mission_action.isEnabled()
    window.show_view(0)
    assert all(action.isEnabled() for action in mission_actions)


def test_the_mission_list_hides_and_comes_back_and_is_remembered(
    qtbot: QtBot, demo_window: MainWindow, settings: UiSettings
) -> None:
    window = demo_window
    toggle = window.mission_list_action
    assert toggle.isCheckable() and toggle.isChecked()
    toggle.trigger()
    assert not window.mission_list.isVisible() and not toggle.isChecked()
    toggle.trigger()
    assert window.mission_list.isVisible() and toggle.isChecked()
    assert window.mission_list.search.hasFocus()

    # A drag collapses it; the menu item brings it back at a usable width.
    window.splitter.setSizes([0, sum(window.splitter.sizes())])
    window.splitter.splitterMoved.emit(0, 1)
    assert not toggle.isChecked()
    toggle.trigger()
    assert window.mission_list.isVisible() and window.splitter.sizes()[0] > 100

    # On the directory, Ctrl+L brings the list into sight and into the search.
    window.show_view(7)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.splitter
    assert window.mission_list.isVisible() and window.mission_list.search.hasFocus()

    toggle.trigger()
    path = window.db.path
    assert path is not None
    window.close()
    again = MainWindow(open_database(path), settings)
    qtbot.addWidget(again)
    again.show()
    try:
        assert not again.mission_list.isVisible()
        assert not again.mission_list_action.isChecked()
        again.mission_list_action.trigger()
        assert again.mission_list.isVisible() and again.splitter.sizes()[0] > 100
    finally:
        again.close()


def test_del_shows_beside_one_delete_action_the_one_where_the_focus_is(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    window.mission_list.select("m-atl-latam-2027")
    window.activateWindow()

    def shown() -> list[str]:
        return [
            action.text()
            for action in (window.delete_mission_action, window.delete_meeting_action)
            if not action.shortcut().isEmpty()
        ]

    window.mission_list.table.setFocus()
    qtbot.waitUntil(window.mission_list.table.hasFocus)
    assert shown() == ["&Delete mission…"]
    window.workspace.setCurrentWidget(window.meetings)
    window.meetings.table.setFocus()
    qtbot.waitUntil(window.meetings.table.hasFocus)
    assert shown() == ["&Delete meeting"]
    window.mission_list.search.setFocus()
    qtbot.waitUntil(window.mission_list.search.hasFocus)
    assert shown() == []
