"""``missionplanner briefing`` as a user runs it: exit codes, messages, files left."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
from pypdf import PdfReader

from missionplanner.store.database import Database

MISSION = {
    "format": "missionplanner/1",
    "organizations": [{"id": "org-sc", "name": "Start-Up Chile", "country": "CL"}],
    "missions": [
        {
            "id": "m-cli",
            "title": "Santiago week",
            "organizer": "Invest Atlanta",
            "participants": [{"id": "p-cesar", "name": "Cesar Vence"}],
            "stops": [
                {
                    "id": "s1",
                    "city": "Santiago",
                    "country": "CL",
                    "timezone": "America/Santiago",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-08",
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
                    "start": "2026-10-07T10:30",
                    "end": "2026-10-07T11:30",
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


def test_writes_the_pack_and_says_where_with_the_page_count(
    run: Run, tmp_path: Path, leftovers: Leftovers, whole_text: WholeText
) -> None:
    target = tmp_path / "briefing.pdf"
    result = run("briefing", "m-cli", "-o", str(target), "--paper", "a4")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(target)
    pages = len(reader.pages)
    assert result.stdout.strip() == f"Wrote the briefing pack to {target} ({pages} pages)."
    assert result.stderr == ""
    size = reader.pages[0].mediabox
    assert (round(float(size.width)), round(float(size.height))) == (595, 842)
    text = whole_text(PdfReader(target))
    assert "Start-Up Chile" in text and "Centro de Innovación UC" in text
    assert "Confidential" not in text
    assert leftovers(tmp_path) == []


def test_the_confidentiality_line_and_letter_paper(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "briefing.pdf"
    line = "Confidential — Invest Atlanta & partners <only>"
    result = run(
        "briefing", "m-cli", "-o", str(target), "--confidential", line, "--paper", "letter"
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(target)
    assert round(float(reader.pages[0].mediabox.width)) == 612
    for page in reader.pages:
        assert line in " ".join(page.extract_text().split())


def test_an_unknown_mission_is_exit_2_and_leaves_the_target_alone(
    run: Run, tmp_path: Path, leftovers: Leftovers
) -> None:
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"an older pack")
    result = run("briefing", "m-nothing", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr == "missionplanner: There is no mission with the id “m-nothing”.\n"
    assert target.read_bytes() == b"an older pack"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_unwritable_path(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "briefing.pdf"
    result = run("briefing", "m-cli", "-o", str(target))
    assert result.returncode == 2
    assert re.match(r"missionplanner: Cannot write .*briefing\.pdf: ", result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.parent.exists()


def test_a_file_in_place_of_the_folder_is_an_unwritable_path(
    run: Run, tmp_path: Path, leftovers: Leftovers
) -> None:
    # Works the same for every user, root included (permissions would not stop root).
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    result = run("briefing", "m-cli", "-o", str(blocker / "briefing.pdf"))
    assert result.returncode == 2
    assert "Cannot write" in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text() == "not a folder"
    assert leftovers(tmp_path) == []


def test_a_folder_given_as_the_output_is_refused(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("briefing", "m-cli", "-o", str(folder))
    assert result.returncode == 2
    assert "it is a folder" in result.stderr
    assert list(folder.iterdir()) == []


def test_an_unknown_paper_size_is_bad_input(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "briefing.pdf"
    result = run("briefing", "m-cli", "-o", str(target), "--paper", "legal")
    assert result.returncode == 2
    assert "cannot be “legal”" in result.stderr
    assert not target.exists()


def test_as_a_real_process(database: Path, tmp_path: Path, whole_text: WholeText) -> None:
    target = tmp_path / "pack.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "missionplanner.cli",
            "--db",
            str(database),
            "briefing",
            "m-cli",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Wrote the briefing pack to ")
    assert "Santiago week" in whole_text(PdfReader(target))
