"""``missionplanner backup`` and ``missionplanner restore`` as a user runs them."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from missionplanner.cli import main
from missionplanner.domain.forms import MissionForm
from missionplanner.services import records
from missionplanner.services.backups import backup_folder, list_backups
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database

MISSION = {
    "format": "missionplanner/1",
    "missions": [{"id": "m1", "title": "Cali delegation", "home_timezone": "America/Bogota"}],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(path: Path) -> list[str]:
    with open_database(path) as db:
        return [m.title for m in list_missions(db)]


@pytest.fixture
def plan_file(tmp_path: Path, empty_database_file: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    with open_database(path) as db:
        import_data(db, MISSION)
    return path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_goes_to_the_backups_folder_and_says_where(
    capsys: pytest.CaptureFixture[str], plan_file: Path
) -> None:
    code, out, err = cli(capsys, "--db", str(plan_file), "backup")
    assert (code, err) == (0, "")
    (info,) = list_backups(plan_file)
    assert f"Backed up plan.sqlite to {info.path}" in out
    assert "verified" in out
    assert str(backup_folder(plan_file)) in out and "last 10" in out


def test_backup_to_a_chosen_file(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "copy.sqlite"
    code, out, _err = cli(capsys, "backup", "-o", str(target), "--db", str(plan_file))
    assert code == 0 and str(target) in out
    assert titles(target) == ["Cali delegation"]
    assert list_backups(plan_file) == []


def test_backup_list_shows_dates_sizes_and_paths(
    capsys: pytest.CaptureFixture[str], plan_file: Path
) -> None:
    code, out, _err = cli(capsys, "--db", str(plan_file), "backup", "--list")
    assert code == 0 and "No backups of plan.sqlite yet" in out
    cli(capsys, "--db", str(plan_file), "backup")
    code, out, _err = cli(capsys, "--db", str(plan_file), "backup", "--list")
    (info,) = list_backups(plan_file)
    assert code == 0 and str(info.path) in out and " KB" in out


def test_backup_of_a_missing_database_is_exit_two_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    absent = tmp_path / "absent.sqlite"
    code, out, err = cli(capsys, "--db", str(absent), "backup")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no database" in err
    assert not absent.exists()


def test_restore_prints_what_it_kept(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "before.sqlite"
    cli(capsys, "--db", str(plan_file), "backup", "-o", str(backup))
    with open_database(plan_file) as db:
        (mission,) = list_missions(db)
        records.change(db, MissionForm, mission.id, mission.version, title="Changed since")
    code, out, err = cli(capsys, "--db", str(plan_file), "restore", str(backup))
    assert (code, err) == (0, "")
    (kept,) = list_backups(plan_file)
    assert kept.before_restore
    assert out.splitlines() == [
        f"Restored {plan_file} from before.sqlite.",
        f"The database as it was before is kept in {kept.path}.",
    ]
    assert titles(plan_file) == ["Cali delegation"]
    assert titles(kept.path) == ["Changed since"]


def test_restore_read_only_is_refused(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "before.sqlite"
    cli(capsys, "--db", str(plan_file), "backup", "-o", str(backup))
    code, _out, err = cli(capsys, "--db", str(plan_file), "--read-only", "restore", str(backup))
    assert code == 2 and "read-only" in err


def test_restore_of_a_bad_file_is_one_clear_line_in_a_real_process(
    plan_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.sqlite"
    connection = sqlite3.connect(notes)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()
    before = digest(plan_file)
    result = subprocess.run(
        [sys.executable, "-m", "missionplanner.cli", "--db", str(plan_file), "restore", str(notes)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "notes.sqlite is not a Mission Planner database" in result.stderr
    assert "Nothing was restored" in result.stderr
    assert digest(plan_file) == before
    assert not backup_folder(plan_file).exists()


def test_help_lists_backup_and_restore(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = cli(capsys, "--help")
    assert code == 0 and "backup" in out and "restore" in out


def test_restore_is_refused_while_the_app_has_the_database_open(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    backup = tmp_path / "before.sqlite"
    cli(capsys, "--db", str(plan_file), "backup", "-o", str(backup))
    with open_database(plan_file) as db:
        (mission,) = list_missions(db)
        records.change(db, MissionForm, mission.id, mission.version, title="Changed since")
    before = digest(plan_file)
    # Another process (standing in for a running app) uses the database.
    holding = (
        "import time\n"
        "from pathlib import Path\n"
        "from missionplanner.store.in_use import InUse\n"
        f"held = InUse(Path({str(plan_file)!r}))\n"
        "held.share()\n"
        "print('holding', flush=True)\n"
        "time.sleep(60)\n"
    )
    app = subprocess.Popen([sys.executable, "-c", holding], stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "holding"
        code, out, err = cli(capsys, "--db", str(plan_file), "restore", str(backup))
        assert (code, out) == (2, "")
        assert "plan.sqlite is being used by another Mission Planner" in err
        assert "Nothing was restored" in err
        assert digest(plan_file) == before
        assert titles(plan_file) == ["Changed since"]
    finally:
        app.kill()
        app.wait()
    # Once the app is gone, its stale lock no longer stands in the way.
    code, _, err = cli(capsys, "--db", str(plan_file), "restore", str(backup))
    assert (code, err) == (0, "")
    assert titles(plan_file) == ["Cali delegation"]
