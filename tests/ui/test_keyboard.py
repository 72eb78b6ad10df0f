"""Keyboard and accessibility: Tab reaches every control in reading order, each has a name.

Every dialog is opened as the app opens it and walked with the Tab key, as someone who
does not use a mouse (or uses a screen reader) would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from missionplanner.domain.forms import (
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
)
from missionplanner.services import records
from missionplanner.services.missions import load_plan, organization_choices
from missionplanner.store.database import Database
from tests.ui.conftest import Settle
from ui.dialogs.meeting import MeetingDialog
from ui.dialogs.mission import MissionDialog, ParticipantDialog, StopDialog
from ui.dialogs.organization import OrganizationDialog
from ui.dialogs.travel import TravelDialog
from ui.main_window import MainWindow
from ui.operations import Operations

MISSION = "m-atl-latam-2027"
INPUTS = (
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractButton,
    QTabBar,
)


def mission_dialog(db: Database, operations: Operations) -> QDialog:
    form, version = records.load(db, MissionForm, MISSION)
    return MissionDialog(operations, form, version)


def stop_dialog(db: Database, operations: Operations) -> QDialog:
    form, version = records.load(db, StopForm, load_plan(db, MISSION).stops[0].id)
    return StopDialog(operations, form, version)


def participant_dialog(db: Database, operations: Operations) -> QDialog:
    form, version = records.load(db, ParticipantForm, "p-cesar-vence")
    return ParticipantDialog(operations, form, version)


def travel_dialog(db: Database, operations: Operations) -> QDialog:
    plan = load_plan(db, MISSION)
    form, version = records.load(db, TravelForm, plan.travel[0].id)
    return TravelDialog(operations, plan, form, version)


def meeting_dialog(db: Database, operations: Operations) -> QDialog:
    plan = load_plan(db, MISSION)
    form, version = records.load(db, MeetingForm, "mt-atl27-aci-lunch")
    organizations, contacts = organization_choices(db)
    return MeetingDialog(operations, plan, form, version, organizations, contacts)


def organization_dialog(db: Database, operations: Operations) -> QDialog:
    form, version = records.load(db, OrganizationForm, "org-ruta-n")
    return OrganizationDialog(operations, form, version)


DIALOGS: dict[str, tuple[Callable[[Database, Operations], QDialog], str]] = {
    # name: (how the app makes it, the accessible name of the field it opens on)
    "mission": (mission_dialog, "Title"),
    "city": (stop_dialog, "City"),
    "participant": (participant_dialog, "Name"),
    "travel": (travel_dialog, "From"),
    "meeting": (meeting_dialog, "Title"),
    "organization": (organization_dialog, "Name"),
}


def reachable_inputs(window: QWidget) -> list[QWidget]:
    """The controls shown and usable now that Tab should reach."""
    found = []
    for widget in window.findChildren(QWidget):
        if (
            isinstance(widget, INPUTS)
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            found.append(widget)
    return found


def tab_round(qtbot: QtBot, start: QWidget, most: int = 80) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back; the widgets visited in order."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    visited = [start]
    for _ in range(most):
        focused = QApplication.focusWidget()
        assert focused is not None, f"the focus was lost after {visited[-1]!r}"
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return visited
        if focused is visited[-1]:
            continue  # date and time edits take Tab to go to their next part first
        assert focused not in visited, f"Tab is caught in a loop at {focused!r}"
        visited.append(focused)
    raise AssertionError(f"Tab never came back to {start!r}: caught in {visited[-1]!r}")


def has_a_name(widget: QWidget, window: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabBar):
        return all(widget.tabText(i).strip() for i in range(widget.count()))
    return any(label.buddy() is widget for label in window.findChildren(QLabel))


def reading_position(widget: QWidget, window: QWidget) -> tuple[int, int]:
    """Top to bottom, then left to right (rows of a form share a band of a few pixels)."""
    point = widget.mapTo(window, QPoint(0, 0))
    return point.y() // 12, point.x()


def open_dialog(
    qtbot: QtBot, demo_db: Database, name: str
) -> tuple[QDialog, str]:  # the dialog, and the name of the field it should open on
    make, first = DIALOGS[name]
    dialog = make(demo_db, Operations(demo_db))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog, first


@pytest.mark.parametrize("name", list(DIALOGS))
def test_dialog_opens_on_its_first_field(qtbot: QtBot, demo_db: Database, name: str) -> None:
    _dialog, first = open_dialog(qtbot, demo_db, name)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.accessibleName() == first


@pytest.mark.parametrize("name", list(DIALOGS))
def test_tab_reaches_every_control_of_a_dialog_in_reading_order(
    qtbot: QtBot, demo_db: Database, name: str
) -> None:
    dialog, _first = open_dialog(qtbot, demo_db, name)
    tabs = dialog.findChildren(QTabWidget)
    pages = range(tabs[0].count()) if tabs else range(1)
    box = dialog.findChild(QDialogButtonBox)

    def in_box(widget: QWidget) -> bool:
        return box is not None and box.isAncestorOf(widget)

    for page in pages:
        if tabs:
            tabs[0].setCurrentIndex(page)
        start = QApplication.focusWidget()
        assert start is not None
        visited = tab_round(qtbot, start)
        inputs = reachable_inputs(dialog)
        missed = [w for w in inputs if w not in visited]
        assert not missed, f"{name} page {page}: Tab never reaches {missed}"
        nameless = [w for w in inputs if not has_a_name(w, dialog)]
        assert not nameless, f"{name} page {page}: no accessible name or label: {nameless}"

        # Reading order: the fields top to bottom, left to right, then the dialog's buttons.
        fields = [w for w in visited if not in_box(w)]
        top = visited.index(min(fields, key=lambda w: reading_position(w, dialog)))
        rotated = visited[top:] + visited[:top]  # the round, from the top field
        in_order = rotated[: len(fields)]
        assert not any(in_box(w) for w in in_order), (name, page, rotated)
        positions = [reading_position(w, dialog) for w in in_order]
        assert positions == sorted(positions), (name, page, in_order)


# --- the main window ------------------------------------------------------------------


def menu_actions(window: MainWindow) -> dict[str, list[object]]:
    menus = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            menus[action.text()] = [a for a in menu.actions() if not a.isSeparator()]
    return menus


def mnemonic(text: str) -> str:
    position = text.replace("&&", "").find("&")
    return text.replace("&&", "")[position + 1].lower() if position >= 0 else ""


def test_every_menu_and_action_has_a_mnemonic_or_a_shortcut(demo_window: MainWindow) -> None:
    menus = menu_actions(demo_window)
    assert {"&File", "&Edit", "&Mission", "&View", "&Help"} <= set(menus)
    letters = [mnemonic(title) for title in menus]
    assert all(letters) and len(set(letters)) == len(letters), letters
    for title, actions in menus.items():
        keys = [mnemonic(a.text()) for a in actions]  # type: ignore[attr-defined]
        for action, key in zip(actions, keys, strict=True):
            assert key or not action.shortcut().isEmpty(), (title, action.text())  # type: ignore[attr-defined]
        used = [k for k in keys if k]
        assert len(set(used)) == len(used), (title, keys)


def test_ctrl_and_a_number_shows_each_view_with_the_focus_in_it(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.mission_list.table.setFocus()
    views = [window.workspace.widget(i) for i in range(window.workspace.count())]
    assert len(views) == 7
    for number, view in enumerate(views, start=1):
        if view is window.overview:
            continue  # nothing to type in: only text
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        settle()
        assert window.pages.currentWidget() is window.splitter
        assert window.workspace.currentWidget() is view
        focused = QApplication.focusWidget()
        assert focused is not None and view.isAncestorOf(focused), (number, focused)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.pages.currentWidget() is window.directory
    assert window.directory.search_field.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert window.pages.currentWidget() is window.splitter
    assert window.mission_list.search.hasFocus()
    assert window.view_actions[2].shortcut() == QKeySequence("Ctrl+3")


@pytest.mark.parametrize("tab", range(7))
def test_tab_goes_round_the_main_window_without_getting_stuck(
    qtbot: QtBot, demo_window: MainWindow, tab: int
) -> None:
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.mission_list.select(MISSION)
    window.workspace.setCurrentIndex(tab)
    visited = tab_round(qtbot, window.mission_list.search)
    assert visited[:3] == [
        window.mission_list.search,
        window.mission_list.status,
        window.mission_list.table,
    ]
    view = window.workspace.currentWidget()
    missed = [w for w in reachable_inputs(view) if w not in visited]
    assert not missed, missed
    nameless = [w for w in reachable_inputs(window) if not has_a_name(w, window)]
    assert not nameless, nameless


def test_tab_goes_round_the_directory(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.pages.setCurrentWidget(window.directory)
    window.directory.select_organization("org-ruta-n")
    visited = tab_round(qtbot, window.directory.search_field)
    missed = [w for w in reachable_inputs(window.directory) if w not in visited]
    assert not missed, missed
    assert visited.index(window.directory.delete_button) > visited.index(
        window.directory.edit_button
    )
