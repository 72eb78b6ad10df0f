"""Each window has its own database session; views update from what a write changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from missionplanner.paths import demo_mission_file
from missionplanner.services.transfer import export_file
from missionplanner.store.database import open_database
from missionplanner.store.instance import holder
from tests.ui.conftest import Settle
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.windows import open_window

ATLANTA = "m-atl-latam-2027"


def lock_of(database: Path) -> str | None:
    """The process id the instance lock of ``database`` names, if it is taken."""
    from missionplanner.store.instance import lock_path

    path = lock_path(database)
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def test_file_open_moves_the_lock_and_lets_the_old_window_go(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, settings: UiSettings
) -> None:
    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    shutil.copyfile(demo_file, first)
    shutil.copyfile(demo_file, second)
    window = open_window(first, settings)
    assert window is not None
    assert lock_of(first) == str(os.getpid())
    destroyed: list[bool] = []
    window.destroyed.connect(lambda *_: destroyed.append(True))

    other = window.switch_database(second)
    assert other is not None
    # The new file is locked for this process; the old one is free for others again.
    assert lock_of(second) == str(os.getpid())
    assert lock_of(first) is None
    # The old window, its engine and its lock are gone; nothing keeps them alive.
    qtbot.waitUntil(lambda: bool(destroyed))
    assert other.isVisible()
    other.close()
    assert lock_of(second) is None


def test_a_file_another_process_has_open_is_shared_with_a_notice(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, settings: UiSettings, message_boxes: object
) -> None:
    from missionplanner.store.instance import lock_path

    plan = tmp_path / "plan.sqlite"
    shutil.copyfile(demo_file, plan)
    lock = lock_path(plan)
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(str(os.getppid()), encoding="utf-8")  # a live process that is not us
    message_boxes.answer(QMessageBox.ButtonRole.AcceptRole)  # type: ignore[attr-defined]
    window = open_window(plan, settings)
    assert window is not None
    ((title, text, _details),) = message_boxes.seen  # type: ignore[attr-defined]
    assert title == "Already open"
    assert "plan.sqlite is already open in another Mission Planner window" in text
    window.close()
    # The other process's lock is left as it was.
    assert holder(plan) == os.getppid()


def test_an_import_from_the_file_menu_shows_its_mission_without_a_reload(
    qtbot: QtBot, tmp_path: Path, settings: UiSettings, settle: Settle, monkeypatch: object
) -> None:
    plan = tmp_path / "plan.sqlite"
    open_database(plan).close()
    window = MainWindow(open_database(plan), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.mission_list.model.rowCount() == 0
    heard: list[object] = []
    window.operations.changed.connect(heard.append)
    monkeypatch.setattr(  # type: ignore[attr-defined]
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(demo_mission_file()), "")
    )
    boxes: list[str] = []
    monkeypatch.setattr(  # type: ignore[attr-defined]
        QMessageBox, "information", lambda _parent, title, text: boxes.append(text)
    )
    window.import_action.trigger()
    assert window.operations.busy  # the import runs; the window did not wait for it
    assert not window.import_action.isEnabled()  # nothing that would clash can start
    settle()
    assert window.import_action.isEnabled()
    # The broadcast named the imported missions; the list shows them, one is open.
    (changes,) = heard
    assert ATLANTA in changes.missions  # type: ignore[attr-defined]
    assert window.mission_list.model.rowCount() == 5
    assert window.plan is not None
    assert window.backup_scheduler is not None and window.backup_scheduler.changed
    assert len(boxes) == 1 and "5 missions" in boxes[0]
    window.close()


def test_a_trip_edit_rechecks_its_mission_and_leaves_the_directory_alone(
    qtbot: QtBot, demo_window: MainWindow, settle: Settle
) -> None:
    from dataclasses import replace

    from missionplanner.domain.forms import TravelForm
    from missionplanner.services import records
    from missionplanner.services.commands import RecordCommand

    window = demo_window
    window.mission_list.select(ATLANTA)
    window.pages.setCurrentWidget(window.directory)  # the directory is loaded once shown
    window.pages.setCurrentWidget(window.splitter)
    directory_model = window.directory.table.model()
    resets: list[bool] = []
    directory_model.modelReset.connect(lambda: resets.append(True))
    assert window.plan is not None
    trip = window.plan.travel[0]
    before, version = records.load(window.db, TravelForm, trip.id)
    later = replace(before, carrier="LATAM Airlines (changed)")
    window.operations.run(RecordCommand.edit("Edit trip", before, later, version))
    settle()
    # The shown mission was read again; the directory was not touched.
    assert window.plan is not None
    assert [t.carrier for t in window.plan.travel if t.id == trip.id] == [
        "LATAM Airlines (changed)"
    ]
    assert resets == []


def test_closing_the_window_closes_its_session(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, settings: UiSettings
) -> None:
    plan = tmp_path / "plan.sqlite"
    shutil.copyfile(demo_file, plan)
    window = open_window(plan, settings)
    assert window is not None
    session = window.session
    destroyed: list[bool] = []
    window.destroyed.connect(lambda *_: destroyed.append(True))
    window.close()
    assert session.closed
    assert lock_of(plan) is None
    qtbot.waitUntil(lambda: bool(destroyed))
    # Another program can use the file at once.
    with open_database(plan) as db:
        assert export_file(db, tmp_path / "check.json") == 5
