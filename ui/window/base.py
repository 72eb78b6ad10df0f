"""What the parts of the main window share: its session, its views, the shown mission.

The window is split by job: menus and actions (``ui.window.menus``), record editing
(``ui.window.editing``), files, documents and backups (``ui.window.files``); the
window itself (``ui.main_window``) builds the views and keeps them up to date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QTabWidget

from missionplanner.checks import Problem
from missionplanner.domain.plan import MissionPlan
from missionplanner.services.missions import MissionSummary
from missionplanner.store.database import Database

if TYPE_CHECKING:
    from ui.backup_scheduler import BackupScheduler
    from ui.calendar_export import CalendarExports
    from ui.documents import DocumentExports
    from ui.operations import Operations
    from ui.session import Session
    from ui.settings import UiSettings
    from ui.views.delegation import DelegationView
    from ui.views.directory import DirectoryView
    from ui.views.meetings import MeetingsView
    from ui.views.missions import MissionListView
    from ui.views.overview import OverviewView
    from ui.views.problems import ProblemsView
    from ui.views.route import RouteView
    from ui.views.schedule import ScheduleView
    from ui.views.today import TodayView


class WindowBase(QMainWindow):
    """The state every part of the main window reads."""

    session: Session
    db: Database
    settings: UiSettings
    operations: Operations
    documents: DocumentExports
    calendar_exports: CalendarExports
    plan: MissionPlan | None
    problems: list[Problem]
    summaries: dict[str, MissionSummary]
    mission_list: MissionListView
    overview: OverviewView
    meetings: MeetingsView
    problems_view: ProblemsView
    schedule: ScheduleView
    route: RouteView
    delegation: DelegationView
    today: TodayView
    directory: DirectoryView
    workspace: QTabWidget
    pages: QTabWidget
    splitter: QSplitter
    recent_menu: QMenu
    backup_scheduler: BackupScheduler | None

    def refresh(self) -> None:
        raise NotImplementedError

    def show_mission(self, mission_id: str) -> None:
        raise NotImplementedError
