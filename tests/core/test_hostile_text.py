"""Hostile text: control characters, escape sequences and broken characters.

On every road in (a dialog's save, a mission file, a contact spreadsheet) such text is
refused with a field error in words. Text already stored before the rules refused it
(put here with raw SQL) is printed by the command line with visible escapes and written
to calendars escaped, so it can neither drive a terminal nor forge calendar lines.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, vText

from missionplanner.cli import main
from missionplanner.domain.forms import MissionForm, OrganizationForm, ParticipantForm
from missionplanner.errors import FieldErrors, MissionFileError
from missionplanner.io.sheets import read_sheet
from missionplanner.logs import log_file
from missionplanner.services import records
from missionplanner.services.contact_import import RowsRejectedError, import_contacts
from missionplanner.services.directory import list_organizations
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import export_file, import_data, import_file
from missionplanner.store.database import Database, open_database
from missionplanner.wording import render

CONTROL = "contains a control character ({}); remove it"
LINE_BREAK = "must be on one line (it contains a line break)"
BROKEN = "contains a broken character (U+D800) that cannot be saved; type it again"

# What a one-line field is given, and the field error it gets.
CONTROLS = [
    pytest.param("\x00", CONTROL.format("U+0000"), id="NUL"),
    pytest.param("\x07", CONTROL.format("U+0007"), id="BEL"),
    pytest.param("\x1b[31m", CONTROL.format("U+001B"), id="ESC-colour"),
    pytest.param("\x1b]0;owned\x07", CONTROL.format("U+001B"), id="ESC-window-title"),
    pytest.param("\x08", CONTROL.format("U+0008"), id="backspace"),
    pytest.param("\x7f", CONTROL.format("U+007F"), id="DEL"),
    pytest.param("\x9b2J", CONTROL.format("U+009B"), id="C1-CSI"),
]
LINE_BREAKS = [
    pytest.param("\r", LINE_BREAK, id="CR"),
    pytest.param("\n", LINE_BREAK, id="LF"),
    pytest.param("\r\n", LINE_BREAK, id="CRLF"),
    pytest.param("\u2028", LINE_BREAK, id="line-separator"),
]
SURROGATES = [pytest.param("\ud800", BROKEN, id="lone-surrogate")]
HOSTILE = CONTROLS + LINE_BREAKS + SURROGATES


def named(bad: str) -> str:
    return f"Ruta{bad}N"


# --- the dialog road (the records service) --------------------------------------------


@pytest.mark.parametrize(("bad", "expected"), HOSTILE)
def test_a_dialog_save_refuses_hostile_text_in_a_mission_title(
    db: Database, bad: str, expected: str
) -> None:
    with pytest.raises(FieldErrors) as caught:
        records.save(db, MissionForm(id=None, title=named(bad)), None)
    assert render(caught.value.errors["title"]) == expected
    assert list_missions(db) == []


@pytest.mark.parametrize(("bad", "expected"), HOSTILE)
def test_a_dialog_save_refuses_hostile_text_in_a_participant_name(
    db: Database, bad: str, expected: str
) -> None:
    mission = records.save(db, MissionForm(id=None, title="Andes"), None)
    form = ParticipantForm(id=None, mission_id=mission.id, name=named(bad))
    with pytest.raises(FieldErrors) as caught:
        records.save(db, form, None)
    assert render(caught.value.errors["name"]) == expected


@pytest.mark.parametrize(("bad", "expected"), HOSTILE)
def test_a_dialog_save_refuses_hostile_text_in_an_organization_name(
    db: Database, bad: str, expected: str
) -> None:
    with pytest.raises(FieldErrors) as caught:
        records.save(db, OrganizationForm(id=None, name=named(bad)), None)
    assert render(caught.value.errors["name"]) == expected
    assert list_organizations(db) == []


@pytest.mark.parametrize(("bad", "expected"), CONTROLS + SURROGATES)
def test_several_line_fields_keep_line_breaks_and_refuse_the_rest(
    db: Database, bad: str, expected: str
) -> None:
    kept = records.save(db, MissionForm(id=None, title="Andes", objectives="One\r\nTwo\tx"), None)
    assert kept.id
    with pytest.raises(FieldErrors) as caught:
        records.save(db, MissionForm(id=None, title="Andes", objectives=f"One\n{bad}"), None)
    assert render(caught.value.errors["objectives"]) == expected


def test_a_tab_in_a_one_line_field_becomes_a_space(db: Database) -> None:
    saved = records.save(db, OrganizationForm(id=None, name="Ruta\tN"), None)
    assert [row.name for row in list_organizations(db)] == ["Ruta N"]
    assert saved.id


# --- the mission-file road -------------------------------------------------------------


def mission_file(title: str = "Andes", person: str = "Ana Ruiz", org: str = "Ruta N") -> Any:
    return {
        "format": "missionplanner/1",
        "organizations": [{"id": "o1", "name": org, "country": "CO"}],
        "missions": [
            {
                "id": "m1",
                "title": title,
                "participants": [{"id": "p1", "name": person}],
            }
        ],
    }


@pytest.mark.parametrize(("bad", "expected"), HOSTILE)
@pytest.mark.parametrize(
    ("field", "place"),
    [
        ("title", "missions[0].title"),
        ("person", "missions[0].participants[0].name"),
        ("org", "organizations[0].name"),
    ],
)
def test_a_mission_file_with_hostile_text_is_refused_whole(
    db: Database, tmp_path: Path, field: str, place: str, bad: str, expected: str
) -> None:
    path = tmp_path / "mission.json"
    # json.dumps writes a lone surrogate as the escape \ud800, which reads back as one.
    path.write_text(json.dumps(mission_file(**{field: named(bad)})), encoding="utf-8")
    with pytest.raises(MissionFileError) as caught:
        import_file(db, path)
    assert f"{place}: {expected}" in str(caught.value)
    assert list_missions(db) == []
    assert list_organizations(db) == []


# --- the contact-spreadsheet road ---------------------------------------------------------


def contact_sheet(tmp_path: Path, organization: str, person: str = "Ana Ruiz") -> Path:
    # A file whose first lines hold a NUL is not taken for text at all; the hostile row
    # comes after enough ordinary ones to reach the rules like any other cell.
    lines = ["Organization,City,Country,Name"]
    lines += [f"Filler {number},Bogotá,CO,Person {number}" for number in range(160)]
    lines.append(f'"{organization}",Medellín,CO,"{person}"')
    path = tmp_path / "contacts.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


# A lone surrogate cannot come out of a CSV or XLSX file: bytes that are not UTF-8 are
# read as Windows-1252, and XML holds no surrogates.
# A NUL anywhere makes the whole file "not text" (tests/core/test_hostile_sheets.py).
SHEET_CONTROLS = [c for c in CONTROLS if c.id != "NUL"]


@pytest.mark.parametrize(("bad", "expected"), SHEET_CONTROLS)
@pytest.mark.parametrize(("column", "label"), [("organization", "Organization"), ("person", "")])
def test_a_contact_sheet_with_hostile_text_is_refused(
    db: Database, tmp_path: Path, column: str, label: str, bad: str, expected: str
) -> None:
    text = {"organization": "Ruta N", "person": "Ana Ruiz", column: named(bad)}
    sheet = read_sheet(contact_sheet(tmp_path, **text))
    with pytest.raises(RowsRejectedError) as caught:
        import_contacts(db, sheet)
    (rejected,) = caught.value.plan.rejected
    assert rejected.line == 162
    shown = render(rejected.message)
    assert expected in shown
    assert f"{label or 'Contact name'}: {expected}" in shown
    assert list_organizations(db) == []


def test_line_breaks_in_a_contact_sheet_cell_become_spaces(db: Database, tmp_path: Path) -> None:
    sheet = read_sheet(contact_sheet(tmp_path, "Ruta\r\nN", "Ana\rRuiz"))
    import_contacts(db, sheet)
    found = {row.name for row in list_organizations(db)}
    assert "Ruta N" in found


# --- limits hold on every road: what the contact import accepts goes round -----------


def test_a_contact_import_refuses_an_organization_name_too_long(
    db: Database, tmp_path: Path
) -> None:
    sheet = read_sheet(contact_sheet(tmp_path, "A" * 400))
    with pytest.raises(RowsRejectedError) as caught:
        import_contacts(db, sheet)
    (rejected,) = caught.value.plan.rejected
    assert "Organization: is longer than 300 characters (400)" in render(rejected.message)
    assert list_organizations(db) == []


def test_what_the_contact_import_accepts_exports_and_imports_again(
    db: Database, tmp_path: Path
) -> None:
    longest = "Corporación " + "A" * 288
    assert len(longest) == 300
    path = tmp_path / "edge.csv"
    rows = [
        ["Organization", "City", "Country", "Website", "Sectors", "Name", "Title", "Notes"],
        [longest, "C" * 200, "CO", "w" * 500, "; ".join(["s" * 200] * 3), "N" * 300,
         "T" * 300, "line one\nline two\ttabbed"],
        ["Ruta\tN", "Medellín", "Colombia", "", "", "Ana\tRuiz", "", ""],
    ]  # fmt: skip
    path.write_text(
        "\r\n".join(",".join(f'"{cell}"' for cell in row) for row in rows) + "\r\n",
        encoding="utf-8",
    )
    import_contacts(db, read_sheet(path))
    exported = tmp_path / "directory.json"
    export_file(db, exported)
    with open_database(tmp_path / "again.sqlite") as again:
        import_file(again, exported)
        assert list_organizations(again) == list_organizations(db)
        export_file(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text("utf-8") == exported.read_text("utf-8")


# --- what is already stored: the command line prints it safely ------------------------

STORED = "Evil\x1b[2J\x1b[31mRed\x07\rForged\x9b\x00end"


def _raw(path: Path, sql: str, *params: str) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(sql, params)
    finally:
        connection.close()


@pytest.fixture
def hostile_db(tmp_path: Path, santiago_mission: Callable[..., dict[str, Any]]) -> Path:
    """A database whose mission, meeting and participant names hold control characters,
    stored with raw SQL as if before the rules refused them."""
    path = tmp_path / "plan.sqlite"
    data = santiago_mission(
        [
            {
                "id": "mt1",
                "title": "Lunch",
                "stop": "s1",
                "start": "2026-10-06T12:00",
                "end": "2026-10-06T13:00",
            },
            {
                "id": "mt2",
                "title": "Overlap",
                "stop": "s1",
                "start": "2026-10-06T12:30",
                "end": "2026-10-06T13:30",
            },
        ]
    )
    data["missions"][0]["participants"] = [{"id": "p1", "name": "Ana"}]
    with open_database(path) as db:
        import_data(db, data)
    _raw(path, "UPDATE missions SET title = ?", STORED)
    _raw(path, "UPDATE meetings SET title = ? WHERE id = 'mt1'", STORED)
    _raw(path, "UPDATE participants SET name = ?", STORED)
    return path


def _controls(text: str) -> list[str]:
    return [char for char in text if char != "\n" and unicodedata.category(char) == "Cc"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["missions"], id="missions"),
        pytest.param(["check", "m1"], id="check"),
        pytest.param(["ics", "m1", "-o", "{out}"], id="ics"),
        pytest.param(["ics", "m1", "-o", "{out}", "--participant", "p1"], id="ics-person"),
    ],
)
def test_the_command_line_prints_stored_control_characters_as_escapes(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    wanted = [arg.format(out=tmp_path / "m1.ics") for arg in args]
    capsys.readouterr()
    code = main(["--db", str(hostile_db), *wanted])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert _controls(out) == []
    assert _controls(err) == []
    assert "Evil\\u001b[2J\\u001b[31mRed\\u0007\\u000dForged\\u009b\\u0000end" in out


def test_json_output_stays_valid_and_keeps_the_stored_title(
    hostile_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["--db", str(hostile_db), "missions", "--json"]) == 0
    out = capsys.readouterr().out
    assert _controls(out) == []
    assert [mission["title"] for mission in json.loads(out)] == [STORED]


def test_a_mistyped_argument_is_repeated_with_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["missions", "\x1b[2J\x07"]) == 2
    out, err = capsys.readouterr()
    assert "not understood: \\u001b[2J\\u0007" in err
    assert _controls(out + err) == []


def test_an_import_whose_file_name_the_terminal_cannot_show_still_succeeds(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A byte that is not UTF-8 in a file name reaches Python as a lone surrogate.
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.json"))
    path.write_text(json.dumps(mission_file()), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(db.path), "import", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "caf\\udce9.json" in out, err
    assert [m.title for m in list_missions(db)] == ["Andes"]


def _process(*args: str, **options: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "missionplanner.cli", *args], timeout=120, **options
    )


def test_a_terminal_that_cannot_show_a_character_gets_an_escape(hostile_db: Path) -> None:
    _raw(hostile_db, "UPDATE missions SET title = 'Bogotá → Medellín'")
    environment = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = _process("--db", str(hostile_db), "missions", capture_output=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert b"Bogot\\xe1 \\u2192 Medell\\xedn" in result.stdout


def _into_closed_pipe(buffered: bool, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run the command line with its output going to a pipe nobody reads any more."""
    environment = dict(os.environ)
    environment.pop("PYTHONUNBUFFERED", None)
    if not buffered:
        environment["PYTHONUNBUFFERED"] = "1"
    reading, writing = os.pipe()
    os.close(reading)  # the reader has gone before the first line is written
    try:
        return _process(*args, stdout=writing, stderr=subprocess.PIPE, env=environment)
    finally:
        os.close(writing)


