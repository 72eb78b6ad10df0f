"""Set-ups shared by the document tests: databases to render from, PDFs read back as text.

Test files cannot import helpers by name (no packages, importlib mode), so the helpers
are fixtures that hand back functions.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from missionplanner.cli import main
from missionplanner.services.transfer import import_data, load_demo
from missionplanner.store.database import Database, open_database

# --- databases --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def empty_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed, newly created database; copying it is faster than migrating anew."""
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_database(path).close()
    return path


@pytest.fixture(scope="session")
def database_from(empty_database_file: Path) -> Callable[[Path, dict[str, Any]], Database]:
    """Make a database file at ``path`` holding a mission file; it comes back open.

    The mission file is copied first, so a test's data is never changed by the import.
    The caller closes the database (``with database_from(path, data) as db: ...``).
    """

    def build(path: Path, mission_file: dict[str, Any]) -> Database:
        shutil.copyfile(empty_database_file, path)
        database = open_database(path)
        try:
            import_data(database, copy.deepcopy(mission_file))
        except BaseException:
            database.close()
            raise
        return database

    return build


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo missions in a closed database file; tests open copies of it."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_database(path) as database:
        load_demo(database)
    return path


# --- PDFs read back as text -------------------------------------------------------------


@pytest.fixture(scope="session")
def flat() -> Callable[[str], str]:
    """Text with every run of whitespace as one space."""

    def flatten(text: str) -> str:
        return " ".join(text.split())

    return flatten


@pytest.fixture(scope="session")
def page_texts(flat: Callable[[str], str]) -> Callable[[PdfReader], list[str]]:
    """The text of each page, flattened."""

    def read(reader: PdfReader) -> list[str]:
        return [flat(page.extract_text()) for page in reader.pages]

    return read


@pytest.fixture(scope="session")
def whole_text(page_texts: Callable[[PdfReader], list[str]]) -> Callable[[PdfReader], str]:
    """The flattened text of every page, one after the other."""

    def read(reader: PdfReader) -> str:
        return " ".join(page_texts(reader))

    return read


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], database: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``missionplanner --db DATABASE ARGS`` in this process.

    ``database`` is the test file's own fixture: the path of the database to run on.
    """

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()
        code = main(["--db", str(database), *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(["missionplanner", *args], code, out, err)

    return invoke


@pytest.fixture(scope="session")
def leftovers() -> Callable[[Path], list[str]]:
    """The temporary files an interrupted write would leave in a folder."""

    def find(folder: Path) -> list[str]:
        return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))

    return find
