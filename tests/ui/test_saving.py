"""Every export is saved the same way: clean name, last folder, fixed suffix, one task."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.export.paper import Paper
from missionplanner.paths import backup_folder
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database
from missionplanner.store.schema import Mission
from tests.ui.conftest import Settle
from ui.calendar_export import CalendarExports
from ui.dialogs.document_options import DocumentChoice, DocumentKind
from ui.dialogs.sheet_export import export_mission_sheet
from ui.documents import suggested_name
from ui.mission_files import export_mission_file
from ui.saving import clean_file_name, write_file
from ui.settings import UiSettings
from ui.tasks import Runner

if TYPE_CHECKING:
    from conftest import MessageBoxes

MISSION = "m-atl-latam-2027"
NASTY = "Atlanta → Bogotá / Medellín: 2027"


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(window: QWidget) -> Runner:
    return Runner(window)


class SaveDialog:
    """Answers the save dialog: the name typed (None: Cancel); keeps what was offered."""

    def __init__(self, typed: Path | None) -> None:
        self.typed = typed
        self.offered: list[Path] = []

    def __call__(self, _parent: Any, _title: str, offered: str, filters: str) -> tuple[str, str]:
        self.offered.append(Path(offered))
        if self.typed is None:
            return "", ""
        return str(self.typed), filters.split(";;")[0]


def rename_mission(db: Database, title: str) -> None:
    with db.writing() as session:
        mission = session.get(Mission, MISSION)
        assert mission is not None
        mission.title = title


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (NASTY, "Atlanta → Bogotá Medellín 2027"),
        ('Q1 <draft> "final"? *yes* | no\\maybe', "Q1 draft final yes no maybe"),
        ("  ...Hidden trip...  ", "Hidden trip"),
        ("Zoë\u200b Özdemir\tvisit", "Zoë Özdemir visit"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("///", "mission"),
        ("x" * 100, "x" * 60),
    ],
)
def test_file_names_are_cleaned_of_what_no_system_allows(title: str, name: str) -> None:
    assert clean_file_name(title) == name


def test_a_mission_with_slashes_and_colons_gets_clean_default_names(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rename_mission(demo_db, NASTY)
    plan = load_plan(demo_db, MISSION)
    clean = "Atlanta → Bogotá Medellín 2027"
    dialog = SaveDialog(None)  # each export is cancelled once the name is seen
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("The whole delegation", True))

    assert not export_mission_file(window, runner, demo_db, settings, [MISSION])
    calendars = CalendarExports(window, runner, demo_db, settings)
    assert not calendars.export(plan)
    assert not export_mission_sheet(
        window, runner, demo_db, settings, MISSION, plan.title, "meetings"
    )

    assert [p.name for p in dialog.offered] == [
        f"{clean}.json",
        f"{clean}.ics",
        f"{clean} - meetings.xlsx",
    ]
    assert suggested_name(plan, DocumentChoice(DocumentKind.BRIEFING, Paper.A4)) == (
        f"{clean} - briefing pack"
    )
    assert not runner.busy


def test_the_folder_is_remembered_across_kinds_of_export(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    folder = tmp_path / "trip files"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(folder / "everything"))
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert export_mission_file(window, runner, demo_db, settings, None)
    contents = json.loads((folder / "everything.json").read_text(encoding="utf-8"))
    assert len(contents["missions"]) == 5
    assert message_boxes.seen[0][2].startswith("5 missions.")

    # Next time, another kind of file: the dialog opens where the last one went.
    dialog = SaveDialog(None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("The whole delegation", True))
    calendars = CalendarExports(window, runner, demo_db, settings)
    assert not calendars.export(load_plan(demo_db, MISSION))
    assert dialog.offered[0].parent == folder


def test_an_export_while_another_task_runs_is_refused(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    dialog = SaveDialog(tmp_path / "missions")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("The whole delegation", True))
    assert runner.start("Long work", lambda _progress: release.wait(), lambda _done: None)

    assert not export_mission_file(window, runner, demo_db, settings, [MISSION])
    calendars = CalendarExports(window, runner, demo_db, settings)
    assert not calendars.export(load_plan(demo_db, MISSION))
    assert not write_file(
        window, runner, settings, tmp_path / "x.json", lambda _p, _q: 0, failed_title=""
    )
    assert dialog.offered == []  # nobody was asked where to save
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        release.set()
    assert not list(tmp_path.glob("*.json"))


def test_an_unwritable_target_gives_one_clear_message_and_no_file(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append((args[1], args[2])))
    target = tmp_path / "gone" / "missions.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(target))
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert export_mission_file(window, runner, demo_db, settings, [MISSION])
    ((title, text),) = shown
    assert title == "Nothing was exported"
    assert text.startswith("Cannot write") and "missions.json" in text
    assert not target.parent.exists()
    assert settings.export_folder() is None


def test_saved_files_offer_open_by_default_and_open_with_the_system(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settle: Settle,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    buttons: list[tuple[str, str]] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_enter)
            return
        buttons.append((box.defaultButton().text(), box.escapeButton().text()))  # type: ignore[union-attr]
        box.defaultButton().click()
        settle()

    def write(path: Path, progress: Progress) -> int:
        path.write_text("{}", encoding="utf-8")
        return 1

    QTimer.singleShot(0, press_enter)
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert write_file(window, runner, settings, tmp_path / "a.json", write, failed_title="")
    assert buttons == [("Open", "Close")]
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "a.json"))]


def test_cancel_is_quiet(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes: list[object] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: boxes.append(args))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)

    def cancelled(_path: Path, _progress: Progress) -> int:
        raise Cancelled()

    with qtbot.waitSignal(runner.idle, timeout=60_000):
        assert write_file(window, runner, settings, tmp_path / "a.json", cancelled, failed_title="")
    assert boxes == []
    assert settings.export_folder() is None


def test_a_file_of_the_name_with_the_suffix_added_is_not_replaced_unasked(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    existing = tmp_path / "missions.json"
    existing.write_text("keep me", encoding="utf-8")
    # The dialog only asked about "missions", which does not exist.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(tmp_path / "missions"))
    message_boxes.answer(QMessageBox.ButtonRole.NoRole)
    assert not export_mission_file(window, runner, demo_db, settings, [MISSION])
    assert "missions.json already exists. Replace it?" in message_boxes.texts[0]
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert not runner.busy


def test_the_window_exports_the_mission_shown_as_a_mission_file(
    qtbot: QtBot,
    demo_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    settle: Settle,
) -> None:
    demo_window.mission_list.select(MISSION)
    dialog = SaveDialog(tmp_path / "shared")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    with qtbot.waitSignal(demo_window.operations.runner.idle, timeout=60_000):
        demo_window.export_file()
    assert dialog.offered[0].name == f"{demo_window.plan.title}.json"
    contents = json.loads((tmp_path / "shared.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in contents["missions"]] == [MISSION]
    assert message_boxes.seen[0][1:] == ("Saved shared.json.", "1 mission.\n\nOpen it now?")


@pytest.mark.parametrize("how", ["symbolic link", "hard link", "backups folder"])
def test_the_open_database_is_never_taken_as_an_export_target(
    qtbot: QtBot,
    window: QWidget,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    how: str,
) -> None:
    """The dialog adds the suffix (.json), so the database is reached by another name."""
    assert demo_db.path is not None
    database = demo_db.path
    before = database.read_bytes()
    chosen = tmp_path / "plan.json"
    if how == "symbolic link":
        chosen.symlink_to(database)
    elif how == "hard link":
        os.link(database, chosen)
    else:
        chosen = backup_folder(database) / "plan.json"
    answers = [str(chosen), ""]  # the organizer picks it, is told, then cancels
    asked: list[str] = []

    def dialog(_parent: Any, _title: str, offered: str, filters: str) -> tuple[str, str]:
        asked.append(offered)
        return answers.pop(0), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    message_boxes.answer()
    assert not export_mission_file(window, runner, demo_db, settings, [MISSION])
    assert len(asked) == 2  # asked again after the refusal
    why = (
        "it is in the database's backups folder; choose another place."
        if how == "backups folder"
        else "it is the database itself (or one of its files); choose another file name."
    )
    assert [text for _title, text, _more in message_boxes.seen] == [f"Cannot write {chosen}: {why}"]
    assert not runner.busy
    assert database.read_bytes() == before
