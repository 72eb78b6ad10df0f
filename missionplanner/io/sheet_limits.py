"""What a spreadsheet may hold, and what a file is when it is not a spreadsheet.

A contact list is a few thousand rows of short text; a file far beyond that is a mistake
or an attack (a zip bomb, a million columns), and reading it whole would take gigabytes
of memory before anything could be said about it. So the limits are checked before or
while reading, never after: the size of the file and the declared unpacked size of a
workbook's parts before anything is parsed, and rows, columns, cells and the length of a
cell as each record is read.
"""

from __future__ import annotations

import zipfile
from typing import Any
from xml.parsers import expat

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message

MEGABYTE = 1024 * 1024
# The largest file read, and the largest a workbook's parts may unpack to together.
MAX_SHEET_BYTES = 100 * MEGABYTE
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # filled cells: far beyond a contact list, still modest memory
MAX_CELL_CHARS = 10_000
# One CSV record's text: every column at full length would be 2,000,000 characters; no
# real record comes near this, and stopping here keeps a record's pieces small in memory.
MAX_RECORD_CHARS = 1_000_000
# Excel's own widest row and longest sheet: a worksheet beyond them was not made by Excel.
XLSX_MAX_ROW_CELLS = 16_384
XLSX_MAX_ROWS = 1_048_576
# At most this many line numbers are named in one message.
SHOWN_LINES = 5


class SpreadsheetError(MissionPlannerError):
    """A spreadsheet that cannot be read; nothing was changed."""


def megabytes(size: int) -> int:
    return -(-size // MEGABYTE)


def check_file_size(size: int, name: str) -> None:
    if size > MAX_SHEET_BYTES:
        raise SpreadsheetError(
            Message(
                "sheet.too-large",
                name=name,
                size=megabytes(size),
                limit=MAX_SHEET_BYTES // MEGABYTE,
            )
        )


def line_numbers(numbers: list[int]) -> Message:
    """ "line 4", "lines 2, 3", "lines 1, 2, 3, 4, 5 and 7 more" """
    shown = numbers[:SHOWN_LINES]
    if len(numbers) > SHOWN_LINES:
        return Message("sheet.lines-more", lines=shown, more=len(numbers) - SHOWN_LINES)
    return Message("sheet.lines", lines=shown)


# --- what a file is -------------------------------------------------------------------

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
)
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta")


def not_a_spreadsheet(data: bytes) -> str | None:
    """What a file is when its first bytes show it is no spreadsheet ("html", "pdf")."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    start = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(_HTML_STARTS) or (start.startswith(b"<") and b"<html" in start):
        return "html"
    if start.startswith(b"<?xml"):
        return "xml"
    return None


def refuse_kind(kind: str, name: str) -> SpreadsheetError:
    return SpreadsheetError(
        Message("sheet.not-a-spreadsheet", name=name, what=Message(f"sheet.kind.{kind}"))
    )


def check_workbook_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip that is no workbook, or whose parts would unpack to too much.

    The sizes are the ones the zip declares: Python's zip reader never gives more bytes
    than a part declares (and says the part is damaged when they do not match), so the
    declared total bounds what reading the workbook can unpack.
    """
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if any(part.startswith("word/") for part in names):
            raise refuse_kind("word", name)
        if any(part.startswith("ppt/") for part in names):
            raise refuse_kind("powerpoint", name)
        if "mimetype" in names and b"spreadsheet" in archive.read("mimetype")[:100]:
            raise refuse_kind("ods", name)
        raise refuse_kind("zip", name)
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_SHEET_BYTES:
        raise SpreadsheetError(
            Message(
                "sheet.workbook-too-large",
                name=name,
                size=megabytes(unpacked),
                limit=MAX_SHEET_BYTES // MEGABYTE,
            )
        )


# --- counting while reading -----------------------------------------------------------


class Counter:
    """Counts what has been read of a sheet and refuses the record that goes too far."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        self.cells = 0

    def record(self, line: int, cells: list[str]) -> list[str]:
        """The record without its trailing empty cells; refuses one beyond a limit."""
        end = len(cells)
        while end and not cells[end - 1]:
            end -= 1
        if end < len(cells):
            cells = cells[:end]
        if not cells:
            return cells
        if len(cells) > MAX_COLUMNS:
            raise self.error("sheet.too-many-columns", line=line, limit=MAX_COLUMNS)
        if any(len(cell) > MAX_CELL_CHARS for cell in cells):
            raise self.error("sheet.cell-too-long", line=line, limit=MAX_CELL_CHARS)
        self.rows += 1
        if self.rows > MAX_ROWS + 1:  # the header is not a row of data
            raise self.error("sheet.too-many-rows", limit=MAX_ROWS)
        self.cells += sum(1 for cell in cells if cell)
        if self.cells > MAX_CELLS:
            raise self.error("sheet.too-many-cells", limit=MAX_CELLS)
        return cells

    def error(self, code: str, **params: object) -> SpreadsheetError:
        return SpreadsheetError(Message(code, name=self.name, **params))


def check_worksheets(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a worksheet with rows wider or longer than Excel makes, before it is read.

    The workbook reader holds a whole row in memory, several hundred bytes a cell, so a
    row of millions of empty cells (a few bytes each, unpacked) would take gigabytes. A
    streaming pass that only counts, holding nothing, finds such a row first.
    """
    for part in archive.namelist():
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            with archive.open(part) as stream:
                _Scan(name).run(stream)


class _Scan:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rows = 0
        self.line = 0
        self.cells = 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start

    def start(self, tag: str, attributes: dict[str, Any]) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "c":
            self.cells += 1
            if self.cells > XLSX_MAX_ROW_CELLS:
                raise SpreadsheetError(
                    Message(
                        "sheet.too-many-columns", name=self.name, line=self.line, limit=MAX_COLUMNS
                    )
                )
        elif tag == "row":
            self.rows += 1
            self.cells = 0
            number = str(attributes.get("r", ""))
            self.line = int(number) if number.isdigit() else self.rows
            if self.rows > XLSX_MAX_ROWS:
                raise SpreadsheetError(
                    Message("sheet.too-many-rows", name=self.name, limit=MAX_ROWS)
                )

    def run(self, stream: Any) -> None:
        try:
            while chunk := stream.read(1 << 16):
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError:
            pass  # the workbook reader says it is damaged, in its own words