BUFFERING = [pytest.param(True, id="buffered"), pytest.param(False, id="unbuffered")]


@pytest.mark.parametrize("buffered", BUFFERING)
def test_a_reader_that_stops_early_ends_the_listing_quietly(
    hostile_db: Path, buffered: bool
) -> None:
    result = _into_closed_pipe(buffered, "--db", str(hostile_db), "missions")
    assert result.returncode == 0
    assert result.stderr == b""
    log = log_file()
    assert not log.exists() or "Traceback" not in log.read_text("utf-8")


@pytest.mark.parametrize("buffered", BUFFERING)
def test_a_refusal_after_the_reader_stopped_is_still_said_in_one_line(
    tmp_path: Path, buffered: bool
) -> None:
    # The plan goes to standard output, then the refusal to standard error.
    sheet = tmp_path / "contacts.csv"
    sheet.write_text("Organization,City\r\nRuta\x07N,Medellín\r\n", encoding="utf-8")
    database = tmp_path / "plan.sqlite"
    result = _into_closed_pipe(buffered, "--db", str(database), "import-contacts", str(sheet))
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith("missionplanner: 1 row rejected, so nothing was imported.")


# --- calendars: line breaks in titles cannot forge events ------------------------------

FORGED = "Lunch\rEND:VEVENT\r\nBEGIN:VEVENT\nSUMMARY:Forged"


