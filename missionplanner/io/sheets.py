"""Reading spreadsheets as they come from real exports: CSV in any usual shape, and XLSX.

A CSV file may be UTF-8 with or without a byte-order mark, Windows-1252 (what Excel on
Windows saves as "CSV"), or UTF-16 ("Unicode text"); separated by commas, semicolons
(Excel in a Spanish locale), tabs or bars; with values spanning several lines inside
quotes. An XLSX workbook is read from its active sheet, values only.

Each row keeps the line number a person sees: the line where a CSV record starts, the
row number in Excel. Anything that cannot be read (an empty file, a binary file, an old
``.xls`` workbook, a damaged one) is a :class:`SpreadsheetError` with a plain message.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from missionplanner.errors import MissionPlannerError
from missionplanner.io.reading import read_input
from missionplanner.messages import Message, Words

log = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t", "|")
# Never in a real file (a Unicode noncharacter): marks the end of a CSV file's text.
_END = "\ufffe"
# How many records decide the separator: enough to see a pattern, few enough to be quick.
SNIFF_RECORDS = 50
XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls and other Office 97 files


class SpreadsheetError(MissionPlannerError):
    """A spreadsheet that cannot be read; nothing was changed."""


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A row under the header: its line number in the file and its cells as text."""

    line: int
    cells: tuple[str, ...]

    def cell(self, column: int) -> str:
        return self.cells[column] if column < len(self.cells) else ""


@dataclass(frozen=True, slots=True)
class Sheet:
    """A table read from a file: the header's column names and the rows below it.

    ``encoding`` and ``delimiter`` say how a CSV file was understood (both empty for a
    workbook), so a person can check it when something looks wrong.
    """

    source: str
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[SheetRow, ...]
    encoding: str = ""
    delimiter: str = ""

    def describe(self) -> Message:
        """How the file was read: "CSV, Windows-1252, separated by semicolons"."""
        if not self.encoding:
            return Message("sheet.read-as.workbook")
        return Message(
            "sheet.read-as.csv",
            encoding=ENCODING_NAMES.get(self.encoding, self.encoding),
            separator=SEPARATOR_NAMES.get(self.delimiter, repr(self.delimiter)),
        )


ENCODING_NAMES: dict[str, Words] = {
    "utf-8": "UTF-8",
    "utf-8-sig": Message("sheet.encoding.utf-8-bom"),
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
SEPARATOR_NAMES: dict[str, Words] = {
    ",": Message("sheet.separator.commas"),
    ";": Message("sheet.separator.semicolons"),
    "\t": Message("sheet.separator.tabs"),
    "|": Message("sheet.separator.bars"),
}


def read_sheet(path: Path) -> Sheet:
    """Read a CSV or XLSX file; the kind is told by its contents, not only its name."""
    path = Path(path)
    name = path.name
    data = read_input(path, SpreadsheetError, Message("sheet.is-folder", path=path))
    return read_sheet_bytes(data, name)


def read_sheet_bytes(data: bytes, name: str) -> Sheet:
    if not data.strip():
        raise SpreadsheetError(Message("sheet.empty", name=name))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, name)
    if data.startswith(OLE2_MAGIC):
        raise SpreadsheetError(Message("sheet.old-excel", name=name))
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError(Message("sheet.not-a-workbook", name=name))
    return _read_csv(_decode(data, name), name)


# --- CSV ------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise _not_text(name) from error
    if b"\x00" in data[:4096]:
        raise _not_text(name)
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            raise SpreadsheetError(Message("sheet.unknown-encoding", name=name)) from error
    if _control_characters(text):
        raise _not_text(name)
    return text, encoding


def _control_characters(text: str) -> bool:
    """Many control characters mean binary data that happened to decode."""
    sample = text[:4096]
    count = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return count > max(4, len(sample) // 100)


def _not_text(name: str) -> SpreadsheetError:
    return SpreadsheetError(Message("sheet.not-text", name=name))


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    for record in reader:
        yield start, record
        start = reader.line_num + 1


def _delimiter(text: str) -> str:
    """The separator that splits the first records most consistently into columns."""
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths: list[int] = []
        try:
            for _line, record in _records(text, delimiter):
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not widths or widths[0] < 2:
            continue
        consistent = sum(1 for width in widths if width == widths[0])
        score = (consistent, widths[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(decoded: tuple[str, str], name: str) -> Sheet:
    text, encoding = decoded
    delimiter = ""
    # Excel understands a first line "sep=;" naming the separator; honour it.
    first, _, rest = text.partition("\n")
    skipped = 0
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]
        text, skipped = rest, 1
    delimiter = delimiter or _delimiter(text)
    try:
        # A last line of its own tells whether the file ends inside quotes: an unclosed
        # quote swallows it into a cell with the rest of the file.
        records = [
            (line + skipped, [cell.strip() for cell in record])
            for line, record in _records(f"{text}\n{_END}", delimiter)
        ]
    except csv.Error as error:
        raise SpreadsheetError(Message("sheet.bad-csv", name=name, reason=str(error))) from error
    last_line, last = records.pop()
    if last != [_END]:
        raise SpreadsheetError(Message("sheet.unclosed-quote", name=name, line=last_line))
    return _sheet(name, records, encoding=encoding, delimiter=delimiter)


# --- XLSX -----------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except zipfile.BadZipFile as error:
        raise _damaged(name) from error
    except Exception as error:  # openpyxl raises many kinds on damaged files
        log.info("cannot open workbook %s: %r", name, error)
        raise _damaged(name) from error
    try:
        sheet: Any = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            sheet = next((ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")), None)
        if sheet is None:
            raise SpreadsheetError(Message("sheet.no-worksheet", name=name))
        if hasattr(sheet, "reset_dimensions"):
            # Some programs write wrong dimensions; read every row there is.
            sheet.reset_dimensions()
        records = [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except SpreadsheetError:
        raise
    except Exception as error:
        log.info("cannot read workbook %s: %r", name, error)
        raise _damaged(name) from error
    finally:
        workbook.close()
    return _sheet(name, records)


def _damaged(name: str) -> SpreadsheetError:
    return SpreadsheetError(Message("sheet.damaged-workbook", name=name))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        # Phone numbers and codes typed into Excel come back as 3001234567.0.
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


# --- common ---------------------------------------------------------------------------


def _sheet(
    name: str,
    records: Sequence[tuple[int, list[str]]],
    *,
    encoding: str = "",
    delimiter: str = "",
) -> Sheet:
    filled = [(line, cells) for line, cells in records if any(cells)]
    if not filled:
        raise SpreadsheetError(Message("sheet.no-rows", name=name))
    # Title lines above the header ("Contactos 2026" across the top) have a single cell.
    start = next(
        (index for index, (_line, cells) in enumerate(filled[:10]) if sum(map(bool, cells)) > 1),
        0,
    )
    filled = filled[start:]
    header_line, header = filled[0]
    while header and not header[-1]:
        header = header[:-1]
    headers = tuple(text or f"Column {number}" for number, text in enumerate(header, start=1))
    rows = tuple(SheetRow(line, tuple(cells)) for line, cells in filled[1:])
    return Sheet(
        source=name,
        headers=headers,
        header_line=header_line,
        rows=rows,
        encoding=encoding,
        delimiter=delimiter,
    )
