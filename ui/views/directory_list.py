"""The directory's list of organizations: search, kind and country filters, the count,
and the actions on the selected organization."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.enums import OrganizationKind
from missionplanner.services.directory import OrganizationRow
from ui import labels
from ui.icons import icon
from ui.models.organizations import OrganizationColumn, country_name, kind_label
from ui.models.table import ROW_ROLE
from ui.views.directory_base import DirectoryBase, directory_table


class DirectoryListPart(DirectoryBase):
    """The filterable list of organizations and what can be done to the selected one."""

    def _build_actions(self) -> None:
        self.find_action = QAction(self.tr("&Find organization"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        self.new_action = QAction(self.tr("&New organization…"), self)
        self.new_action.triggered.connect(self._request_new)
        self.edit_action = QAction(self.tr("&Edit organization…"), self)
        self.edit_action.triggered.connect(self._request_edit)
        self.delete_action = QAction(icon("delete"), self.tr("&Delete organization"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self._request_delete)

    def _build_list(self) -> None:
        pane = self._list_pane = QWidget(self)
        layout = QVBoxLayout(pane)

        self.search_field = QLineEdit(pane)
        self.search_field.setPlaceholderText(
            self.tr("Filter by name, city, country, kind, sector…")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Filter organizations"))
        self.search_field.setAccessibleDescription(
            self.tr(
                "Shows the organizations whose name, city, country, kind, sectors or "
                "contacts contain every word typed. Ctrl+F comes back here."
            )
        )
        layout.addWidget(self.search_field)

        filters = QHBoxLayout()
        kind_label_widget = QLabel(self.tr("&Kind:"), pane)
        self.kind_combo = QComboBox(pane)
        self.kind_combo.setAccessibleName(self.tr("Kind of organization"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in sorted(OrganizationKind, key=lambda k: kind_label(k).casefold()):
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_label_widget.setBuddy(self.kind_combo)
        country_label_widget = QLabel(self.tr("C&ountry:"), pane)
        self.country_combo = QComboBox(pane)
        self.country_combo.setAccessibleName(self.tr("Country"))
        self.country_combo.addItem(self.tr("All countries"), None)
        self.country_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.country_combo.setMinimumContentsLength(14)
        country_label_widget.setBuddy(self.country_combo)
        filters.addWidget(kind_label_widget)
        filters.addWidget(self.kind_combo)
        filters.addSpacing(12)
        filters.addWidget(country_label_widget)
        filters.addWidget(self.country_combo)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = directory_table(self.tr("Organizations"), pane)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(OrganizationColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.installEventFilter(self)
        # Delete and the context menu act on the selected organization.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        separator = QAction(self.table)
        separator.setSeparator(True)
        for action in (self.edit_action, self.new_action, separator, self.delete_action):
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("M")
        widths = {
            OrganizationColumn.KIND: 12 * em,
            OrganizationColumn.CITY: 8 * em,
            OrganizationColumn.COUNTRY: 9 * em,
            OrganizationColumn.SECTORS: 10 * em,
        }
        for column in (OrganizationColumn.CONTACTS, OrganizationColumn.MEETINGS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widths[column] = metrics.horizontalAdvance(title) + 2 * em
        for column, width in widths.items():
            header.resizeSection(column, width)
        # The name takes the room left: the counts stay next to their headings.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(OrganizationColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(4 * em)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(pane)
        self.count_label.setAccessibleName(self.tr("Number of organizations shown"))
        bottom.addWidget(self.count_label, 1)
        self.new_button = QPushButton(self.tr("&New organization…"), pane)
        self.new_button.setAccessibleName(self.tr("New organization"))
        self.new_button.clicked.connect(self.new_action.trigger)
        self.edit_button = QPushButton(self.tr("&Edit…"), pane)
        self.edit_button.setAccessibleName(self.tr("Edit organization"))
        self.edit_button.setToolTip(self.tr("Edit the selected organization (Enter)"))
        self.edit_button.clicked.connect(self.edit_action.trigger)
        self.delete_button = QPushButton(self.tr("&Delete"), pane)
        self.delete_button.setAccessibleName(self.tr("Delete organization"))
        self.delete_button.setToolTip(
            self.tr(
                "Delete the selected organization and its contacts (Delete); one that "
                "took part in meetings is kept for their history"
            )
        )
        self.delete_button.clicked.connect(self.delete_action.trigger)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

    def select_organization(self, org_id: str, *, clear_filters: bool = True) -> bool:
        """Select and show an organization; false when it is not in the directory.

        One hidden by the filters is shown by clearing them (unless ``clear_filters`` is
        false, then nothing is selected).
        """
        source_row = self.model.row_for_id(org_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            if not clear_filters:
                return False
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_organization_id(self) -> str | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def clear_filters(self) -> None:
        self.search_field.clear()
        self.kind_combo.setCurrentIndex(0)
        self.country_combo.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _selected_row(self) -> OrganizationRow | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, OrganizationRow) else None

    def _fill_countries(self, rows: list[OrganizationRow]) -> None:
        current = self.country_combo.currentData()
        codes = sorted(
            {row.country for row in rows if row.country}, key=lambda c: country_name(c).casefold()
        )
        self.country_combo.blockSignals(True)
        try:
            self.country_combo.clear()
            self.country_combo.addItem(self.tr("All countries"), None)
            for code in codes:
                self.country_combo.addItem(country_name(code), code)
            position = self.country_combo.findData(current) if current else 0
            self.country_combo.setCurrentIndex(max(position, 0))
        finally:
            self.country_combo.blockSignals(False)
        self.proxy.set_country(self.country_combo.currentData())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        locale = QLocale()
        self.count_label.setText(
            self.tr("{shown} of {organizations}").format(
                shown=locale.toString(shown), organizations=labels.organizations(total)
            )
        )

    def _update_actions(self) -> None:
        writable = not self._read_only
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and self._selected_row() is not None)
        self.delete_action.setEnabled(self.edit_action.isEnabled())
        self.new_button.setEnabled(self.new_action.isEnabled())
        self.edit_button.setEnabled(self.edit_action.isEnabled())
        self.delete_button.setEnabled(self.delete_action.isEnabled())

    def _request_new(self) -> None:
        if not self._read_only:
            self.new_requested.emit()

    def _kind_chosen(self, _position: int) -> None:
        self.proxy.set_kind(self.kind_combo.currentData())

    def _country_chosen(self, _position: int) -> None:
        self.proxy.set_country(self.country_combo.currentData())

    def _request_edit(self, *_args: object) -> None:
        row = self._selected_row()
        if row is not None and not self._read_only:
            self.edit_requested.emit(row.id)

    def _request_delete(self) -> None:
        row = self._selected_row()
        if row is not None and not self._read_only:
            self._reselect_row = self.table.currentIndex().row()
            self.delete_requested.emit(row.id)

    def _go_to_results(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if self._selected_row() is None:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
