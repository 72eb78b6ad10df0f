"""Calendar files (.ics) of a mission, for the whole delegation or one participant."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from missionplanner.io.atomic import write_atomically
from missionplanner.io.calendar import render_calendar
from missionplanner.progress import SILENT, Progress
from missionplanner.services.dossier import load_dossier
from missionplanner.store.database import Database


@dataclass(frozen=True, slots=True)
class CalendarExport:
    """What an export wrote."""

    path: Path
    mission_title: str
    participant_name: str | None
    meetings: int
    travel: int
    cancelled: int

    @property
    def events(self) -> int:
        return self.meetings + self.travel

    def summary(self) -> str:
        """One line for people: "Wrote 18 events (13 meetings, 1 cancelled; 5 trips) …"."""
        whose = f" for {self.participant_name}" if self.participant_name else ""
        cancelled = f", {self.cancelled} cancelled" if self.cancelled else ""
        return (
            f"Wrote {_count(self.events, 'event')} ({_count(self.meetings, 'meeting')}"
            f"{cancelled}; {_count(self.travel, 'trip')}) of “{self.mission_title}”{whose} "
            f"to {self.path}."
        )


def export_calendar(
    db: Database,
    mission_id: str,
    path: Path,
    participant_id: str | None = None,
    progress: Progress = SILENT,
) -> CalendarExport:
    """Write the mission's calendar (or one participant's) to ``path``, all or nothing.

    An unknown mission or participant raises NotFoundError before anything is written;
    a path that cannot be written raises MissionPlannerError and leaves any file that was
    there as it was.
    """
    path = Path(path)
    progress.step("Reading the mission…")
    dossier = load_dossier(db, mission_id)
    person = dossier.participant(participant_id).name if participant_id is not None else None
    progress.step("Writing the calendar…")
    rendered = render_calendar(dossier, participant_id)

    def write(out: BinaryIO) -> None:
        out.write(rendered.data)

    write_atomically(path, write)
    return CalendarExport(
        path=path,
        mission_title=dossier.title,
        participant_name=person,
        meetings=rendered.meetings,
        travel=rendered.travel,
        cancelled=rendered.cancelled,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
