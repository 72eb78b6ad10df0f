"""Database files made to do harm: refused on restore and on open, nothing changed.

Each hostile file starts as a real demo database (our application id, every table)
and is then altered with plain SQL, as someone handing over a file could.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from missionplanner.cli import main
from missionplanner.errors import DatabaseFileError, MissionPlannerError
from missionplanner.services import backups
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import load_demo
from missionplanner.store.database import Database, open_database
from missionplanner.store.engine import make_engine

PWNED = """
    CREATE TRIGGER after_meeting AFTER INSERT ON meetings BEGIN
        UPDATE missions SET title = 'PWNED';
        DELETE FROM follow_ups;
        UPDATE contacts SET email = 'attacker@example.com';
    END
"""
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c"

HOSTILE = {
    "foreign table": "CREATE TABLE intruders (secret TEXT)",
    "extra trigger on meetings": (
        "CREATE TRIGGER meeting_seen AFTER UPDATE ON meetings BEGIN SELECT 1; END"
    ),
    "rewriting trigger": PWNED,
    "view named like an app table": (
        "DROP TABLE follow_ups; CREATE VIEW follow_ups AS SELECT * FROM meetings"
    ),
    "recursive view": f"CREATE VIEW forever AS {FOREVER}",
    "extra index": "CREATE INDEX ix_missions_title ON missions (title)",
    "changed table": "ALTER TABLE missions ADD COLUMN payload TEXT",
    "missing index": "DROP INDEX ix_meetings_start_utc",
    "empty version table": "DELETE FROM alembic_version",
    "dropped version table": "DROP TABLE alembic_version",
}
# What each refusal names, in the words the user reads.
NAMED = {
    "foreign table": "the table “intruders”",
    "extra trigger on meetings": "the trigger “meeting_seen”",
    "rewriting trigger": "the trigger “after_meeting”",
    "view named like an app table": "the view “follow_ups”",
    "recursive view": "the view “forever”",
    "extra index": "the index “ix_missions_title”",
    "changed table": "table “missions” is not as Mission Planner makes it",
    "missing index": "index “ix_meetings_start_utc” is missing",
    "empty version table": "version record is missing",
    "dropped version table": "version record is missing",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def titles(path: Path) -> list[str]:
    with open_database(path, read_only=True) as db:
        return sorted(m.title for m in list_missions(db))


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed demo database in one file (no WAL beside it)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_database(path) as db:
        load_demo(db)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    return path


@pytest.fixture
def live(tmp_path: Path, demo_file: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(demo_file, path)
    return path


def hostile_copy(demo_file: Path, folder: Path, sql: str) -> Path:
    path = folder / "handed-over.sqlite"
    shutil.copyfile(demo_file, path)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(sql)
    connection.close()
    assert not [p for p in folder.iterdir() if p.name.startswith("handed-over.sqlite-")]
    return path


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.fixture(params=sorted(HOSTILE))
def hostile(request: pytest.FixtureRequest, tmp_path: Path, demo_file: Path) -> tuple[str, Path]:
    case = str(request.param)
    folder = tmp_path / "from-someone"
    folder.mkdir()
    return case, hostile_copy(demo_file, folder, HOSTILE[case])


def test_restore_refuses_a_hostile_file(hostile: tuple[str, Path], live: Path) -> None:
    case, path = hostile
    before, before_titles, hostile_before = digest(live), titles(live), digest(path)
    with pytest.raises(DatabaseFileError) as refused:
        backups.restore(path, live)
    said = str(refused.value)
    assert NAMED[case] in said and "Nothing was restored" in said and "\n" not in said
    assert digest(live) == before and titles(live) == before_titles
    assert digest(path) == hostile_before
    assert not backups.backup_folder(live).exists()


def test_restore_command_refuses_a_hostile_file_with_one_line(
    hostile: tuple[str, Path], live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, path = hostile
    before = digest(live)
    capsys.readouterr()
    code = main(["--db", str(live), "restore", str(path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert NAMED[case] in one_line(err) and "Nothing was restored" in err
    assert digest(live) == before


@pytest.mark.parametrize("read_only", [False, True], ids=["open", "read-only"])
def test_opening_a_hostile_file_is_refused(
    hostile: tuple[str, Path], read_only: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    case, path = hostile
    before = digest(path)
    with pytest.raises(DatabaseFileError) as refused:
        open_database(path, read_only=read_only)
    assert NAMED[case] in str(refused.value) and "left as it is" in str(refused.value)
    flag = ["--read-only"] if read_only else []
    capsys.readouterr()
    code = main(["--db", str(path), *flag, "missions"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert NAMED[case] in one_line(err)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_the_rewriting_trigger_never_fires(tmp_path: Path, demo_file: Path, live: Path) -> None:
    """The file would rewrite missions, follow-ups and contacts on the next import."""
    path = hostile_copy(demo_file, tmp_path, PWNED)
    with pytest.raises(MissionPlannerError):
        backups.restore(path, live)
    with open_database(live) as db:
        load_demo(db)
        assert "PWNED" not in {m.title for m in list_missions(db)}


def test_a_statement_that_runs_too_long_is_stopped_with_a_clear_message(live: Path) -> None:
    db = Database(make_engine(live, statement_seconds=0.2), live)
    try:
        with pytest.raises(DatabaseFileError) as stopped, db.reading() as session:
            session.execute(text(f"SELECT count(*) FROM ({FOREVER})"))
        assert "took longer than" in str(stopped.value)
        assert "Nothing was changed" in str(stopped.value)
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM missions")).scalar()
    finally:
        db.close()


def test_a_change_cut_short_by_a_crash_is_rolled_back_not_called_damage(
    live: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A writer in rollback-journal mode dies mid-transaction, leaving a hot journal."""
    before = titles(live)
    writer = textwrap.dedent(
        f"""
        import os, sqlite3
        connection = sqlite3.connect({str(live)!r}, isolation_level=None)
        connection.execute("PRAGMA cache_size = 1")
        connection.execute("BEGIN")
        connection.execute("UPDATE missions SET title = 'half-written'")
        for n in range(300):
            connection.execute("UPDATE meetings SET notes = ?", ("y" * 2000 + str(n),))
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", writer], check=True, timeout=120)
    journal = live.with_name(live.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    before_bytes = digest(live)

    capsys.readouterr()
    code = main(["--db", str(live), "--read-only", "missions"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "cut short" in one_line(err) and "without read-only" in err
    assert "damaged" not in err
    assert digest(live) == before_bytes and journal.exists()

    with open_database(live) as db:
        assert sorted(m.title for m in list_missions(db)) == before
    assert not journal.exists()


def test_a_full_disk_is_called_a_full_disk(tmp_path: Path, live: Path) -> None:
    """Left by a crash on a full disk: an empty WAL and a shared-memory file of 3 bytes.
    The disk is still full, so the shared-memory file cannot grow."""
    with open_database(live) as db:
        list_missions(db)
    live.with_name(live.name + "-wal").write_bytes(b"")
    live.with_name(live.name + "-shm").write_bytes(b"abc")
    before = digest(live)
    full_disk = textwrap.dedent(
        f"""
        import resource, signal, sys
        from missionplanner.cli import main
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
        sys.exit(main(["--db", {str(live)!r}, "--read-only", "missions"]))
        """
    )
    for _attempt in range(2):
        result = subprocess.run(
            [sys.executable, "-c", full_disk],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ},
        )
        assert (result.returncode, result.stdout) == (2, "")
        assert "disk holding plan.sqlite is full" in one_line(result.stderr)
        assert "Free some space" in result.stderr and "damaged" not in result.stderr
    assert digest(live) == before
    # Once there is room again, the database opens as it was.
    with open_database(live, read_only=True) as db:
        assert list_missions(db)
