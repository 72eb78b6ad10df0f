"""``missionplanner ics``: a calendar file from the command line, errors in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from missionplanner.cli import main

MISSION = "m-atl-latam-2027"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ics-cli") / "plan.sqlite"
    assert main(["--db", str(path), "demo"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_ics_writes_the_calendar_and_says_what_it_wrote(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mission.ics"
    code, out, err = run(capsys, "--db", str(demo_db), "ics", MISSION, "-o", str(target))
    assert code == 0, err
    calendar = Calendar.from_ical(target.read_bytes())
    events = calendar.events
    assert len(events) == 18
    assert out.strip() == (
        "Wrote 18 events (12 meetings, +1 cancelled; 5 trips) of “Invest Atlanta exploratory "
        f"mission to Chile and Colombia” to {target}."
    )


def test_ics_for_one_participant(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everyone, one = tmp_path / "all.ics", tmp_path / "one.ics"
    assert run(capsys, "--db", str(demo_db), "ics", MISSION, "-o", str(everyone))[0] == 0
    code, out, err = run(
        capsys,
        "--db",
        str(demo_db),
        "ics",
        MISSION,
        "-o",
        str(one),
        "--participant",
        "p-atl27-programs-officer",
    )
    assert code == 0, err
    assert "for International programs officer (Invest Atlanta)" in out
    all_uids = {str(e["UID"]) for e in Calendar.from_ical(everyone.read_bytes()).events}
    own_uids = {str(e["UID"]) for e in Calendar.from_ical(one.read_bytes()).events}
    # Only Cesar Vence goes to the Ruta N soft-landing meeting.
    assert own_uids == all_uids - {"meeting-mt-atl27-rutan-softlanding@missionplanner"}


def test_ics_works_on_a_read_only_database(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "m.ics"
    code, _out, err = run(
        capsys, "--db", str(demo_db), "--read-only", "ics", MISSION, "-o", str(target)
    )
    assert code == 0, err
    assert target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ics", "no-such-mission", "-o", "{out}/m.ics"], "There is no mission with the id"),
        (
            ["ics", MISSION, "-o", "{out}/m.ics", "--participant", "nobody"],
            "has no participant with the id “nobody”",
        ),
        (["ics", MISSION, "-o", "{out}/no/such/folder/m.ics"], "Cannot write"),
        (["ics", MISSION, "-o", "{out}"], "it is a folder"),
    ],
)
def test_bad_input_is_one_clear_line_exit_two_and_no_file(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _out, err = run(capsys, "--db", str(demo_db), *(a.format(out=out_dir) for a in args))
    assert code == 2
    assert words in err
    assert err.startswith("missionplanner: ")
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_ics_in_a_real_process(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.ics"
    command = [sys.executable, "-m", "missionplanner.cli", "--db", str(demo_db)]
    result = subprocess.run(
        [*command, "ics", MISSION, "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 18 events")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_missing_output_is_a_usage_error(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", str(demo_db), "ics", MISSION)
    assert code == 2
    assert "-o/--output" in err
