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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from missionplanner.domain.enums import MeetingStatus
from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.io.atomic import write_atomically
from missionplanner.messages import Message
from missionplanner.progress import SILENT, Progress
from missionplanner.store.database import Database
from missionplanner.store.schema import (
    Contact,
    Meeting,
    MeetingContact,
    MeetingOrganization,
    Mission,
    Organization,
    Participant,
    Stop,
    meeting_attendees,
)

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


def _mission(session: Session, mission_id: str) -> Mission:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise NotFoundError(Message("not-found.mission", id=mission_id))
    return mission


def _names_by_meeting(session: Session, query: Any) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for meeting_id, name in session.execute(query):
        grouped[meeting_id].append(name)
    return grouped


def meetings_table(session: Session, mission_id: str) -> Table:
    """Every meeting, cancelled ones too (their status says so), in time order."""
    mission = _mission(session, mission_id)
    organizations = _names_by_meeting(
        session,
        select(MeetingOrganization.meeting_id, Organization.name)
        .join(Organization, Organization.id == MeetingOrganization.organization_id)
        .join(Meeting, Meeting.id == MeetingOrganization.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(MeetingOrganization.meeting_id, MeetingOrganization.position),
    )
    contacts = _names_by_meeting(
        session,
        select(MeetingContact.meeting_id, Contact.name)
        .join(Contact, Contact.id == MeetingContact.contact_id)
        .join(Meeting, Meeting.id == MeetingContact.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(MeetingContact.meeting_id, MeetingContact.position),
    )
    attendees = _names_by_meeting(
        session,
        select(meeting_attendees.c.meeting_id, Participant.name)
        .join(Participant, Participant.id == meeting_attendees.c.participant_id)
        .where(Participant.mission_id == mission_id)
        .order_by(meeting_attendees.c.meeting_id, Participant.position),
    )
    rows: list[tuple[Cell, ...]] = []
    for meeting, city in session.execute(
        select(Meeting, Stop.city)
        .join(Stop, Stop.id == Meeting.stop_id)
        .where(Meeting.mission_id == mission.id)
        .order_by(Meeting.start_utc, Meeting.position)
    ):
        rows.append(
            (
                meeting.start_local,
                meeting.end_local,
                meeting.timezone,
                _offset(meeting.start_local, meeting.start_utc),
                city,
                meeting.title,
                meeting.kind,
                meeting.status,
                "; ".join(organizations.get(meeting.id, ())),
                "; ".join(contacts.get(meeting.id, ())),
                "; ".join(attendees.get(meeting.id, ())) or "Whole delegation",
                meeting.venue,
                meeting.address,
                meeting.objectives,
                meeting.notes,
            )
        )
    return Table(
        title="Meetings",
        headers=(
            "Start (local)",
            "End (local)",
            "Time zone",
            "UTC offset",
            "City",
            "Title",
            "Kind",
            "Status",
            "Organizations",
            "Contacts",
            "Attendees",
            "Venue",
            "Address",
            "Objectives",
            "Notes",
        ),
        rows=rows,
    )


def participants_table(session: Session, mission_id: str) -> Table:
    """The delegation, with how many (not cancelled) meetings each attends."""
    _mission(session, mission_id)
    live_ids = set(
        session.scalars(
            select(Meeting.id).where(
                Meeting.mission_id == mission_id,
                Meeting.status != MeetingStatus.CANCELLED.value,
            )
        )
    )
    named: dict[str, set[str]] = defaultdict(set)
    for meeting_id, participant_id in session.execute(
        select(meeting_attendees.c.meeting_id, meeting_attendees.c.participant_id)
        .join(Participant, Participant.id == meeting_attendees.c.participant_id)
        .where(Participant.mission_id == mission_id)
    ):
        named[meeting_id].add(participant_id)
    everyone = sum(1 for meeting_id in live_ids if not named.get(meeting_id))
    counts: dict[str, int] = defaultdict(int)
    for meeting_id in live_ids:
        for participant_id in named.get(meeting_id, ()):
            counts[participant_id] += 1
    rows: list[tuple[Cell, ...]] = [
        (p.name, p.role, p.organization, p.email, p.phone, counts[p.id] + everyone)
        for p in session.execute(
            select(Participant)
            .where(Participant.mission_id == mission_id)
            .order_by(Participant.position)
        ).scalars()
    ]
    return Table(
        title="Participants",
        headers=("Name", "Role", "Organization", "Email", "Phone", "Meetings"),
        rows=rows,
    )


def contacts_table(session: Session, mission_id: str) -> Table:
    """The organizations the mission meets and their contacts, one row per contact.

    Organizations come from the meetings (directly or through a contact named on one);
    an organization without contacts has a row of its own.
    """
    _mission(session, mission_id)
    meetings_of: dict[str, list[str]] = defaultdict(list)
    for org_id, title in session.execute(
        select(MeetingOrganization.organization_id, Meeting.title)
        .join(Meeting, Meeting.id == MeetingOrganization.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(Meeting.start_utc, Meeting.position)
    ):
        meetings_of[org_id].append(title)
    contact_meetings: dict[str, list[str]] = defaultdict(list)
    for contact_id, org_id, title in session.execute(
        select(MeetingContact.contact_id, Contact.organization_id, Meeting.title)
        .join(Contact, Contact.id == MeetingContact.contact_id)
        .join(Meeting, Meeting.id == MeetingContact.meeting_id)
        .where(Meeting.mission_id == mission_id)
        .order_by(Meeting.start_utc, Meeting.position)
    ):
        contact_meetings[contact_id].append(title)
        meetings_of.setdefault(org_id, [])
    org_ids = sorted(meetings_of)
    organizations: list[Organization] = []
    contacts: dict[str, list[Contact]] = defaultdict(list)
    for start in range(0, len(org_ids), 500):
        chunk = org_ids[start : start + 500]
        organizations.extend(
            session.execute(select(Organization).where(Organization.id.in_(chunk))).scalars()
        )
        for found in session.execute(
            select(Contact)
            .where(Contact.organization_id.in_(chunk))
            .order_by(Contact.organization_id, Contact.position)
        ).scalars():
            contacts[found.organization_id].append(found)
    organizations.sort(key=lambda o: (o.name.casefold(), o.id))
    rows: list[tuple[Cell, ...]] = []
    for org in organizations:
        about_org = (
            org.name,
            org.kind,
            org.city,
            org.country,
            org.website,
            "; ".join(org.sectors or []),
        )
        org_meetings = meetings_of.get(org.id, [])
        people: list[Contact | None] = [*contacts.get(org.id, [])] or [None]
        for contact in people:
            if contact is None:
                person: tuple[Cell, ...] = ("", "", "", "", "")
                titles = org_meetings
            else:
                person = (contact.name, contact.title, contact.email, contact.phone, contact.notes)
                titles = list(dict.fromkeys([*org_meetings, *contact_meetings[contact.id]]))
            rows.append((*about_org, *person, "; ".join(titles)))
    return Table(
        title="Contacts",
        headers=(
            "Organization",
            "Kind",
            "City",
            "Country",
            "Website",
            "Sectors",
            "Name",
            "Title",
            "Email",
            "Phone",
            "Notes",
            "Meetings",
        ),
        rows=rows,
    )


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
    write_bytes_atomically(Path(path), data)
    return len(table.rows)


# --- writing --------------------------------------------------------------------------


def sheet_format(path: Path) -> str:
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


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a failure never leaves a half-written file."""

    def write(out: BinaryIO) -> None:
        out.write(data)

    write_atomically(path, write)
