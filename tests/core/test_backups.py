"""Backups: verified copies in the user data folder, rotation, and restoring one."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from missionplanner import wording
from missionplanner.domain.forms import MissionForm
from missionplanner.errors import DatabaseFileError, NotADatabaseError, SchemaTooNewError
from missionplanner.messages import Message
from missionplanner.paths import user_data_dir
from missionplanner.services import backups, records
from missionplanner.services.backups import (
    backup_folder,
    backup_if_due,
    backup_is_due,
    backup_to_file,
    backups_to_keep,
    describe_size,
    list_backups,
    make_backup,
    restore,
)
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database

OLD_SCHEMA = Path(__file__).parent.parent / "migrations" / "data" / "schema-0001.sqlite"
NOON = datetime(2026, 10, 20, 12, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_in(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT title FROM missions WHERE id = 'm1'").fetchone()[0])
    finally:
        connection.close()


def retitle(path: Path, title: str) -> None:
    with open_database(path) as db:
        (mission,) = list_missions(db)
        records.change(db, MissionForm, mission.id, mission.version, title=title)


@pytest.fixture
def plan_file(
    tmp_path: Path, empty_database_file: Path, santiago_mission: Callable[..., dict[str, Any]]
) -> Path:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    with open_database(path) as db:
        import_data(db, santiago_mission())
    return path


# --- what the rotation keeps (a pure function) ----------------------------------------


def test_fewer_backups_than_the_limit_are_all_kept() -> None:
    stamps = [NOON - timedelta(days=40 * n) for n in range(6)]
    assert backups_to_keep(stamps, NOON) == set(stamps)


def test_many_backups_in_one_day_keep_the_last_ten() -> None:
    stamps = [NOON - timedelta(minutes=30 * n) for n in range(24)]
    assert backups_to_keep(stamps, NOON) == set(stamps[:10])


def test_one_a_day_is_kept_for_fourteen_days_today_included() -> None:
    # Four backups a day (09:00, 11:00, 13:00, 15:00) for 20 days, ending today.
    stamps = [
        datetime(2026, 10, 20, hour) - timedelta(days=day)
        for day in range(20)
        for hour in (9, 11, 13, 15)
    ]
    now = datetime(2026, 10, 20, 16, 0)
    kept = backups_to_keep(stamps, now)
    newest_ten = set(sorted(stamps, reverse=True)[:10])
    last_of_each_day = {datetime(2026, 10, 20, 15) - timedelta(days=day) for day in range(14)}
    assert kept == newest_ten | last_of_each_day
    assert len(kept) == 10 + 11  # the last of days 0, 1 and 2 are among the newest ten
    assert datetime(2026, 10, 7, 15) in kept  # 13 days back: the oldest day kept
    assert datetime(2026, 10, 6, 15) not in kept  # 14 days back: gone


def test_day_boundaries_are_calendar_days() -> None:
    now = datetime(2026, 10, 20, 0, 5)
    recent = [now - timedelta(minutes=n) for n in range(1, 11)]  # ten, crossing midnight
    early_day = datetime(2026, 10, 7, 0, 0)  # the first minute of the 14th day
    late_day_before = datetime(2026, 10, 6, 23, 59)  # the last minute of the 15th
    kept = backups_to_keep([*recent, early_day, late_day_before], now)
    assert kept == {*recent, early_day}


def test_only_the_newest_of_a_day_beyond_the_last_ten_is_kept() -> None:
    ten_today = [NOON - timedelta(minutes=n) for n in range(10)]
    yesterday = [datetime(2026, 10, 19, hour) for hour in (8, 17, 23)]
    assert backups_to_keep([*ten_today, *yesterday], NOON) == {
        *ten_today,
        datetime(2026, 10, 19, 23),
    }


def test_backups_dated_in_the_future_are_kept() -> None:
    ahead = [NOON + timedelta(days=3, minutes=n) for n in range(3)]
    old = [NOON - timedelta(days=100 + n) for n in range(20)]
    kept = backups_to_keep([*ahead, *old], NOON)
    assert set(ahead) <= kept
    assert len(kept) == 10


def test_limits_are_parameters() -> None:
    stamps = [NOON - timedelta(hours=n) for n in range(72)]
    kept = backups_to_keep(stamps, NOON, keep_last=2, keep_days=3)
    assert kept == {stamps[0], stamps[1], datetime(2026, 10, 19, 23), datetime(2026, 10, 18, 23)}


@pytest.mark.parametrize(
    ("last", "now", "changed", "due"),
    [
        (None, NOON, False, False),
        (None, NOON, True, True),
        (NOON, NOON + timedelta(minutes=29, seconds=59), True, False),
        (NOON, NOON + timedelta(minutes=30), True, True),
        (NOON, NOON + timedelta(hours=5), False, False),
        (NOON, NOON - timedelta(hours=1), True, True),  # the clock went back
        (NOON + timedelta(seconds=1), NOON, True, False),  # dated a second ahead
    ],
)
def test_backup_is_due_after_changes_at_most_every_thirty_minutes(
    last: datetime | None, now: datetime, changed: bool, due: bool
) -> None:
    assert backup_is_due(last, now, changed) is due


def test_sizes_read_like_a_file_manager() -> None:
    assert [str(describe_size(n)) for n in (0, 999, 1000, 84_500, 3_240_000, 12_000_000_000)] == [
        "0 bytes",
        "999 bytes",
        "1.0 KB",
        "84 KB",
        "3.2 MB",
        "12 GB",
    ]


# --- making backups -----------------------------------------------------------------


def test_backup_is_a_verified_copy_in_the_user_data_folder(
    plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    when = datetime(2026, 10, 20, 14, 22, 33, tzinfo=UTC)
    info = make_backup(plan_file, now=when)
    folder = backup_folder(plan_file)
    assert folder.parent == user_data_dir() / "backups"
    assert folder.name.startswith("plan-") and len(folder.name) == len("plan-") + 8
    assert info.path == folder / "plan-20261020-142233Z.sqlite"
    assert info.created == when
    assert info.size == info.path.stat().st_size > 0
    assert integrity(info.path) == "ok"
    assert title_in(info.path) == "Santiago exploratory"
    # One self-contained file: reading it leaves nothing beside it.
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]
    assert list_backups(plan_file) == [info]


def test_backup_holds_commits_still_in_the_wal(plan_file: Path) -> None:
    with open_database(plan_file) as db:
        # A reader keeps the WAL from being folded back into the file.
        holder = sqlite3.connect(plan_file)
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("SELECT count(*) FROM missions").fetchall()
        (mission,) = list_missions(db)
        records.change(db, MissionForm, mission.id, mission.version, title="Only in the WAL")
        assert plan_file.with_name("plan.sqlite-wal").stat().st_size > 0
        info = make_backup(plan_file)
        holder.close()
    assert title_in(info.path) == "Only in the WAL"


def test_each_database_has_its_own_backup_folder(tmp_path: Path, plan_file: Path) -> None:
    other = tmp_path / "elsewhere" / "plan.sqlite"
    other.parent.mkdir()
    shutil.copyfile(plan_file, other)
    assert backup_folder(other) != backup_folder(plan_file)
    make_backup(other)
    assert list_backups(plan_file) == []
    assert len(list_backups(other)) == 1


def test_two_backups_in_the_same_second_both_stay(plan_file: Path) -> None:
    when = datetime(2026, 10, 20, 14, 0, 0, tzinfo=UTC)
    first = make_backup(plan_file, now=when)
    second = make_backup(plan_file, now=when)
    assert first.path != second.path
    assert second.created == when + timedelta(seconds=1)
    assert len(list_backups(plan_file)) == 2


def test_rotation_removes_the_oldest_backups(plan_file: Path) -> None:
    start = datetime(2026, 10, 20, 8, 0, tzinfo=UTC)
    made = [make_backup(plan_file, now=start + timedelta(minutes=30 * n)) for n in range(13)]
    assert [b.path for b in list_backups(plan_file)] == [b.path for b in reversed(made[3:])]
    assert not any(b.path.exists() for b in made[:3])


def test_leftovers_of_an_interrupted_backup_are_removed_later(plan_file: Path) -> None:
    folder = backup_folder(plan_file)
    folder.mkdir(parents=True)
    abandoned = folder / "plan-20261001-000000Z.sqlite.partial"
    abandoned.write_bytes(b"half a copy")
    fresh = folder / "plan-20261020-120000Z.sqlite.partial"
    fresh.write_bytes(b"being written right now")
    two_hours_ago = datetime.now().timestamp() - 7200
    os.utime(abandoned, (two_hours_ago, two_hours_ago))
    make_backup(plan_file)
    assert not abandoned.exists()
    assert fresh.exists()


def test_a_failed_backup_leaves_no_file(tmp_path: Path, plan_file: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(plan_file.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseFileError, match="damaged") as raised:
        make_backup(damaged)
    assert "Traceback" not in str(raised.value)
    folder = backup_folder(damaged)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_backing_up_a_missing_database_says_so(tmp_path: Path) -> None:
    with pytest.raises(DatabaseFileError, match="no database"):
        make_backup(tmp_path / "absent.sqlite")
    assert not (user_data_dir() / "backups").exists() or not any(
        (user_data_dir() / "backups").rglob("*.sqlite")
    )


def test_backup_if_due_backs_up_after_changes_only(plan_file: Path) -> None:
    now = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)
    assert backup_if_due(plan_file, None, now, changed=False) is None
    first = backup_if_due(plan_file, None, now, changed=True)
    assert first is not None
    assert backup_if_due(plan_file, first.created, now + timedelta(minutes=10), True) is None
    closing = backup_if_due(
        plan_file, first.created, now + timedelta(minutes=10), True, interval=timedelta(0)
    )
    assert closing is not None
    later = backup_if_due(plan_file, closing.created, now + timedelta(minutes=41), True)
    assert later is not None
    assert len(list_backups(plan_file)) == 3


def test_backup_to_a_chosen_file(
    tmp_path: Path, plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    (tmp_path / "usb").mkdir()
    target = tmp_path / "usb" / "copy.sqlite"
    info = backup_to_file(plan_file, target)
    assert info.path == target and integrity(target) == "ok"
    assert title_in(target) == "Santiago exploratory"
    assert list_backups(plan_file) == []  # chosen files are not rotated


@pytest.mark.parametrize("name", ["plan.sqlite", "plan.sqlite-wal", "."])
def test_backup_never_overwrites_the_database_or_a_folder(plan_file: Path, name: str) -> None:
    before = digest(plan_file)
    with pytest.raises(DatabaseFileError, match=r"database itself|folder"):
        backup_to_file(plan_file, plan_file.parent / name)
    assert digest(plan_file) == before


# --- restoring ----------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_current_database(
    plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    backup = make_backup(plan_file)
    retitle(plan_file, "Changed after the backup")
    result = restore(backup.path, plan_file)
    assert title_in(plan_file) == "Santiago exploratory"
    assert integrity(plan_file) == "ok"
    assert result.kept is not None and not result.kept_damaged
    assert title_in(result.kept) == "Changed after the backup"
    assert integrity(result.kept) == "ok"
    kept_info = next(b for b in list_backups(plan_file) if b.path == result.kept)
    assert kept_info.before_restore
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan.sqlite"]
    lines = wording.lines(result.messages())
    assert lines[0] == f"Restored {plan_file} from {backup.path.name}."
    assert lines[1] == f"The database as it was before is kept in {result.kept}."
    with open_database(plan_file) as db:
        assert [m.title for m in list_missions(db)] == ["Santiago exploratory"]


def test_restore_never_replays_the_old_wal_into_the_restored_file(
    plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    backup = make_backup(plan_file)
    wal = plan_file.with_name("plan.sqlite-wal")
    with open_database(plan_file) as db:
        holder = sqlite3.connect(plan_file)
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("SELECT count(*) FROM missions").fetchall()
        (mission,) = list_missions(db)
        records.change(db, MissionForm, mission.id, mission.version, title="Only in the WAL")
        # The files as a killed app leaves them: the last commit only in the WAL.
        left_behind = plan_file.read_bytes(), wal.read_bytes()
        holder.close()
    plan_file.write_bytes(left_behind[0])
    wal.write_bytes(left_behind[1])
    assert wal.stat().st_size > 0
    result = restore(backup.path, plan_file)
    assert not wal.exists()
    assert integrity(plan_file) == "ok"
    assert title_in(plan_file) == "Santiago exploratory"
    assert result.kept is not None and title_in(result.kept) == "Only in the WAL"


def test_restore_into_a_missing_database_creates_it(tmp_path: Path, plan_file: Path) -> None:
    backup = make_backup(plan_file)
    target = tmp_path / "new" / "restored.sqlite"
    target.parent.mkdir()
    result = restore(backup.path, target)
    assert result.kept is None and result.messages()[1] == Message("restore.nothing-kept")
    assert title_in(target) == "Santiago exploratory"


def test_restore_over_a_damaged_database_keeps_it_byte_for_byte(
    plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    backup = make_backup(plan_file)
    data = bytearray(plan_file.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)
    plan_file.write_bytes(bytes(data))
    damaged = digest(plan_file)
    result = restore(backup.path, plan_file)
    assert result.kept_damaged and result.kept is not None
    assert digest(result.kept) == damaged
    assert result.messages()[1] == Message("restore.kept-damaged", kept=result.kept)
    assert result.kept not in [b.path for b in list_backups(plan_file)]
    assert integrity(plan_file) == "ok"


def test_restore_of_an_older_version_backup_upgrades_on_opening(
    tmp_path: Path, plan_file: Path
) -> None:
    old = tmp_path / "old-backup.sqlite"
    shutil.copyfile(OLD_SCHEMA, old)
    result = restore(old, plan_file)
    assert result.needs_upgrade and result.messages()[-1] == Message("restore.upgraded-on-open")
    with open_database(plan_file) as db:
        assert db.upgrade_backup is not None
        assert list_missions(db)


def make_foreign(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    connection.close()


def make_too_new(path: Path, source: Path) -> None:
    shutil.copyfile(source, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()


def make_damaged(path: Path, source: Path) -> None:
    data = bytearray(source.read_bytes())
    data[100:4096] = b"\x5a" * (4096 - 100)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda p, _s: p.write_bytes(b""), NotADatabaseError, "empty file"),
        (lambda p, _s: p.write_text("Meeting notes\n" * 20), NotADatabaseError, "not a database"),
        (lambda p, _s: make_foreign(p), NotADatabaseError, "another application"),
        (make_damaged, NotADatabaseError, "damaged"),
        (make_too_new, SchemaTooNewError, "newer version"),
        (lambda p, _s: p.mkdir(), DatabaseFileError, "folder"),
        (lambda _p, _s: None, DatabaseFileError, "no file"),
    ],
    ids=["empty", "text", "other-application", "damaged", "too-new", "folder", "missing"],
)
def test_restore_refuses_what_is_not_a_mission_planner_database(
    tmp_path: Path, plan_file: Path, make: object, error: type[Exception], words: str
) -> None:
    suspect = tmp_path / "suspect.sqlite"
    make(suspect, plan_file)  # type: ignore[operator]
    before = digest(plan_file)
    with pytest.raises(error, match=words) as raised:
        restore(suspect, plan_file)
    assert "Nothing was restored" in str(raised.value)
    assert digest(plan_file) == before
    assert not backup_folder(plan_file).exists()
    assert not plan_file.with_name("plan.sqlite.restoring").exists()


def test_restore_refuses_the_database_itself(plan_file: Path) -> None:
    before = digest(plan_file)
    with pytest.raises(DatabaseFileError, match="database itself"):
        restore(plan_file, plan_file)
    assert digest(plan_file) == before


def test_restore_refuses_to_replace_another_applications_file(
    tmp_path: Path, plan_file: Path
) -> None:
    backup = make_backup(plan_file)
    foreign = tmp_path / "notes.sqlite"
    make_foreign(foreign)
    before = digest(foreign)
    with pytest.raises(NotADatabaseError, match="another application"):
        restore(backup.path, foreign)
    assert digest(foreign) == before


def test_restore_that_cannot_keep_a_copy_changes_nothing(plan_file: Path) -> None:
    backup = make_backup(plan_file, now=datetime(2026, 10, 20, tzinfo=UTC))
    retitle(plan_file, "Current work")
    before = digest(plan_file)
    # The backups folder cannot take another file: a file sits where the copy must go.
    blocker = backup_folder(plan_file)
    moved = blocker.with_name("moved-away")
    blocker.rename(moved)
    blocker.write_text("in the way")
    with pytest.raises(DatabaseFileError, match="Nothing was restored"):
        restore(moved / backup.name, plan_file)
    assert digest(plan_file) == before
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["plan.sqlite"]


def test_restore_refuses_while_another_program_is_reading(
    plan_file: Path, integrity: Callable[[Path], str]
) -> None:
    backup = make_backup(plan_file)
    retitle(plan_file, "Current work")
    reader = sqlite3.connect(plan_file, isolation_level=None)
    try:
        # An open read transaction on an older snapshot blocks the WAL from being folded.
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM missions").fetchall()
        retitle(plan_file, "Newer work")
        with pytest.raises(DatabaseFileError, match="in use"):
            restore(backup.path, plan_file)
    finally:
        reader.close()
    assert title_in(plan_file) == "Newer work"
    assert integrity(plan_file) == "ok"


def test_backups_module_never_imports_qt() -> None:
    assert "PySide6" not in backups.__dict__
