"""Long work runs off the GUI thread, one task at a time, with progress and Cancel."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.io.mission_import import ImportReport
from missionplanner.paths import demo_mission_file
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_file
from missionplanner.store.database import open_database
from ui.tasks import Runner


def make_runner(qtbot: QtBot) -> tuple[QWidget, Runner]:
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent, Runner(parent)


def test_an_import_runs_on_a_worker_and_the_answer_comes_back_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _parent, runner = make_runner(qtbot)
    threads: dict[str, threading.Thread] = {}
    reports: list[ImportReport] = []

    def work(progress: Progress) -> ImportReport:
        threads["work"] = threading.current_thread()
        with open_database(tmp_path / "plan.sqlite") as db:
            return import_file(db, demo_mission_file(), progress)

    def done(report: ImportReport) -> None:
        threads["done"] = threading.current_thread()
        reports.append(report)

    with qtbot.waitSignal(runner.idle, timeout=30_000):
        assert runner.start("Importing", work, done)
        # start() returned at once: the window is not held in a loop of its own.
        assert runner.busy
    assert reports[0].added["mission"] == 5
    assert threads["work"] is not threading.main_thread()
    assert threads["done"] is threading.main_thread()
    assert not runner.busy


def test_a_second_task_is_refused_while_one_runs(qtbot: QtBot) -> None:
    _parent, runner = make_runner(qtbot)
    release = threading.Event()
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    finished: list[str] = []
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        assert runner.start("First", lambda _p: release.wait(10), lambda _r: finished.append("1"))
        assert not runner.start("Second", lambda _p: None, lambda _r: finished.append("2"))
        release.set()
    assert finished == ["1"]
    assert busy == [True, False]


def test_cancel_stops_the_work_quietly(qtbot: QtBot, tmp_path: Path) -> None:
    parent, runner = make_runner(qtbot)
    path = tmp_path / "plan.sqlite"
    open_database(path).close()
    started = threading.Event()
    errors: list[BaseException] = []

    def work(progress: Progress) -> object:
        started.set()
        while True:  # a long step that checks for Cancel
            progress.step("working…")
            time.sleep(0.01)

    def press_cancel() -> None:
        dialogs = parent.findChildren(QProgressDialog)
        buttons = dialogs[0].findChildren(QPushButton) if dialogs else []
        if started.is_set() and buttons and dialogs[0].isVisible():
            buttons[0].click()  # what the user does
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.start("Long work", work, lambda _r: None, errors.append)
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)
    with open_database(path) as db:
        assert list_missions(db) == []


def test_an_unexpected_error_reaches_the_failure_callback(qtbot: QtBot) -> None:
    _parent, runner = make_runner(qtbot)
    errors: list[BaseException] = []

    def work(_progress: Progress) -> None:
        raise ZeroDivisionError("boom")

    with qtbot.waitSignal(runner.idle, timeout=10_000):
        runner.start("Work", work, lambda _r: None, errors.append)
    assert isinstance(errors[0], ZeroDivisionError)
