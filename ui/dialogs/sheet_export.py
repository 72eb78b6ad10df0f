"""File → Export → Meetings, Participants or Contacts spreadsheet, for the current mission."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from missionplanner.errors import MissionPlannerError
from missionplanner.io.sheet_export import SHEETS, export_sheet
from missionplanner.progress import Cancelled, Progress
from missionplanner.store.database import Database
from ui.errors import show_error
from ui.tasks import run_with_progress

translate = QCoreApplication.translate


def sheet_titles() -> dict[str, str]:
    """Menu entries for the sheets, in menu order."""
    return {
        "meetings": translate("SheetExport", "&Meetings spreadsheet…"),
        "participants": translate("SheetExport", "Participan&ts spreadsheet…"),
        "contacts": translate("SheetExport", "C&ontacts spreadsheet…"),
    }


def choose_sheet_path(parent: QWidget | None, sheet: str, suggested: str) -> Path | None:
    """Ask where to save; the file type comes from the chosen filter if none is typed."""
    xlsx, csv = (
        translate("SheetExport", "Excel workbook (*.xlsx)"),
        translate("SheetExport", "CSV, comma-separated (*.csv)"),
    )
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        translate("SheetExport", "Export {sheet}").format(sheet=sheet),
        suggested,
        f"{xlsx};;{csv}",
    )
    if not path:
        return None
    result = Path(path)
    if result.suffix.lower() not in (".xlsx", ".csv"):
        result = result.with_name(result.name + (".csv" if chosen == csv else ".xlsx"))
    return result


def export_mission_sheet(
    parent: QWidget | None,
    db: Database,
    mission_id: str,
    sheet: str,
    path: Path | None = None,
) -> Path | None:
    """Export one of the mission's sheets (asking where, unless ``path`` is given).

    Runs off the GUI thread with a progress dialog; errors are shown, never raised.
    Returns the file written, or None.
    """
    assert sheet in SHEETS
    if path is None:
        path = choose_sheet_path(parent, sheet, f"{mission_id}-{sheet}.xlsx")
        if path is None:
            return None
    target = path

    def work(progress: Progress) -> int:
        return export_sheet(db, mission_id, sheet, target, progress)

    try:
        run_with_progress(
            parent, translate("SheetExport", "Exporting {name}").format(name=target.name), work
        )
    except Cancelled:
        return None
    except MissionPlannerError as error:
        show_error(parent, error, translate("SheetExport", "Nothing was exported"))
        return None
    return target
