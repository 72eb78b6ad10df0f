"""``missionplanner itinerary`` as a user runs it: exit codes, messages, files left."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from pypdf import PdfReader

from missionplanner.store.database import Database

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


Run = Callable[..., CompletedProcess[str]]
Leftovers = Callable[[Path], list[str]]
WholeText = Callable[[PdfReader], str]


@pytest.fixture
def database(tmp_path: Path, database_from: Callable[[Path, dict[str, Any]], Database]) -> Path:
    path = tmp_path / "plan.sqlite"
    database_from(path, MISSION).close()
    return path


def test_writes_the_itinerary_and_says_where_with_the_page_count(
    run: Run, tmp_path: Path, whole_text: WholeText
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
    text = whole_text(reader)
    assert "Start-Up Chile" in text and "Centro de Innovación UC" in text


def test_one_participant(run: Run, tmp_path: Path, whole_text: WholeText) -> None:
    target = tmp_path / "zoe.pdf"
    result = run("itinerary", "m-cli", "-o", str(target), "--participant", "p-zoe")
    assert result.returncode == 0, result.stderr
    text = whole_text(PdfReader(target))
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
    run: Run, tmp_path: Path, args: tuple[str, ...], message: str, leftovers: Leftovers
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


def test_a_missing_folder_is_an_unwritable_path(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "itinerary.pdf"
    result = run("itinerary", "m-cli", "-o", str(target))
    assert result.returncode == 2
    assert re.match(r"missionplanner: Cannot write .*itinerary\.pdf: ", result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.parent.exists()


def test_a_folder_given_as_the_output_is_refused(
    run: Run, tmp_path: Path, leftovers: Leftovers
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("itinerary", "m-cli", "-o", str(folder))
    assert result.returncode == 2
    assert "it is a folder" in result.stderr
    assert list(folder.iterdir()) == []
    assert leftovers(tmp_path) == []


def test_an_unknown_paper_size_is_bad_input(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "itinerary.pdf"
    result = run("itinerary", "m-cli", "-o", str(target), "--paper", "legal")
    assert result.returncode == 2
    assert "cannot be “legal”" in result.stderr
    assert not target.exists()


def test_output_is_required(run: Run) -> None:
    result = run("itinerary", "m-cli")
    assert result.returncode == 2
    assert "-o/--output" in result.stderr
