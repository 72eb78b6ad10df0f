"""Long work runs off the GUI thread, reports progress and can be cancelled."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.paths import demo_mission_file
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_file
from missionplanner.store.database import open_database
from ui.tasks import run_with_progress


def test_import_runs_in_a_worker_thread(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    threads: list[threading.Thread] = []

    def work(progress: Progress) -> object:
        threads.append(threading.current_thread())
        with open_database(tmp_path / "plan.sqlite") as db:
            return import_file(db, demo_mission_file(), progress)

    report = run_with_progress(parent, "Importing", work)
    assert report.added["mission"] == 5  # type: ignore[attr-defined]
    assert threads and threads[0] is not threading.main_thread()


def test_cancel_stops_the_work_and_nothing_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    path = tmp_path / "plan.sqlite"
    open_database(path).close()
    started = threading.Event()

    def work(progress: Progress) -> object:
        started.set()
        while True:  # a long step that checks for Cancel
            progress.step("working…")
            time.sleep(0.01)

    def press_cancel() -> None:
        dialogs = parent.findChildren(QProgressDialog)
        buttons = dialogs[0].findChildren(QPushButton) if dialogs else []
        if started.is_set() and buttons:
            buttons[0].click()  # what the user does
        else:
            QTimer.singleShot(20, press_cancel)

    QTimer.singleShot(20, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(parent, "Long work", work)
    with open_database(path) as db:
        assert list_missions(db) == []


def test_errors_of_the_work_reach_the_caller(qtbot: QtBot) -> None:
    def work(_progress: Progress) -> object:
        raise ValueError("broken file")

    with pytest.raises(ValueError, match="broken file"):
        run_with_progress(None, "Work", work)
