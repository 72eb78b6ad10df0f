"""Printed documents of a mission (itinerary, briefing pack) written to a PDF file.

Each function reads the mission in one short session, renders off the database, and
writes the file all or nothing: a failure (unknown participant, cancelled, full disk)
leaves the target path as it was. They return the page count.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from sqlalchemy import func, select

from missionplanner.domain.dossier import Dossier
from missionplanner.errors import MissionPlannerError
from missionplanner.export.limits import MOST_MEETINGS, confidential_line
from missionplanner.export.paper import Paper, parse_paper
from missionplanner.io.atomic import write_atomically
from missionplanner.messages import Message
from missionplanner.progress import SILENT, Progress
from missionplanner.services.dossier import load_dossier
from missionplanner.store.database import Database
from missionplanner.store.schema import Meeting, Mission


def export_itinerary(
    db: Database,
    mission_id: str,
    path: Path,
    participant_id: str | None = None,
    paper: Paper | str | None = None,
    progress: Progress = SILENT,
    generated: datetime | None = None,
) -> int:
    """Write the itinerary of a mission (or of one participant) to ``path``."""
    from missionplanner.export.itinerary import ItineraryRenderer

    chosen, dossier = _read(db, mission_id, paper, progress)
    renderer = ItineraryRenderer(
        dossier, chosen, participant_id=participant_id, generated=generated, progress=progress
    )
    return _write(renderer, path, db)


def export_briefing(
    db: Database,
    mission_id: str,
    path: Path,
    confidential: str | None = None,
    paper: Paper | str | None = None,
    progress: Progress = SILENT,
    generated: datetime | None = None,
) -> int:
    """Write the briefing pack of a mission to ``path``; returns the page count.

    ``confidential`` is an optional line printed on the cover and at the foot of every
    page. An unknown mission is a NotFoundError before anything is written.
    """
    from missionplanner.export.briefing import BriefingRenderer

    confidential = confidential_line(confidential)
    chosen, dossier = _read(db, mission_id, paper, progress)
    progress.step(Message("document.step.checking"))
    renderer = BriefingRenderer(
        dossier, chosen, confidential=confidential, generated=generated, progress=progress
    )
    return _write(renderer, path, db)


class _Renderer(Protocol):
    def render(self, stream: IO[bytes]) -> int: ...


def _read(
    db: Database, mission_id: str, paper: Paper | str | None, progress: Progress
) -> tuple[Paper, Dossier]:
    """The chosen paper and the mission read in one short session."""
    chosen = paper if isinstance(paper, Paper) else parse_paper(paper)
    progress.step(Message("document.step.reading"))
    _refuse_too_large(db, mission_id)
    return chosen, load_dossier(db, mission_id)


def _refuse_too_large(db: Database, mission_id: str) -> None:
    """A mission too large to lay out is refused in words before it is read: a pack of
    100,000 meetings was killed by the system at 22 GB."""
    with db.reading() as session:
        title = session.execute(select(Mission.title).where(Mission.id == mission_id)).scalar()
        meetings = session.execute(
            select(func.count()).select_from(Meeting).where(Meeting.mission_id == mission_id)
        ).scalar_one()
    if title is not None and meetings > MOST_MEETINGS:
        raise MissionPlannerError(
            Message("document.mission-too-large", title=title, n=meetings, most=MOST_MEETINGS)
        )


def _write(renderer: _Renderer, path: Path, db: Database) -> int:
    """Render to ``path`` all or nothing; returns the page count."""
    pages = 0

    def write(out: BinaryIO) -> None:
        nonlocal pages
        pages = renderer.render(out)

    write_atomically(path, write, protect=db.path)
    return pages
