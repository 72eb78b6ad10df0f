"""Export → Calendar (.ics) from the app: whose calendar, where, and what was written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database
from ui.calendar_export import CalendarExports, suggested_calendar_name
from ui.settings import UiSettings
from ui.tasks import Runner

if TYPE_CHECKING:
    from conftest import MessageBoxes

MISSION = "m-atl-latam-2027"
SOFT_LANDING = "meeting-mt-atl27-rutan-softlanding@missionplanner"


@pytest.fixture
def exports(qtbot: QtBot, demo_db: Database, settings: UiSettings) -> CalendarExports:
    window = QWidget()
    qtbot.addWidget(window)
    return CalendarExports(window, Runner(window), demo_db, settings)


def uids(path: Path) -> set[str]:
    return {str(event["UID"]) for event in Calendar.from_ical(path.read_bytes()).events}


def test_suggested_names(demo_db: Database) -> None:
    plan = load_plan(demo_db, MISSION)
    assert (
        suggested_calendar_name(plan) == "Invest Atlanta exploratory mission to Chile and Colombia"
    )
    assert suggested_calendar_name(plan, "p-cesar-vence").endswith(" - Cesar Vence")


def test_export_asks_whose_calendar_and_where_then_writes_it(
    qtbot: QtBot,
    exports: CalendarExports,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    plan = load_plan(demo_db, MISSION)
    offered: list[tuple[list[str], int]] = []

    def get_item(_parent: Any, _title: str, _label: str, items: list[str], current: int, *_: Any):
        offered.append((items, current))
        return next(i for i in items if i.startswith("International programs officer")), True

    asked: list[str] = []

    def get_save_file_name(_parent: Any, _title: str, suggested: str, _filter: str):
        asked.append(suggested)
        return str(tmp_path / "officer"), _filter

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save_file_name)
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)  # "Open it now?" → Close
    with qtbot.waitSignal(exports.runner.idle, timeout=60_000):
        assert exports.export(plan, "p-cesar-vence")

    path = tmp_path / "officer.ics"
    ((items, current),) = offered
    assert items[0] == "The whole delegation"
    assert items[current] == "Cesar Vence (Mission lead)"  # whom the window shows first
    assert " - International programs officer (Invest A" in asked[0]
    assert asked[0].endswith(".ics")
    assert SOFT_LANDING not in uids(path)  # only Cesar Vence goes there
    ((title, text, details),) = message_boxes.seen
    assert (title, text) == ("Saved", "Saved officer.ics.")
    assert details.startswith("17 events") and details.endswith("Open it now?")
    assert exports.settings.export_folder() == tmp_path


def test_the_whole_delegation(
    qtbot: QtBot,
    exports: CalendarExports,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    plan = load_plan(demo_db, MISSION)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("The whole delegation", True))
    assert exports.ask_participant(plan) == ""
    message_boxes.answer(QMessageBox.ButtonRole.RejectRole)
    with qtbot.waitSignal(exports.runner.idle, timeout=60_000):
        assert exports.write(plan, None, tmp_path / "all.ics")
    assert message_boxes.seen[0][2].startswith("18 events")
    assert SOFT_LANDING in uids(tmp_path / "all.ics")


def test_cancelling_a_question_writes_nothing(
    exports: CalendarExports, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = load_plan(demo_db, MISSION)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("", False))
    assert not exports.export(plan)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: ("The whole delegation", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert not exports.export(plan)
    assert not exports.runner.busy
    assert not list(tmp_path.glob("*.ics"))


def test_a_file_that_cannot_be_written_is_explained(
    qtbot: QtBot,
    exports: CalendarExports,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append((args[1], args[2])))
    plan = load_plan(demo_db, MISSION)
    target = tmp_path / "no-such-folder" / "m.ics"
    with qtbot.waitSignal(exports.runner.idle, timeout=60_000):
        assert exports.write(plan, None, target)
    ((title, text),) = shown
    assert title == "The calendar was not written"
    assert "Cannot write" in text
    assert not target.exists()


def test_two_people_of_the_same_name_get_their_own_calendars(
    exports: CalendarExports, monkeypatch: pytest.MonkeyPatch
) -> None:
    from missionplanner.domain.plan import MissionPlan, ParticipantInfo

    plan = MissionPlan(
        id="m",
        title="Namesakes",
        home_timezone="America/Bogota",
        participants=(
            ParticipantInfo(id="p-1", name="Ana Gómez"),
            ParticipantInfo(id="p-2", name="Ana Gómez"),
        ),
    )
    offered: list[list[str]] = []

    def pick_the_last(_parent: Any, _title: str, _label: str, items: list[str], *_: Any):
        offered.append(items)
        return items[-1], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_the_last)
    assert exports.ask_participant(plan) == "p-2"
    assert len(set(offered[0])) == 3
