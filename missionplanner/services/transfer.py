"""Mission files in and out: import (all or nothing), export, the demo missions."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from missionplanner.errors import MissionFileError
from missionplanner.io import parse
from missionplanner.io.atomic import write_text_atomically
from missionplanner.io.mission_export import dumps, export_contents
from missionplanner.io.mission_import import ImportReport, import_contents
from missionplanner.io.reading import read_input
from missionplanner.messages import Message
from missionplanner.paths import demo_mission_file
from missionplanner.progress import SILENT, Progress
from missionplanner.store.database import Database
from missionplanner.store.schema import Contact, Organization


def read_file_bytes(path: Path) -> bytes:
    folder = Message("file.not-a-mission-file-folder", path=str(path))
    return read_input(Path(path), MissionFileError, folder)


def import_data(db: Database, data: Any, progress: Progress = SILENT) -> ImportReport:
    """Import decoded mission-file JSON. Any error leaves the database as it was."""
    progress.step(Message("import.checking"))
    with db.reading() as session:
        known_orgs = set(session.scalars(select(Organization.id)))
        known_contacts = set(session.scalars(select(Contact.id)))
    contents = parse.parse(data, known_orgs, known_contacts)
    with db.writing() as session:
        report = import_contents(session, contents, progress)
        progress.step(Message("import.saving"))
        return report


def import_file(db: Database, path: Path, progress: Progress = SILENT) -> ImportReport:
    progress.step(Message("import.reading", name=Path(path).name))
    data = parse.load_json(read_file_bytes(path), source=Path(path).name)
    return import_data(db, data, progress)


def load_demo(db: Database) -> ImportReport:
    """Load the demo missions shipped with the app; loading them again changes nothing."""
    return import_file(db, demo_mission_file())


def export_data(db: Database, mission_ids: Sequence[str] | None = None) -> dict[str, Any]:
    with db.reading() as session:
        return export_contents(session, mission_ids)


def export_file(db: Database, path: Path, mission_ids: Sequence[str] | None = None) -> int:
    """Write the missions (all when none are named) to ``path``; returns how many."""
    contents = export_data(db, mission_ids)
    write_text_atomically(path, dumps(contents), protect=db.path)
    return len(contents["missions"])
