"""File → Export → Meetings, Participants or Contacts spreadsheet, for the current mission."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from missionplanner.io.sheet_export import SHEETS, export_sheet
from missionplanner.progress import Progress
from missionplanner.store.database import Database
from ui import labels
from ui.saving import FileType, clean_file_name, save_as, write_file
from ui.settings import UiSettings
from ui.tasks import Runner

translate = QCoreApplication.translate


def sheet_titles() -> dict[str, str]:
    """Menu entries for the sheets, in menu order."""
    return {
        "meetings": translate("SheetExport", "&Meetings spreadsheet…"),
        "participants": translate("SheetExport", "Participan&ts spreadsheet…"),
        "contacts": translate("SheetExport", "C&ontacts spreadsheet…"),
    }


def sheet_names() -> dict[str, str]:
    """The sheets as a file name says them."""
    return {
        "meetings": translate("SheetExport", "meetings"),
        "participants": translate("SheetExport", "participants"),
        "contacts": translate("SheetExport", "contacts"),
    }


def sheet_types() -> tuple[FileType, FileType]:
    """Excel first (the default), CSV when chosen in the dialog or typed."""
    return (
        FileType(translate("SheetExport", "Excel workbook"), ".xlsx"),
        FileType(translate("SheetExport", "CSV, comma-separated"), ".csv"),
    )


def suggested_sheet_name(mission_title: str, sheet: str) -> str:
    """ "Title - meetings" (without suffix)."""
    return f"{clean_file_name(mission_title)} - {sheet_names().get(sheet, sheet)}"


def export_mission_sheet(
    parent: QWidget | None,
    runner: Runner,
    db: Database,
    settings: UiSettings,
    mission_id: str,
    mission_title: str,
    sheet: str,
    path: Path | None = None,
) -> bool:
    """Export one of the mission's sheets (asking where, unless ``path`` is given).

    Returns at once: the file is written off the GUI thread, then offered to open; errors
    are shown, never raised. False if nothing was started.
    """
    assert sheet in SHEETS

    def write(target: Path, progress: Progress) -> int:
        return export_sheet(db, mission_id, sheet, target, progress)

    def details(rows: int) -> str:
        return translate("SheetExport", "{rows}.").format(rows=labels.rows(rows))

    failed_title = translate("SheetExport", "Nothing was exported")
    if path is not None:
        return write_file(
            parent, runner, settings, path, write, failed_title=failed_title, details=details
        )
    return save_as(
        parent,
        runner,
        settings,
        title=translate("SheetExport", "Export {sheet}").format(sheet=sheet_names()[sheet]),
        name=suggested_sheet_name(mission_title, sheet),
        types=sheet_types(),
        write=write,
        failed_title=failed_title,
        details=details,
        protect=db.path,
    )
