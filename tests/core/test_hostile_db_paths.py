"""Where --db points, and what the disk allows: each refusal is one line, exit 2, and
leaves no file or folder behind; a read-only open leaves nothing behind either."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from missionplanner.cli import main
from missionplanner.errors import DatabaseFileError
from missionplanner.store.database import open_database

OLD_SCHEMA = Path(__file__).parents[1] / "migrations" / "data" / "schema-0001.sqlite"


def everything(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def contents(path: Path) -> list[str]:
    """Every schema entry and row, as SQL (the journal mode in the header aside)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "something went wrong" not in err, err
    return err


# What --db names (relative to a folder of its own), the command, and what the line says.
BAD_LOCATIONS: dict[str, tuple[str, list[str], str]] = {
    "a folder": (".", ["missions"], "is a folder, not a database file"),
    "a folder, to import into": ("plans", ["demo"], "is a folder, not a database file"),
    "an empty path": ("", ["missions"], "is a folder, not a database file"),
    "a PostgreSQL address": (
        "postgresql://planner@db.example.org/missions",
        ["demo"],
        "database servers are not supported",
    ),
    "a SQLite address": ("sqlite:///plan.sqlite", ["missions"], "database servers"),
    "a MySQL address, to import into": ("mysql+pymysql://h/db", ["import", "x.json"], "server"),
    "a named pipe": ("pipe", ["missions"], "not a regular file"),
}


@pytest.mark.parametrize("case", sorted(BAD_LOCATIONS))
def test_a_path_that_cannot_be_a_database_is_refused_in_one_line(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, command, said = BAD_LOCATIONS[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "x.json").write_text('{"format": "missionplanner/1", "missions": []}')
    os.mkfifo(tmp_path / "pipe")
    before = everything(tmp_path)
    code = main(["--db", db, *command])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert said in one_line(err)
    assert everything(tmp_path) == before


@pytest.mark.parametrize(
    ("argv", "said", "help_for"),
    [
        (["fly-to-the-moon"], "unknown command “fly-to-the-moon”", "missionplanner --help"),
        (["mision"], "did you mean “missions”", "missionplanner --help"),
        (["missions", "--colour"], "not understood: --colour", "missionplanner --help"),
        (["check"], "missing: MISSION", "missionplanner check --help"),
        (["check", "m1", "--min-gap", "soon"], "“soon” is not a number", "check --help"),
        (["export-sheet", "m1", "people", "-o", "x.csv"], "“participants”", "export-sheet"),
        (["itinerary", "m1", "-o"], "-o/--output needs a value", "itinerary --help"),
    ],
)
def test_a_mistyped_command_line_is_one_line_with_a_pointer_to_help(
    argv: list[str], said: str, help_for: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert said in one_line(err) and help_for in err and "usage:" not in err


@pytest.fixture
def closed_database(tmp_path: Path, empty_database_file: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    # In WAL mode, as a database in use is, closed: nothing beside it.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.close()
    assert everything(folder) == {path} and path.read_bytes()[18:20] == b"\x02\x02"
    return path


def test_a_read_only_open_leaves_no_side_files(
    closed_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = closed_database.parent
    before = everything(folder)
    before_bytes = digest(closed_database)
    assert main(["--db", str(closed_database), "--read-only", "missions"]) == 0
    with open_database(closed_database, read_only=True) as db, db.reading():
        pass
    capsys.readouterr()
    assert everything(folder) == before
    assert digest(closed_database) == before_bytes


def test_a_read_only_open_sees_changes_still_in_the_wal_file(closed_database: Path) -> None:
    with open_database(closed_database) as writer:
        from missionplanner.services.transfer import load_demo

        load_demo(writer)
        # The writer is still open: its changes may be in the -wal file only.
        with open_database(closed_database, read_only=True) as reader:
            from missionplanner.services.missions import list_missions

            assert list_missions(reader)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes to read-only folders, so the folder cannot be made read-only",
)
def test_a_database_in_a_read_only_folder_opens_read_only(
    closed_database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = closed_database.parent
    folder.chmod(0o555)
    try:
        before = everything(folder)
        assert main(["--db", str(closed_database), "--read-only", "missions"]) == 0
        assert everything(folder) == before
        capsys.readouterr()
        assert main(["--db", str(closed_database), "missions"]) == 2
        assert "Open it read-only" in one_line(capsys.readouterr().err)
    finally:
        folder.chmod(0o755)


@pytest.fixture
def old_database(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(OLD_SCHEMA, path)
    return path


def copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.before-upgrade-*"))


def test_an_upgrade_keeps_one_copy_and_the_next_open_none(old_database: Path) -> None:
    with open_database(old_database) as db:
        assert db.upgrade_backup is not None
    assert copies(old_database) == [db.upgrade_backup]
    with open_database(old_database) as again:
        assert again.upgrade_backup is None
    assert copies(old_database) == [db.upgrade_backup]


def test_a_failed_upgrade_leaves_no_copy_behind(
    old_database: Path, integrity: Callable[[Path], str]
) -> None:
    connection = sqlite3.connect(old_database, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("UPDATE stops SET mission_id = 'no-such-mission'")
    connection.close()
    before = contents(old_database)
    for _attempt in range(2):
        with pytest.raises(DatabaseFileError, match="Nothing was changed"):
            open_database(old_database)
        assert copies(old_database) == []
    assert contents(old_database) == before and integrity(old_database) == "ok"


def test_a_full_disk_during_an_import_is_said_and_changes_nothing(
    tmp_path: Path, empty_database_file: Path, isolated_user_folders: Path
) -> None:
    """The disk fills while the import writes: a file-size limit makes each write past
    it fail, as a full disk does."""
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    from missionplanner.paths import demo_mission_file

    full_disk = textwrap.dedent(
        f"""
        import resource, signal, sys
        from missionplanner.cli import main
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        # Room for the shared-memory index (32 KiB), not for the import's changes.
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))
        sys.exit(main(["--db", {str(path)!r}, "import", {str(demo_mission_file())!r}]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", full_disk],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(isolated_user_folders)},
    )
    assert (result.returncode, result.stdout) == (2, "")
    err = one_line(result.stderr)
    assert "disk is full" in err and "nothing was changed" in err
    assert "I/O" not in err
    with open_database(path, read_only=True) as db:
        from missionplanner.services.missions import list_missions

        assert list_missions(db) == []
