"""Opening database files: new, ours, and everything that must be refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from missionplanner.domain.forms import MeetingForm, MissionForm
from missionplanner.errors import (
    DatabaseFileError,
    NotADatabaseError,
    SchemaTooNewError,
    StaleRecordError,
    ValidationError,
)
from missionplanner.services import records
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.classify import APPLICATION_ID
from missionplanner.store.database import open_database
from missionplanner.store.schema import Base

START_UP_CHILE = {
    "id": "mt1",
    "title": "Start-Up Chile",
    "stop": "s1",
    "start": "2026-10-06T10:00",
    "end": "2026-10-06T11:00",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan_file(tmp_path: Path, santiago_mission: Callable[..., dict[str, Any]]) -> Path:
    path = tmp_path / "plan.sqlite"
    with open_database(path) as db:
        import_data(db, santiago_mission([START_UP_CHILE]))
    return path


def test_missing_file_is_created_with_folders_at_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "plan.sqlite"
    with open_database(path) as db:
        assert list_missions(db) == []
        with db.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
            pragmas = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "application_id", "synchronous")
            }
    assert pragmas == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "application_id": APPLICATION_ID,
        "synchronous": 2,
    }
    assert sorted(p.name for p in path.parent.iterdir() if "creating" in p.name) == []


def test_database_keeps_data_between_openings(plan_file: Path) -> None:
    with open_database(plan_file) as db:
        (summary,) = list_missions(db)
    assert summary.title == "Santiago exploratory"
    assert summary.meetings == 1


def make_foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('shopping list')")
    connection.commit()
    connection.close()


def make_truncated(path: Path, source: Path) -> None:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, _s: p.write_bytes(b""), "empty file"),
        (lambda p, _s: p.write_bytes(b"Meeting notes, not a database\n" * 10), "not a database"),
        (lambda p, _s: p.write_bytes(bytes(range(256)) * 64), "not a database"),
        (lambda p, _s: make_foreign_sqlite(p), "another application"),
        (lambda p, s: make_truncated(p, s), "damaged"),
    ],
    ids=["empty", "text", "random", "other-application", "truncated"],
)
def test_unusable_files_are_refused_and_left_untouched(
    tmp_path: Path, plan_file: Path, make: object, words: str
) -> None:
    path = tmp_path / "suspect.sqlite"
    make(path, plan_file)  # type: ignore[operator]
    before = digest(path)
    with pytest.raises(NotADatabaseError, match=words):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["suspect.sqlite", "plan.sqlite"])


def test_corrupted_pages_are_refused(tmp_path: Path, plan_file: Path) -> None:
    path = tmp_path / "corrupt.sqlite"
    shutil.copyfile(plan_file, path)
    data = bytearray(path.read_bytes())
    # Keep the header (and so our application id), scribble over the schema page.
    for offset in range(100, 4096):
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="damaged"):
        open_database(path)
    assert digest(path) == before


def test_database_from_a_newer_version_is_refused_untouched(plan_file: Path) -> None:
    connection = sqlite3.connect(plan_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = digest(plan_file)
    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(plan_file)
    assert digest(plan_file) == before


def test_read_only_database_refuses_changes(plan_file: Path) -> None:
    before = digest(plan_file)
    with open_database(plan_file, read_only=True) as db:
        (summary,) = list_missions(db)
        with pytest.raises(DatabaseFileError, match="read-only"):
            records.change(db, MissionForm, summary.id, summary.version, title="Changed")
    assert digest(plan_file) == before


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError, match="no database"):
        open_database(tmp_path / "absent.sqlite", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_update_from_a_stale_copy_is_refused(plan_file: Path) -> None:
    # Two windows (two connections) read the same mission at version 1.
    with open_database(plan_file) as first, open_database(plan_file) as second:
        (seen_by_first,) = list_missions(first)
        (seen_by_second,) = list_missions(second)
        new_version = records.change(
            first, MissionForm, seen_by_first.id, seen_by_first.version, title="Chile and Colombia"
        )
        assert new_version == seen_by_first.version + 1
        with pytest.raises(StaleRecordError, match="changed elsewhere"):
            records.change(
                second, MissionForm, seen_by_second.id, seen_by_second.version, title="Overwritten"
            )
        (now,) = list_missions(second)
    assert now.title == "Chile and Colombia"
    assert now.version == new_version


def test_stale_meeting_move_is_refused_and_a_fresh_one_lands(plan_file: Path) -> None:
    with open_database(plan_file) as db:
        records.change(
            db,
            MeetingForm,
            "mt1",
            1,
            start_local=datetime(2026, 10, 6, 11, 0),
            end_local=datetime(2026, 10, 6, 12, 0),
        )
        with pytest.raises(StaleRecordError):
            records.change(
                db,
                MeetingForm,
                "mt1",
                1,
                start_local=datetime(2026, 10, 6, 15, 0),
                end_local=datetime(2026, 10, 6, 16, 0),
            )
        records.change(
            db,
            MeetingForm,
            "mt1",
            2,
            start_local=datetime(2026, 10, 6, 15, 0),
            end_local=datetime(2026, 10, 6, 16, 0),
        )


def test_moving_a_meeting_into_the_clock_gap_is_explained(plan_file: Path) -> None:
    with open_database(plan_file) as db, pytest.raises(ValidationError) as raised:
        records.change(
            db,
            MeetingForm,
            "mt1",
            1,
            start_local=datetime(2026, 9, 6, 0, 30),
            end_local=datetime(2026, 9, 6, 1, 30),
        )
    message = str(raised.value)
    assert "Start-Up Chile" in message and "does not exist" in message


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from missionplanner.services import records
    from missionplanner.store.database import open_database
    from missionplanner.store.schema import Mission

    db = open_database(Path(sys.argv[1]))
    for _ in range(int(sys.argv[2])):
        # Read then write in one unit of work, as every edit does.
        with db.writing() as session:
            mission = session.get(Mission, "m1")
            mission.objectives = str(int(mission.objectives or "0") + 1)
    db.close()
    """
)


