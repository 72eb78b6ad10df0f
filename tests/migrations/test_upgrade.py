"""Databases of every released schema upgrade to the newest one without losing a row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from missionplanner.services.missions import load_plan
from missionplanner.store.database import open_database
from missionplanner.store.migrate import head_revision
from missionplanner.store.schema import Base

DATA = Path(__file__).parent / "data"
OLD_DATABASES = sorted(DATA.glob("schema-*.sqlite"))
TABLES = [
    "organizations",
    "contacts",
    "missions",
    "participants",
    "stops",
    "travel_segments",
    "travel_participants",
    "meetings",
    "meeting_organizations",
    "meeting_contacts",
    "meeting_attendees",
    "follow_ups",
]


def row_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        connection.close()


def test_there_is_an_old_database_to_upgrade() -> None:
    assert OLD_DATABASES, "commit a database of each released schema in tests/migrations/data"


@pytest.mark.parametrize("original", OLD_DATABASES, ids=lambda p: p.stem)
def test_old_database_upgrades_keeping_every_row(original: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(original, path)
    before = row_counts(path)
    assert all(before.values()), "the old database must hold data in every table"

    db = open_database(path)
    try:
        assert db.upgrade_backup is not None and db.upgrade_backup.exists()
        assert row_counts(db.upgrade_backup) == before
        with db.engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar() == head_revision()
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            assert differences == []
        plan = load_plan(db, "m-old")
    finally:
        db.close()
    assert row_counts(path) == before
    assert [m.title for m in plan.meetings] == ["Ruta N visit"]
    assert plan.meetings[0].attendee_ids == {"p-cesar", "p-ana"}


def test_upgraded_database_opens_again_without_a_new_backup(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(OLD_DATABASES[0], path)
    open_database(path).close()
    backups = set(tmp_path.glob("*.before-upgrade-*"))
    db = open_database(path)
    db.close()
    assert db.upgrade_backup is None
    assert set(tmp_path.glob("*.before-upgrade-*")) == backups
