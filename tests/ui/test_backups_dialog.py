"""File → Backups: the list, Back up now, Restore… (with confirmation), Show folder."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from missionplanner.domain.forms import MissionForm
from missionplanner.services import records
from missionplanner.services.backups import (
    RestoreResult,
    backup_folder,
    list_backups,
    make_backup,
)
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.database import Database, open_database
from tests.ui.conftest import Settle
from ui.backup_scheduler import BackupScheduler
from ui.dialogs.backups import BackupsDialog, local_time

MISSION = {
    "format": "missionplanner/1",
    "missions": [{"id": "m1", "title": "Cali delegation", "home_timezone": "America/Bogota"}],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_in(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT title FROM missions").fetchone()[0])
    finally:
        connection.close()


class Boxes:
    """Answers the message boxes that open, in order, and keeps what they said."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def answer(self, *labels: str) -> None:
        """Click the button with each label in turn (``""``: the box's Escape button)."""
        pending = list(labels)
        tries = [0]

        def act() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                tries[0] += 1
                if tries[0] < 500:
                    QTimer.singleShot(10, act)
                return
            label = pending.pop(0)
            self.seen.append(f"{box.text()} {box.informativeText()}".strip())
            if label:
                (button,) = [b for b in box.buttons() if b.text().replace("&", "") == label]
            else:
                button = box.escapeButton()
            button.click()
            if pending:
                tries[0] = 0
                QTimer.singleShot(10, act)

        QTimer.singleShot(0, act)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    with open_database(path) as db:
        import_data(db, MISSION)
    return path


@pytest.fixture
def db(plan_file: Path) -> Iterator[Database]:
    database = open_database(plan_file)
    yield database
    database.close()


def make_dialog(qtbot: QtBot, db: Database, **options: object) -> BackupsDialog:
    dialog = BackupsDialog(db, **options)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def retitle(db: Database, title: str) -> None:
    (mission,) = list_missions(db)
    records.change(db, MissionForm, mission.id, mission.version, title=title)


def shown_rows(dialog: BackupsDialog) -> list[list[str]]:
    proxy = dialog.proxy
    return [
        [str(proxy.index(row, column).data()) for column in range(proxy.columnCount())]
        for row in range(proxy.rowCount())
    ]


def test_the_list_shows_local_dates_and_sizes_newest_first(
    qtbot: QtBot, qtmodeltester: object, db: Database, plan_file: Path
) -> None:
    older = make_backup(plan_file, now=datetime(2026, 10, 5, 14, 0, tzinfo=UTC))
    newer = make_backup(plan_file, now=datetime(2026, 10, 6, 9, 30, tzinfo=UTC))
    dialog = make_dialog(qtbot, db)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    qtmodeltester.check(dialog.proxy)  # type: ignore[attr-defined]
    rows = shown_rows(dialog)
    assert [row[0] for row in rows] == [local_time(newer), local_time(older)]
    assert local_time(newer) == f"{newer.created.astimezone():%Y-%m-%d %H:%M:%S}"
    assert all(re.fullmatch(r"[\d.,]+ (kB|MB|bytes)", row[1]) for row in rows), rows
    assert rows[0][3] == newer.name
    assert str(backup_folder(plan_file)) in dialog.summary.text()
    assert not dialog.restore_button.isEnabled()  # nothing selected yet


def test_back_up_now_adds_a_row_and_selects_it(
    qtbot: QtBot, qtmodeltester: object, db: Database, plan_file: Path, settle: Settle
) -> None:
    scheduler = BackupScheduler(plan_file, check_every_ms=3_600_000)
    scheduler.note_change()
    dialog = make_dialog(qtbot, db, scheduler=scheduler)
    assert dialog.proxy.rowCount() == 0
    with qtbot.waitSignal(dialog.backed_up, timeout=10_000):
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    (info,) = list_backups(plan_file)
    assert shown_rows(dialog)[0][3] == info.name
    assert dialog.selected() == info
    assert dialog.restore_button.isEnabled()
    assert not scheduler.changed  # the scheduler knows the changes are backed up
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    scheduler.stop()


