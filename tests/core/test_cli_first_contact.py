"""A user's first commands: where to start, which ids to use, reports that read clearly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from missionplanner.cli import main
from missionplanner.paths import default_database_path


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``missionplanner ARGS`` in this process."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


@pytest.mark.parametrize(
    "command",
    [
        ["missions"],
        ["missions", "--json"],
        ["check", "m-atl-latam-2027"],
        ["export-json", "-o", "-"],
    ],
)
def test_a_read_on_a_new_machine_says_how_to_start_and_creates_nothing(
    run: Run, command: list[str]
) -> None:
    result = run(*command)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "You have no database yet" in line
    assert "missionplanner import FILE.json" in line
    assert not default_database_path().exists()


def test_after_the_first_import_the_default_database_is_read(run: Run, tmp_path: Path) -> None:
    from missionplanner.paths import demo_mission_file

    assert run("import", str(demo_mission_file())).returncode == 0
    result = run("missions")
    assert result.returncode == 0
    assert "m-atl-latam-2027" in result.stdout
