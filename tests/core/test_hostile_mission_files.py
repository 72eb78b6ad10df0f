"""Hostile files handed to the importers: each is refused in one line, nothing changes.

A mission file or contacts sheet may be anything a path can name: a pipe that never
delivers, a device that never ends, a file of gigabytes, JSON nested ten thousand deep,
a number of five thousand digits, dates in year 1 or 9999, a value of megabytes. The
command line answers each with exit 2 and one line naming the problem (never the
catch-all "something went wrong"), and the database is as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from missionplanner.cli import main
from missionplanner.io.reading import MAX_INPUT_BYTES
from missionplanner.wording import QUOTE_LIMIT

LONG = 5_000_000  # characters of a value, far longer than any message may quote


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def planned(
    tmp_path: Path,
    santiago_mission: Callable[..., dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """A database holding the Santiago mission with one meeting."""
    db = tmp_path / "plan.sqlite"
    good = tmp_path / "good.json"
    meeting = {
        "id": "a",
        "title": "Start-Up Chile",
        "stop": "s1",
        "start": "2026-10-06T10:00",
        "end": "2026-10-06T11:00",
    }
    good.write_text(json.dumps(santiago_mission([meeting])), encoding="utf-8")
    assert main(["--db", str(db), "import", str(good)]) == 0
    capsys.readouterr()
    return db


def refused(db: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    before = dump(db)
    code = main(["--db", str(db), *args])
    _out, err = capsys.readouterr()
    assert dump(db) == before
    return code, err.strip().splitlines()


# --- what is at the path -----------------------------------------------------------------


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)  # nobody ever writes: a read would wait for ever
    return path


def sparse(tmp_path: Path) -> Path:
    path = tmp_path / "huge.json"
    with path.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk is filled
    return path


PATHS: list[Any] = [
    pytest.param(
        fifo,
        "is not a file",
        id="named-pipe",
        marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes"),
    ),
    pytest.param(
        lambda _tmp: Path("/dev/zero"),
        "is not a file",
        id="endless-device",
        marks=pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero"),
    ),
    pytest.param(sparse, "too large to import", id="too-large"),
    pytest.param(lambda tmp: tmp, "is a folder", id="folder"),
]


@pytest.mark.parametrize(("make", "words"), PATHS)
@pytest.mark.parametrize("command", ["import", "import-contacts"])
def test_a_path_that_is_no_saved_file_is_refused_before_reading(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], Path],
    words: str,
    command: str,
) -> None:
    path = make(tmp_path)
    code, lines = refused(planned, [command, str(path)], capsys)
    assert code == 2
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert "went wrong" not in lines[0]


def test_the_size_limit_is_named(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, lines = refused(planned, ["import", str(sparse(tmp_path))], capsys)
    assert f"the most is {MAX_INPUT_BYTES // 2**20} MB" in lines[0]


# --- what the file holds ------------------------------------------------------------------


def with_value(santiago_mission: Callable[..., dict[str, Any]], where: str, value: Any) -> str:
    """The Santiago mission file with one value set: ``where`` is "stop.arrive" and so on."""
    data = santiago_mission(
        [
            {
                "id": "a",
                "title": "Start-Up Chile",
                "stop": "s1",
                "start": "2026-10-06T10:00",
                "end": "2026-10-06T11:00",
            }
        ]
    )
    mission = data["missions"][0]
    kind, key = where.split(".")
    target = {"mission": mission, "stop": mission["stops"][0], "meeting": mission["meetings"][0]}
    target[kind][key] = value
    return json.dumps(data)


HEAD = '{"format": "missionplanner/1", "missions": '

CONTENTS: list[Any] = [
    pytest.param(lambda _m: HEAD + "[" + "9" * 5000 + "]}", "number too long", id="big-integer"),
    pytest.param(
        lambda _m: HEAD + "[" * 10_000 + "]" * 10_000 + "}", "nested too deeply", id="deep-arrays"
    ),
    pytest.param(
        lambda _m: HEAD + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "}",
        "nested too deeply",
        id="deep-objects",
    ),
    pytest.param(
        lambda m: with_value(m, "stop.arrive", "0001-01-01"),
        "stops[0].arrive: 0001-01-01 is not a date between 1900 and 2199",
        id="year-1",
    ),
    pytest.param(
        lambda m: with_value(m, "stop.depart", "9999-12-31"),
        "stops[0].depart: 9999-12-31 is not a date between 1900 and 2199",
        id="year-9999",
    ),
    pytest.param(
        # 23:30 in Santiago is already the next year in UTC.
        lambda m: with_value(m, "meeting.end", "9999-12-31T23:30"),
        "meetings[0].end: 9999-12-31 is not a date between 1900 and 2199",
        id="time-past-9999-in-utc",
    ),
    pytest.param(
        lambda m: with_value(m, "meeting.start", "0001-01-01T00:00"),
        "meetings[0].start: 0001-01-01 is not a date between 1900 and 2199",
        id="time-before-year-1-in-utc",
    ),
    pytest.param(
        lambda m: with_value(m, "stop.arrive", "2" * LONG),
        "stops[0].arrive: “222",
        id="long-value",
    ),
    pytest.param(
        lambda m: with_value(m, "mission." + "k" * LONG, 1),
        "missions[0].kkk",
        id="long-key",
    ),
]


@pytest.mark.parametrize(("contents", "words"), CONTENTS)
def test_a_hostile_mission_file_is_refused_in_one_line(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    santiago_mission: Callable[..., dict[str, Any]],
    contents: Callable[[Callable[..., dict[str, Any]]], str],
    words: str,
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(contents(santiago_mission), encoding="utf-8")
    code, lines = refused(planned, ["import", str(path)], capsys)
    assert code == 2
    assert len(lines) == 1, lines
    assert words in lines[0]
    assert "went wrong" not in lines[0]
    # A quoted value is cut short, never echoed whole.
    assert len(lines[0]) < 300 + QUOTE_LIMIT


# --- dates at and past the ends of the years a mission can have --------------------------


def edge_mission(zone: str, city: str, country: str, day: str, start: str, end: str) -> Any:
    stop = {"id": "s1", "city": city, "country": country, "timezone": zone}
    stop |= {"arrive": day, "depart": day}
    meeting = {"id": "a", "title": "Visit", "stop": "s1", "start": start, "end": end}
    participant = {"id": "p1", "name": "Ana"}
    mission = {"id": "m1", "title": "Edge", "home_timezone": zone, "stops": [stop]}
    mission |= {"meetings": [meeting | {"attendees": ["p1"]}], "participants": [participant]}
    return {"format": "missionplanner/1", "missions": [mission]}


PRINTING = [
    ["check", "m1"],
    ["ics", "m1", "-o", "{out}/m.ics"],
    ["itinerary", "m1", "-o", "{out}/m.pdf"],
    ["briefing", "m1", "-o", "{out}/b.pdf"],
]


@pytest.mark.parametrize("args", PRINTING, ids=lambda args: args[0])
@pytest.mark.parametrize(
    "mission",
    [
        # Late on the last day, already the next year in UTC.
        edge_mission(
            "Pacific/Honolulu",
            "Honolulu",
            "US",
            "2199-12-31",
            "2199-12-31T22:00",
            "2199-12-31T23:59",
        ),
        # Early on the first day, still the year before in UTC.
        edge_mission(
            "Pacific/Kiritimati",
            "Kiritimati",
            "KI",
            "1900-01-01",
            "1900-01-01T00:00",
            "1900-01-01T01:00",
        ),
    ],
    ids=["last-day", "first-day"],
)
def test_the_first_and_last_days_a_mission_may_have_are_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mission: Any, args: list[str]
) -> None:
    db, path = tmp_path / "edge.sqlite", tmp_path / "edge.json"
    path.write_text(json.dumps(mission), encoding="utf-8")
    assert main(["--db", str(db), "import", str(path)]) == 0
    code = main(["--db", str(db), *(arg.format(out=tmp_path) for arg in args)])
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize("args", PRINTING[1:], ids=lambda args: args[0])
def test_a_date_written_into_the_database_elsewhere_is_named_not_a_crash(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    connection = sqlite3.connect(planned)
    with connection:
        connection.execute("UPDATE stops SET depart = '9999-12-31'")
    connection.close()
    code, lines = refused(planned, [arg.format(out=tmp_path) for arg in args], capsys)
    assert code == 2
    assert len(lines) == 1, lines
    assert "9999-12-31 (city “Santiago”) is not between 1900 and 2199" in lines[0]


# --- a mission too large to check or print --------------------------------------------


def test_a_mission_of_more_meetings_than_the_app_can_print_is_refused_at_import(
    planned: Path,
    tmp_path: Path,
    santiago_mission: Callable[..., dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from missionplanner.domain.limits import MOST_MEETINGS

    # Counted before a meeting is read: the meetings need not even be valid.
    data = santiago_mission([{} for _ in range(MOST_MEETINGS + 1)])
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data), encoding="utf-8")
    code, lines = refused(planned, ["import", str(big)], capsys)
    assert code == 2
    (line,) = lines
    assert "holds 5,001 meetings; a mission may hold at most 5,000" in line
