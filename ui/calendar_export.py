"""Calendar files (.ics) from the app: whose calendar, where to save, progress, open.

The file itself comes from the core (:func:`missionplanner.services.calendars.
export_calendar`); this module asks whose calendar it is (the whole delegation or one
participant), then saves it the way every export is saved (:mod:`ui.saving`); opening it, on most
systems, imports it into the calendar program.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from missionplanner.domain.plan import MissionPlan
from missionplanner.progress import Progress
from missionplanner.store.database import Database
from ui.saving import FileType, clean_file_name, save_as, write_file
from ui.settings import UiSettings
from ui.tasks import Runner

if TYPE_CHECKING:
    from missionplanner.services.calendars import CalendarExport


def suggested_calendar_name(plan: MissionPlan, participant_id: str | None = None) -> str:
    """ "Title", or "Title - Name" for one participant's calendar (without suffix)."""
    title = clean_file_name(plan.title)
    person = next((p.name for p in plan.participants if p.id == participant_id), "")
    person = clean_file_name(person, fallback="", limit=40)
    return f"{title} - {person}" if person else title


class CalendarExports(QObject):
    """The Export → Calendar action for the mission shown in a window."""

    def __init__(self, window: QWidget, runner: Runner, db: Database, settings: UiSettings) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.db = db
        self.settings = settings

    def export(self, plan: MissionPlan, participant_id: str | None = None) -> bool:
        """Ask whose calendar and where, write it off the GUI thread, offer to open it.

        ``participant_id`` is offered first (the participant the window is filtered to).
        Returns at once; False if nothing was started (cancelled, or another task runs).
        """
        if self.runner.busy:
            return False
        chosen = self.ask_participant(plan, participant_id)
        if chosen is None:
            return False
        person = chosen or None
        return save_as(
            self.window,
            self.runner,
            self.settings,
            title=self.tr("Export calendar"),
            name=suggested_calendar_name(plan, person),
            types=(FileType(self.tr("Calendar files"), ".ics"),),
            write=self._writer(plan.id, person),
            failed_title=self.tr("The calendar was not written"),
            details=self.details,
            protect=self.db.path,
        )

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

    def write(self, plan: MissionPlan, participant_id: str | None, path: Path) -> bool:
        """Write the calendar to ``path`` (no questions asked), then offer to open it."""
        return write_file(
            self.window,
            self.runner,
            self.settings,
            path,
            self._writer(plan.id, participant_id),
            failed_title=self.tr("The calendar was not written"),
            details=self.details,
        )

    def _writer(
        self, mission_id: str, participant_id: str | None
    ) -> Callable[[Path, Progress], CalendarExport]:
        db = self.db

        def write(path: Path, progress: Progress) -> CalendarExport:
            # Imported when used: the calendar library is slow to load and start-up counts.
            from missionplanner.services.calendars import export_calendar

            return export_calendar(db, mission_id, path, participant_id, progress=progress)

        return write

    def details(self, written: CalendarExport) -> str:
        return self.tr(
            "{events} events ({meetings} meetings, {travel} trips). "
            "Most calendar programs offer to import it when it is opened."
        ).format(events=written.events, meetings=written.meetings, travel=written.travel)