def test_two_processes_writing_at_once_lose_nothing(plan_file: Path) -> None:
    rounds = 150
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(plan_file), str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], errors
    with open_database(plan_file) as db, db.reading() as session:
        from missionplanner.store.schema import Mission

        mission = session.get(Mission, "m1")
        assert mission is not None
        assert mission.objectives == str(2 * rounds)


def test_new_records_get_a_uuid_timestamps_and_version_one(tmp_path: Path) -> None:
    import uuid

    from missionplanner.store.schema import Mission

    with open_database(tmp_path / "plan.sqlite") as db:
        with db.writing() as session:
            mission = Mission(title="Inbound delegation", home_timezone="America/New_York")
            session.add(mission)
            session.flush()
            mission_id = mission.id
        with db.reading() as session:
            stored = session.get(Mission, mission_id)
            assert stored is not None
            assert uuid.UUID(stored.id).version == 4
            assert stored.version == 1
            assert stored.updated_at >= stored.created_at


def test_new_database_never_inherits_a_deleted_ones_leftover_wal(
    tmp_path: Path, santiago_mission: Callable[..., dict[str, Any]]
) -> None:
    path = tmp_path / "plan.sqlite"
    with open_database(path) as db:
        import_data(db, santiago_mission([START_UP_CHILE]))
        # Keep a reader open so the WAL is not folded back in when the writer closes.
        holder = sqlite3.connect(path)
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("SELECT count(*) FROM missions").fetchall()
        with db.writing() as session:
            from missionplanner.store.schema import Mission

            session.get(Mission, "m1").title = "Only in the WAL"  # type: ignore[union-attr]
        leftover = path.with_name(path.name + "-wal").read_bytes()
        holder.close()
    path.unlink()
    path.with_name(path.name + "-wal").write_bytes(leftover)
    with open_database(path) as fresh:
        assert list_missions(fresh) == []
