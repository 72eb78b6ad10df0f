"""Documents of hostile missions: each builds (no layout error), shows what it holds or
says what it leaves out, and what cannot be built is refused in one line, exit 2.

Line breaks in one-line fields are refused on every road in, but a database written by
another program (or an older version) may hold them; they are written here with SQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from missionplanner.checks import LISTED_PER_KIND, check, tally
from missionplanner.export.limits import MOST_MEETINGS
from missionplanner.services.documents import export_briefing, export_itinerary
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database

Build = Callable[[Path, dict[str, Any]], Database]
Run = Callable[..., CompletedProcess[str]]
WholeText = Callable[[PdfReader], str]
Leftovers = Callable[[Path], list[str]]

LINES = 60
CONTACTS = 60


def _mission(**changes: Any) -> dict[str, Any]:
    mission: dict[str, Any] = {
        "id": "m",
        "title": "Bogotá week",
        "organizer": "Invest Atlanta",
        "participants": [
            {"id": "p-ann", "name": "Ann Lee"},
            {"id": "p-bob", "name": "Bob Ruiz"},
        ],
        "stops": [
            {
                "id": "s1",
                "city": "Bogotá",
                "country": "CO",
                "timezone": "America/Bogota",
                "arrive": "2026-10-05",
                "depart": "2026-10-08",
                "hotel": "Hotel Tequendama",
            }
        ],
        "meetings": [
            {
                "id": "a",
                "title": "Ruta N",
                "stop": "s1",
                "start": "2026-10-06T10:00",
                "end": "2026-10-06T11:00",
                "venue": "Calle 67",
                "attendees": ["p-ann"],
            }
        ],
    }
    mission.update(changes)
    return mission


def _file(mission: dict[str, Any], organizations: list[dict[str, Any]] | None = None) -> Any:
    return {
        "format": "missionplanner/1",
        "organizations": organizations or [],
        "missions": [mission],
    }


def _lines(word: str) -> str:
    return "\n".join(f"{word} {n}" for n in range(LINES))


def _with_contacts() -> Any:
    people = [
        {
            "id": f"c{n}",
            "name": f"Contact {n}",
            "title": "Head of international partnerships and investment promotion",
            "phone": "+57 601 234 5678",
        }
        for n in range(CONTACTS)
    ]
    mission = _mission()
    mission["meetings"][0]["contacts"] = [p["id"] for p in people]
    organization = {"id": "o", "name": "Ruta N", "country": "CO", "contacts": people}
    return _file(mission, [organization])


def _five_years() -> Any:
    first = date(2026, 1, 5)
    last = first + timedelta(days=1825)
    meeting = _mission()["meetings"][0]
    closing = {**meeting, "id": "z", "title": "Closing review"}
    closing["start"], closing["end"] = f"{last}T10:00", f"{last}T11:00"
    opening = {**meeting, "start": f"{first}T10:00", "end": f"{first}T11:00"}
    stop = {**_mission()["stops"][0], "arrive": str(first), "depart": str(last)}
    return _file(_mission(stops=[stop], meetings=[opening, closing]))


def _weekend_meetings(count: int) -> list[dict[str, Any]]:
    """Meetings on Saturdays: one warning of one kind each."""
    first = date(2026, 10, 3)  # a Saturday
    meetings = []
    for n in range(count):
        day = first + timedelta(weeks=n // 5)
        hour = 9 + n % 5
        meetings.append(
            {
                "id": f"w{n}",
                "title": f"Saturday visit {n}",
                "stop": "s1",
                "start": f"{day}T{hour:02d}:00",
                "end": f"{day}T{hour:02d}:30",
            }
        )
    return meetings


def _many_weekend_problems() -> Any:
    meetings = _weekend_meetings(LISTED_PER_KIND + 40)
    last = date(2026, 10, 3) + timedelta(weeks=len(meetings) // 5 + 1)
    stop = {**_mission()["stops"][0], "arrive": "2026-10-03", "depart": str(last)}
    return _file(_mission(stops=[stop], meetings=meetings))


def _set(sql: str) -> Callable[[Database], None]:
    def change(db: Database) -> None:
        with db.engine.begin() as connection:
            connection.execute(sa.text(sql), {"value": _lines("Line")})

    return change


def _as_it_is(_db: Database) -> None:
    pass


# (id, mission file, change to the database, texts each document must hold)
CASES: list[tuple[str, Any, Callable[[Database], None], dict[str, list[str]]]] = [
    (
        "60 contacts on a meeting",
        _with_contacts(),
        _as_it_is,
        {
            "itinerary": ["Contact 0", f"and {CONTACTS - 8} more"],
            "briefing": ["Contact 0", f"Contact {CONTACTS - 1}"],
        },
    ),
    *[
        (
            f"{LINES} line breaks in the {what}",
            _file(_mission()),
            _set(sql),
            {
                "itinerary": ["Line 0", f"Line {LINES - 1}"],
                "briefing": ["Line 0", f"Line {LINES - 1}"],
            },
        )
        for what, sql in [
            ("mission's title", "UPDATE missions SET title = :value"),
            ("meeting's title", "UPDATE meetings SET title = :value"),
            ("venue", "UPDATE meetings SET venue = :value"),
            ("hotel", "UPDATE stops SET hotel = :value"),
            ("name of someone else at the meeting", "UPDATE participants SET name = :value"),
        ]
    ],
    (
        "a five-year mission",
        _five_years(),
        _as_it_is,
        {
            "itinerary": [
                "Day 1 of 1,826",
                "Days 368–1,825",
                "are not shown: no meetings or travel are planned on them",
                "Day 1,826 of 1,826",
                "Closing review",
            ],
            "briefing": ["Closing review"],
        },
    ),
    (
        "many problems of one kind",
        _many_weekend_problems(),
        _as_it_is,
        {
            "itinerary": ["Saturday visit 0"],
            "briefing": [
                f"{LISTED_PER_KIND + 40} warnings",
                "…and 40 more problems of this kind (meetings on a weekend)",
            ],
        },
    ),
]


@pytest.mark.parametrize("document", ["itinerary", "briefing"])
@pytest.mark.parametrize(
    ("mission_file", "change", "expected"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_documents_of_hostile_missions_build_and_say_what_they_hold(
    tmp_path: Path,
    database_from: Build,
    whole_text: WholeText,
    mission_file: Any,
    change: Callable[[Database], None],
    expected: dict[str, list[str]],
    document: str,
) -> None:
    target = tmp_path / f"{document}.pdf"
    with database_from(tmp_path / "plan.sqlite", mission_file) as db:
        change(db)
        write = export_itinerary if document == "itinerary" else export_briefing
        # Letter is the shorter page: the harder one to fit.
        pages = write(db, "m", target, paper="letter")
    reader = PdfReader(target)
    assert len(reader.pages) == pages
    text = whole_text(reader)
    for words in expected[document]:
        assert words in text


def test_problems_past_the_listed_ones_are_counted_in_one_line(
    tmp_path: Path, database_from: Build
) -> None:
    with database_from(tmp_path / "plan.sqlite", _many_weekend_problems()) as db:
        problems = check(load_plan(db, "m"))
    assert len(problems) == LISTED_PER_KIND + 1
    last = problems[-1]
    assert last.code == "weekend" and last.more == 40 and last.refs == ()
    assert str(last.message) == (
        "…and 40 more problems of this kind (meetings on a weekend), not listed one by one."
    )
    assert tally(problems) == (0, LISTED_PER_KIND + 40)


def test_a_mission_of_the_most_meetings_documents_can_hold_builds(
    tmp_path: Path, database_from: Build, whole_text: WholeText
) -> None:
    first = date(2026, 1, 5)
    meetings = []
    for n in range(MOST_MEETINGS):
        day = first + timedelta(days=n // 10)
        hour = 8 + n % 10
        # Some overlap the next one: problems of one kind by the thousand.
        end = f"{day}T{hour + 1:02d}:30" if n % 7 == 0 else f"{day}T{hour:02d}:45"
        meetings.append(
            {
                "id": f"m{n}",
                "title": f"Meeting {n}",
                "stop": "s1",
                "start": f"{day}T{hour:02d}:00",
                "end": end,
            }
        )
    last = first + timedelta(days=MOST_MEETINGS // 10)
    stop = {**_mission()["stops"][0], "arrive": str(first), "depart": str(last)}
    with database_from(
        tmp_path / "plan.sqlite", _file(_mission(stops=[stop], meetings=meetings))
    ) as db:
        export_itinerary(db, "m", tmp_path / "itinerary.pdf", paper="letter")
        export_briefing(db, "m", tmp_path / "briefing.pdf", paper="letter")
    assert f"Meeting {MOST_MEETINGS - 1}" in whole_text(PdfReader(tmp_path / "itinerary.pdf"))
    briefing = PdfReader(tmp_path / "briefing.pdf")
    assert "not listed one by one" in whole_text(briefing)


# --- the command line -------------------------------------------------------------------


@pytest.fixture
def database(tmp_path: Path, database_from: Build) -> Path:
    path = tmp_path / "plan.sqlite"
    database_from(path, _file(_mission())).close()
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "Confidential " * 400,
            "The confidentiality line is 5,199 characters long; it can be at most 200.",
        ),
        (
            "\n".join(["S"] * 80),
            "The confidentiality line has 80 lines; it can have at most 3.",
        ),
    ],
    ids=["5,000 characters", "80 lines"],
)
def test_a_confidentiality_line_too_long_is_refused_in_one_line(
    run: Run, tmp_path: Path, leftovers: Leftovers, line: str, message: str
) -> None:
    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"an older pack")
    result = run("briefing", "m", "-o", str(target), "--confidential", line)
    assert result.returncode == 2
    assert result.stderr == f"missionplanner: {message}\n"
    assert target.read_bytes() == b"an older pack"
    assert leftovers(tmp_path) == []


def test_the_longest_confidentiality_line_allowed_is_printed(
    run: Run, tmp_path: Path, whole_text: WholeText
) -> None:
    line = "\n".join(["Confidential", "For official use only", "x" * 160])
    target = tmp_path / "briefing.pdf"
    result = run("briefing", "m", "-o", str(target), "--confidential", line, "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert "For official use only" in whole_text(PdfReader(target))


@pytest.mark.parametrize("command", ["itinerary", "briefing"])
def test_a_mission_too_large_for_a_document_is_refused_in_one_line(
    run: Run, database: Path, tmp_path: Path, leftovers: Leftovers, command: str
) -> None:
    meetings = [
        {
            "id": f"m{n}",
            "title": f"Meeting {n}",
            "stop": "s-big",
            "start": "2026-10-06T10:00",
            "end": "2026-10-06T10:30",
        }
        for n in range(MOST_MEETINGS)
    ]
    stop = {**_mission()["stops"][0], "id": "s-big"}
    large = _mission(id="big", title="Big fair", participants=[], stops=[stop], meetings=meetings)
    mission_file = tmp_path / "large.json"
    mission_file.write_text(json.dumps(_file(large)))
    assert run("import", str(mission_file)).returncode == 0
    # No road in the app goes past the limit; a database written elsewhere may.
    import sqlite3

    connection = sqlite3.connect(database)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(meetings)")]
        picked = ", ".join(columns)
        copied = ", ".join("'m-extra'" if c == "id" else c for c in columns)
        with connection:
            connection.execute(
                f"INSERT INTO meetings ({picked}) SELECT {copied} FROM meetings WHERE id = 'm0'"
            )
    finally:
        connection.close()
    target = tmp_path / "out.pdf"
    result = run(command, "big", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr == (
        "missionplanner: “Big fair” has 5,001 meetings; documents can be made of a mission of "
        "at most 5,000 meetings (export a spreadsheet or a calendar instead).\n"
    )
    assert not target.exists()
    assert leftovers(tmp_path) == []
