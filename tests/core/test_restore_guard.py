"""A restore never swaps the database under anyone using it, and a crash never blocks it."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from missionplanner.errors import DatabaseFileError
from missionplanner.paths import demo_mission_file
from missionplanner.services import backups
from missionplanner.services.missions import list_missions
from missionplanner.store.database import open_database
from missionplanner.store.in_use import InUse

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="Windows file locks are exclusive only (see in_use.py)"
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "missionplanner.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def held_by_someone(database: Path) -> bool:
    probe = InUse(database)
    try:
        return not probe.take_alone()
    finally:
        probe.release()


@pytest.fixture
def plan_and_backup(tmp_path: Path) -> tuple[Path, Path]:
    plan = tmp_path / "plan.sqlite"
    with open_database(plan):
        pass
    backup = backups.make_backup(plan).path
    return plan, backup


def hold_in_another_process(database: Path) -> subprocess.Popen[str]:
    """A process that uses ``database`` (as an import or an open app does) until killed."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from missionplanner.store.in_use import InUse\n"
        f"held = InUse(Path({str(database)!r}))\nheld.share()\n"
        "print('holding', flush=True)\n"
        "time.sleep(60)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "holding"
    return process


def test_a_restore_refuses_while_another_process_uses_the_database(
    plan_and_backup: tuple[Path, Path],
) -> None:
    plan, backup = plan_and_backup
    before = digest(plan)
    user = hold_in_another_process(plan)
    try:
        with pytest.raises(DatabaseFileError) as refused:
            backups.restore(backup, plan)
        assert "plan.sqlite is being used by another Mission Planner" in str(refused.value)
        assert "Nothing was restored" in str(refused.value)
        assert digest(plan) == before
        # The command line says the same in one line, exit 2.
        result = cli("--db", str(plan), "restore", str(backup))
        _out, err = result.communicate(timeout=60)
        assert result.returncode == 2
        assert len(err.strip().splitlines()) == 1 and "being used" in err
    finally:
        user.kill()
        user.wait()


def test_a_process_that_died_never_blocks_a_restore(plan_and_backup: tuple[Path, Path]) -> None:
    plan, backup = plan_and_backup
    user = hold_in_another_process(plan)
    user.send_signal(signal.SIGKILL)  # kill -9: no chance to clean up
    user.wait()
    result = backups.restore(backup, plan)
    assert result.restored_from == backup


def test_an_import_running_on_the_command_line_is_never_lost_to_a_restore(
    plan_and_backup: tuple[Path, Path],
) -> None:
    plan, backup = plan_and_backup
    importer = cli("--db", str(plan), "import", str(demo_mission_file()))
    try:
        # Catch the import while it works, and hold it there.
        deadline = time.monotonic() + 60
        while not held_by_someone(plan):
            assert importer.poll() is None, "the import ended before it could be caught"
            assert time.monotonic() < deadline
            time.sleep(0.002)
        os.kill(importer.pid, signal.SIGSTOP)
        with pytest.raises(DatabaseFileError, match="being used by another Mission Planner"):
            backups.restore(backup, plan)
    finally:
        os.kill(importer.pid, signal.SIGCONT)
    _out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    with open_database(plan) as db:
        assert len(list_missions(db)) == 5
    # Once the import is done, the restore goes ahead (and keeps the imported work).
    result = backups.restore(backup, plan)
    assert result.kept is not None
    with open_database(result.kept, read_only=True) as kept:
        assert len(list_missions(kept)) == 5
