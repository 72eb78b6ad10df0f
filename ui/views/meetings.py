"""All meetings of a mission in a sortable, filterable table."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.places import fold
from missionplanner.domain.plan import MeetingInfo, MissionPlan
from missionplanner.domain.zones import abbreviation
from ui import labels
from ui.models.table import KEY_ROLE, SORT_ROLE, Column, RowTableModel


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting: MeetingInfo
    city: str
    organizations: str
    attendees: str

    @property
    def search_text(self) -> str:
        m = self.meeting
        return fold(" ".join((m.title, m.status, m.kind, m.venue, self.city,
                              self.organizations, self.attendees)))  # fmt: skip


def meeting_rows(plan: MissionPlan, organization_names: dict[str, str]) -> list[MeetingRow]:
    cities = {stop.id: stop.city for stop in plan.stops}
    people = {p.id: p.name for p in plan.participants}
    rows = []
    for meeting in plan.meetings:
        attendees = (
            ", ".join(people.get(pid, pid) for pid in sorted(meeting.attendee_ids, key=str))
            if meeting.attendee_ids
            else QCoreApplication.translate("MeetingsView", "Whole delegation")
        )
        rows.append(
            MeetingRow(
                meeting,
                cities.get(meeting.stop_id, ""),
                ", ".join(organization_names.get(o, o) for o in meeting.organization_ids),
                attendees,
            )
        )
    return rows


class MeetingFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowTableModel)
        row: MeetingRow = model.rows()[source_row]
        return all(word in row.search_text for word in self.words)


def _struck_out_if_cancelled(row: MeetingRow) -> QFont | None:
    if row.meeting.status != MeetingStatus.CANCELLED:
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


class MeetingsView(QWidget):
    edit_requested = Signal(str)
    new_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        columns: list[Column[MeetingRow]] = [
            Column(self.tr("Date"), lambda r: f"{r.meeting.start_local:%a %d %b %Y}",
                   sort=lambda r: r.meeting.start_utc.isoformat()),
            Column(
                self.tr("Local time"),
                lambda r: f"{r.meeting.start_local:%H:%M}–{r.meeting.end_local:%H:%M} "
                f"{abbreviation(r.meeting.start_utc, r.meeting.timezone)}",
                sort=lambda r: r.meeting.start_local.strftime("%H:%M"),
            ),
            Column(self.tr("City"), lambda r: r.city),
            Column(self.tr("Meeting"), lambda r: r.meeting.title,
                   tooltip=lambda r: r.meeting.title),
            Column(self.tr("Organizations"), lambda r: r.organizations,
                   tooltip=lambda r: r.organizations or None),
            Column(self.tr("Status"), lambda r: labels.meeting_status(r.meeting.status)),
            Column(self.tr("Attendees"), lambda r: r.attendees, tooltip=lambda r: r.attendees),
        ]  # fmt: skip
        # Cancelled meetings stay in the list, struck out (as in the directory).
        columns = [replace(column, font=_struck_out_if_cancelled) for column in columns]
        self.model: RowTableModel[MeetingRow] = RowTableModel(
            columns, key=lambda r: r.meeting.id, parent=self
        )
        self.proxy = MeetingFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter meetings…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Filter meetings"))
        self.search.textChanged.connect(self.proxy.set_text)
        self.new_button = QPushButton(self.tr("New meeting…"))
        self.new_button.setAccessibleName(self.tr("New meeting"))
        self.new_button.clicked.connect(self.new_requested)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Meetings"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setWordWrap(False)
        # Fit columns to a sample of rows, not all of a 1,000-meeting mission.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.edit_requested.emit(str(index.data(KEY_ROLE)))

    def set_rows(self, rows: list[MeetingRow]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        # Long titles and lists are cut (their tooltips have them whole) so that every
        # column, attendees last, fits the workspace of a 1440-pixel-wide window.
        for column, widest in ((3, 240), (4, 170), (6, 220)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def select(self, meeting_id: str) -> None:
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def set_read_only(self, read_only: bool) -> None:
        self.new_button.setEnabled(not read_only)
