"""Calendar files (.ics) from the app: whose calendar, where to save, progress, open.

The file itself comes from the core (:func:`missionplanner.services.calendars.
export_calendar`); this module asks whose calendar it is (the whole delegation or one
participant), where to save it, writes it off the GUI thread, and offers to open it
(which, on most systems, imports it into the calendar program).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from missionplanner.domain.plan import MissionPlan
from missionplanner.errors import MissionPlannerError
from missionplanner.progress import Cancelled
from missionplanner.store.database import Database
from ui.errors import show_error
from ui.settings import UiSettings
from ui.tasks import run_with_progress

if TYPE_CHECKING:
    from missionplanner.services.calendars import CalendarExport

FOLDER_KEY = "calendars/folder"


def suggested_calendar_name(plan: MissionPlan, participant_id: str | None = None) -> str:
    """ "Title.ics", or "Title - Name.ics" for one participant's calendar."""
    title = re.sub(r"[^\w\- ]+", "", plan.title).strip()[:60] or "mission"
    person = next((p.name for p in plan.participants if p.id == participant_id), "")
    person = re.sub(r"[^\w\- ]+", "", person).strip()[:40]
    return f"{title} - {person}.ics" if person else f"{title}.ics"


class CalendarExports(QObject):
    """The Export → Calendar action for the mission shown in a window."""

    def __init__(self, window: QWidget, db: Database, settings: UiSettings) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.settings = settings

    def export(self, plan: MissionPlan, participant_id: str | None = None) -> Path | None:
        """Ask whose calendar and where, write it, offer to open it. Returns the file.

        ``participant_id`` is offered first (the participant the window is filtered to).
        """
        chosen = self.ask_participant(plan, participant_id)
        if chosen is None:
            return None
        person = chosen or None
        path = self.ask_path(plan, person)
        if path is None:
            return None
        written = self.write(plan, person, path)
        if written is None:
            return None
        self.offer_to_open(written)
        return path

    def ask_participant(self, plan: MissionPlan, preselected: str | None = None) -> str | None:
        """ "" for the whole delegation, a participant's id, or None if cancelled."""
        if not plan.participants:
            return ""
        choices = [self.tr("The whole delegation")]
        for person in plan.participants:
            label = f"{person.name} ({person.role})" if person.role else person.name
            # The answer comes back as text: two people of the same name must differ.
            while label in choices:
                label += " ·"
            choices.append(label)
        ids = ["", *(p.id for p in plan.participants)]
        current = ids.index(preselected) if preselected in ids else 0
        text, accepted = QInputDialog.getItem(
            self.window,
            self.tr("Export calendar"),
            self.tr("Whose calendar? One participant's has only what they attend."),
            choices,
            current,
            False,
        )
        if not accepted:
            return None
        return ids[choices.index(text)] if text in choices else ""

    def ask_path(self, plan: MissionPlan, participant_id: str | None) -> Path | None:
        folder = str(self.settings.settings.value(FOLDER_KEY, "") or "") or (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export calendar"),
            str(Path(folder) / suggested_calendar_name(plan, participant_id)),
            self.tr("Calendar files (*.ics)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_name(target.name + ".ics")
        self.settings.settings.setValue(FOLDER_KEY, str(target.parent))
        return target

    def write(
        self, plan: MissionPlan, participant_id: str | None, path: Path
    ) -> CalendarExport | None:
        """Write off the GUI thread; errors are shown, and None returned."""
        # Imported when used: the calendar library is slow to load and start-up counts.
        from missionplanner.services.calendars import export_calendar

        try:
            written: CalendarExport = run_with_progress(
                self.window,
                self.tr("Writing {name}").format(name=path.name),
                lambda progress: export_calendar(
                    self.db, plan.id, path, participant_id, progress=progress
                ),
            )
        except Cancelled:
            return None
        except MissionPlannerError as error:
            show_error(self.window, error, self.tr("The calendar was not written"))
            return None
        return written

    def offer_to_open(self, written: CalendarExport) -> None:
        answer = QMessageBox.question(
            self.window,
            self.tr("Calendar written"),
            self.tr(
                "Saved {name}: {events} events ({meetings} meetings, {travel} trips). "
                "Open it now? Most calendar programs then offer to import it."
            ).format(
                name=written.path.name,
                events=written.events,
                meetings=written.meetings,
                travel=written.travel,
            ),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Close,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
