"""The mission list: search, status filter, dates and counts."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.enums import MissionStatus
from missionplanner.domain.places import fold
from missionplanner.services.missions import MissionSummary
from ui import labels
from ui.models.table import KEY_ROLE, ROW_ROLE, SORT_ROLE, Column, RowTableModel


class MissionFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status = ""
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self.status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row: MissionSummary = self.sourceModel().index(source_row, 0, source_parent).data(ROW_ROLE)
        if self.status and row.status != self.status:
            return False
        haystack = fold(" ".join((row.title, row.organizer, *row.cities, row.id)))
        return all(word in haystack for word in self.text.split())


class MissionListView(QWidget):
    mission_selected = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        columns: list[Column[MissionSummary]] = [
            Column(self.tr("Mission"), lambda m: m.title,
                   tooltip=lambda m: f"{m.title}\n{', '.join(m.cities)}"),
            Column(
                self.tr("Dates"),
                lambda m: f"{m.start:%d %b} – {m.end:%d %b %Y}" if m.start and m.end else "",
                sort=lambda m: m.start.isoformat() if m.start else "9999",
            ),
            Column(self.tr("Status"), lambda m: labels.mission_status(m.status)),
            Column(self.tr("Meetings"), lambda m: str(m.meetings), sort=lambda m: m.meetings,
                   numeric=True),
        ]  # fmt: skip
        self.model: RowTableModel[MissionSummary] = RowTableModel(
            columns, key=lambda m: m.id, parent=self
        )
        self.proxy = MissionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search missions…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search missions"))
        self.search.textChanged.connect(self.proxy.set_text)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Mission status filter"))
        self.status.addItem(self.tr("All statuses"), "")
        for status in MissionStatus:
            self.status.addItem(labels.mission_status(status), status.value)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Missions"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        # Tab leaves the table (arrow keys move between rows).
        self.table.setTabKeyNavigation(False)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def add_row_actions(self, actions: list[QAction | None]) -> None:
        """Actions on the selected mission in the table's context menu (None: a separator).

        Their shortcuts (Delete) work while the table has the focus.
        """
        for action in actions:
            if action is None:
                separator = QAction(self.table)
                separator.setSeparator(True)
                self.table.addAction(separator)
            else:
                self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _status_changed(self) -> None:
        self.proxy.set_status(str(self.status.currentData()))

    def set_missions(self, missions: list[MissionSummary]) -> None:
        current = self.current_id()
        self.model.set_rows(missions)
        if current:
            self.select(current)

    def current_id(self) -> str:
        index = self.table.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else ""

    def current_row(self) -> int:
        """The row of the current mission as shown (sorted and filtered); -1 for none."""
        return self.table.currentIndex().row()

    def select(self, mission_id: str) -> None:
        """Make a mission current; one hidden by the filters is shown by clearing them."""
        row = self.model.row_of(mission_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            self.status.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)

    def select_row(self, row: int) -> None:
        """Make the mission shown at ``row`` current (the last one if fewer are shown)."""
        count = self.proxy.rowCount()
        if count and row >= 0:
            self.table.setCurrentIndex(self.proxy.index(min(row, count - 1), 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.mission_selected.emit(str(current.data(KEY_ROLE)))
