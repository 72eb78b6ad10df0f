"""Words of files: writing them, reading spreadsheets, exporting a sheet, own files.

``reason`` is what the system or a library said; ``path`` and ``name`` are shown as they
are.
"""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    # Writing any file, all or nothing.
    "file.is-folder": N_("Cannot write {path}: it is a folder."),
    "file.cannot-write": N_("Cannot write {path}: {reason}"),
    "file.no-folder": N_("Cannot write {path}: there is no folder {folder}."),
    "file.folder-is-file": N_("Cannot write {path}: {folder} is a file, not a folder."),
    "file.not-a-file": N_("Cannot write {path}: it is neither a file nor a device."),
    # Where an export may not go.
    "output.is-database": N_(
        "Cannot write {path}: it is the database itself (or one of its files); choose "
        "another file name."
    ),
    "output.in-backups": N_(
        "Cannot write {path}: it is in the database's backups folder; choose another place."
    ),
    "output.binary-to-terminal": N_(
        "This file (PDF or Excel) cannot be shown in the terminal; give a file name after "
        "-o, or send it to another program with a pipe (|)."
    ),
    # Reading a file to import (missionplanner.io.reading).
    "input.not-found": N_("There is no file {path}."),
    "input.unreadable": N_("{path} cannot be read: {reason}"),
    "input.not-a-file": N_(
        "{path} is not a file (it is a device or a pipe); choose a saved file to import."
    ),
    "input.too-large": N_("{path} is too large to import ({size} MB; the most is {limit} MB)."),
    # Mission Planner's own files, shipped with it.
    "file.own-files-missing": N_("Mission Planner is missing its own files ({name}); reinstall it"),
    # Reading a spreadsheet.
    "sheet.is-folder": N_("{path} is a folder, not a spreadsheet."),
    "sheet.empty": N_("{name} is empty: there is nothing to import."),
    "sheet.old-excel": N_(
        "{name} is an old-style Excel file (.xls), which cannot be read. Open it in "
        "Excel or LibreOffice and save it as .xlsx or CSV."
    ),
    "sheet.not-a-workbook": N_(
        "{name} is not a readable Excel workbook (it may be damaged, or only named "
        ".xlsx). Open it in Excel or LibreOffice and save it again."
    ),
    "sheet.damaged-workbook": N_(
        "{name} is not a readable Excel workbook (it may be damaged, password-protected "
        "or of another kind). Open it in Excel or LibreOffice and save it as .xlsx or CSV."
    ),
    "sheet.unknown-encoding": N_(
        "{name} is not in a text encoding Mission Planner understands (UTF-8 or "
        "Windows-1252). Save it from your spreadsheet as “CSV UTF-8”."
    ),
    "sheet.not-text": N_(
        "{name} is not a CSV or Excel (.xlsx) file: its contents are not text. Save it "
        "from your spreadsheet as CSV or .xlsx and try again."
    ),
    "sheet.bad-csv": N_("{name} cannot be read as CSV: {reason}."),
    "sheet.unclosed-quote": N_(
        '{name}: the quoted cell that starts on line {line} is never closed (a " is '
        "missing), so the rest of the file would be read into it. Correct the file and "
        "try again."
    ),
    "sheet.no-worksheet": N_("{name} has no worksheet with rows to import."),
    "sheet.not-a-spreadsheet": N_(
        "{name} is {what}, not a spreadsheet. Open it in Excel or LibreOffice and save it "
        "as .xlsx or CSV."
    ),
    "sheet.kind.html": N_("an HTML page"),
    "sheet.kind.xml": N_("an XML file"),
    "sheet.kind.pdf": N_("a PDF document"),
    "sheet.kind.image": N_("an image"),
    "sheet.kind.rtf": N_("a rich-text document"),
    "sheet.kind.gzip": N_("a compressed (gzip) file"),
    "sheet.kind.archive": N_("a compressed archive"),
    "sheet.kind.zip": N_("a zip archive"),
    "sheet.kind.word": N_("a Word document"),
    "sheet.kind.powerpoint": N_("a PowerPoint presentation"),
    "sheet.kind.ods": N_("an OpenDocument spreadsheet (.ods)"),
    "sheet.mixed-encoding": N_(
        "{name} mixes two text encodings: {lines} not UTF-8 like the rest, so accents "
        "would come out wrong. Save the file again from your spreadsheet as “CSV UTF-8”."
    ),
    "sheet.lines": NP_("line {lines:commas} is", "lines {lines:commas} are", count="lines"),
    "sheet.lines-more": N_("lines {lines:commas} and {more} more are"),
    # What a spreadsheet may hold (sheet_limits.py).
    "sheet.too-large": N_(
        "{name} is {size} MB, more than the {limit} MB a spreadsheet may be. Split it into "
        "smaller files and import each."
    ),
    "sheet.workbook-too-large": N_(
        "{name} unpacks to {size} MB, more than the {limit} MB a workbook may hold. Split "
        "it into smaller files and import each."
    ),
    "sheet.too-many-rows": N_(
        "{name} has more than {limit:,} rows, the most a spreadsheet may have. Split it "
        "into smaller files and import each."
    ),
    "sheet.too-many-columns": N_(
        "{name}: line {line} has more than {limit:,} columns, the most a spreadsheet may "
        "have. Keep only the columns you need and try again."
    ),
    "sheet.too-many-cells": N_(
        "{name} has more than {limit:,} filled cells, the most a spreadsheet may have. "
        "Split it into smaller files and import each."
    ),
    "sheet.cell-too-long": N_(
        "{name}: a cell on line {line} is longer than {limit:,} characters, the most a "
        "cell may hold. Shorten it and try again."
    ),
    "sheet.record-too-long": N_(
        "{name}: the record on line {line} is longer than {limit:,} characters. Check the "
        "file's separators and quotes, and try again."
    ),
    "sheet.no-rows": N_("{name} has no rows: there is nothing to import."),
    # How a spreadsheet was read.
    "sheet.read-as.workbook": N_("Excel workbook"),
    "sheet.read-as.csv": N_("CSV, {encoding}, separated by {separator}"),
    "sheet.encoding.utf-8-bom": N_("UTF-8 with a byte-order mark"),
    "sheet.separator.commas": N_("commas"),
    "sheet.separator.semicolons": N_("semicolons"),
    "sheet.separator.tabs": N_("tabs"),
    "sheet.separator.bars": N_("bars"),
    # Exporting a mission's sheet.
    "sheet-export.unknown-sheet": N_("{sheet:quoted} is not a sheet; choose one of {sheets:or}."),
    "sheet-export.suffix": N_(
        "{name}: choose a file name ending in .csv or .xlsx for the spreadsheet."
    ),
    "sheet-export.reading": N_("Reading the mission's {sheet}…"),
    "sheet-export.writing": N_("Writing {name}…"),
}
