"""A second app on the same database file is noticed, and a stale lock is not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from missionplanner.store.instance import InstanceLock, holder


def hold_in_another_process(database: Path) -> subprocess.Popen[str]:
    """Another Mission Planner window with ``database`` open, until it is killed."""
    code = (
        "import time\n"
        "from pathlib import Path\n"
        "from missionplanner.store.instance import InstanceLock\n"
        f"lock = InstanceLock(Path({str(database)!r}))\n"
        "print(lock.acquire(), flush=True)\n"
        "time.sleep(60)\n"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert other.stdout is not None and other.stdout.readline().strip() == "True"
    return other


def test_second_holder_is_told_while_the_first_lives(tmp_path: Path) -> None:
    database = tmp_path / "plan.sqlite"
    other = hold_in_another_process(database)
    try:
        second = InstanceLock(database)
        assert not second.acquire()
        assert second.other_pid == other.pid
        assert holder(database) == other.pid
        second.release()
    finally:
        other.kill()  # as a crash would: nothing is cleaned up
        other.wait()
    # Once that process is gone its lock is stale, and this process takes it over.
    assert holder(database) is None
    third = InstanceLock(database)
    assert third.acquire()
    third.release()


@pytest.mark.parametrize(
    "content",
    ["1", "99999999999999999999999999999999", "-5", "not a number", ""],
    ids=["pid-1", "huge-number", "negative", "words", "empty"],
)
def test_a_lock_file_naming_no_window_of_ours_is_stale(tmp_path: Path, content: str) -> None:
    """Process 1 is alive but is not Mission Planner; a huge number names nothing."""
    database = tmp_path / "plan.sqlite"
    lock = InstanceLock(database)
    lock.path.parent.mkdir(parents=True, exist_ok=True)
    lock.path.write_text(content, encoding="utf-8")
    assert holder(database) is None
    assert lock.acquire()
    assert lock.other_pid is None
    lock.release()


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
