"""Fixtures shared by the core tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
