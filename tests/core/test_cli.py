"""The command line as a user runs it: a real process, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from missionplanner import __version__
from missionplanner.cli import main
from missionplanner.store.database import open_database

MISSION_FILE = {
    "format": "missionplanner/1",
    "organizations": [{"id": "org-sc", "name": "Start-Up Chile", "country": "CL"}],
    "missions": [
        {
            "id": "m-clash",
            "title": "Santiago week",
            "participants": [{"id": "p1", "name": "Cesar Vence"}],
            "stops": [
                {
                    "id": "s1",
                    "city": "Santiago",
                    "country": "CL",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-09",
                }
            ],
            "meetings": [
                {
                    "id": "a",
                    "title": "Start-Up Chile",
                    "stop": "s1",
                    "organizations": ["org-sc"],
                    "start": "2026-10-06T10:00",
                    "end": "2026-10-06T11:00",
                },
                {
                    "id": "b",
                    "title": "Centro de Innovación UC",
                    "stop": "s1",
                    "start": "2026-10-06T10:30",
                    "end": "2026-10-06T11:30",
                },
            ],
        }
    ],
}


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run the command line in this process, as ``missionplanner [--db DB] ARGS``."""

    def invoke(*args: str, db: Path | None = None, env: dict[str, str] | None = None) -> Result:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        code = main([*(["--db", str(db)] if db is not None else []), *args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "missionplanner.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def mission_file(tmp_path: Path) -> Path:
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(MISSION_FILE), encoding="utf-8")
    return path


def test_version_from_a_real_process() -> None:
    result = run_process("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"missionplanner {__version__}"


def test_errors_in_a_real_process_are_one_line_without_traceback(tmp_path: Path) -> None:
    open_database(tmp_path / "plan.sqlite").close()  # an empty database
    result = run_process("--db", str(tmp_path / "plan.sqlite"), "check", "nothing-here")
    assert result.returncode == 2
    assert (
        result.stderr.strip() == "missionplanner: There is no mission with the id “nothing-here”."
    )


def test_import_list_check_and_export(
    run: Callable[..., Result], tmp_path: Path, mission_file: Path
) -> None:
    db = tmp_path / "plan.sqlite"
    imported = run("import", str(mission_file), db=db)
    assert imported.returncode == 0, imported.stderr
    assert (
        "Added: 1 organization, 1 mission, 1 participant, 1 city and 2 meetings." in imported.stdout
    )

    listed = run("missions", "--json", db=db)
    assert listed.returncode == 0
    (summary,) = json.loads(listed.stdout)
    assert summary["id"] == "m-clash"
    assert (summary["start"], summary["end"], summary["meetings"]) == (
        "2026-10-05",
        "2026-10-09",
        2,
    )

    checked = run("check", "m-clash", "--json", db=db)
    assert checked.returncode == 1  # an error-level problem was found
    problems = json.loads(checked.stdout)["problems"]
    assert [p["code"] for p in problems] == ["double-booked"]
    assert set(problems[0]["refs"]) >= {"a", "b", "p1"}
    assert set(problems[0]) == {"severity", "code", "message", "refs", "params"}
    assert problems[0]["message"].startswith("Cesar Vence is double-booked: “Start-Up Chile” ")
    params = problems[0]["params"]
    assert params["people"] == ["Cesar Vence"]
    assert params["first"]["code"] == "check.meeting"
    assert params["first"]["params"]["when"] == {
        "start": "2026-10-06T10:00:00-03:00",
        "end": "2026-10-06T11:00:00-03:00",
    }

    out = tmp_path / "out.json"
    exported = run("export-json", "m-clash", "-o", str(out), db=db)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["missions"][0]["id"] == "m-clash"


def test_global_options_may_follow_the_command(
    run: Callable[..., Result], tmp_path: Path, mission_file: Path
) -> None:
    db = tmp_path / "plan.sqlite"
    assert run("import", str(mission_file), "--db", str(db)).returncode == 0
    assert db.exists()
    result = run("missions", "--db", str(db))
    assert "Santiago week" in result.stdout


def test_database_comes_from_the_environment(
    run: Callable[..., Result], tmp_path: Path, mission_file: Path
) -> None:
    db = tmp_path / "from-env.sqlite"
    result = run("import", str(mission_file), env={"MISSIONPLANNER_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_clean_mission_checks_with_exit_zero(run: Callable[..., Result], tmp_path: Path) -> None:
    data = json.loads(json.dumps(MISSION_FILE))
    data["missions"][0]["meetings"][1]["start"] = "2026-10-06T14:00"
    data["missions"][0]["meetings"][1]["end"] = "2026-10-06T15:00"
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    db = tmp_path / "plan.sqlite"
    assert run("import", str(path), db=db).returncode == 0
    result = run("check", "m-clash", db=db)
    assert result.returncode == 0
    assert "No problems found" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "no-such-mission"], "no mission with the id"),
        (["import", "missing.json"], "There is no file"),
        (["export-json", "ghost", "-o", "x.json"], "no mission with the id"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_two(
    run: Callable[..., Result], tmp_path: Path, args: list[str], words: str
) -> None:
    open_database(tmp_path / "plan.sqlite").close()  # an empty database
    result = run(*args, db=tmp_path / "plan.sqlite")
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("minutes", ["99999999999999", "-5", "1441", "half an hour"])
def test_a_min_gap_out_of_range_names_the_range(
    run: Callable[..., Result], tmp_path: Path, minutes: str
) -> None:
    open_database(tmp_path / "plan.sqlite").close()
    result = run("check", "m-any", "--min-gap", minutes, db=tmp_path / "plan.sqlite")
    assert result.returncode == 2
    said = result.stderr.strip().splitlines()[-1]  # below the command's usage
    assert "--min-gap" in said and "minutes from 0 to 1440" in said
    assert "went wrong" not in result.stderr and "Traceback" not in result.stderr


def test_bad_mission_file_lists_its_problems(run: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    data = json.loads(json.dumps(MISSION_FILE))
    data["missions"][0]["meetings"][0]["end"] = "2026-10-06T09:00"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", str(path), db=tmp_path / "plan.sqlite")
    assert result.returncode == 2
    assert "missions[0].meetings[0].end: ends before it starts" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_database_is_exit_two(run: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("not a database", encoding="utf-8")
    result = run("missions", db=db)
    assert result.returncode == 2
    assert "not a Mission Planner database" in result.stderr
    assert db.read_text(encoding="utf-8") == "not a database"


def test_export_to_an_unwritable_place_is_exit_two(
    run: Callable[..., Result], tmp_path: Path, mission_file: Path
) -> None:
    db = tmp_path / "plan.sqlite"
    run("import", str(mission_file), db=db)
    result = run("export-json", "-o", str(tmp_path / "no" / "such" / "folder.json"), db=db)
    assert result.returncode == 2
    assert "Cannot write" in result.stderr


def test_unknown_command_is_exit_two(run: Callable[..., Result]) -> None:
    result = run("fly-to-the-moon")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown command" in result.stderr


def test_help_lists_the_commands(run: Callable[..., Result]) -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "usage: missionplanner" in result.stdout
    assert "export-json" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["missions"],
        ["check", "m-any"],
        ["export-json", "-o", "out.json"],
        ["briefing", "m-any", "-o", "out.pdf"],
    ],
)
def test_a_mistyped_database_path_is_reported_not_created(
    run: Callable[..., Result], tmp_path: Path, args: list[str]
) -> None:
    typo = tmp_path / "missons.sqlite"
    result = run(*args, db=typo)
    assert result.returncode == 2
    assert f"There is no database at {typo}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not typo.exists()


def test_importing_into_a_new_database_file_creates_it(
    run: Callable[..., Result], tmp_path: Path, mission_file: Path
) -> None:
    fresh = tmp_path / "new.sqlite"
    assert run("import", str(mission_file), db=fresh).returncode == 0
    assert run("missions", db=fresh).returncode == 0