@pytest.mark.parametrize("participant", [None, "p1"])
def test_a_calendar_escapes_line_breaks_and_controls_in_every_property(
    hostile_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], participant: str | None
) -> None:
    _raw(hostile_db, "UPDATE missions SET title = ?", FORGED)
    _raw(hostile_db, "UPDATE meetings SET title = ? WHERE id = 'mt1'", FORGED)
    _raw(hostile_db, "UPDATE participants SET name = ?", "Ana\r\nX-WR-CALNAME:Forged")
    _raw(hostile_db, "UPDATE meetings SET venue = ? WHERE id = 'mt2'", "Room\x1b[31m\x00 4")
    target = tmp_path / "m1.ics"
    person = ["--participant", participant] if participant else []
    assert main(["--db", str(hostile_db), "ics", "m1", "-o", str(target), *person]) == 0
    data = target.read_bytes()
    # Every line ends with CRLF; no bare CR or LF splits a property.
    assert data.replace(b"\r\n", b"").count(b"\r") == 0
    assert data.replace(b"\r\n", b"").count(b"\n") == 0
    assert all(byte >= 0x20 or byte == 0x09 for byte in data.replace(b"\r\n", b""))
    lines = data.split(b"\r\n")
    assert sum(line == b"BEGIN:VEVENT" for line in lines) == 2

    calendar = Calendar.from_ical(data)
    flat = "Lunch END:VEVENT BEGIN:VEVENT SUMMARY:Forged"
    assert sorted(str(event["SUMMARY"]) for event in calendar.events) == [flat, "Overlap"]
    assert sorted(str(event["UID"]) for event in calendar.events) == [
        "meeting-mt1@missionplanner",
        "meeting-mt2@missionplanner",
    ]
    overlap = next(e for e in calendar.events if str(e["SUMMARY"]) == "Overlap")
    assert str(overlap["LOCATION"]) == "Room\ufffd[31m\ufffd 4, Santiago"
    name = flat + (" — Ana X-WR-CALNAME:Forged" if participant else "")
    for key in ("NAME", "X-WR-CALNAME"):
        assert vText.from_ical(calendar[key].to_ical().decode()) == name