def test_restore_asks_then_replaces_the_database_and_asks_the_window_to_reopen(
    qtbot: QtBot, db: Database, plan_file: Path, settle: Settle
) -> None:
    backup = make_backup(plan_file)
    retitle(db, "Changed since the backup")
    scheduler = BackupScheduler(plan_file, check_every_ms=3_600_000)
    scheduler.note_change()
    dialog = make_dialog(qtbot, db, scheduler=scheduler)
    dialog.select(backup.path)
    boxes = Boxes()
    boxes.answer("Restore", "OK")
    with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert restored.args is not None
    (result,) = restored.args
    assert isinstance(result, RestoreResult)
    assert dialog.restore_result is result
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert "Replace plan.sqlite with the backup of" in boxes.seen[0]
    assert "kept as a backup first" in boxes.seen[0]
    assert "Restored" in boxes.seen[1] and str(result.kept) in boxes.seen[1]
    assert title_in(plan_file) == "Cali delegation"
    assert result.kept is not None and title_in(result.kept) == "Changed since the backup"
    assert not scheduler.timer.isActive() and not scheduler.changed
    # Closing the window now backs up nothing: the file it watched was replaced.
    assert scheduler.on_close() is None
    assert len(list_backups(plan_file)) == 2  # the backup and the database kept before
    # The window reopens the database and finds the restored plan.
    with open_database(plan_file) as reopened:
        assert [m.title for m in list_missions(reopened)] == ["Cali delegation"]


def test_cancelling_the_confirmation_changes_nothing(
    qtbot: QtBot, db: Database, plan_file: Path, settle: Settle
) -> None:
    backup = make_backup(plan_file)
    retitle(db, "Current work")
    before = digest(plan_file)
    dialog = make_dialog(qtbot, db)
    dialog.select(backup.path)
    restored: list[object] = []
    dialog.restored.connect(restored.append)
    boxes = Boxes()
    boxes.answer("Cancel")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    settle()
    assert len(boxes.seen) == 1
    assert restored == [] and dialog.restore_result is None and dialog.isVisible()
    assert digest(plan_file) == before
    assert [b.path for b in list_backups(plan_file)] == [backup.path]


