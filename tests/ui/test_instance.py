"""A second app on the same database file is noticed, and a stale lock is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from missionplanner.store.instance import InstanceLock


def test_second_holder_is_told_while_the_first_lives(tmp_path: Path) -> None:
    database = tmp_path / "plan.sqlite"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        first = InstanceLock(database)
        first.path.parent.mkdir(parents=True, exist_ok=True)
        first.path.write_text(str(other.pid), encoding="utf-8")  # another process holds it
        second = InstanceLock(database)
        assert not second.acquire()
        assert second.other_pid == other.pid
    finally:
        other.kill()
        other.wait()
    # Once that process is gone its lock is stale, and this process takes it over.
    third = InstanceLock(database)
    assert third.acquire()
    third.release()
    assert not third.path.exists()


def test_different_databases_do_not_share_a_lock(tmp_path: Path) -> None:
    a = InstanceLock(tmp_path / "a.sqlite")
    b = InstanceLock(tmp_path / "b.sqlite")
    assert a.acquire() and b.acquire()
    assert a.path != b.path
    a.release()
    b.release()


def test_the_app_reopens_the_last_database_if_it_still_exists(tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.app import choose_start_database
    from ui.settings import UiSettings

    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    default = tmp_path / "default.sqlite"
    assert choose_start_database(default, settings) == default
    last = tmp_path / "agency.sqlite"
    last.write_bytes(b"")
    settings.remember_database(last)
    assert choose_start_database(default, settings) == last.resolve()
    last.unlink()
    assert choose_start_database(default, settings) == default
