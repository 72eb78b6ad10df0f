"""A mission's meetings, participants and contacts as CSV or XLSX spreadsheets.

Times are local wall-clock times as entered, with the zone and its UTC offset in their
own columns. Text that a spreadsheet would take for a formula (it starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is neutralized: in CSV it gets a
leading apostrophe; in XLSX it is stored as text and marked with Excel's quote prefix,
which is what typing the apostrophe does there (the text reads as written, never runs).
Files are written whole or not at all.

The contacts sheet uses the headers the contact import understands, so a sheet exported
from one database imports into another.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, cast

from sqlalchemy.orm import Session

from missionplanner.domain.changes import CONTACT, MEETING, ORGANIZATION, PARTICIPANT, STOP
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.forms import (
    ContactForm,
    FieldInfo,
    Kind,
    MeetingForm,
    OrganizationForm,
    ParticipantForm,
    fields_of,
)
from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.io.atomic import write_atomically
from missionplanner.io.targets import is_special, is_standard_output
from missionplanner.messages import Message
from missionplanner.progress import SILENT, Progress
from missionplanner.store import kinds
from missionplanner.store.database import Database
from missionplanner.store.reading import FormReader, rows_where
from missionplanner.store.schema import Mission
from missionplanner.wording import render

SHEETS = ("meetings", "participants", "contacts")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60

Cell = str | int | datetime | None


@dataclass(frozen=True)
class Table:
    """A sheet's contents: its title, column headers and rows of plain values."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could run ``text`` as a formula."""
    return text.lstrip(" ").startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS)


def neutralize(text: str) -> str:
    """``text`` made safe for CSV: a leading apostrophe if it could run as a formula."""
    return "'" + text if is_dangerous(text) else text


# --- the tables -----------------------------------------------------------------------