def test_a_file_that_is_not_a_backup_is_refused_before_asking(
    qtbot: QtBot, db: Database, plan_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Meeting notes\n" * 40)
    before = digest(plan_file)
    dialog = make_dialog(qtbot, db)
    boxes = Boxes()
    boxes.answer("OK")
    dialog.restore(notes, notes.name)
    assert not dialog.runner.busy  # refused before any work started
    (message,) = boxes.seen
    assert "notes.sqlite is not a Mission Planner database" in message
    assert "Nothing was restored" in message
    assert digest(plan_file) == before
    assert dialog.restore_result is None
    # The window's database still works.
    assert [m.title for m in list_missions(db)] == ["Cali delegation"]


def test_restore_is_refused_while_another_window_has_the_database(
    qtbot: QtBot, db: Database, plan_file: Path, settle: Settle
) -> None:
    backup = make_backup(plan_file)
    # Another app's window: its instance lock and its hold on the file, as a session has.
    code = (
        "import time\n"
        "from pathlib import Path\n"
        "from missionplanner.store.in_use import InUse\n"
        "from missionplanner.store.instance import InstanceLock\n"
        f"path = Path({str(plan_file)!r})\n"
        "lock, held = InstanceLock(path), InUse(path)\n"
        "held.share()\n"
        "print(lock.acquire(), flush=True)\n"
        "time.sleep(60)\n"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "True"
        before = digest(plan_file)
        dialog = make_dialog(qtbot, db)
        dialog.select(backup.path)
        boxes = Boxes()
        boxes.answer("OK")
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        settle()
        (message,) = boxes.seen
        assert "open in another Mission Planner window" in message
        assert digest(plan_file) == before
    finally:
        other.kill()
        other.wait()


def test_read_only_window_can_back_up_but_not_restore(qtbot: QtBot, plan_file: Path) -> None:
    make_backup(plan_file)
    with open_database(plan_file, read_only=True) as read_only:
        dialog = make_dialog(qtbot, read_only)
        dialog.table.selectRow(0)
        assert dialog.selected() is not None
        assert dialog.back_up_button.isEnabled()
        assert not dialog.restore_button.isEnabled()
        assert not dialog.restore_file_button.isEnabled()
        assert "read-only" in dialog.restore_button.toolTip()


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_show_folder_opens_the_backups_folder(
    qtbot: QtBot, db: Database, plan_file: Path, settle: Settle
) -> None:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")  # type: ignore[arg-type]
    try:
        dialog = make_dialog(qtbot, db)
        qtbot.mouseClick(dialog.show_folder_button, Qt.MouseButton.LeftButton)
        settle()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    (url,) = catcher.urls
    assert Path(url.toLocalFile()) == backup_folder(plan_file)
    assert backup_folder(plan_file).is_dir()


def test_a_memory_database_has_no_backups(qtbot: QtBot) -> None:
    from missionplanner.store.database import in_memory_database

    memory = in_memory_database()
    dialog = make_dialog(qtbot, memory)
    assert dialog.proxy.rowCount() == 0
    assert not dialog.back_up_button.isEnabled()
    assert not dialog.restore_file_button.isEnabled()
    memory.close()


def test_a_backup_file_kept_elsewhere_restores_too(
    qtbot: QtBot, db: Database, plan_file: Path, tmp_path: Path
) -> None:
    """A backup kept outside the folder (a USB stick) restores through Restore from file…."""
    stick = tmp_path / "stick"
    stick.mkdir()
    copy = stick / "plan-copy.sqlite"
    shutil.copyfile(make_backup(plan_file).path, copy)
    retitle(db, "Current work")
    dialog = make_dialog(qtbot, db)
    boxes = Boxes()
    boxes.answer("Restore", "OK")
    with qtbot.waitSignal(dialog.restored, timeout=10_000) as restored:
        dialog.restore(copy, copy.name)
    assert restored.args is not None
    (result,) = restored.args
    assert result.restored_from == copy
    assert "Replace plan.sqlite with plan-copy.sqlite?" in boxes.seen[0]
    assert title_in(plan_file) == "Cali delegation"


def test_the_list_is_newest_first_whatever_order_the_backups_were_made_in(
    qtbot: QtBot, db: Database, plan_file: Path, settle: Settle
) -> None:
    days = [6, 4, 9, 5]
    made = [make_backup(plan_file, now=datetime(2026, 10, day, 9, 0, tzinfo=UTC)) for day in days]
    dialog = make_dialog(qtbot, db)
    newest_first = sorted(made, key=lambda info: info.created, reverse=True)
    assert [row[3] for row in shown_rows(dialog)] == [info.name for info in newest_first]
    # A backup made now goes on top as well.
    with qtbot.waitSignal(dialog.backed_up, timeout=10_000):
        dialog.back_up_button.click()
    settle()
    rows = shown_rows(dialog)
    assert rows[0][3] == max(list_backups(plan_file), key=lambda info: info.created).name
    assert [row[3] for row in rows[1:]] == [info.name for info in newest_first]


def test_the_buttons_are_in_sentence_case(qtbot: QtBot, db: Database) -> None:
    dialog = make_dialog(qtbot, db)
    buttons = (
        dialog.back_up_button,
        dialog.restore_button,
        dialog.restore_file_button,
        dialog.show_folder_button,
    )
    assert [button.text().replace("&", "") for button in buttons] == [
        "Back up now",
        "Restore…",
        "Restore from file…",
        "Show folder",
    ]
