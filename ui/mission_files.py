"""File → Export mission file: the missions as JSON, to share or to import elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from missionplanner.progress import Progress
from missionplanner.services import transfer
from missionplanner.services.missions import list_missions
from missionplanner.store.database import Database
from ui import labels
from ui.saving import FileType, clean_file_name, save_as
from ui.settings import UiSettings
from ui.tasks import Runner

translate = QCoreApplication.translate


def suggested_mission_file_name(
    db: Database, mission_ids: Sequence[str] | None, title: str | None = None
) -> str:
    """The mission's title for one mission, "missions" for several (without suffix)."""
    fallback = translate("MissionFiles", "missions")
    if mission_ids is None or len(mission_ids) != 1:
        return fallback
    titles = [title] if title else [m.title for m in list_missions(db) if m.id == mission_ids[0]]
    return clean_file_name(titles[0], fallback=fallback) if titles else fallback


def export_mission_file(
    parent: QWidget | None,
    runner: Runner,
    db: Database,
    settings: UiSettings,
    mission_ids: Sequence[str] | None,
    *,
    title: str | None = None,
) -> bool:
    """Ask where, write the missions (all when ``mission_ids`` is None), offer to open.

    ``title`` (of the one mission exported) saves looking it up for the file name.

    Returns at once; False if nothing was started (cancelled, or another task runs).
    """
    if runner.busy:
        return False
    ids = list(mission_ids) if mission_ids is not None else None

    def write(path: Path, _progress: Progress) -> int:
        return transfer.export_file(db, path, ids)

    def details(count: int) -> str:
        return translate("MissionFiles", "{missions}.").format(missions=labels.mission_count(count))

    return save_as(
        parent,
        runner,
        settings,
        title=translate("MissionFiles", "Export mission file"),
        name=suggested_mission_file_name(db, ids, title),
        types=(FileType(translate("MissionFiles", "Mission files"), ".json"),),
        write=write,
        failed_title=translate("MissionFiles", "Nothing was exported"),
        details=details,
        protect=db.path,
    )