def _offset(local: datetime, utc: datetime) -> str:
    """The UTC offset in force, from the stored local and UTC times (exact even when the
    clocks go back and a local time happens twice)."""
    minutes = round((local - utc).total_seconds() / 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _columns(form_type: type[Any]) -> list[FieldInfo]:
    """The fields of a record that its sheets show, in the record's order."""
    return [info for info in fields_of(form_type) if info.spec.sheet]


def _headers(form_type: type[Any]) -> list[str]:
    return [render(Message(str(info.spec.sheet))) for info in _columns(form_type)]


def _cell(info: FieldInfo, form: Any, names: Mapping[str, Mapping[str, str]]) -> Cell:
    """A field's value as a sheet shows it: names for ids, lists joined with "; "."""
    value = getattr(form, info.name)
    kind = info.spec.kind
    if kind is Kind.REFS:
        return "; ".join(names[info.spec.of].get(item, item) for item in value)
    if kind is Kind.REF:
        return str(names[info.spec.of].get(value, value))
    if kind is Kind.TEXTS:
        return "; ".join(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return render(Message("column.yes" if value else "column.no"))
    return cast(Cell, value)


def _cells(form: Any, names: Mapping[str, Mapping[str, str]]) -> list[Cell]:
    return [_cell(info, form, names) for info in _columns(type(form))]


def _mission_forms(session: Session, mission_id: str) -> tuple[FormReader, dict[str, list[Any]]]:
    if session.get(Mission, mission_id) is None:
        raise NotFoundError(Message("not-found.mission", id=mission_id))
    reader = FormReader(session)
    parts = {
        kind: reader.forms(kind, "mission_id", [mission_id]).get(mission_id, [])
        for kind in (STOP, PARTICIPANT, MEETING)
    }
    return reader, parts


def _names(session: Session, parts: Mapping[str, list[Any]]) -> dict[str, dict[str, str]]:
    """Names of the records that meetings name, by kind and id."""
    meetings = parts[MEETING]
    names: dict[str, dict[str, str]] = {
        STOP: {stop.id: stop.city for stop in parts[STOP]},
        PARTICIPANT: {person.id: person.name for person in parts[PARTICIPANT]},
    }
    for kind, field_name in ((ORGANIZATION, "organization_ids"), (CONTACT, "contact_ids")):
        ids = sorted({i for meeting in meetings for i in getattr(meeting, field_name)})
        table = kinds.binding(kind).table
        names[kind] = {row["id"]: row["name"] for row in rows_where(session, table, "id", ids)}
    return names


def meetings_table(session: Session, mission_id: str) -> Table:
    """Every meeting, cancelled ones too (their status says so), in time order.

    Its columns are the meeting's fields that its description gives a sheet header,
    with the UTC offset after the zone.
    """
    reader, parts = _mission_forms(session, mission_id)
    names = _names(session, parts)
    headers = _headers(MeetingForm)
    zone_at = [info.name for info in _columns(MeetingForm)].index("timezone") + 1
    headers.insert(zone_at, render(Message("column.utc-offset")))
    everyone = render(Message("column.whole-delegation"))
    attendees_at = [info.name for info in _columns(MeetingForm)].index("attendee_ids") + 1
    rows: list[tuple[Cell, ...]] = []
    for meeting in sorted(
        parts[MEETING], key=lambda m: (reader.rows[m.id]["start_utc"], m.position or 0)
    ):
        stored = reader.rows[meeting.id]
        cells = _cells(meeting, names)
        if not meeting.attendee_ids:
            cells[attendees_at - 1] = everyone
        cells.insert(zone_at, _offset(stored["start_local"], stored["start_utc"]))
        rows.append(tuple(cells))
    return Table(title=render(Message("sheet-title.meetings")), headers=tuple(headers), rows=rows)


def participants_table(session: Session, mission_id: str) -> Table:
    """The delegation, with how many (not cancelled) meetings each attends."""
    _reader, parts = _mission_forms(session, mission_id)
    live = [m for m in parts[MEETING] if m.status != MeetingStatus.CANCELLED.value]
    everyone = sum(1 for meeting in live if not meeting.attendee_ids)
    counts: dict[str, int] = defaultdict(int)
    for meeting in live:
        for participant_id in meeting.attendee_ids:
            counts[participant_id] += 1
    headers = [*_headers(ParticipantForm), render(Message("column.meetings"))]
    rows: list[tuple[Cell, ...]] = [
        (*_cells(person, {}), counts[person.id or ""] + everyone) for person in parts[PARTICIPANT]
    ]
    return Table(
        title=render(Message("sheet-title.participants")), headers=tuple(headers), rows=rows
    )


def contacts_table(session: Session, mission_id: str) -> Table:
    """The organizations the mission meets and their contacts, one row per contact.

    Organizations come from the meetings (directly or through a contact named on one);
    an organization without contacts has a row of its own. The headers are those the
    contact import understands, so the sheet imports into another database.
    """
    reader, parts = _mission_forms(session, mission_id)
    meetings = sorted(
        parts[MEETING], key=lambda m: (reader.rows[m.id]["start_utc"], m.position or 0)
    )
    contact_ids = sorted({c for meeting in meetings for c in meeting.contact_ids})
    contact_table = kinds.binding(CONTACT).table
    owner = {
        row["id"]: row["organization_id"]
        for row in rows_where(session, contact_table, "id", contact_ids)
    }
    meetings_of: dict[str, list[str]] = defaultdict(list)
    contact_meetings: dict[str, list[str]] = defaultdict(list)
    for meeting in meetings:
        for org_id in meeting.organization_ids:
            meetings_of[org_id].append(meeting.title)
        for contact_id in meeting.contact_ids:
            contact_meetings[contact_id].append(meeting.title)
            meetings_of.setdefault(owner.get(contact_id, ""), [])
    meetings_of.pop("", None)
    organizations = [
        form
        for forms in reader.forms(ORGANIZATION, "id", sorted(meetings_of)).values()
        for form in forms
    ]
    organizations.sort(key=lambda o: (o.name.casefold(), o.id))
    headers = [
        *_headers(OrganizationForm),
        *_headers(ContactForm),
        render(Message("column.meetings")),
    ]
    blank: tuple[Cell, ...] = ("",) * len(_columns(ContactForm))
    rows: list[tuple[Cell, ...]] = []
    for org in organizations:
        about_org = _cells(org, {})
        org_meetings = meetings_of.get(org.id, [])
        if not org.contacts:
            rows.append((*about_org, *blank, "; ".join(org_meetings)))
        for contact in org.contacts:
            titles = list(dict.fromkeys([*org_meetings, *contact_meetings[contact.id]]))
            rows.append((*about_org, *_cells(contact, {}), "; ".join(titles)))
    return Table(title=render(Message("sheet-title.contacts")), headers=tuple(headers), rows=rows)


BUILDERS = {
    "meetings": meetings_table,
    "participants": participants_table,
    "contacts": contacts_table,
}


def mission_table(db: Database, mission_id: str, sheet: str) -> Table:
    """One of :data:`SHEETS` for a mission."""
    if sheet not in BUILDERS:
        raise MissionPlannerError(Message("sheet-export.unknown-sheet", sheet=sheet, sheets=SHEETS))
    with db.reading() as session:
        return BUILDERS[sheet](session, mission_id)


def export_sheet(
    db: Database, mission_id: str, sheet: str, path: Path, progress: Progress = SILENT
) -> int:
    """Write a mission's sheet to ``path`` (.csv or .xlsx); returns how many rows."""
    kind = sheet_format(path)
    progress.step(Message("sheet-export.reading", sheet=sheet))
    table = mission_table(db, mission_id, sheet)
    progress.step(Message("sheet-export.writing", name=Path(path).name))
    data = table_xlsx(table) if kind == "xlsx" else table_csv(table)
    write_bytes_atomically(path, data, protect=db.path, binary=kind == "xlsx")
    return len(table.rows)


# --- writing --------------------------------------------------------------------------


def sheet_format(path: Path) -> str:
    """ "csv" or "xlsx", from the file name; standard output (``-``), a device or a named
    pipe take CSV."""
    if is_standard_output(path) or is_special(path):
        return "csv"
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise MissionPlannerError(Message("sheet-export.suffix", name=Path(path).name))
    return suffix[1:]


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(TIME_FORMAT)
    if isinstance(value, int):
        return str(value)
    return neutralize(value)


def table_csv(table: Table) -> bytes:
    """CSV in UTF-8 with a byte-order mark (so Excel shows accents right), comma-separated."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_text(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = table.title[:31]
    widths = [len(header) for header in table.headers]
    bold = Font(bold=True)
    for column, header in enumerate(table.headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _put(cell, header, ILLEGAL_CHARACTERS_RE)
        cell.font = bold
    for number, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=number, column=column)
            if isinstance(value, datetime):
                cell.value = value
                cell.number_format = XLSX_TIME_FORMAT
                width = len(TIME_FORMAT) + 2
            elif isinstance(value, int):
                cell.value = value
                width = len(str(value))
            else:
                _put(cell, value, ILLEGAL_CHARACTERS_RE)
                width = max(len(line) for line in value.splitlines() or [""])
            widths[column - 1] = max(widths[column - 1], width)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(cell: Any, text: str, illegal: Any) -> None:
    """Text in a cell as text: never a formula or an error code, whatever it starts with."""
    cell.value = illegal.sub("", text)
    cell.data_type = "s"
    if is_dangerous(text):
        cell.quotePrefix = True


def write_bytes_atomically(
    path: Path, data: bytes, *, protect: Path | None = None, binary: bool = True
) -> None:
    """Write ``data`` to ``path`` so that a failure never leaves a half-written file."""

    def write(out: BinaryIO) -> None:
        out.write(data)

    write_atomically(path, write, protect=protect, binary=binary)
