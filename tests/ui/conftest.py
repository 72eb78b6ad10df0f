"""Qt tests run headless: the platform is set before any QApplication exists.

Shared set-ups: the demo missions in a real database file (copied for each test from one
made per session), the app's settings in an INI file under ``tmp_path``, and the main
window on the demo database.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from missionplanner.services.transfer import load_demo
from missionplanner.store.database import Database, open_database
from ui.settings import UiSettings

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def collector_policy(qapp: QApplication) -> Iterator[None]:
    """The app's collector policy, as at start-up: workers never collect Qt objects."""
    from ui.collector import adopt_collector_policy

    policy = adopt_collector_policy(qapp)
    try:
        yield
    finally:
        policy.stop()
        gc.collect()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo missions in a closed database file; tests get copies of it."""
    path = tmp_path_factory.mktemp("demo") / "template.sqlite"
    with open_database(path) as db:
        load_demo(db)
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_file: Path) -> Iterator[Database]:
    """A fresh copy of the demo database under ``tmp_path``, closed after the test."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    db = open_database(path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def settings(tmp_path: Path) -> UiSettings:
    """The window's remembered state, in a file of this test's own."""
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def demo_window(qtbot: QtBot, demo_db: Database, settings: UiSettings) -> MainWindow:
    """The main window on the demo missions, shown."""
    from ui.main_window import MainWindow

    main = MainWindow(demo_db, settings)
    qtbot.addWidget(main)
    main.show()
    return main


class MessageBoxes:
    """Answers the next message box as a user would, and keeps what each one said."""

    def __init__(self) -> None:
        # (title, text, informative text) of every box answered.
        self.seen: list[tuple[str, str, str]] = []

    def answer(self, role: QMessageBox.ButtonRole | None = None) -> None:
        """Once the next message box is open, click its button of ``role`` (else Escape)."""
        tries = [0]

        def act() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                tries[0] += 1
                if tries[0] < 300:  # about three seconds; a box that never opens fails
                    QTimer.singleShot(10, act)
                return
            self.seen.append((box.windowTitle(), box.text(), box.informativeText()))
            buttons = [b for b in box.buttons() if box.buttonRole(b) == role]
            if buttons:
                buttons[0].click()
            else:  # no such button (or no role asked for): the user presses Escape
                QTest.keyClick(box, Qt.Key.Key_Escape)
                if box.isVisible():
                    box.done(0)

        QTimer.singleShot(0, act)

    @property
    def texts(self) -> list[str]:
        return [" ".join(part for part in seen if part) for seen in self.seen]


@pytest.fixture
def message_boxes() -> MessageBoxes:
    return MessageBoxes()


Settle = Callable[..., None]


@pytest.fixture
def settle(qtbot: QtBot) -> Settle:
    """Wait until the running work of every window (and of ``target``) has ended.

    Saves, deletes, undo and imports run off the GUI thread; the window is updated once
    they end, as a user sees it a moment after clicking.
    """
    from ui.operations import Operations
    from ui.tasks import Runner

    def busy(root: object) -> bool:
        return isinstance(root, Operations | Runner) and root.busy

    def wait(target: QObject | None = None) -> None:
        def idle() -> bool:
            # The windows' writes, and those a dialog was given (an Operations of a test).
            roots: list[object] = [target] if target is not None else []
            for widget in QApplication.topLevelWidgets():
                roots.append(getattr(widget, "operations", None))
                roots.append(getattr(widget, "runner", None))
            return not any(busy(root) for root in roots)

        qtbot.waitUntil(idle, timeout=20_000)

    return wait
