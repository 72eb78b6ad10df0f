"""File → Export → a mission's spreadsheet from the app: where, which type, what was written."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.io.sheets import read_sheet
from missionplanner.store.database import Database
from ui.dialogs.sheet_export import export_mission_sheet
from ui.settings import UiSettings
from ui.tasks import Runner

if TYPE_CHECKING:
    from conftest import MessageBoxes

MISSION = "m-atl-latam-2027"
TITLE = "Invest Atlanta exploratory mission to Chile and Colombia"


@pytest.fixture
def runner(qtbot: QtBot) -> Runner:
    window = QWidget()
    qtbot.addWidget(window)
    return Runner(window)


class SaveDialog:
    """Answers the save dialog as a user would: a name typed, a file type chosen."""

    def __init__(self, typed: Path | None, file_type: int = 0) -> None:
        self.typed = typed
        self.file_type = file_type
        self.suggested: list[str] = []
        self.filters: list[list[str]] = []

    def __call__(self, _parent: Any, _title: str, suggested: str, filters: str) -> tuple[str, str]:
        self.suggested.append(suggested)
        self.filters.append(filters.split(";;"))
        if self.typed is None:
            return "", ""
        return str(self.typed), self.filters[-1][self.file_type]


def export(
    qtbot: QtBot,
    runner: Runner,
    db: Database,
    settings: UiSettings,
    sheet: str,
    path: Path | None = None,
) -> bool:
    with qtbot.waitSignal(runner.idle, timeout=60_000):
        started = export_mission_sheet(None, runner, db, settings, MISSION, TITLE, sheet, path)
        assert started
    return started


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_sheets_from_the_app(
    qtbot: QtBot,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    suffix: str,
    message_boxes: MessageBoxes,
) -> None:
    path = tmp_path / f"meetings.{suffix}"
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    export(qtbot, runner, demo_db, settings, "meetings", path)
    assert read_sheet(path).headers[:3] == ("City", "Title", "Start (local)")
    ((title, text, details),) = message_boxes.seen
    assert (title, text) == ("Saved", f"Saved meetings.{suffix}.")
    assert details.endswith(" rows.\n\nOpen it now?")


def test_a_failed_export_is_shown_once_not_raised(
    qtbot: QtBot,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append((args[1], args[2])))
    target = tmp_path / "missing" / "c.xlsx"
    export(qtbot, runner, demo_db, settings, "contacts", target)
    ((title, text),) = shown
    assert title == "Nothing was exported"
    assert "Cannot write" in text
    assert not target.parent.exists()


def test_the_file_type_chosen_gives_the_suffix_when_none_is_typed(
    qtbot: QtBot,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    dialog = SaveDialog(tmp_path / "report", file_type=1)  # "CSV, comma-separated"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    export(qtbot, runner, demo_db, settings, "participants")
    assert dialog.filters[0] == ["Excel workbook (*.xlsx)", "CSV, comma-separated (*.csv)"]
    assert Path(dialog.suggested[0]).name == f"{TITLE} - participants.xlsx"
    with (tmp_path / "report.csv").open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0][0] and len(rows) > 1


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("notes.txt", "notes.txt.xlsx"),  # another suffix: the workbook's is added
        ("Shared.XLSX", "Shared.XLSX"),  # a suffix of its own type, in capitals: kept
        ("v2.", "v2.xlsx"),
    ],
)
def test_the_suffix_is_fixed(
    qtbot: QtBot,
    runner: Runner,
    demo_db: Database,
    settings: UiSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    typed: str,
    written: str,
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", SaveDialog(tmp_path / typed))
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    export(qtbot, runner, demo_db, settings, "meetings")
    assert [p.name for p in tmp_path.iterdir() if p.suffix.lower() == ".xlsx"] == [written]
    workbook = load_workbook(tmp_path / written, read_only=True)
    assert next(workbook.active.iter_rows(values_only=True))[:2] == ("City", "Title")
    workbook.close()
