"""The main window's menus, toolbar and actions, and which of them are offered."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QWidget,
)

from missionplanner import __version__
from ui.dialogs.sheet_export import sheet_titles
from ui.focus import focus_first
from ui.icons import icon
from ui.window.editing import EditingPart
from ui.window.files import FilesPart

translate = QCoreApplication.translate

# Whether the mission list is shown beside the workspace.
MISSION_LIST_KEY = "window/mission-list"


def _focus_into(view: QWidget) -> None:
    """Give the focus to the first control of ``view`` a Tab would reach."""
    if view.focusProxy() is not None:
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    focus_first(view, reason=Qt.FocusReason.ShortcutFocusReason)


def redo_keys(standard: list[QKeySequence] | None = None) -> list[QKeySequence]:
    """The platform's Redo keys (``standard``), then Ctrl+Y and Ctrl+Shift+Z if it lacks them.

    A key given twice to one action is ambiguous to Qt, which then ignores it: where
    Ctrl+Shift+Z is the platform's own Redo key, adding it again made Redo deaf.
    """
    if standard is None:
        standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    keys = list(standard)
    for extra in (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")):
        if extra not in keys:
            keys.append(extra)
    return keys


class ToolbarTwin(QAction):
    """A toolbar button for an action, with a fixed short text and its details as tooltip.

    The undo stack's actions name the edit ("Undo Edit meeting …"): on the toolbar that
    text changed its width after every edit and pushed buttons into the overflow. The
    twin has no keys of its own, so the menu action's keys are not given twice.
    """

    def __init__(self, action: QAction, text: str) -> None:
        super().__init__(action.icon(), text, action.parent())
        self._action = action
        action.changed.connect(self._follow)
        self.triggered.connect(action.trigger)
        self._follow()

    def _follow(self) -> None:
        if not shiboken6.isValid(self._action):
            return  # the window is being taken down, the menu action first
        self.setEnabled(self._action.isEnabled())
        self.setToolTip(self._action.toolTip())


class MenusPart(EditingPart, FilesPart):
    """Menus and actions: built once, enabled by the shown mission, read-only and work running."""

    # --- menus ------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_db = QAction(self.tr("&New database…"), self)
        self.new_db.triggered.connect(self.new_database)
        self.open_db = QAction(self.tr("&Open database…"), self)
        self.open_db.setShortcut(QKeySequence.StandardKey.Open)
        self.open_db.triggered.connect(self.choose_database)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_db)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_db)
        file_menu.addSeparator()
        self.import_action = QAction(self.tr("&Import mission file…"), self)
        self.import_action.triggered.connect(self.import_file)
        self.export_action = QAction(self.tr("&Export mission file…"), self)
        self.export_action.triggered.connect(self.export_file)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.print_action = QAction(self.tr("&Print…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_document)
        self.backups_action = QAction(self.tr("&Backups…"), self)
        self.backups_action.triggered.connect(self.show_backups)
        self.import_contacts_action = QAction(self.tr("Import &contacts…"), self)
        self.import_contacts_action.triggered.connect(self.import_contacts)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_contacts_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.backups_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.operations.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.operations.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(redo_keys())
        self.new_meeting_action = QAction(self.tr("&New meeting…"), self)
        self.new_meeting_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_meeting_action.triggered.connect(self.new_meeting_here)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_meeting_action)
        self.delete_meeting_action = QAction(self.tr("&Delete meeting"), self)
        # Delete works where meetings are shown; elsewhere the same key deletes what is
        # selected there (a city, a trip, a mission, an organization). The key is given
        # to it while the focus is there (see _delete_key_follows_focus).
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
        self.pages.currentChanged.connect(self._update_mission_actions)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._delete_key_follows_focus)

        for action, name in (
            (self.new_db, "new-database"),
            (self.open_db, "open"),
            (self.import_action, "import"),
            (self.export_action, "export"),
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
        self.undo_button = ToolbarTwin(self.undo_action, self.tr("Undo"))
        self.redo_button = ToolbarTwin(self.redo_action, self.tr("Redo"))
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        for item in (
            self.new_mission_action,
            self.add_city_action,
            self.add_travel_action,
            self.add_participant_action,
            self.new_meeting_action,
            None,
            self.undo_button,
            self.redo_button,
            None,
            self.import_action,
            self.export_briefing_action,
            self.print_action,
        ):
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(item)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Mission Planner"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _delete_key_follows_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Delete belongs to the delete action of the table with the focus, if any.

        Both actions work only where their table has the focus; given the key always,
        the menus showed Del beside "Delete mission…" and "Delete meeting" at once.
        """
        if not shiboken6.isValid(self.delete_meeting_action):
            return  # the window is being taken down
        key = QKeySequence(QKeySequence.StandardKey.Delete)
        meeting_here = new is not None and new in (self.meetings.table, self.schedule.grid.canvas)
        mission_here = new is not None and new is self.mission_list.table
        self.delete_meeting_action.setShortcut(key if meeting_here else QKeySequence())
        self.delete_mission_action.setShortcut(key if mission_here else QKeySequence())

    def _build_view_menu(self) -> None:
        """Every view one keystroke away: Ctrl+1…7 the mission's views, Ctrl+8 the directory."""
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.mission_list_action = QAction(self.tr("Mission &list"), self)
        self.mission_list_action.setShortcut(QKeySequence("Ctrl+L"))
        self.mission_list_action.setCheckable(True)
        self.mission_list_action.setChecked(True)
        self.mission_list_action.triggered.connect(self._mission_list_chosen)
        self.splitter.splitterMoved.connect(self._splitter_moved)
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
        """The mission list in sight (shown again if hidden), with the focus in its search."""
        self.set_mission_list_shown(True)
        self.pages.setCurrentWidget(self.splitter)
        self.mission_list.focus_search()

    def _mission_list_chosen(self, checked: bool) -> None:
        # Out of sight (the directory shown), Ctrl+L brings the list back rather than
        # hiding it.
        if checked or self.pages.currentWidget() is not self.splitter:
            self.show_mission_list()
        else:
            self.set_mission_list_shown(False)

    def set_mission_list_shown(self, shown: bool) -> None:
        """Show or hide the mission list beside the workspace; remembered across restarts."""
        focused = QApplication.focusWidget()
        if not shown and focused is not None and self.mission_list.isAncestorOf(focused):
            _focus_into(self.workspace.currentWidget())
        self.mission_list.setVisible(shown)
        sizes = self.splitter.sizes()
        if shown and sizes[0] == 0:
            # Collapsed by a drag: open it at its usual width again.
            total = sum(sizes)
            self.splitter.setSizes([min(520, total // 3), total - min(520, total // 3)])
        self.mission_list_action.setChecked(shown)
        self.settings.set_flag(MISSION_LIST_KEY, shown)

    def _splitter_moved(self) -> None:
        """A drag that collapses the list hides it: the menu says so and it comes back."""
        if self.splitter.sizes()[0] == 0 and self.mission_list_action.isChecked():
            self.set_mission_list_shown(False)

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
        """Offer only what this database allows, and nothing that would clash with work running.

        While a write, an import or a document runs, the actions that would start other
        work (or change what it works on) wait; reading and moving around stay open.
        """
        busy = self.operations.busy
        locked = self.db.read_only or busy
        for action in (
            self.import_action,
            self.import_contacts_action,
            self.delete_meeting_action,
            self.new_mission_action,
        ):
            action.setEnabled(not locked)
        for action in (self.new_db, self.open_db, self.export_action, self.backups_action):
            action.setEnabled(not busy)
        self.recent_menu.setEnabled(not busy)
        self.undo_action.setEnabled(not busy and self.operations.undo_stack.canUndo())
        self.redo_action.setEnabled(not busy and self.operations.undo_stack.canRedo())
        self._update_mission_actions()
        self.meetings.set_read_only(locked)
        self.schedule.set_read_only(locked)
        self.route.set_read_only(locked)
        self.delegation.set_read_only(locked)
        self.directory.set_read_only(locked)
        if self.db.read_only:
            title = self.tr("{name} (read-only) — Mission Planner")
        else:
            title = self.tr("{name} — Mission Planner")
        self.setWindowTitle(title.format(name=self.db.name))

    def _update_mission_actions(self) -> None:
        """Actions on the shown mission: only with a mission, never read-only or busy.

        Changes to the mission wait while the directory is shown: they would act on a
        mission the user cannot see.
        """
        busy = self.operations.busy
        # Documents only read: they work read-only too, as long as a mission is shown.
        for action in self.document_actions:
            action.setEnabled(self.plan is not None and not busy)
        in_sight = self.pages.currentWidget() is not self.directory
        enabled = self.plan is not None and not self.db.read_only and not busy and in_sight
        for action in (
            self.new_meeting_action,
            self.edit_mission_action,
            self.delete_mission_action,
            self.add_city_action,
            self.add_travel_action,
            self.add_participant_action,
        ):
            action.setEnabled(enabled)
