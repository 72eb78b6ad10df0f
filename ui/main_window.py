"""The main window: missions and their workspace, the directory; kept up to date."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QSplitter,
    QTabWidget,
    QWidget,
)

from missionplanner.checks import Problem, check, tally
from missionplanner.domain.changes import (
    CONTACT,
    FOLLOW_UP,
    MEETING,
    MISSION,
    ORGANIZATION,
    Changes,
)
from missionplanner.domain.forms import (
    MissionForm,
)
from missionplanner.domain.plan import MissionPlan
from missionplanner.errors import MissionPlannerError
from missionplanner.services import records
from missionplanner.services.missions import (
    MissionSummary,
    list_missions,
    load_plan,
    organization_names,
)
from missionplanner.store.database import Database
from ui.calendar_export import CalendarExports
from ui.documents import DocumentExports
from ui.errors import show_error
from ui.session import Session
from ui.settings import UiSettings
from ui.views.delegation import DelegationView
from ui.views.meetings import MeetingsView, meeting_rows
from ui.views.missions import MissionListView
from ui.views.overview import OverviewView
from ui.views.problems import ProblemsView
from ui.views.route import RouteView
from ui.views.today import TodayView
from ui.window.menus import MISSION_LIST_KEY, MenusPart

translate = QCoreApplication.translate


class MainWindow(MenusPart):
    """One database's missions and directory; closing it closes its session."""

    # The window has closed and its session with it.
    closed = Signal()

    def __init__(self, session: Session | Database, settings: UiSettings | None = None) -> None:
        super().__init__()
        self.session = session if isinstance(session, Session) else Session(session)
        self.db = self.session.db
        self.settings = settings or UiSettings()
        self.operations = self.session.attach(self)
        self.documents = DocumentExports(self, self.operations.runner, self.db, self.settings)
        self.calendar_exports = CalendarExports(
            self, self.operations.runner, self.db, self.settings
        )
        self.backup_scheduler = self.session.backup_scheduler
        if self.backup_scheduler is not None:
            self.backup_scheduler.backup_failed.connect(self._backup_failed)
        self.plan: MissionPlan | None = None
        self.problems: list[Problem] = []
        self.summaries: dict[str, MissionSummary] = {}

        self.mission_list = MissionListView()
        self.overview = OverviewView()
        self.meetings = MeetingsView()
        self.problems_view = ProblemsView()
        from ui.views.schedule import ScheduleView

        self.schedule = ScheduleView()
        self.workspace = QTabWidget()
        self.workspace.setAccessibleName(self.tr("Mission workspace"))
        self.route = RouteView()
        self.delegation = DelegationView()
        self.today = TodayView()
        self.workspace.addTab(self.overview, self.tr("Overview"))
        self.workspace.addTab(self.route, self.tr("Cities && travel"))
        self.workspace.addTab(self.schedule, self.tr("Schedule"))
        self.workspace.addTab(self.meetings, self.tr("Meetings"))
        self.workspace.addTab(self.delegation, self.tr("Delegation"))
        self.workspace.addTab(self.problems_view, self.tr("Problems"))
        self.workspace.addTab(self.today, self.tr("Today / Next"))
        self.splitter = QSplitter()
        self.splitter.addWidget(self.mission_list)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 920])
        from ui.views.directory import DirectoryView

        self.directory = DirectoryView()
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.splitter, self.tr("Missions"))
        self.pages.addTab(self.directory, self.tr("Directory"))
        self.setCentralWidget(self.pages)

        self._build_menus()
        self._stale_views: set[QWidget] = set()
        self._directory_stale = True
        self.workspace.currentChanged.connect(self._update_current_view)
        self.pages.currentChanged.connect(self._update_directory)
        self.mission_list.mission_selected.connect(self.show_mission)
        self.meetings.edit_requested.connect(self.edit_meeting)
        self.meetings.new_requested.connect(self.new_meeting_here)
        self.schedule.edit_requested.connect(self.edit_meeting)
        self.schedule.move_requested.connect(self.move_meeting)
        self.schedule.create_requested.connect(self.new_meeting)
        self.problems_view.activated.connect(self.jump_to)
        self.route.stop_edit_requested.connect(self.edit_stop)
        self.route.travel_edit_requested.connect(self.edit_travel)
        self.route.stop_delete_requested.connect(self.delete_stop)
        self.route.travel_delete_requested.connect(self.delete_travel)
        self.delegation.participant_delete_requested.connect(self.delete_participant)
        self.delegation.participant_edit_requested.connect(self.edit_participant)
        self.directory.edit_requested.connect(self.edit_organization)
        self.directory.new_requested.connect(self.new_organization)
        self.directory.delete_requested.connect(self.delete_organization)
        self.directory.meeting_activated.connect(self.show_meeting)
        self.operations.changed.connect(self._changed)
        self.operations.runner.busy_changed.connect(self._apply_read_only)
        self._apply_read_only()
        self._restore_state()
        self.refresh()

    # --- state ------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.bytes("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        shown = self.settings.flag(MISSION_LIST_KEY, True) and self.splitter.sizes()[0] > 0
        self.set_mission_list_shown(shown)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The closing backup of a large database takes a moment: say so with the cursor.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session.close()
        finally:
            QApplication.restoreOverrideCursor()
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/splitter", self.splitter.saveState())
        self.settings.set_bytes("window/state", self.saveState())
        super().closeEvent(event)
        self.closed.emit()

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        summaries = list_missions(self.db)
        self.summaries = {s.id: s for s in summaries}
        self.mission_list.set_missions(summaries)
        self._directory_stale = True
        self._update_directory()
        if self.plan is None and summaries:
            self.mission_list.select(summaries[0].id)
        elif self.plan is not None:
            self.show_mission(self.plan.id)
        else:
            self._clear_workspace()

    def show_mission(self, mission_id: str) -> None:
        try:
            self.plan = load_plan(self.db, mission_id)
            form, _version = records.load(self.db, MissionForm, mission_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        self.problems = check(self.plan)
        self.workspace.setEnabled(True)
        self._update_mission_actions()
        self.overview.show_mission(form, self.summaries.get(mission_id), self.problems)
        self.problems_view.set_problems(self.problems)
        # The other views are filled when they are shown: a 1,000-meeting mission would
        # otherwise fill five views to show one.
        self._stale_views = {
            self.schedule, self.meetings, self.route, self.delegation, self.today
        }  # fmt: skip
        self._update_current_view()
        count = sum(tally(self.problems))
        self.workspace.setTabText(
            self.workspace.indexOf(self.problems_view),
            self.tr("Problems ({n})").format(n=count) if count else self.tr("Problems"),
        )

    def _clear_workspace(self) -> None:
        """No mission to show (none yet, or the shown one was deleted): empty views."""
        self.plan = None
        self.problems = []
        self._stale_views = set()
        empty = MissionPlan("", "", "UTC")
        self.overview.show_mission(MissionForm(None, self.tr("No mission selected")), None, [])
        self.problems_view.set_problems([])
        self.schedule.set_plan(empty)
        self.meetings.set_rows([])
        self.route.set_plan(empty)
        self.delegation.set_plan(empty)
        self.today.set_plan(empty)
        self.workspace.setTabText(self.workspace.indexOf(self.problems_view), self.tr("Problems"))
        self.workspace.setEnabled(False)
        self._update_mission_actions()

    def _update_current_view(self) -> None:
        view = self.workspace.currentWidget()
        if self.plan is None or view not in self._stale_views:
            return
        self._stale_views.discard(view)
        if view is self.schedule:
            self.schedule.set_plan(self.plan, self.problems)
        elif view is self.meetings:
            names = organization_names(self.db, self.plan)
            self.meetings.set_rows(meeting_rows(self.plan, names))
        elif view is self.route:
            self.route.set_plan(self.plan)
        elif view is self.delegation:
            self.delegation.set_plan(self.plan)
        elif view is self.today:
            self.today.set_plan(self.plan)

    def _update_directory(self) -> None:
        """The directory (20,000 organizations in a large database) loads when shown."""
        if self._directory_stale and self.pages.currentWidget() is self.directory:
            self._directory_stale = False
            self.directory.refresh(self.db)

    def _changed(self, changes: Changes) -> None:
        """Update what ``changes`` touched: its missions, the list, the directory."""
        if changes.everything:
            self._refresh_after(changes, "")
            return
        mission_ids = changes.missions | changes.ids(MISSION)
        if changes.touches(ORGANIZATION, CONTACT, MEETING, FOLLOW_UP):
            # The directory lists organizations, their people and their meetings.
            self._directory_stale = True
            self._update_directory()
        if mission_ids:
            self._refresh_after(changes, next(iter(sorted(mission_ids))))
        elif self.plan is not None and changes.touches(ORGANIZATION, CONTACT):
            # Names of organizations and people show in the mission's views.
            self.show_mission(self.plan.id)

    def _refresh_after(self, changes: Changes, mission_id: str) -> None:
        """The mission list again, then the shown mission if ``changes`` touched it."""
        row = self.mission_list.current_row()
        summaries = list_missions(self.db)
        self.summaries = {s.id: s for s in summaries}
        self.mission_list.set_missions(summaries)
        if changes.everything:
            self._directory_stale = True
            self._update_directory()
        if self.plan is not None and self.plan.id not in self.summaries:
            # The mission is gone (deleted, or its creation undone): show the next one.
            self._clear_workspace()
            if mission_id not in self.summaries:
                self.mission_list.select_row(row)
        if self.plan is None and not mission_id and summaries:
            self.mission_list.select(summaries[0].id)
        elif mission_id in self.summaries and (self.plan is None or mission_id != self.plan.id):
            # A change to another mission (an undo, an import): show it.
            self.mission_list.select(mission_id)
        elif self.plan is not None and changes.touches_mission(self.plan.id):
            self.show_mission(self.plan.id)
