"""Calendar files (.ics) of a mission, for the whole delegation or one participant."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from missionplanner.io.atomic import write_atomically
from missionplanner.io.calendar import render_calendar
from missionplanner.messages import Message
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

    def summary(self) -> Message:
        """One line for people: "Wrote 18 events (12 meetings, +1 cancelled; 5 trips) …".

        Held and cancelled meetings are counted apart, as ``missions`` lists them.
        """
        if self.cancelled:
            meetings = Message(
                "calendar.count.meetings-cancelled",
                n=self.meetings - self.cancelled,
                cancelled=self.cancelled,
            )
        else:
            meetings = Message("count.meetings", n=self.meetings)
        counts = {
            "events": Message("calendar.count.events", n=self.events),
            "meetings": meetings,
            "trips": Message("count.trips", n=self.travel),
        }
        if self.participant_name:
            return Message(
                "calendar.wrote-for",
                **counts,
                title=self.mission_title,
                person=self.participant_name,
                path=self.path,
            )
        return Message("calendar.wrote", **counts, title=self.mission_title, path=self.path)


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
    progress.step(Message("calendar.step.reading"))
    dossier = load_dossier(db, mission_id)
    person = dossier.participant(participant_id).name if participant_id is not None else None
    progress.step(Message("calendar.step.writing"))
    rendered = render_calendar(dossier, participant_id)

    def write(out: BinaryIO) -> None:
        out.write(rendered.data)

    write_atomically(path, write, protect=db.path, binary=False)
    return CalendarExport(
        path=path,
        mission_title=dossier.title,
        participant_name=person,
        meetings=rendered.meetings,
        travel=rendered.travel,
        cancelled=rendered.cancelled,
    )
