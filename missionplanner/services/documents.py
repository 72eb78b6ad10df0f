"""Printed documents of a mission (itinerary, briefing pack) written to a PDF file.

Each function reads the mission in one short session, renders off the database, and
writes the file all or nothing: a failure (unknown participant, cancelled, full disk)
leaves the target path as it was. They return the page count.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from missionplanner.export.paper import Paper, parse_paper
from missionplanner.io.atomic import write_atomically
from missionplanner.progress import SILENT, Progress
from missionplanner.services.dossier import load_dossier
from missionplanner.store.database import Database


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

    chosen = paper if isinstance(paper, Paper) else parse_paper(paper)
    progress.step("Reading the mission")
    dossier = load_dossier(db, mission_id)
    renderer = ItineraryRenderer(
        dossier, chosen, participant_id=participant_id, generated=generated, progress=progress
    )
    pages = 0

    def write(out: BinaryIO) -> None:
        nonlocal pages
        pages = renderer.render(out)

    write_atomically(Path(path), write)
    return pages


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

    chosen = paper if isinstance(paper, Paper) else parse_paper(paper)
    progress.step("Reading the mission")
    dossier = load_dossier(db, mission_id)
    progress.step("Checking the schedule")
    renderer = BriefingRenderer(
        dossier, chosen, confidential=confidential, generated=generated, progress=progress
    )
    pages = 0

    def write(out: BinaryIO) -> None:
        nonlocal pages
        pages = renderer.render(out)

    write_atomically(Path(path), write)
    return pages
