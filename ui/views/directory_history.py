"""The selected organization's meetings across missions, in the directory; a meeting
opens in its mission."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from missionplanner.services.directory import MeetingHistoryRow
from ui import labels
from ui.models.meeting_history import HistoryColumn
from ui.models.table import ROW_ROLE
from ui.views.directory_base import DirectoryBase, directory_table


class DirectoryHistoryPart(DirectoryBase):
    """The meeting history of the organization shown."""

    def _build_history(self, page: QWidget, layout: QVBoxLayout) -> None:
        self.history_title = self._section_title(self.tr("Meetings"), page)
        self.history_table = directory_table(self.tr("Meeting history"), page)
        self.history_table.setModel(self.history_model)
        self.history_table.installEventFilter(self)
        self.history_table.setToolTip(self.tr("Double-click a meeting to open it in its mission"))
        history_header = self.history_table.horizontalHeader()
        history_header.setStretchLastSection(False)
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for history_column in (HistoryColumn.MISSION, HistoryColumn.MEETING):
            history_header.setSectionResizeMode(history_column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_table, 1)
        # Takes the room of the history table while it is hidden (no meetings yet).
        layout.addStretch(0)

    def _fill_history(self, history: list[MeetingHistoryRow]) -> None:
        self.history_model.set_rows(history)
        self.history_table.setVisible(bool(history))
        missions = len({row.mission_id for row in history})
        if history:
            self.history_title.setText(
                self.tr("Meetings in all missions (%n)", "", len(history))
                + " · "
                + labels.mission_count(missions)
            )
        else:
            self.history_title.setText(self.tr("Meetings in all missions: none yet"))

    def _history_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, MeetingHistoryRow):
            self.meeting_activated.emit(row.mission_id, row.meeting_id)
