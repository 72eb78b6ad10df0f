"""Reading spreadsheets as they come from real exports: CSV in any usual shape, and XLSX.

A CSV file may be UTF-8 with or without a byte-order mark, Windows-1252 (what Excel on
Windows saves as "CSV"), or UTF-16 ("Unicode text"); separated by commas, semicolons
(Excel in a Spanish locale), tabs or bars; with values spanning several lines inside
quotes. An XLSX workbook is read from its active sheet, values only.

Each row keeps the line number a person sees: the line where a CSV record starts, the
row number in Excel. Anything that cannot be read (an empty file, a binary file, an old
``.xls`` workbook, a damaged one, a web page named ``.xls``, a file beyond the limits of
:mod:`missionplanner.io.sheet_limits`) is a :class:`SpreadsheetError` with a plain message.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from missionplanner.io.reading import read_input
from missionplanner.io.sheet_limits import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_RECORD_CHARS,
    Counter,
    SpreadsheetError,
    check_file_size,
    check_workbook_zip,
    check_worksheets,
    line_numbers,
    not_a_spreadsheet,
    refuse_kind,
)
from missionplanner.messages import Message, Words

log = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t", "|")
# Never in a real file (a Unicode noncharacter): marks the end of a CSV file's text.
_END = "\ufffe"
# How many records decide the separator: enough to see a pattern, few enough to be quick.
SNIFF_RECORDS = 50
XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls and other Office 97 files

# A line of a CSV file with its line break, as a file read with newline="" gives it; a
# line longer than a record may be comes in pieces, so it is never copied whole.
_LINE = re.compile(rf"[^\r\n]{{1,{MAX_RECORD_CHARS}}}(?:\r\n|\r|\n)?|\r\n|\r|\n")

__all__ = ["Sheet", "SheetRow", "SpreadsheetError", "read_sheet", "read_sheet_bytes"]


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
    check_file_size(len(data), name)
    return read_sheet_bytes(data, name)


def read_sheet_bytes(data: bytes, name: str) -> Sheet:
    check_file_size(len(data), name)
    if not data.strip():
        raise SpreadsheetError(Message("sheet.empty", name=name))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, name)
    if data.startswith(OLE2_MAGIC):
        raise SpreadsheetError(Message("sheet.old-excel", name=name))
    kind = not_a_spreadsheet(data)
    if kind:
        raise refuse_kind(kind, name)
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
    # A NUL anywhere is binary data: no spreadsheet writes one into CSV text.
    if b"\x00" in data:
        raise _not_text(name)
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        _refuse_mixed(data, name)
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            raise SpreadsheetError(Message("sheet.unknown-encoding", name=name)) from error
    if _control_characters(text):
        raise _not_text(name)
    return text, encoding


def _refuse_mixed(data: bytes, name: str) -> None:
    """Refuse a file whose lines are partly UTF-8, partly not (two files pasted together).

    Read as Windows-1252, its UTF-8 lines would turn "Bogotá" into "BogotÃ¡" silently.
    """
    utf8 = False
    others: list[int] = []
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        line = data[start:end]
        if not line.isascii():
            try:
                line.decode("utf-8")
                utf8 = True
            except UnicodeDecodeError:
                others.append(number)
        start, number = end, number + 1
    if utf8 and others:
        raise SpreadsheetError(
            Message("sheet.mixed-encoding", name=name, lines=line_numbers(others))
        )


def _control_characters(text: str) -> bool:
    """Many control characters mean binary data that happened to decode."""
    sample = text[:4096]
    count = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return count > max(4, len(sample) // 100)


def _not_text(name: str) -> SpreadsheetError:
    return SpreadsheetError(Message("sheet.not-text", name=name))


class _CellTooLong(SpreadsheetError):
    """A cell beyond the csv module's own limit: with the right separator, a cell too long."""


class _Lines:
    """The lines of a CSV text, read lazily; refuses a record longer than a record may be."""

    def __init__(self, text: str, name: str, delimiter: str, *, end: bool) -> None:
        self.text = text
        self.name = name
        self.delimiter = delimiter
        self.end = end
        self.start = 1  # the line the record being read starts on
        self.fed = 0  # characters of that record so far
        self.separators = 0  # separators in them, quoted or not

    def __iter__(self) -> Iterator[str]:
        size = len(self.text)
        for match in _LINE.finditer(self.text):
            line = match.group()
            self.fed += len(line)
            self.separators += line.count(self.delimiter)
            broken = line[-1] not in "\r\n" and match.end() < size
            if broken or self.fed > MAX_RECORD_CHARS:
                raise self._too_long()
            yield line
        if self.end:
            # Whether the file ends inside quotes: an unclosed quote swallows this line.
            yield "\n"
            yield _END

    def _too_long(self) -> SpreadsheetError:
        if self.separators > MAX_COLUMNS:
            # Most likely what it is: a record of countless columns.
            code, limit = "sheet.too-many-columns", MAX_COLUMNS
        else:
            code, limit = "sheet.record-too-long", MAX_RECORD_CHARS
        return SpreadsheetError(Message(code, name=self.name, line=self.start, limit=limit))


def _records(
    text: str, delimiter: str, name: str, *, end: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on."""
    lines = _Lines(text, name, delimiter, end=end)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise _CellTooLong(
                    Message(
                        "sheet.cell-too-long", name=name, line=lines.start, limit=MAX_CELL_CHARS
                    )
                ) from error
            raise
        yield lines.start, record
        lines.start, lines.fed, lines.separators = reader.line_num + 1, 0, 0


def _delimiter(text: str, name: str) -> str:
    """The separator that splits the first records most consistently into columns."""
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths: list[int] = []
        try:
            for _line, record in _records(text, delimiter, name):
                if any(cell.strip() for cell in record):
                    widths.append(len(record))
                if len(widths) >= SNIFF_RECORDS:
                    break
        except (csv.Error, _CellTooLong):
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
    delimiter = delimiter or _delimiter(text, name)
    counter = Counter(name)
    records: list[tuple[int, list[str]]] = []
    try:
        for line, record in _records(text, delimiter, name, end=True):
            if record and _END in record[-1]:
                # The last line of its own: an unclosed quote swallowed it into a cell.
                if record != [_END]:
                    raise SpreadsheetError(
                        Message("sheet.unclosed-quote", name=name, line=line + skipped)
                    )
                break
            cells = counter.record(line + skipped, [cell.strip() for cell in record])
            if cells:
                records.append((line + skipped, cells))
    except csv.Error as error:
        raise SpreadsheetError(Message("sheet.bad-csv", name=name, reason=str(error))) from error
    return _sheet(name, records, encoding=encoding, delimiter=delimiter)


# --- XLSX -----------------------------------------------------------------------------


def _read_xlsx(data: bytes, name: str) -> Sheet:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_workbook_zip(archive, name)
            check_worksheets(archive, name)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise _damaged(name) from error
    counter = Counter(name)
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
        records: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = counter.record(number, [_cell_text(value) for value in values])
            if cells:
                records.append((number, cells))
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
