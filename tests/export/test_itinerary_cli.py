"""``missionplanner itinerary`` as a user runs it: exit codes, messages, files left."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from missionplanner.cli import main
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database

MISSION = {
    "format": "missionplanner/1",
    "missions": [
        {
            "id": "m-cli",
            "title": "Santiago week",
            "organizer": "Invest Atlanta",
            "participants": [
                {"id": "p-cesar", "name": "Cesar Vence"},
                {"id": "p-zoe", "name": "Zoë Özdemir"},
            ],
            "stops": [
                {
                    "id": "s1",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-08",
                    "hotel": "The Ritz-Carlton, Santiago",
                }
            ],
            "meetings": [
                {
                    "id": "a",
                    "title": "Start-Up Chile",
                    "stop": "s1",
                    "start": "2026-10-06T10:00",
                    "end": "2026-10-06T11:00",
                    "attendees": ["p-cesar"],
                },
                {
                    "id": "b",
                    "title": "Centro de Innovación UC",
                    "stop": "s1",
                    "start": "2026-10-07T10:30",
                    "end": "2026-10-07T11:30",
                    "attendees": ["p-zoe"],
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
def database(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    with open_database(path) as db:
        import_data(db, copy.deepcopy(MISSION))
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], database: Path) -> Callable[..., Result]:
    """Run ``missionplanner --db DATABASE ARGS`` in this process."""

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = main(["--db", str(database), *args])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return invoke


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_the_itinerary_and_says_where_with_the_page_count(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "itinerary.pdf"
    target.parent.mkdir()
    result = run("itinerary", "m-cli", "-o", str(target), "--paper", "a4")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(target)
    pages = len(reader.pages)
    noun = "page" if pages == 1 else "pages"
    assert result.stdout.strip() == f"Wrote the itinerary to {target} ({pages} {noun})."
    assert result.stderr == ""
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Start-Up Chile" in text and "Centro de Innovación UC" in text


def test_one_participant(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "zoe.pdf"
    result = run("itinerary", "m-cli", "-o", str(target), "--participant", "p-zoe")
    assert result.returncode == 0, result.stderr
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Itinerary of Zoë Özdemir" in text
    assert "Centro de Innovación UC" in text
    assert "Start-Up Chile" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("m-nothing",), "There is no mission with the id “m-nothing”."),
        (("m-cli", "--participant", "p-nobody"), "no participant with the id “p-nobody”"),
    ],
)
def test_unknown_mission_or_participant_exit_2_and_leave_the_target_alone(
    run: Callable[..., Result], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "itinerary.pdf"
    target.write_bytes(b"an older itinerary")
    result = run("itinerary", args[0], "-o", str(target), *args[1:])
    assert result.returncode == 2
    assert result.stderr.startswith("missionplanner: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"an older itinerary"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_unwritable_path(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "itinerary.pdf"
    result = run("itinerary", "m-cli", "-o", str(target))
    assert result.returncode == 2
    assert re.match(r"missionplanner: Cannot write .*itinerary\.pdf: ", result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.parent.exists()


def test_a_folder_given_as_the_output_is_refused(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("itinerary", "m-cli", "-o", str(folder))
    assert result.returncode == 2
    assert "it is a folder" in result.stderr
    assert list(folder.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_an_unknown_paper_size_is_bad_input(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "itinerary.pdf"
    result = run("itinerary", "m-cli", "-o", str(target), "--paper", "legal")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert not target.exists()


def test_output_is_required(run: Callable[..., Result]) -> None:
    result = run("itinerary", "m-cli")
    assert result.returncode == 2
    assert "-o/--output" in result.stderr
