"""Fixtures shared by the core tests."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from missionplanner.store.database import Database, open_database


@pytest.fixture(scope="session")
def empty_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed, newly created database; copying it is faster than migrating anew."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(path).close()
    return path


@pytest.fixture
def db(tmp_path: Path, empty_database_file: Path) -> Iterator[Database]:
    """A fresh, real SQLite database file under ``tmp_path``, closed after the test."""
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    database = open_database(path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(scope="session")
def integrity() -> Callable[[Path], str]:
    """``PRAGMA integrity_check`` of a database file opened read only: "ok" when whole."""

    def check(path: Path) -> str:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            connection.close()

    return check


@pytest.fixture(scope="session")
def santiago_mission() -> Callable[..., dict[str, Any]]:
    """A mission file with one mission, m1 "Santiago exploratory" with its stop s1.

    Called with a list of meetings, the mission holds them (at stop s1).
    """

    def build(meetings: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        mission: dict[str, Any] = {
            "id": "m1",
            "title": "Santiago exploratory",
            "home_timezone": "America/New_York",
            "stops": [
                {
                    "id": "s1",
                    "city": "Santiago",
                    "country": "CL",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-08",
                }
            ],
        }
        if meetings is not None:
            mission["meetings"] = meetings
        return {"format": "missionplanner/1", "missions": [mission]}

    return build
