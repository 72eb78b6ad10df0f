"""The demo database is never "your database": the app and the command line agree."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from missionplanner.paths import default_database_path, demo_database_path
from ui.app import choose_start_database
from ui.settings import UiSettings
from ui.windows import open_window


def test_after_the_demo_the_app_reopens_your_own_database(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, settings: UiSettings
) -> None:
    own = tmp_path / "own.sqlite"
    shutil.copyfile(demo_file, own)
    demo = demo_database_path()
    demo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_file, demo)

    for path in (own, demo):  # your work, then the Quick start's `--demo`
        window = open_window(path, settings)
        assert window is not None
        window.close()

    assert settings.last_database() == own.resolve()
    assert choose_start_database(default_database_path(), settings) == own.resolve()


def test_on_a_new_machine_the_demo_leads_plain_missionplanner_to_the_default_database(
    qtbot: QtBot, demo_file: Path, settings: UiSettings
) -> None:
    demo = demo_database_path()
    demo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_file, demo)

    window = open_window(demo, settings)
    assert window is not None
    window.close()

    # The same file `missionplanner missions` reads.
    assert choose_start_database(default_database_path(), settings) == default_database_path()


def test_a_demo_remembered_by_an_older_version_is_not_reopened(
    demo_file: Path, settings: UiSettings
) -> None:
    demo = demo_database_path()
    demo.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_file, demo)
    settings.settings.setValue("databases/last", str(demo))

    assert choose_start_database(default_database_path(), settings) == default_database_path()
