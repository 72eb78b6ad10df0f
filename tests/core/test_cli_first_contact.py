"""A user's first commands: where to start, which ids to use, reports that read clearly."""

from __future__ import annotations

import json
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
        ["participants", "m-atl-latam-2027"],
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


ATLANTA = "m-atl-latam-2027"


@pytest.fixture
def demo(run: Run, tmp_path: Path) -> Path:
    db = tmp_path / "plan.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    return db


def test_participants_lists_the_ids_participant_takes(run: Run, demo: Path) -> None:
    result = run("--db", str(demo), "participants", ATLANTA)
    assert result.returncode == 0
    first, *people = result.stdout.splitlines()
    assert "--participant" in first
    assert any(line.split()[0].startswith("p-") and " · " in line for line in people)

    listed = json.loads(run("--db", str(demo), "participants", ATLANTA, "--json").stdout)
    assert {"id", "name", "role", "organization"} <= set(listed[0])
    person = listed[0]["id"]
    # Every id listed is one --participant takes.
    out = demo.parent / "own.ics"
    taken = run("--db", str(demo), "ics", ATLANTA, "-o", str(out), "--participant", person)
    assert taken.returncode == 0, taken.stderr


def test_missions_json_names_each_delegation(run: Run, demo: Path) -> None:
    missions = json.loads(run("--db", str(demo), "missions", "--json").stdout)
    atlanta = next(m for m in missions if m["id"] == ATLANTA)
    assert len(atlanta["delegation"]) == atlanta["participants"] >= 1
    assert {"id", "name", "role", "organization"} <= set(atlanta["delegation"][0])


def test_participants_of_an_unknown_mission_is_one_line(run: Run, demo: Path) -> None:
    result = run("--db", str(demo), "participants", "m-nowhere")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no mission with the id “m-nowhere”" in result.stderr


def test_an_unknown_participant_is_answered_with_the_valid_ids(run: Run, demo: Path) -> None:
    listed = json.loads(run("--db", str(demo), "participants", ATLANTA, "--json").stdout)
    out = demo.parent / "own.ics"
    result = run("--db", str(demo), "ics", ATLANTA, "-o", str(out), "--participant", "nobody")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "no participant with the id “nobody”" in line
    for person in listed:
        assert f"“{person['id']}”" in line
    assert not out.exists()


def test_a_large_delegation_is_named_in_part_and_counted(run: Run, tmp_path: Path) -> None:
    people = [{"id": f"p{n:02d}", "name": f"Person {n}"} for n in range(25)]
    mission = {"id": "m-big", "title": "Big delegation", "participants": people}
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"format": "missionplanner/1", "missions": [mission]}))
    db = tmp_path / "plan.sqlite"
    assert run("--db", str(db), "import", str(source)).returncode == 0

    out = tmp_path / "own.pdf"
    result = run("--db", str(db), "itinerary", "m-big", "-o", str(out), "--participant", "x")
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "“p09” (Person 9) and 15 more" in line
    assert "p10" not in line


def test_missions_and_calendars_count_cancelled_meetings_alike(run: Run, demo: Path) -> None:
    listed = run("--db", str(demo), "missions").stdout
    assert "12 meetings (+1 cancelled)" in listed
    out = demo.parent / "all.ics"
    written = run("--db", str(demo), "ics", ATLANTA, "-o", str(out)).stdout
    assert "12 meetings, +1 cancelled" in written
    atlanta = next(
        m
        for m in json.loads(run("--db", str(demo), "missions", "--json").stdout)
        if m["id"] == ATLANTA
    )
    assert (atlanta["meetings"], atlanta["cancelled_meetings"]) == (12, 1)


def test_the_contact_import_report_keeps_additions_and_rejections_apart(
    run: Run, tmp_path: Path
) -> None:
    sheet = tmp_path / "contactos.csv"
    sheet.write_text(
        "Organización;Nombre;Correo\n"
        "Ruta N;Ana Gómez;ana@rutan.co\n"
        ";Ben Ortiz;ben@example.com\n"
        "CIC;Carla Ruiz;carla@cic.com\n",
        encoding="utf-8",
    )
    db = tmp_path / "plan.sqlite"
    result = run("--db", str(db), "import-contacts", str(sheet), "--dry-run", "--good-rows")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    adding = lines.index("To add or update (4):")
    # What stands just above the additions counts good rows first, not only rejected ones.
    assert lines[adding - 1] == "Rows: 2 of 3 can be imported; 1 is rejected (listed below)."
    assert lines[adding + 1 : adding + 5] == [
        "  add organization “Ruta N”  [line 2]",
        "  add organization “CIC”  [line 4]",
        "  add contact “Ana Gómez” of “Ruta N”  [line 2]",
        "  add contact “Carla Ruiz” of “CIC”  [line 4]",
    ]
    rejected = lines.index("Rejected rows (1):")
    assert rejected > adding + 4
    assert lines[rejected + 1].startswith("  line 3:")
