"""The organization and contact pickers of the meeting dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from ui.dialogs.meeting import _Picker


def test_a_chosen_name_leaves_the_box_once_added(qtbot: QtBot) -> None:
    picker = _Picker("Organizations", [("o-acme", "Acme Robotics"), ("o-beta", "Beta Labs")], [])
    qtbot.addWidget(picker)
    picker.show()
    picker.activateWindow()
    picker.entry.setFocus()
    # The box takes the completion's text only while it has the focus, as when typing.
    qtbot.waitUntil(picker.entry.hasFocus)
    qtbot.keyClicks(picker.entry, "Acm")
    popup = picker.entry.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    first = popup.model().index(0, 0)
    QTest.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(first).center()
    )
    qtbot.waitUntil(lambda: picker.ids() == ["o-acme"])
    qtbot.waitUntil(lambda: picker.entry.text() == "", timeout=1000)
