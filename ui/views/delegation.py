"""The delegation, and each participant's own agenda."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from missionplanner.domain.agenda import AgendaItem, agenda
from missionplanner.domain.plan import MissionPlan, ParticipantInfo
from missionplanner.domain.zones import abbreviation, to_local
from ui.models.table import KEY_ROLE, SORT_ROLE, Column, RowTableModel
from ui.views.route import delete_action


def local_range(item: AgendaItem) -> str:
    """ "Tue 14 Sep 10:00–11:45 -03"; a trip: both ends with their zones."""
    start = to_local(item.start_utc, item.timezone)
    start_zone = abbreviation(item.start_utc, item.timezone)
    end = to_local(item.end_utc, item.end_zone)
    end_zone = abbreviation(item.end_utc, item.end_zone)
    if item.end_zone == item.timezone and end.date() == start.date():
        return f"{start:%a %d %b %H:%M}–{end:%H:%M} {start_zone}"
    return f"{start:%a %d %b %H:%M} {start_zone} → {end:%a %d %b %H:%M} {end_zone}"


def _table(model: RowTableModel[object], name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between rows
    view.setWordWrap(False)  # one line per row, cut with "…" (tooltips have it all)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _fit_columns(view: QTableView, widest: int) -> None:
    """Columns fitted to their contents, none wider than ``widest`` (tooltips hold the rest)."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount() - 1):
        view.setColumnWidth(column, min(view.columnWidth(column), widest))


class DelegationView(QWidget):
    participant_edit_requested = Signal(str)
    participant_delete_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.plan: MissionPlan | None = None
        people: list[Column[ParticipantInfo]] = [
            Column(self.tr("Name"), lambda p: p.name, tooltip=lambda p: p.name),
            Column(self.tr("Role"), lambda p: p.role, tooltip=lambda p: p.role or None),
            Column(
                self.tr("Organization"),
                lambda p: p.organization,
                tooltip=lambda p: p.organization or None,
            ),
        ]
        # Ids of the items that open a day of the agenda: the day is written on them only,
        # so the agenda reads in groups, one per local day.
        self._day_openers: set[str] = set()
        items: list[Column[AgendaItem]] = [
            Column(self.tr("Day"), self._day_text, font=self._day_font),
            Column(self.tr("When (local)"), local_range,
                   sort=lambda a: a.start_utc.isoformat()),
            Column(self.tr("What"), lambda a: a.what, tooltip=lambda a: a.what),
            Column(self.tr("Where"), lambda a: a.where, tooltip=lambda a: a.where or None),
        ]  # fmt: skip
        self.people: RowTableModel[ParticipantInfo] = RowTableModel(
            people, key=lambda p: p.id, parent=self
        )
        self.items: RowTableModel[AgendaItem] = RowTableModel(
            items, key=lambda a: a.id, parent=self
        )
        self.people_table = _table(self.people, self.tr("Delegation"))  # type: ignore[arg-type]
        self.agenda_table = _table(self.items, self.tr("Agenda"))  # type: ignore[arg-type]
        self.people_table.selectionModel().currentRowChanged.connect(self._person_changed)
        self.people_table.doubleClicked.connect(self._person_double_clicked)
        self.delete_action = delete_action(
            self.people_table, self.tr("Remove from the delegation"), self._delete_person
        )
        self.agenda_title = QLabel()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.agenda_title)
        right_layout.addWidget(self.agenda_table)
        # The delegation above its member's agenda: both get the whole width, so the
        # agenda shows when, what and where without scrolling sideways.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.people_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 680])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def set_plan(self, plan: MissionPlan) -> None:
        self.plan = plan
        self.people.set_rows(list(plan.participants))
        _fit_columns(self.people_table, widest=320)
        if plan.participants and not self.people_table.currentIndex().isValid():
            self.people_table.setCurrentIndex(self.people_table.model().index(0, 0))
        self._show_agenda()

    def _day_text(self, item: AgendaItem) -> str:
        if item.id not in self._day_openers:
            return ""
        return f"{to_local(item.start_utc, item.timezone):%a %d %b}"

    def _day_font(self, item: AgendaItem) -> QFont | None:
        if item.id not in self._day_openers:
            return None
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _delete_person(self) -> None:
        index = self.people_table.currentIndex()
        if index.isValid():
            self.participant_delete_requested.emit(str(index.data(KEY_ROLE)))

    def set_read_only(self, read_only: bool) -> None:
        self.delete_action.setEnabled(not read_only)

    def _person_double_clicked(self, index: QModelIndex) -> None:
        self.participant_edit_requested.emit(str(index.data(KEY_ROLE)))

    def _person_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_agenda()

    def _show_agenda(self) -> None:
        index = self.people_table.currentIndex()
        if self.plan is None or not index.isValid():
            self.items.set_rows([])
            self.agenda_title.setText("")
            return
        participant_id = str(index.data(KEY_ROLE))
        person = next(p for p in self.plan.participants if p.id == participant_id)
        self.agenda_title.setText(self.tr("<b>Agenda of {name}</b>").format(name=person.name))
        rows = list(agenda(self.plan, participant_id))
        self._day_openers.clear()
        previous: date | None = None
        for item in rows:
            day = to_local(item.start_utc, item.timezone).date()
            if day != previous:
                self._day_openers.add(item.id)
            previous = day
        self.items.set_rows(rows)
        _fit_columns(self.agenda_table, widest=420)
