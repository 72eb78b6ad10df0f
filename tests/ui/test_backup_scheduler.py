"""Automatic backups while the app runs: after changes, at most every 30 minutes, on close."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from missionplanner.services.backups import list_backups, make_backup
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database
from tests.ui.conftest import Settle
from ui.backup_scheduler import CHECK_EVERY_MS, BackupScheduler
from ui.session import Session

MakeScheduler = Callable[..., BackupScheduler]
MISSION = {
    "format": "missionplanner/1",
    "missions": [{"id": "m1", "title": "Cali delegation", "home_timezone": "America/Bogota"}],
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "plan.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def plan_file(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def make_scheduler(qtbot: QtBot) -> Iterator[MakeScheduler]:
    made: list[BackupScheduler] = []

    def make(path: Path, check_every_ms: int = CHECK_EVERY_MS) -> BackupScheduler:
        scheduler = BackupScheduler(path, check_every_ms=check_every_ms)
        made.append(scheduler)
        return scheduler

    yield make
    for scheduler in made:
        scheduler.stop()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def test_nothing_changed_means_no_backup(make_scheduler: MakeScheduler, plan_file: Path) -> None:
    scheduler = make_scheduler(plan_file)
    assert not scheduler.check()
    assert scheduler.on_close() is None
    assert list_backups(plan_file) == []


def test_a_change_is_backed_up_then_not_again_within_thirty_minutes(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    scheduler = make_scheduler(plan_file)
    scheduler.note_change()
    with qtbot.waitSignal(scheduler.backup_made, timeout=10_000) as made:
        assert scheduler.check()
    (info,) = made.args
    assert list_backups(plan_file) == [info]
    assert integrity(info.path) == "ok"
    assert scheduler.last == info.created and not scheduler.changed
    scheduler.note_change()
    assert not scheduler.check()  # the last backup is minutes old
    assert scheduler.changed
    # Half an hour later, the pending change is backed up. (Backups are named to the
    # second, and one made in the same second as another is dated a second on.)
    scheduler.last = info.created - timedelta(minutes=31)
    with qtbot.waitSignal(scheduler.backup_made, timeout=10_000):
        assert scheduler.check()
    assert len(list_backups(plan_file)) == 2


def test_the_timer_makes_the_backup(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    scheduler = make_scheduler(plan_file, check_every_ms=20)
    scheduler.note_change()
    with qtbot.waitSignal(scheduler.backup_made, timeout=10_000):
        pass
    assert len(list_backups(plan_file)) == 1


def test_every_write_of_the_window_counts_as_a_change(
    qtbot: QtBot, plan_file: Path, settle: Settle
) -> None:
    """Imports broadcast what they changed like edits do; the scheduler hears both."""
    window = QWidget()
    qtbot.addWidget(window)
    session = Session(open_database(plan_file))
    operations = session.attach(window)
    scheduler = session.backup_scheduler
    assert scheduler is not None and not scheduler.changed
    try:
        with qtbot.waitSignal(operations.changed) as changed:
            operations.perform("Import", lambda db, _progress: import_data(db, MISSION))
        assert changed.args is not None and "m1" in changed.args[0].missions
        # Heard from the broadcast, before any look at the file.
        assert scheduler.changed
    finally:
        session.close()
    assert len(list_backups(plan_file)) == 1  # the closing backup


def test_the_last_backup_is_remembered_across_starts(
    make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    earlier = make_backup(plan_file, now=datetime.now(UTC) - timedelta(minutes=5))
    scheduler = make_scheduler(plan_file)
    assert scheduler.last == earlier.created
    scheduler.note_change()
    assert not scheduler.check()  # five minutes ago: not yet


def test_closing_after_changes_always_backs_up(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    scheduler = make_scheduler(plan_file)
    scheduler.note_change()
    with qtbot.waitSignal(scheduler.backup_made, timeout=10_000):
        scheduler.check()
    scheduler.note_change()
    info = scheduler.on_close()  # minutes after the last one, but the app is closing
    assert info is not None and integrity(info.path) == "ok"
    assert len(list_backups(plan_file)) == 2
    assert not scheduler.timer.isActive()
    assert scheduler.on_close() is None  # nothing changed since


def test_closing_during_a_backup_waits_for_it(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    scheduler = make_scheduler(plan_file)
    made: list[object] = []
    scheduler.backup_made.connect(made.append)
    scheduler.note_change()
    assert scheduler.check()
    assert scheduler.on_close() is None  # the running backup already holds every change
    assert len(made) == 1 and len(list_backups(plan_file)) == 1
    qtbot.wait(50)  # the worker's queued signal arrives late and is not delivered twice
    assert len(made) == 1


def test_a_failed_backup_is_reported_and_tried_again(
    qtbot: QtBot, make_scheduler: MakeScheduler, tmp_path: Path
) -> None:
    broken = tmp_path / "plan.sqlite"
    broken.write_text("not a database\n" * 50)
    scheduler = make_scheduler(broken)
    failures: list[str] = []
    scheduler.backup_failed.connect(failures.append)
    scheduler.note_change()
    with qtbot.waitSignal(scheduler.backup_failed, timeout=10_000):
        assert scheduler.check()
    assert "damaged" in failures[0] and "Traceback" not in failures[0]
    assert scheduler.changed  # still to be backed up
    assert scheduler.on_close() is None
    assert len(failures) == 2
    assert list_backups(broken) == []


def test_a_backup_failing_as_the_window_closes_is_tried_once_more(
    make_scheduler: MakeScheduler, tmp_path: Path
) -> None:
    broken = tmp_path / "plan.sqlite"
    broken.write_text("not a database\n" * 50)
    scheduler = make_scheduler(broken)
    failures: list[str] = []
    scheduler.backup_failed.connect(failures.append)
    scheduler.note_change()
    assert scheduler.check()
    assert scheduler.on_close() is None
    # The background failure is taken in before closing, so closing tries again.
    assert len(failures) == 2


def test_a_backup_made_by_hand_covers_the_changes(
    make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    scheduler = make_scheduler(plan_file)
    scheduler.note_change()
    scheduler.record_backup(make_backup(plan_file))
    assert not scheduler.changed
    assert scheduler.on_close() is None
    assert len(list_backups(plan_file)) == 1


def test_changes_made_elsewhere_are_noticed_from_the_file(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    """An import, or another window, writes without telling this window's scheduler."""
    scheduler = make_scheduler(plan_file)
    with open_database(plan_file) as other:
        import_data(other, MISSION)
    with qtbot.waitSignal(scheduler.backup_made, timeout=10_000):
        assert scheduler.check()
    (info,) = list_backups(plan_file)
    with open_database(info.path, read_only=True) as copy:
        assert [m.title for m in list_missions(copy)] == ["Cali delegation"]
    assert not scheduler.check()  # nothing new since


def test_the_scheduler_is_free_again_once_a_backup_is_announced(
    qtbot: QtBot, make_scheduler: MakeScheduler, plan_file: Path
) -> None:
    """A check right after a backup was announced is not refused because the finished
    worker thread is still winding down (it hands its outcome over as its last act)."""
    scheduler = make_scheduler(plan_file)
    for _round in range(30):
        scheduler.note_change()
        scheduler.last = None  # due at once
        with qtbot.waitSignal(scheduler.backup_made, timeout=10_000):
            assert scheduler.check()
