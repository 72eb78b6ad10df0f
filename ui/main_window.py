"""The main window: missions and their workspace, the directory, menus, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from missionplanner import __version__
from missionplanner.checks import Problem, check
from missionplanner.domain.forms import (
    Form,
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
)
from missionplanner.domain.plan import MissionPlan
from missionplanner.errors import MissionPlannerError
from missionplanner.progress import Cancelled
from missionplanner.services import records, transfer
from missionplanner.services.commands import RecordCommand
from missionplanner.services.missions import (
    MissionSummary,
    list_missions,
    load_plan,
    organization_choices,
    organization_names,
)
from missionplanner.store.database import Database, open_database
from ui import labels
from ui.backup_scheduler import BackupScheduler
from ui.calendar_export import CalendarExports
from ui.dialogs.backups import BackupsDialog
from ui.dialogs.document_options import DocumentKind
from ui.dialogs.meeting import MeetingDialog, new_meeting_form
from ui.dialogs.mission import MissionDialog, ParticipantDialog, StopDialog
from ui.dialogs.organization import OrganizationDialog
from ui.dialogs.sheet_export import export_mission_sheet, sheet_titles
from ui.dialogs.travel import TravelDialog
from ui.documents import DocumentExports
from ui.errors import show_error
from ui.icons import icon
from ui.mission_files import export_mission_file
from ui.models.table import KEY_ROLE
from ui.operations import Operations
from ui.settings import UiSettings
from ui.tasks import run_with_progress
from ui.views.delegation import DelegationView
from ui.views.meetings import MeetingsView, meeting_rows
from ui.views.missions import MissionListView
from ui.views.overview import OverviewView
from ui.views.problems import ProblemsView
from ui.views.route import RouteView
from ui.views.today import TodayView

translate = QCoreApplication.translate

# Windows opened from another window (File → Open) are kept alive here.
OPEN_WINDOWS: list[MainWindow] = []


def mission_contents(plan: MissionPlan) -> str:
    """What a mission holds, in words: "2 cities, 1 trip, 14 meetings and 3 participants"."""
    parts = [
        labels.count_text(
            len(plan.stops),
            translate("MainWindow", "1 city"),
            translate("MainWindow", "{n} cities"),
        ),
        labels.count_text(
            len(plan.travel),
            translate("MainWindow", "1 trip"),
            translate("MainWindow", "{n} trips"),
        ),
        labels.count_text(
            len(plan.meetings),
            translate("MainWindow", "1 meeting"),
            translate("MainWindow", "{n} meetings"),
        ),
        labels.count_text(
            len(plan.participants),
            translate("MainWindow", "1 participant"),
            translate("MainWindow", "{n} participants"),
        ),
    ]
    return translate("MainWindow", "{list} and {last}").format(
        list=", ".join(parts[:-1]), last=parts[-1]
    )


def _focus_into(view: QWidget) -> None:
    """Give the focus to the first control of ``view`` a Tab would reach."""
    if view.focusProxy() is not None:
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    widget = view.nextInFocusChain()
    while widget is not view:
        if (
            view.isAncestorOf(widget)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(view)
            and widget.isEnabled()
        ):
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        widget = widget.nextInFocusChain()


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: UiSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.settings = settings or UiSettings()
        self.operations = Operations(db, self)
        self.documents = DocumentExports(self, self.operations.runner, db, self.settings)
        self.calendar_exports = CalendarExports(self, self.operations.runner, db, self.settings)
        self.backup_scheduler: BackupScheduler | None = None
        if db.path is not None and not db.read_only:
            self.backup_scheduler = BackupScheduler(db.path, self)
            self.operations.changed.connect(self.backup_scheduler.note_change)
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
        self._apply_read_only()
        self._restore_state()
        self.refresh()

    # --- menus ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new_db = QAction(self.tr("&New database…"), self)
        new_db.triggered.connect(self.new_database)
        open_db = QAction(self.tr("&Open database…"), self)
        open_db.setShortcut(QKeySequence.StandardKey.Open)
        open_db.triggered.connect(self.choose_database)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.insertAction(self.recent_menu.menuAction(), new_db)
        file_menu.insertAction(self.recent_menu.menuAction(), open_db)
        file_menu.addSeparator()
        self.import_action = QAction(self.tr("&Import mission file…"), self)
        self.import_action.triggered.connect(self.import_file)
        export_action = QAction(self.tr("&Export mission file…"), self)
        export_action.triggered.connect(self.export_file)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_document)
        backups_action = QAction(self.tr("&Backups…"), self)
        backups_action.triggered.connect(self.show_backups)
        self.import_contacts_action = QAction(self.tr("Import &contacts…"), self)
        self.import_contacts_action.triggered.connect(self.import_contacts)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_contacts_action)
        file_menu.addAction(export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(backups_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.operations.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.operations.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Shift+Z")])
        self.new_meeting_action = QAction(self.tr("&New meeting…"), self)
        self.new_meeting_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_meeting_action.triggered.connect(self.new_meeting_here)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_meeting_action)
        self.delete_meeting_action = QAction(self.tr("&Delete meeting"), self)
        self.delete_meeting_action.setShortcut(QKeySequence.StandardKey.Delete)
        # Delete works where meetings are shown; elsewhere the same key deletes what is
        # selected there (a city, a trip, a mission, an organization).
        self.delete_meeting_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_meeting_action.triggered.connect(self.delete_selected_meeting)
        self.meetings.table.addAction(self.delete_meeting_action)
        self.schedule.grid.canvas.addAction(self.delete_meeting_action)
        edit_menu.addAction(self.delete_meeting_action)

        mission_menu = self.menuBar().addMenu(self.tr("&Mission"))
        self.new_mission_action = QAction(self.tr("&New mission…"), self)
        self.new_mission_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_mission_action.triggered.connect(self.new_mission)
        self.edit_mission_action = QAction(self.tr("&Edit mission…"), self)
        self.edit_mission_action.triggered.connect(self.edit_mission)
        self.delete_mission_action = QAction(self.tr("&Delete mission…"), self)
        self.delete_mission_action.setShortcut(QKeySequence.StandardKey.Delete)
        # The Delete key deletes a mission only from the mission list.
        self.delete_mission_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_mission_action.triggered.connect(self.delete_mission)
        self.add_city_action = QAction(self.tr("Add &city…"), self)
        self.add_city_action.triggered.connect(self.add_city)
        self.add_participant_action = QAction(self.tr("Add &participant…"), self)
        self.add_participant_action.triggered.connect(self.add_participant)
        self.add_travel_action = QAction(self.tr("Add &travel…"), self)
        self.add_travel_action.triggered.connect(self.add_travel)
        for action in (
            self.new_mission_action,
            self.edit_mission_action,
            self.delete_mission_action,
            self.add_city_action,
            self.add_travel_action,
            self.add_participant_action,
        ):
            mission_menu.addAction(action)
        mission_menu.insertSeparator(self.add_city_action)
        self.mission_list.add_row_actions(
            [self.edit_mission_action, None, self.delete_mission_action]
        )
        self._build_export_menu()
        self._build_view_menu()

        for action, name in (
            (new_db, "new-database"),
            (open_db, "open"),
            (self.import_action, "import"),
            (export_action, "export"),
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.new_meeting_action, "new-meeting"),
            (self.delete_meeting_action, "delete"),
            (self.delete_mission_action, "delete"),
            (self.new_mission_action, "new-mission"),
            (self.add_city_action, "add-city"),
            (self.add_travel_action, "add-travel"),
            (self.add_participant_action, "add-participant"),
        ):
            action.setIcon(icon(name))
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        for action in (
            self.new_mission_action,
            self.add_city_action,
            self.add_travel_action,
            self.add_participant_action,
            self.new_meeting_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.import_action,
            self.export_briefing_action,
            self.print_action,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Mission Planner"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_view_menu(self) -> None:
        """Every view one keystroke away: Ctrl+1…7 the mission's views, Ctrl+8 the directory."""
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.mission_list_action = QAction(self.tr("Mission &list"), self)
        self.mission_list_action.setShortcut(QKeySequence("Ctrl+L"))
        self.mission_list_action.triggered.connect(self.show_mission_list)
        view_menu.addAction(self.mission_list_action)
        view_menu.addSeparator()
        self.view_actions: list[QAction] = []
        titles = (
            self.tr("&Overview"),
            self.tr("&Cities and travel"),
            self.tr("&Schedule"),
            self.tr("&Meetings"),
            self.tr("D&elegation"),
            self.tr("&Problems"),
            self.tr("&Today / Next"),
            self.tr("&Directory"),
        )
        for number, title in enumerate(titles, start=1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(number - 1)
            action.triggered.connect(self._view_chosen)
            view_menu.addAction(action)
            self.view_actions.append(action)
        view_menu.insertSeparator(self.view_actions[-1])
        native = QKeySequence.SequenceFormat.NativeText
        for index in range(self.workspace.count()):
            shortcut = self.view_actions[index].shortcut().toString(native)
            self.workspace.setTabToolTip(index, shortcut)
        self.pages.setTabToolTip(1, self.view_actions[-1].shortcut().toString(native))
        self.pages.setTabToolTip(0, self.mission_list_action.shortcut().toString(native))

    def _view_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_view(int(action.data()))

    def show_view(self, number: int) -> None:
        """Show a mission view (0–6 in tab order) or the directory (7), with the focus in it."""
        if number >= self.workspace.count():
            self.pages.setCurrentWidget(self.directory)
            self.directory.focus_search()
            return
        self.pages.setCurrentWidget(self.splitter)
        self.workspace.setCurrentIndex(number)
        if self.workspace.currentWidget() is self.schedule:
            self.schedule.setFocus(Qt.FocusReason.ShortcutFocusReason)  # the grid
        else:
            _focus_into(self.workspace.currentWidget())

    def show_mission_list(self) -> None:
        self.pages.setCurrentWidget(self.splitter)
        self.mission_list.focus_search()

    def _build_export_menu(self) -> None:
        export_menu = self.menuBar().addMenu(self.tr("E&xport"))
        self.export_itinerary_action = QAction(self.tr("&Itinerary (PDF)…"), self)
        self.export_itinerary_action.triggered.connect(self.export_itinerary)
        self.export_personal_action = QAction(self.tr("Itinerary for a &participant (PDF)…"), self)
        self.export_personal_action.triggered.connect(self.export_personal_itinerary)
        self.export_briefing_action = QAction(self.tr("&Briefing pack (PDF)…"), self)
        self.export_briefing_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.export_briefing_action.triggered.connect(self.export_briefing)
        self.export_calendar_action = QAction(self.tr("&Calendar (.ics)…"), self)
        self.export_calendar_action.triggered.connect(self.export_calendar)
        self.sheet_actions: list[QAction] = []
        for sheet, title in sheet_titles().items():
            action = QAction(title, self)
            action.setData(sheet)
            action.triggered.connect(self.export_sheet)
            self.sheet_actions.append(action)
        self.export_menu = export_menu
        self.document_actions = [
            self.export_itinerary_action,
            self.export_personal_action,
            self.export_briefing_action,
            self.export_calendar_action,
            *self.sheet_actions,
            self.print_action,
        ]
        for action in self.document_actions[:-1]:
            action.setIcon(icon("export"))
            export_menu.addAction(action)
        self.export_briefing_action.setIcon(icon("document"))
        self.print_action.setIcon(icon("print"))
        self.export_briefing_action.setIconText(self.tr("Briefing pack"))
        export_menu.insertSeparator(self.export_calendar_action)
        export_menu.insertSeparator(self.sheet_actions[0])

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Mission Planner"),
            self.tr("Mission Planner {version}\nPlan, review and print trade missions.").format(
                version=__version__
            ),
        )

    def _apply_read_only(self) -> None:
        read_only = self.db.read_only
        for action in (
            self.import_action,
            self.import_contacts_action,
            self.delete_meeting_action,
            self.new_mission_action,
        ):
            action.setEnabled(not read_only)
        self._update_mission_actions()
        self.meetings.set_read_only(read_only)
        self.schedule.set_read_only(read_only)
        self.route.set_read_only(read_only)
        self.delegation.set_read_only(read_only)
        self.directory.set_read_only(read_only)
        if read_only:
            title = self.tr("{name} (read-only) — Mission Planner")
        else:
            title = self.tr("{name} — Mission Planner")
        self.setWindowTitle(title.format(name=self.db.name))

    def _update_mission_actions(self) -> None:
        """Actions on the shown mission: only with a mission, never read-only."""
        # Documents only read: they work read-only too, as long as a mission is shown.
        for action in self.document_actions:
            action.setEnabled(self.plan is not None)
        enabled = self.plan is not None and not self.db.read_only
        for action in (
            self.new_meeting_action,
            self.edit_mission_action,
            self.delete_mission_action,
            self.add_city_action,
            self.add_travel_action,
            self.add_participant_action,
        ):
            action.setEnabled(enabled)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backup_scheduler is not None:
            # A large database takes a moment to copy: say so with the cursor.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.backup_scheduler.on_close()
            finally:
                QApplication.restoreOverrideCursor()
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        self.settings.set_bytes("window/splitter", self.splitter.saveState())
        self.settings.set_bytes("window/state", self.saveState())
        super().closeEvent(event)

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
        count = len(self.problems)
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

    def _changed(self, mission_id: str, _record_id: str) -> None:
        row = self.mission_list.current_row()
        summaries = list_missions(self.db)
        self.summaries = {s.id: s for s in summaries}
        self.mission_list.set_missions(summaries)
        self._directory_stale = True
        self._update_directory()
        if self.plan is not None and self.plan.id not in self.summaries:
            # The mission is gone (deleted, or its creation undone): show the next one.
            self._clear_workspace()
            if mission_id not in self.summaries:
                self.mission_list.select_row(row)
        if mission_id in self.summaries and (self.plan is None or mission_id != self.plan.id):
            # A change to another mission (an undo, a restored mission): show it.
            self.mission_list.select(mission_id)
        elif self.plan is not None and (not mission_id or mission_id == self.plan.id):
            self.show_mission(self.plan.id)

    # --- editing ----------------------------------------------------------------------

    def _open_meeting_dialog(self, form: MeetingForm, version: int | None) -> None:
        assert self.plan is not None
        organizations, contacts = organization_choices(self.db)
        dialog = MeetingDialog(
            self.operations, self.plan, form, version, organizations, contacts, self
        )
        dialog.exec()

    def edit_meeting(self, meeting_id: str) -> None:
        try:
            form, version = records.load(self.db, MeetingForm, meeting_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        self._open_meeting_dialog(form, version)

    def new_meeting_here(self) -> None:
        """A new meeting on the first day of the mission (from a menu or button)."""
        self.new_meeting(None, "")

    def new_meeting(self, start: datetime | None, stop_id: str) -> None:
        if self.plan is None or self.db.read_only:
            return
        if not self.plan.stops:
            QMessageBox.information(
                self, self.tr("New meeting"), self.tr("Add a city to the mission first.")
            )
            return
        first = self.plan.stops[0]
        start = start or datetime(first.arrive.year, first.arrive.month, first.arrive.day, 9)
        self._open_meeting_dialog(new_meeting_form(self.plan, stop_id, start), None)

    def move_meeting(self, meeting_id: str, new_start: datetime) -> None:
        if self.db.read_only:
            return
        try:
            before, version = records.load(self.db, MeetingForm, meeting_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        duration = before.end_local - before.start_local
        after = replace(before, start_local=new_start, end_local=new_start + duration)
        self.operations.try_run(
            RecordCommand.edit(
                self.tr("Move meeting “{0}”").format(before.title), before, after, version
            )
        )

    def new_mission(self) -> None:
        form = MissionForm(None, "", home_timezone=self.settings_home_zone())
        dialog = MissionDialog(self.operations, form, None, self)
        if dialog.exec() and dialog.saved_id:
            self.mission_list.select(dialog.saved_id)

    def settings_home_zone(self) -> str:
        if self.plan is not None:
            return self.plan.home_timezone
        return "UTC"

    def edit_mission(self) -> None:
        if self.plan is None:
            return
        try:
            form, version = records.load(self.db, MissionForm, self.plan.id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        MissionDialog(self.operations, form, version, self).exec()

    def add_city(self) -> None:
        if self.plan is None:
            return
        start = self.plan.stops[-1].depart if self.plan.stops else date.today()
        form = StopForm(None, self.plan.id, "", "", start, start + timedelta(days=2))
        StopDialog(self.operations, form, None, self).exec()

    def add_participant(self) -> None:
        if self.plan is None:
            return
        ParticipantDialog(
            self.operations, ParticipantForm(None, self.plan.id, ""), None, self
        ).exec()

    def edit_stop(self, stop_id: str) -> None:
        try:
            form, version = records.load(self.db, StopForm, stop_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        StopDialog(self.operations, form, version, self).exec()

    def add_travel(self) -> None:
        if self.plan is None:
            return
        stops = self.plan.stops
        first = stops[0] if stops else None
        second = stops[1] if len(stops) > 1 else first
        day = first.depart if first else date.today()
        start = datetime(day.year, day.month, day.day, 9, 0)
        form = TravelForm(
            None,
            self.plan.id,
            first.city if first else "",
            second.city if second else "",
            start,
            first.timezone if first else self.plan.home_timezone,
            start + timedelta(hours=2),
            second.timezone if second else self.plan.home_timezone,
        )
        TravelDialog(self.operations, self.plan, form, None, self).exec()

    def edit_travel(self, travel_id: str) -> None:
        if self.plan is None:
            return
        try:
            form, version = records.load(self.db, TravelForm, travel_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        TravelDialog(self.operations, self.plan, form, version, self).exec()

    def edit_participant(self, participant_id: str) -> None:
        try:
            form, version = records.load(self.db, ParticipantForm, participant_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        ParticipantDialog(self.operations, form, version, self).exec()

    def _delete(self, form_type: type[Form], record_id: str, text: str) -> None:
        if self.db.read_only:
            return
        try:
            command = RecordCommand.delete(self.db, text, form_type, record_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        self.operations.try_run(command)

    def delete_stop(self, stop_id: str) -> None:
        self._delete(StopForm, stop_id, self.tr("Delete city"))

    def delete_travel(self, travel_id: str) -> None:
        self._delete(TravelForm, travel_id, self.tr("Delete travel"))

    def delete_participant(self, participant_id: str) -> None:
        self._delete(ParticipantForm, participant_id, self.tr("Remove participant"))

    def selected_meeting(self) -> str:
        if self.workspace.currentWidget() is self.schedule:
            return self.schedule.selected_meeting() or ""
        index = self.meetings.table.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else ""

    def delete_selected_meeting(self) -> None:
        meeting_id = self.selected_meeting()
        if not meeting_id or self.db.read_only:
            return
        try:
            command = RecordCommand.delete(
                self.db, self.tr("Delete meeting"), MeetingForm, meeting_id
            )
        except MissionPlannerError as error:
            show_error(self, error)
            return
        assert command.before is not None
        command.text = self.tr("Delete meeting “{0}”").format(command.before.title)
        self.operations.try_run(command)

    def delete_mission(self) -> None:
        """Delete the shown mission and all it holds, once the user confirms; undoable."""
        if self.plan is None or self.db.read_only:
            return
        mission_id = self.plan.id
        try:
            command = RecordCommand.delete(self.db, "", MissionForm, mission_id)
            plan = load_plan(self.db, mission_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        assert command.before is not None
        title = command.before.title
        command.text = self.tr("Delete mission “{0}”").format(title)
        if self.confirm_delete_mission(title, plan):
            self.operations.try_run(command)

    def confirm_delete_mission(self, title: str, plan: MissionPlan) -> bool:
        """Ask before deleting a mission, naming it and what goes with it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete mission"))
        box.setText(self.tr("Delete the mission “{title}”?").format(title=title))
        box.setInformativeText(
            self.tr(
                "It holds {contents}; they are deleted with it. Edit → Undo brings everything back."
            ).format(contents=mission_contents(plan))
        )
        delete = box.addButton(self.tr("&Delete mission"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_organization(self, org_id: str) -> None:
        """Delete an organization and its contacts (undoable); one that met is kept."""
        if self.db.read_only:
            return
        try:
            command = RecordCommand.delete(self.db, "", OrganizationForm, org_id)
            assert command.before is not None
            command.text = self.tr("Delete organization {0}").format(command.before.name)
            self.operations.run(command)
        except MissionPlannerError as error:
            show_error(self, error, self.tr("Organization not deleted"))

    def edit_organization(self, org_id: str) -> None:
        try:
            form, version = records.load(self.db, OrganizationForm, org_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        OrganizationDialog(self.operations, form, version, self).exec()

    def new_organization(self) -> None:
        dialog = OrganizationDialog(self.operations, OrganizationForm(None, ""), None, self)
        if dialog.exec() and dialog.saved_id:
            self.directory.select_organization(dialog.saved_id)

    def show_meeting(self, mission_id: str, meeting_id: str) -> None:
        self.pages.setCurrentIndex(0)
        self.mission_list.select(mission_id)
        self.workspace.setCurrentWidget(self.meetings)
        self.meetings.select(meeting_id)

    def jump_to(self, refs: list[str]) -> None:
        """Show the first record a problem names: a meeting, a trip or a city."""
        if self.plan is None:
            return
        meeting_ids = {m.id for m in self.plan.meetings}
        route_ids = {t.id for t in self.plan.travel} | {s.id for s in self.plan.stops}
        for ref in refs:
            if ref in meeting_ids:
                self.workspace.setCurrentWidget(self.schedule)
                self.schedule.select_meeting(ref)
                return
            if ref in route_ids:
                self.workspace.setCurrentWidget(self.route)
                self.route.select(ref)
                return

    # --- files ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_databases():
            action = self.recent_menu.addAction(str(path))
            action.setData(str(path))
            action.triggered.connect(self._open_recent)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.switch_database(Path(str(action.data())))

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database"), "missions.sqlite", self.tr("Databases (*.sqlite)")
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self,
                    self.tr("New database"),
                    self.tr("{name} already exists; choose a new name, or open it.").format(
                        name=Path(path).name
                    ),
                )
                return
            self.switch_database(Path(path))

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), "", self.tr("Databases (*.sqlite);;All files (*)")
        )
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> MainWindow | None:
        """Open ``path`` in a new window and close this one; refused files change nothing."""
        try:
            db = open_database(path, read_only=self.db.read_only and path.exists())
        except MissionPlannerError as error:
            show_error(self, error, self.tr("Cannot open the database"))
            return None
        self.settings.remember_database(path)
        window = MainWindow(db, self.settings)
        OPEN_WINDOWS.append(window)
        window.show()
        self.close()
        return window

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import mission file"), "", self.tr("Mission files (*.json)")
        )
        if not path:
            return
        try:
            report = run_with_progress(
                self,
                self.tr("Importing {name}").format(name=Path(path).name),
                lambda progress: transfer.import_file(self.db, Path(path), progress),
            )
        except Cancelled:
            return
        except MissionPlannerError as error:
            show_error(self, error, self.tr("Nothing was imported"))
            return
        self.refresh()
        QMessageBox.information(self, self.tr("Imported"), "\n".join(report.lines()))

    def export_file(self) -> None:
        plan = self.plan
        export_mission_file(
            self,
            self.operations.runner,
            self.db,
            self.settings,
            [plan.id] if plan is not None else None,
            title=plan.title if plan is not None else None,
        )

    # --- documents and backups -------------------------------------------------------

    def export_itinerary(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.ITINERARY)

    def export_personal_itinerary(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.PARTICIPANT_ITINERARY)

    def export_briefing(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.BRIEFING)

    def print_document(self) -> None:
        if self.plan is not None:
            self.documents.print(self.plan)

    def export_calendar(self) -> None:
        if self.plan is not None:
            participant = self.schedule.participant_combo.currentData() or None
            self.calendar_exports.export(self.plan, participant)

    def show_backups(self) -> None:
        dialog = BackupsDialog(self.db, self, scheduler=self.backup_scheduler)
        dialog.exec()
        if dialog.restore_result is not None and self.db.path is not None:
            # The dialog closed this window's database to swap the file in.
            self.switch_database(self.db.path)

    def _backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(
            self.tr("Automatic backup failed: {message}").format(message=message), 15_000
        )

    def import_contacts(self) -> None:
        # Imported when used: phone-number data is slow to load and start-up counts.
        from ui.dialogs.contact_import import ContactImportWizard

        wizard = ContactImportWizard(self.db, self)
        if wizard.exec() and wizard.imported_plan is not None:
            self.refresh()
            QMessageBox.information(
                self, self.tr("Contacts imported"), "\n".join(wizard.imported_plan.summary())
            )
        wizard.deleteLater()

    def export_sheet(self) -> None:
        action = self.sender()
        if self.plan is not None and isinstance(action, QAction):
            export_mission_sheet(
                self,
                self.operations.runner,
                self.db,
                self.settings,
                self.plan.id,
                self.plan.title,
                str(action.data()),
            )
