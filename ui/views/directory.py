"""The organization directory: a filterable list on the left, one organization on the right."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from missionplanner.services.directory import list_organizations
from missionplanner.store.database import Database
from ui.models.contacts import ContactTableModel
from ui.models.meeting_history import MeetingHistoryModel
from ui.models.organization_filter import OrganizationFilterProxy
from ui.models.organizations import OrganizationTableModel
from ui.views.directory_details import DirectoryDetailsPart
from ui.views.directory_list import DirectoryListPart

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class DirectoryView(DirectoryListPart, DirectoryDetailsPart):
    """Every organization, filtered by words, kind and country, with the selected one's
    details, contacts and meetings across missions.

    The view reads through the directory services (plain rows, never ORM objects); the
    main window connects the signals to the operations that change data and calls
    :meth:`refresh` after a change.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._read_only = False
        self._shown_id: str | None = None
        # After a delete, the organization shown in the same place is selected next.
        self._reselect_row: int | None = None

        self.model = OrganizationTableModel(self)
        self.proxy = OrganizationFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.contacts_model = ContactTableModel(self)
        self.history_model = MeetingHistoryModel(self)

        self._build_actions()
        self._build_list()
        self._build_details()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setAccessibleName(self.tr("Organizations and details"))
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_pane)
        self.splitter.addWidget(self._details_pane)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setSizes([550, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._set_tab_order()
        self._connect()
        self._show_placeholder()
        self._update_count()
        self._update_actions()

    # Building

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.search_field,
            self.kind_combo,
            self.country_combo,
            self.table,
            self.website_value,
            self.profile_view,
            self.contacts_table,
            self.history_table,
            self.new_button,
            self.edit_button,
            self.delete_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self.proxy.set_text)
        self.search_field.returnPressed.connect(self._go_to_results)
        # Bound methods rather than lambdas: Qt drops those connections with the view,
        # and no reference cycle through a closure is left for the garbage collector.
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.country_combo.currentIndexChanged.connect(self._country_chosen)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
            # A selection hidden by a filter goes without a selectionChanged signal.
            signal.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._request_edit)
        self.history_table.doubleClicked.connect(self._history_activated)

    # Public interface

    def refresh(self, db: Database) -> None:
        """(Re)load every organization from ``db``, keeping the filters and selection.

        Errors of the database (:class:`MissionPlannerError`) reach the caller.
        """
        self._db = db
        selected = self.selected_organization_id()
        rows = list_organizations(db)
        self.model.set_rows(rows)
        self._fill_countries(rows)
        reselect, self._reselect_row = self._reselect_row, None
        if selected is None or not self.select_organization(selected, clear_filters=False):
            if reselect is not None and self.proxy.rowCount():
                self.table.selectRow(min(reselect, self.proxy.rowCount() - 1))
            else:
                self._show_placeholder()
        self._update_count()

    def set_read_only(self, read_only: bool) -> None:
        """Disable creating and editing organizations (a database opened read-only)."""
        self._read_only = read_only
        self._update_actions()

    def is_read_only(self) -> bool:
        return self._read_only

    # Behaviour

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            if watched is self.table:
                self._request_edit()
                return True
            if watched is self.history_table:
                self._history_activated(self.history_table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _selection_changed(self, *_args: object) -> None:
        row = self._selected_row()
        if row is None:
            self._show_placeholder()
        elif (
            row.id != self._shown_id or self._details_pane.currentWidget() is not self._details_page
        ):
            self._show_organization(row.id)
        self._update_actions()
