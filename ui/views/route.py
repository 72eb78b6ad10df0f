"""Cities & travel: the ordered stops and the travel between them, in local times."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from missionplanner.domain.plan import MissionPlan, StopInfo, TravelInfo
from missionplanner.domain.zones import abbreviation
from missionplanner.wording import duration
from ui import labels
from ui.icons import icon
from ui.models.table import KEY_ROLE, SORT_ROLE, Column, RowTableModel


def delete_action(table: QTableView, text: str, slot: Callable[[], None]) -> QAction:
    """Delete (key and context menu) for the selected row of ``table``."""
    action = QAction(text, table)
    action.setShortcut(QKeySequence.StandardKey.Delete)
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setIcon(icon("delete"))
    action.triggered.connect(slot)
    table.addAction(action)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def _table(
    model: RowTableModel[object], name: str, sortable: bool = True
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    # Switching sorting on sorts at once (by the header's default, descending), and
    # switching it off again does not undo that: a table kept in its model's order never
    # has it on.
    view.setSortingEnabled(sortable)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between rows
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class RouteView(QWidget):
    stop_edit_requested = Signal(str)
    travel_edit_requested = Signal(str)
    stop_delete_requested = Signal(str)
    travel_delete_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        stop_columns: list[Column[StopInfo]] = [
            Column(self.tr("City"), lambda s: s.city),
            Column(self.tr("Country"), lambda s: s.country),
            Column(self.tr("Time zone"), lambda s: s.timezone),
            Column(self.tr("Arrive"), lambda s: f"{s.arrive:%a %d %b %Y}",
                   sort=lambda s: s.arrive.isoformat()),
            Column(self.tr("Depart"), lambda s: f"{s.depart:%a %d %b %Y}",
                   sort=lambda s: s.depart.isoformat()),
            Column(self.tr("Nights"), lambda s: str((s.depart - s.arrive).days),
                   sort=lambda s: (s.depart - s.arrive).days, numeric=True),
            Column(self.tr("Hotel"), lambda s: s.hotel),
        ]  # fmt: skip
        travel_columns: list[Column[TravelInfo]] = [
            Column(self.tr("From"), lambda t: t.origin),
            Column(self.tr("To"), lambda t: t.destination),
            Column(self.tr("Carrier"),
                   lambda t: " ".join(p for p in (t.carrier, t.reference) if p)),
            Column(
                self.tr("Departs (local)"),
                lambda t: f"{t.depart_local:%a %d %b %H:%M} "
                f"{abbreviation(t.depart_utc, t.depart_timezone)}",
                sort=lambda t: t.depart_utc.isoformat(),
            ),
            Column(
                self.tr("Arrives (local)"),
                lambda t: f"{t.arrive_local:%a %d %b %H:%M} "
                f"{abbreviation(t.arrive_utc, t.arrive_timezone)}",
                sort=lambda t: t.arrive_utc.isoformat(),
            ),
            Column(self.tr("Duration"), lambda t: duration(t.arrive_utc - t.depart_utc),
                   sort=lambda t: (t.arrive_utc - t.depart_utc).total_seconds(), numeric=True),
            Column(self.tr("Who"), lambda t: self.tr("Whole delegation") if not t.participant_ids
                   else labels.travellers(len(t.participant_ids))),
        ]  # fmt: skip
        self.stops: RowTableModel[StopInfo] = RowTableModel(
            stop_columns, key=lambda s: s.id, parent=self
        )
        self.travel: RowTableModel[TravelInfo] = RowTableModel(
            travel_columns, key=lambda t: t.id, parent=self
        )
        # Cities stay in the order of the route; travel sorts by departure.
        self.stop_table, self.stop_proxy = _table(
            self.stops,  # type: ignore[arg-type]
            self.tr("Cities"),
            sortable=False,
        )
        self.travel_table, self.travel_proxy = _table(self.travel, self.tr("Travel"))  # type: ignore[arg-type]
        self.travel_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.stop_table.doubleClicked.connect(self._stop_double_clicked)
        self.travel_table.doubleClicked.connect(self._travel_double_clicked)
        self.delete_stop_action = delete_action(
            self.stop_table, self.tr("Delete city"), self._delete_stop
        )
        self.delete_travel_action = delete_action(
            self.travel_table, self.tr("Delete travel"), self._delete_travel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Cities</b>")))
        layout.addWidget(self.stop_table, 2)
        layout.addWidget(QLabel(self.tr("<b>Travel</b>")))
        layout.addWidget(self.travel_table, 3)

    def _stop_double_clicked(self, index: QModelIndex) -> None:
        self.stop_edit_requested.emit(str(index.data(KEY_ROLE)))

    def _delete_stop(self) -> None:
        index = self.stop_table.currentIndex()
        if index.isValid():
            self.stop_delete_requested.emit(str(index.data(KEY_ROLE)))

    def _delete_travel(self) -> None:
        index = self.travel_table.currentIndex()
        if index.isValid():
            self.travel_delete_requested.emit(str(index.data(KEY_ROLE)))

    def select(self, record_id: str) -> None:
        """Select a city or a trip by id."""
        for model, table in ((self.stops, self.stop_table), (self.travel, self.travel_table)):
            row = model.row_of(record_id)
            if row >= 0:
                proxy = table.model()
                assert isinstance(proxy, QSortFilterProxyModel)
                table.setCurrentIndex(proxy.mapFromSource(model.index(row, 0)))
                table.setFocus()
                return

    def set_read_only(self, read_only: bool) -> None:
        self.delete_stop_action.setEnabled(not read_only)
        self.delete_travel_action.setEnabled(not read_only)

    def _travel_double_clicked(self, index: QModelIndex) -> None:
        self.travel_edit_requested.emit(str(index.data(KEY_ROLE)))

    def set_plan(self, plan: MissionPlan) -> None:
        self.stops.set_rows(list(plan.stops))
        self.travel.set_rows(list(plan.travel))
        self.stop_table.resizeColumnsToContents()
        self.travel_table.resizeColumnsToContents()
